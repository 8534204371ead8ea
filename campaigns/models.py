from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField


class CampaignPage(Page):
    """A campaign with its goals and the actions a supporter can take."""

    intro = RichTextField(
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("What the campaign asks for, in a few sentences."),
    )

    # Slugs stay ASCII and identical in every language, so shared links read
    # the same (/ur/<slug>/); titles and text are translated.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("campaign page")
