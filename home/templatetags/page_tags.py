from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home import selectors
from home.blocks import SocialLinkBlock
from home.formatting import date_format, digit_system, number_format
from home.sharing import share_links

register = template.Library()


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """The organisation, menu and footer in the language being shown."""
    return selectors.site_chrome(
        request=context.get("request"), page=context.get("page")
    )


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context):
    """Open Graph and description tags for link previews."""
    request = context.get("request")
    page = context.get("page")
    chrome = selectors.site_chrome(request=request, page=page)
    return {
        "meta": selectors.share_meta(
            request=request, page=page, organisation=chrome.organisation
        )
    }


@register.filter
def file_size(size):
    """A file size a reader understands, in kilobytes or megabytes, in the
    language's digits."""
    if not size:
        return ""
    language = get_language()
    if size < 1024 * 1024:
        kilobytes = max(1, round(size / 1024))
        return _("%(size)s KB") % {"size": number_format(kilobytes, language=language)}
    megabytes = size / (1024 * 1024)
    return _("%(size)s MB") % {
        "size": number_format(megabytes, language=language, places=1)
    }


@register.filter
def number(value):
    """A count as the active language writes it (LANGUAGE_DIGITS), grouped:
    `1,234` or `۱٬۲۳۴`. For staff pages too, which are read in the staff
    member's language."""
    if value is None or value == "":
        return ""
    return number_format(value, language=get_language())


@register.filter
def day(value):
    """A date as the active language writes it: `3 January 2021`."""
    return date_format(value, language=get_language()) if value else ""


@register.simple_tag
def digits():
    """`latn` or `arabext`: the digits of the active language, for the CSS
    that numbers lists."""
    return digit_system(get_language())


@register.filter
def network_name(network):
    """The display name of a social network chosen in a social account."""
    return dict(SocialLinkBlock.NETWORKS).get(network, network)


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def page_share(context, page, *, heading, copy_label, text=""):
    """Links to share a page (a petition, a report) with `text` before its
    address: plain links, nothing loaded from the services, copy-link without
    JavaScript. `heading` and `copy_label` name what is shared."""
    url = page.get_full_url(context.get("request"))
    return {
        "url": url,
        "heading": heading,
        "copy_label": copy_label,
        "links": share_links(url=url, text=text, title=page.title),
    }


@register.filter
def isolate(value):
    """A name or number that may run the other way from the text around it
    (a Latin name in Urdu, an Urdu name in English), kept in one piece."""
    return format_html("<bdi>{}</bdi>", value) if value else ""
