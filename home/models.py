from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The root of one language's tree: /en/, /ur/, /haz/."""

    intro = RichTextField(
        blank=True,
        verbose_name=_("introduction"),
        help_text=_(
            "A few sentences under the page title that say what the campaign is for."
        ),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
