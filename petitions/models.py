from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField


class PetitionPage(Page):
    """A petition: one thing in every language, signed under CampaignPage."""

    intro = RichTextField(
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("What the petition asks for, in a sentence or two."),
    )

    # Slugs stay ASCII and identical in every language, so shared links read
    # the same (/ur/<slug>/); titles and text are translated.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("petition page")
