from django import template

from petitions.selectors import PetitionStatus, petition_status

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
