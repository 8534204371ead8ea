from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Locale

from campaigns.models import CampaignPage
from home.models import SiteSettings


@hooks.register("filter_form_submissions_for_user")
def form_pages_in_the_main_language(user, form_pages):
    """Submissions from every language are kept against the English form
    page, so the admin's Forms section lists the English pages only."""
    return form_pages.filter(locale=Locale.get_default())


@hooks.register("after_publish_page")
def point_to_the_menu_after_a_new_campaign(request, page):
    """A campaign published for the first time is on no menu and not on the
    home page yet: say where to add it."""
    if not isinstance(page.specific, CampaignPage):
        return
    if page.first_published_at is None or (
        page.first_published_at != page.last_published_at
    ):
        return
    buttons = [
        messages.button(
            reverse("wagtailadmin_pages:edit", args=(page.get_parent().pk,)),
            _("Edit the home page"),
        )
    ]
    menu = SiteSettings.load(request_or_site=request).main_menu
    if menu is not None:
        menu = menu.get_translation_or_none(page.locale) or menu
        buttons.insert(
            0,
            messages.button(
                reverse(
                    f"wagtailsnippets_{menu._meta.app_label}_{menu._meta.model_name}:edit",
                    args=(menu.pk,),
                ),
                _("Edit the main menu"),
            ),
        )
    messages.info(
        request,
        _(
            "“%(title)s” is live, but no menu or home page links to it yet. Add "
            "it to the main menu, or feature it on the home page (Featured "
            "campaign)."
        )
        % {"title": page.title},
        buttons=buttons,
    )
