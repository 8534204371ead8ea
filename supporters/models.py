"""What the site keeps about people whatever feature they used: the
supporter list, the email domains whose senders are never counted, and the
outbox of emails waiting to go out.

Supporter and PendingEmail began in the petitions app: their tables keep
the names they had there (`db_table`), so moving them lost no row."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.languages import language_name


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
        db_table = "petitions_supporter"
        permissions = [
            (
                "export_personal_data",
                _("Can export signatures and the supporter list"),
            )
        ]
        verbose_name = _("supporter")
        verbose_name_plural = _("supporter list")
        indexes = [
            models.Index(
                fields=["language", "state"], name="petitions_supporter_by_lang"
            ),
        ]

    def __str__(self):
        return self.email

    def get_language_display(self) -> str:
        """The language's name, as staff lists and details show it."""
        return language_name(self.language)


class PendingEmail(models.Model):
    """An email that has not gone out yet: to a signer, a supporter, or staff.

    Written in the same transaction as what it is about, and deleted only
    once the SMTP server has taken the message, so neither a mail server that
    is down nor a worker that dies mid-task loses an email:
    `emails_resend_pending` queues again whatever is overdue. `kind` says
    which registered sender writes it (supporters.emails) and `object_id`
    what about; when that is gone (erased, invalidated), nothing is sent."""

    kind = models.CharField(
        max_length=40,
        verbose_name=_("kind of email"),
        help_text=_("Which email: the confirmation link or “already signed”."),
    )
    object_id = models.PositiveBigIntegerField(
        verbose_name=_("about"),
        help_text=_("The id of the signature, supporter or submission."),
    )
    base_url = models.CharField(
        max_length=200,
        blank=True,
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
        db_table = "petitions_pendingemail"
        verbose_name = _("pending email")
        verbose_name_plural = _("pending emails")
        indexes = [
            models.Index(fields=["due_at"], name="petitions_pending_due"),
            models.Index(fields=["kind", "object_id"], name="supporters_pending_about"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id}"


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
        db_table = "petitions_blockedemaildomain"
        ordering = ["domain"]
        verbose_name = _("blocked email domain")
        verbose_name_plural = _("blocked email domains")

    def __str__(self):
        return self.domain

    def clean(self):
        self.domain = self.domain.strip().lstrip("@").rstrip(".").casefold()
