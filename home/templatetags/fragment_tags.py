"""Parts of a public page kept rendered by the process until the next publish.

`{% keep "name" [more values] %} … {% endkeep %}` renders what it encloses
once and keeps the HTML in the process's memory (home.process_cache, some
2,000 fragments of 1-15 KB, the least recently used dropped first) under the
page cache's generation (home.page_cache): any publish, snippet,
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
from django.utils.translation import get_language
from wagtail.models import Page, Site

from home.process_cache import KeptValues

register = template.Library()

# Strings kept as they are: no copy, no pickling, no hashing of the key.
_fragments = KeptValues(size=2000)


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
        site = Site.find_for_request(request)
        key = (
            self.name,
            get_language(),
            getattr(site, "pk", None),
            page.pk,
            request.path,
            *(str(value.resolve(context)) for value in self.vary_on),
        )
        return _fragments.get_or_build(key, lambda: self.nodelist.render(context))


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
