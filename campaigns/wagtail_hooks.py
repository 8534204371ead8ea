from wagtail import hooks
from wagtail.models import Locale


@hooks.register("filter_form_submissions_for_user")
def form_pages_in_the_main_language(user, form_pages):
    """Submissions from every language are kept against the English form
    page, so the admin's Forms section lists the English pages only."""
    return form_pages.filter(locale=Locale.get_default())
