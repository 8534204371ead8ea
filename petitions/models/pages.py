"""PetitionPage: what visitors read and sign, one page per language."""

import html

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock
from home.features import ActionPageMixin
from home.models import SitePage
from petitions.countries import DEFAULT_COUNTRY
from petitions.forms import SignatureForm

# Fields that are the same in every language: set on the source page only.
SHARED_FIELDS = ("target", "deadline", "closed")


def page_is_petition_source(page: Page) -> bool:
    """The source page is the petition's oldest page, the one the others were
    translated from; it alone sets the target, deadline and state."""
    if page.pk is None or page.translation_key is None:
        return True
    return not Page.objects.filter(
        translation_key=page.translation_key, pk__lt=page.pk
    ).exists()


class PetitionPageForm(WagtailAdminPageForm):
    """Shows the shared settings read-only on a translation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        verbose_name=_("target"),
        help_text=_(
            "How many signatures the petition aims for. The progress bar counts "
            "toward it. The same in every language."
        ),
    )
    deadline = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("deadline"),
        help_text=_(
            "After this moment nobody can sign or confirm a signature. Leave "
            "empty for no deadline. The same in every language."
        ),
    )
    closed = models.BooleanField(
        default=False,
        verbose_name=_("closed"),
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

    class Meta:
        verbose_name = _("petition page")

    def card_text(self) -> str:
        return super().card_text() or html.unescape(strip_tags(self.intro)).strip()

    def get_context(self, request, *args, **kwargs):
        # petitions.selectors reads these models: imported once they exist.
        from petitions.selectors import petition_status

        context = super().get_context(request, *args, **kwargs)
        context["status"] = petition_status(page=self)
        context.setdefault("form", SignatureForm(initial={"country": DEFAULT_COUNTRY}))
        return context
