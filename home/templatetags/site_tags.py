from django import template
from django.utils.translation import get_language

from home.languages import language_links
from home.site_address import public_url

register = template.Library()


@register.inclusion_tag("includes/language_alternates.html", takes_context=True)
def language_alternates(context):
    """hreflang alternates for the languages this page exists in, plus
    x-default pointing at the English version. Untranslated copies of the
    English page are not alternates: their content is English."""
    request = context.get("request")
    if request is None:
        return {"alternates": []}
    alternates = [
        (link.code, public_url(link.url))
        for link in language_links(request, context.get("page"), get_language())
        if link.is_translation and not link.is_alias
    ]
    alternates += [("x-default", url) for code, url in alternates if code == "en"]
    return {"alternates": alternates}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    return {"links": language_links(request, context.get("page"), get_language())}
