"""A petition is one thing in every language.

PetitionPage is what visitors read and sign, one page per language. Petition is
the thing they sign: keyed by the pages' shared `translation_key`, it holds the
target, deadline and state, owns the signatures and the reconciled count, and
so outlives the deletion or unpublishing of any one translation.
"""

import html

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock
from home.models import SitePage
from petitions.countries import DEFAULT_COUNTRY

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


class PetitionPage(SitePage):
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

    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("petition page")

    def card_text(self) -> str:
        return super().card_text() or html.unescape(strip_tags(self.intro)).strip()

    def get_context(self, request, *args, **kwargs):
        from petitions.forms import SignatureForm
        from petitions.selectors import petition_status

        context = super().get_context(request, *args, **kwargs)
        context["status"] = petition_status(page=self)
        context.setdefault("form", SignatureForm(initial={"country": DEFAULT_COUNTRY}))
        return context


class Petition(models.Model):
    """The petition behind every translation of one PetitionPage."""

    translation_key = models.UUIDField(
        unique=True,
        verbose_name=_("translation key"),
        help_text=_("Shared by every translation of the petition's page."),
    )
    title = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("title"),
        help_text=_("The title of the page the petition was first written in."),
    )
    target = models.PositiveIntegerField(default=10000, verbose_name=_("target"))
    deadline = models.DateTimeField(null=True, blank=True, verbose_name=_("deadline"))
    closed = models.BooleanField(default=False, verbose_name=_("closed"))
    closed_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("closed by hand at"),
        help_text=_("When the petition was closed before its deadline."),
    )
    confirmed_count = models.PositiveIntegerField(
        default=0,
        verbose_name=_("reconciled count"),
        help_text=_(
            "Confirmed signatures up to “counted until”, written only by "
            "reconciliation."
        ),
    )
    counted_until = models.DateTimeField(
        default=timezone.now, verbose_name=_("counted until")
    )
    confirmed_by_language = models.JSONField(
        default=dict,
        blank=True,
        verbose_name=_("reconciled count per language"),
        help_text=_(
            "Confirmed signatures up to “counted until” by the language they "
            "were made in, written only by reconciliation."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created"))

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")

    def __str__(self):
        return self.title or str(self.translation_key)

    def is_open(self, now=None) -> bool:
        """Open unless closed by hand or past its deadline."""
        now = now or timezone.now()
        return not self.closed and (self.deadline is None or now < self.deadline)

    def ended_at(self, now=None):
        """When the petition stopped taking signatures: closed by hand or its
        deadline passed, whichever came first; None while it is open."""
        now = now or timezone.now()
        ends = []
        if self.closed and self.closed_at is not None:
            ends.append(self.closed_at)
        if self.deadline is not None and self.deadline <= now:
            ends.append(self.deadline)
        return min(ends) if ends else None


class Signature(models.Model):
    """One person's signature, in the language they signed in."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        SUSPECT = "suspect", _("suspect, not counted")
        INVALID = "invalid", _("invalid, not counted")

    petition = models.ForeignKey(
        Petition,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("petition"),
    )
    name = models.CharField(max_length=200, verbose_name=_("name"))
    name_key = models.CharField(
        max_length=200,
        verbose_name=_("name for comparison"),
        help_text=_("The name after Unicode NFKC and case folding."),
    )
    email = models.EmailField(max_length=254, verbose_name=_("email"))
    email_canonical = models.CharField(
        max_length=254,
        verbose_name=_("canonical email"),
        help_text=_("Lower case, without +tags, and for Gmail without dots."),
    )
    city = models.CharField(
        max_length=100, blank=True, verbose_name=_("city or region")
    )
    country = models.CharField(max_length=2, verbose_name=_("country"))
    language = models.CharField(
        max_length=10,
        verbose_name=_("language"),
        help_text=_("The language the signer signed in; emails use it."),
    )
    state = models.CharField(
        max_length=10,
        choices=State.choices,
        default=State.PENDING,
        verbose_name=_("state"),
    )
    suspect_reason = models.CharField(
        max_length=32,
        blank=True,
        verbose_name=_("why suspect"),
        help_text=_("Which rule marked the signature suspect."),
    )
    consent_to_updates = models.BooleanField(
        default=False, verbose_name=_("agreed to hear of more actions")
    )
    consent_text = models.TextField(
        blank=True,
        verbose_name=_("consent wording"),
        help_text=_("The words of the box the signer ticked, as shown to them."),
    )
    consent_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("consent given at")
    )
    ip_hash = models.CharField(
        max_length=64,
        blank=True,
        verbose_name=_("IP address hash"),
        help_text=_("A keyed hash, never the address itself."),
    )
    emails_sent = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("emails sent")
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("signed at"))
    confirmed_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("confirmed at")
    )
    anonymised_at = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("anonymised at"),
        help_text=_(
            "When the name, email address and city were erased after the "
            "petition closed. The signature still counts."
        ),
    )

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        permissions = [
            ("export_signatures", _("Can export signatures and the supporter list"))
        ]
        constraints = [
            # Anonymised signatures have no address left to compare.
            models.UniqueConstraint(
                fields=["petition", "email_canonical"],
                condition=~Q(email_canonical=""),
                name="petitions_signature_one_per_email",
            )
        ]
        indexes = [
            models.Index(fields=["email_canonical"], name="petitions_sig_by_email"),
            models.Index(
                fields=["petition", "state", "confirmed_at"],
                name="petitions_sig_counting",
            ),
            models.Index(
                fields=["petition", "ip_hash", "created_at"],
                name="petitions_sig_by_ip",
            ),
        ]

    def __str__(self):
        return self.name


class BlockedEmailDomain(models.Model):
    """A domain whose addresses may sign but are never counted."""

    domain = models.CharField(
        max_length=253,
        unique=True,
        verbose_name=_("domain"),
        help_text=_(
            "e.g. mailinator.com. Its subdomains are blocked too. Signatures "
            "from it are kept as suspect and get no email; the signer sees the "
            "usual page."
        ),
    )
    note = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("note"),
        help_text=_("Why it is blocked, for the rest of the team."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("added"))

    class Meta:
        ordering = ["domain"]
        verbose_name = _("blocked email domain")
        verbose_name_plural = _("blocked email domains")

    def __str__(self):
        return self.domain

    def clean(self):
        self.domain = self.domain.strip().lstrip("@").rstrip(".").casefold()


class Supporter(models.Model):
    """One address on the list of people told about more actions.

    Double opt-in: an entry counts (is `subscribed`) only once its owner has
    proved the address, by the confirmation link of a sign-up or by confirming
    a petition signature on which they ticked the box. Unsubscribing keeps the
    entry, so that older consent is never taken up again.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        SUBSCRIBED = "subscribed", _("subscribed")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")

    class Source(models.TextChoices):
        PETITION = "petition", _("petition")
        FORM = "form", _("form")
        SIGNUP = "signup", _("sign-up page")

    email = models.EmailField(max_length=254, verbose_name=_("email"))
    email_canonical = models.CharField(
        max_length=254,
        unique=True,
        verbose_name=_("canonical email"),
        help_text=_("Lower case, without +tags, and for Gmail without dots."),
    )
    name = models.CharField(max_length=200, blank=True, verbose_name=_("name"))
    language = models.CharField(
        max_length=10,
        verbose_name=_("language"),
        help_text=_("The language the supporter joined in; emails use it."),
    )
    state = models.CharField(
        max_length=12,
        choices=State.choices,
        default=State.PENDING,
        verbose_name=_("state"),
    )
    source = models.CharField(
        max_length=10,
        choices=Source.choices,
        verbose_name=_("joined from"),
    )
    source_detail = models.CharField(
        max_length=255,
        blank=True,
        verbose_name=_("joined on"),
        help_text=_("The petition or form the supporter joined from."),
    )
    consent_text = models.TextField(
        blank=True,
        verbose_name=_("consent wording"),
        help_text=_("The words the supporter agreed to, as shown to them."),
    )
    consent_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("consent given at")
    )
    confirmed_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("confirmed at")
    )
    unsubscribed_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("unsubscribed at")
    )
    emails_sent = models.PositiveSmallIntegerField(
        default=0, verbose_name=_("emails sent")
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("joined at"))

    class Meta:
        verbose_name = _("supporter")
        verbose_name_plural = _("supporter list")
        indexes = [
            models.Index(
                fields=["language", "state"], name="petitions_supporter_by_lang"
            ),
        ]

    def __str__(self):
        return self.email


class PendingEmail(models.Model):
    """An email to a signer or to a supporter that has not gone out yet.

    Written in the same transaction as what it is about, and deleted only
    once the SMTP server has taken the message, so neither a mail server that
    is down nor a worker that dies mid-task loses an email:
    `petitions_resend_pending` queues again whatever is overdue. It goes with
    the signature or supporter it is for when staff erase that person."""

    signature = models.ForeignKey(
        Signature,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pending_emails",
        verbose_name=_("signature"),
    )
    supporter = models.ForeignKey(
        Supporter,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pending_emails",
        verbose_name=_("supporter"),
    )
    kind = models.CharField(
        max_length=20,
        verbose_name=_("kind of email"),
        help_text=_("Which email: the confirmation link or “already signed”."),
    )
    base_url = models.CharField(
        max_length=200,
        verbose_name=_("site address"),
        help_text=_("The address the signer used, for the links in the email."),
    )
    attempts = models.PositiveSmallIntegerField(
        default=0,
        verbose_name=_("failed attempts"),
        help_text=_("How many times sending has failed so far."),
    )
    due_at = models.DateTimeField(
        default=timezone.now,
        verbose_name=_("next attempt"),
        help_text=_("Sending is tried again from this moment."),
    )
    locked_until = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("being sent until"),
        help_text=_("A worker is sending it; others leave it alone until then."),
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("queued at"))

    class Meta:
        verbose_name = _("pending email")
        verbose_name_plural = _("pending emails")
        indexes = [models.Index(fields=["due_at"], name="petitions_pending_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(signature__isnull=False, supporter__isnull=True)
                | Q(signature__isnull=True, supporter__isnull=False),
                name="petitions_pending_email_for_one_person",
            )
        ]

    def __str__(self):
        if self.supporter_id is not None:
            return f"{self.kind} supporter #{self.supporter_id}"
        return f"{self.kind} #{self.signature_id}"
