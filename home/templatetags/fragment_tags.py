"""Parts of a public page kept rendered by the process until the next publish.

`{% keep "name" [more values] %} … {% endkeep %}` renders what it encloses
once and keeps the HTML (the "fragments" cache, in the process's memory)
under the page cache's generation (home.page_cache): any publish, snippet,
setting or picture saved starts a new one, and every fragment is rendered
afresh. A page cache miss (its entry expired so that counts stay fresh, or
a link with a query string of its own) then renders only what can change
without a publish: counts, the petition's state at its deadline, forms with
their errors.

A fragment is kept for the page being shown, the path it was asked for
(a petition page and its thank-you page are two), its site and the active
language, and for any more values given (`{% keep "form" status.is_open %}`).
It is never kept for previews, for POSTs (a form shown again with its
errors), for views without a page (search results, 404s: their paths are
endless) or when the generation cannot be read (the shared cache away).

What goes inside must not change between publishes for the same page and
language: no counts, no dates compared with now, nothing from the request
but its page and language. Wagtail's `{% wagtailpagecache %}` keys on the
page's own revision, which misses the other pages and snippets a fragment
shows (cards, menus, translations), hence a tag of our own.
"""

from django import template
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home.page_cache import page_cache_generation

register = template.Library()

FRAGMENTS_CACHE = "fragments"


class KeepNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if (
            request is None
            or request.method not in ("GET", "HEAD")
            or getattr(request, "is_preview", False)
        ):
            return self.nodelist.render(context)
        page = context.get("page")
        if not isinstance(page, Page) or not page.pk:
            return self.nodelist.render(context)
        generation = page_cache_generation()
        if generation is None:
            return self.nodelist.render(context)
        site = Site.find_for_request(request)
        key = make_template_fragment_key(
            self.name,
            [
                generation,
                get_language(),
                getattr(site, "pk", None),
                page.pk,
                request.path,
                *(value.resolve(context) for value in self.vary_on),
            ],
        )
        fragments = caches[FRAGMENTS_CACHE]
        html = fragments.get(key)
        if html is None:
            html = self.nodelist.render(context)
            fragments.set(key, html)
        return html


@register.tag
def keep(parser, token):
    """{% keep "name" [values…] %} … {% endkeep %}: see the module's doc."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError(
            "{% keep %} takes a quoted fragment name, then any values to vary on."
        )
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    return KeepNode(
        nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]]
    )
