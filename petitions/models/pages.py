"""PetitionPage: what visitors read and sign, one page per language."""

import html

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock
from home.features import ActionPageMixin
from home.formatting import time_zone_display
from home.models import SitePage
from home.translation.source import is_source
from petitions.admin_forms import DeadlineField
from petitions.countries import DEFAULT_COUNTRY
from petitions.forms import SignatureForm

# Fields that are the same in every language: set on the source page only.
SHARED_FIELDS = ("target", "deadline", "closed")


def page_is_petition_source(page: Page) -> bool:
    """The source page (home.translation.source) alone sets the target,
    deadline and state shared by every language."""
    return is_source(page)


class PetitionPageForm(WagtailAdminPageForm):
    """Takes the deadline as a day in the organisation's time zone, and shows
    the shared settings read-only on a translation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "deadline" in self.fields:
            self.fields["deadline"] = DeadlineField(
                label=self.fields["deadline"].label,
                required=False,
                help_text=_(
                    "The last day people can sign: the petition closes at the "
                    "end of that day, %(zone)s. Leave empty for no deadline. "
                    "The same in every language."
                )
                % {"zone": time_zone_display(language=get_language())},
            )
        if not page_is_petition_source(self.instance):
            for name in SHARED_FIELDS:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _(
                        "The same in every language: change it on the page "
                        "this petition was first written in."
                    )


class PetitionPage(ActionPageMixin, SitePage):
    """A petition: one thing in every language, signed under CampaignPage."""

    intro = RichTextField(
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("What the petition asks for, in a sentence or two."),
    )
    addressee = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("addressed to"),
        help_text=_(
            "Whom the petition asks, e.g. the Prime Minister of Pakistan. "
            "Shown as “To: …” above the request."
        ),
    )
    why = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("why it matters"),
        help_text=_(
            "The reasons for the petition: the facts with their sources, "
            "quotes, pictures and documents. Shown under the heading “Why this "
            "matters”, so use sub-headings."
        ),
    )
    target = models.PositiveIntegerField(
        default=10000,
        validators=[MinValueValidator(1)],
        verbose_name=_("Signatures aimed for"),
        help_text=_(
            "How many signatures the petition aims for. The progress bar counts "
            "toward it. The same in every language."
        ),
    )
    deadline = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("Last day to sign"),
        help_text=_(
            "After this moment nobody can sign or confirm a signature: the end "
            "of the last day, in the organisation's time zone. Leave empty for "
            "no deadline. The same in every language."
        ),
    )
    closed = models.BooleanField(
        default=False,
        verbose_name=_("Closed now"),
        help_text=_(
            "Close the petition now, before any deadline: the page then shows "
            "the final count and no form. The same in every language."
        ),
    )
    thank_you_text = RichTextField(
        blank=True,
        verbose_name=_("thank-you text"),
        help_text=_(
            "Shown after someone signs, under the request to check their email."
        ),
    )
    confirmation_text = RichTextField(
        blank=True,
        verbose_name=_("confirmation text"),
        help_text=_(
            "Shown once a signer has clicked the link in their email and the "
            "signature counts."
        ),
    )
    share_text = models.CharField(
        max_length=240,
        blank=True,
        verbose_name=_("share text"),
        help_text=_(
            "The message put in WhatsApp, Telegram, X and email shares, before "
            "the link to this page. Keep it short."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("addressee"),
        FieldPanel("intro"),
        FieldPanel("why"),
        MultiFieldPanel(
            [FieldPanel(name) for name in SHARED_FIELDS],
            heading=_("Target and state"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("thank_you_text"),
                FieldPanel("confirmation_text"),
                FieldPanel("share_text"),
            ],
            heading=_("After signing"),
        ),
    ]
    base_form_class = PetitionPageForm

    search_fields = Page.search_fields + [
        index.SearchField("addressee"),
        index.SearchField("intro"),
        index.SearchField("why"),
    ]

    override_translatable_fields = SitePage.override_translatable_fields + [
        TranslatableField("addressee"),
        TranslatableField("share_text"),
        *(SynchronizedField(name, overridable=False) for name in SHARED_FIELDS),
    ]

    # Goes under the pages that hold actions (home.features.ActionPageMixin).
    subpage_types = []
    page_description = _(
        "A petition people sign, with its count; signing in any language "
        "counts toward one total. Goes under its campaign page."
    )

    class Meta:
        verbose_name = _("petition page")

    def card_text(self) -> str:
        return super().card_text() or html.unescape(strip_tags(self.intro)).strip()

    def get_context(self, request, *args, **kwargs):
        # petitions.selectors reads these models: imported once they exist.
        from petitions.selectors import petition_status

        context = super().get_context(request, *args, **kwargs)
        context["status"] = petition_status(page=self)
        # The blank form is made only when its kept HTML is missing
        # (home.templatetags.fragment_tags): most renders never touch it.
        blank = {"country": DEFAULT_COUNTRY}
        form = SimpleLazyObject(lambda: SignatureForm(initial=blank))
        context.setdefault("form", form)
        return context
