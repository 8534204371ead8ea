"""Petition, the thing signed in every language, and its signatures."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.languages import language_name


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

    def get_language_display(self) -> str:
        """The language's name, as staff lists and details show it."""
        return language_name(self.language)
