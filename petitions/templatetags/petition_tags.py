from django import template

register = template.Library()


@register.inclusion_tag("petitions/includes/petition_progress.html")
def petition_progress(petition_page):
    """The petition's count and progress toward its target, for any page that
    features it (home, campaign, the petition itself)."""
    return {"petition": petition_page, "count": 0}
