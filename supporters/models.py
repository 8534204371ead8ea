"""The supporter list, and the emails waiting to go out to signers and
supporters."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from petitions.models.signatures import Signature


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
