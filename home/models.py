from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField


class HomePage(Page):
    """The root of one language's tree: /en/, /ur/, /haz/."""

    intro = RichTextField(
        blank=True,
        verbose_name=_("introduction"),
        help_text=_(
            "A few sentences under the page title that say what the campaign is for."
        ),
    )

    # Slugs stay ASCII and identical in every language, so shared links read
    # the same (/ur/<slug>/); titles and text are translated.
    override_translatable_fields = [SynchronizedField("slug", overridable=False)]

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
