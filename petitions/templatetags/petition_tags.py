from django import template

from petitions.selectors import PetitionStatus, petition_status
from petitions.sharing import share_links

register = template.Library()


@register.inclusion_tag("petitions/includes/petition_progress.html")
def petition_progress(petition_page, status: PetitionStatus | None = None):
    """The petition's count and progress toward its target, for any page that
    features it (home, campaign, the petition itself), in the active
    language's numbers. Any translation of the petition page gives the same
    count. Pass `status` when the page already has it, to save a query."""
    return {
        "petition": petition_page,
        "status": status or petition_status(page=petition_page),
    }


@register.inclusion_tag("petitions/includes/share_links.html", takes_context=True)
def petition_share(context, petition_page):
    """Links to share the petition page with its translated share text: plain
    links, nothing loaded from the services, copy-link without JavaScript."""
    url = petition_page.get_full_url(context.get("request"))
    return {
        "url": url,
        "links": share_links(
            url=url, text=petition_page.share_text, title=petition_page.title
        ),
    }
