"""Sending one email to one person, in their language, with a one-click
unsubscribe link in the text and in the headers (RFC 8058); and the outbox
that keeps every email to a signer or a supporter until it has gone."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from petitions.models import PendingEmail, Signature, Supporter
from supporters.tokens import TokenPurpose, token_make

logger = logging.getLogger(__name__)

# How long a worker may take to send one email before another may try; far
# longer than the SMTP timeout.
EMAIL_LEASE = timedelta(minutes=5)


def absolute_url(*, base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path if path.startswith("/") else path


def unsubscribe_url(*, base_url: str, language: str, value: str) -> str:
    """The one-click unsubscribe link for `value` ("signature:<id>" or
    "supporter:<id>"), on the page in the person's language."""
    token = token_make(purpose=TokenPurpose.UNSUBSCRIBE, value=value)
    with translation.override(language):
        path = reverse("supporters:unsubscribe", kwargs={"token": token})
    return absolute_url(base_url=base_url, path=path)


def email_send(
    *,
    to: str,
    language: str,
    template: str,
    context: dict,
    unsubscribe: str,
) -> None:
    """Render petitions/emails/<template>{_subject.txt,.txt,.html} in
    `language` and send them to `to`. `unsubscribe` is the address's
    one-click unsubscribe link: shown in the footer and given to mail
    programs as List-Unsubscribe with List-Unsubscribe-Post, so they can
    offer their own unsubscribe button."""
    with translation.override(language):
        context = {
            **context,
            "language": language,
            "is_rtl": translation.get_language_bidi(),
            "unsubscribe_url": unsubscribe,
        }
        subject = " ".join(
            render_to_string(
                f"petitions/emails/{template}_subject.txt", context
            ).split()
        )
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"petitions/emails/{template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers={
                "Content-Language": language,
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            render_to_string(f"petitions/emails/{template}.html", context), "text/html"
        )
    message.send()


# The outbox --------------------------------------------------------------------


def pending_email_queue(
    *,
    kind: str,
    base_url: str,
    signature: Signature | None = None,
    supporter: Supporter | None = None,
) -> PendingEmail:
    """Store an email to a signer or a supporter and queue its sending. Call
    it in the transaction that makes the email due: with the database task
    queue, the task is stored with it."""
    pending = PendingEmail.objects.create(
        signature=signature, supporter=supporter, kind=kind, base_url=base_url
    )
    _pending_email_enqueue(pending=pending)
    return pending


def _pending_email_enqueue(*, pending: PendingEmail) -> None:
    from petitions.tasks import pending_email_send_task

    task = pending_email_send_task
    if pending.due_at > timezone.now():
        if not task.get_backend().supports_defer:
            # Tasks run at once (development): pending_emails_requeue sends it.
            return
        task = task.using(run_after=pending.due_at)
    task.enqueue(pending_email_id=pending.pk)


def pending_email_retry_delay(*, attempts: int) -> timedelta:
    """Back-off after `attempts` failures: PETITIONS_EMAIL_RETRY_SECONDS,
    doubled after each failure, at most PETITIONS_EMAIL_RETRY_MAX_SECONDS."""
    seconds = settings.PETITIONS_EMAIL_RETRY_SECONDS * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, settings.PETITIONS_EMAIL_RETRY_MAX_SECONDS))


def _pending_email_deliver(*, pending: PendingEmail) -> None:
    # Imported here: both modules queue their emails through this one.
    from petitions.services.signatures import signature_email_send
    from supporters.services import supporter_email_send

    if pending.supporter_id is not None:
        supporter_email_send(supporter=pending.supporter, base_url=pending.base_url)
    else:
        signature_email_send(
            signature=pending.signature, kind=pending.kind, base_url=pending.base_url
        )


def pending_email_send(*, pending_email_id: int) -> bool:
    """Send one queued email; True once it has gone (or is no longer wanted).

    The email is first leased (one conditional UPDATE), so two workers never
    send it at once, and it is deleted only after the SMTP server took it: a
    worker killed in between leaves it to `pending_emails_requeue` (the
    person may then get it twice, never not at all). When sending fails, the
    email is tried again after a back-off that doubles each time, up to
    PETITIONS_EMAIL_MAX_ATTEMPTS attempts.
    """
    now = timezone.now()
    leased = (
        PendingEmail.objects.filter(pk=pending_email_id, due_at__lte=now)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
        .update(locked_until=now + EMAIL_LEASE)
    )
    if not leased:
        # Sent already, being sent by another worker, not due yet, or erased
        # with the person it was for.
        return False
    pending = PendingEmail.objects.select_related(
        "signature__petition", "supporter"
    ).get(pk=pending_email_id)
    try:
        _pending_email_deliver(pending=pending)
    except Exception as error:
        _pending_email_failed(pending=pending, error=error)
        return False
    pending.delete()
    return True


def _pending_email_failed(*, pending: PendingEmail, error: Exception) -> None:
    attempts = pending.attempts + 1
    # The class name only: SMTP errors quote the recipient's address.
    reason = type(error).__name__
    if attempts >= settings.PETITIONS_EMAIL_MAX_ATTEMPTS:
        logger.error(
            "Email %s (%s) failed %s times (%s); giving up",
            pending.pk,
            pending,
            attempts,
            reason,
        )
        pending.delete()
        return
    pending.attempts = attempts
    pending.due_at = timezone.now() + pending_email_retry_delay(attempts=attempts)
    pending.locked_until = None
    pending.save(update_fields=["attempts", "due_at", "locked_until"])
    logger.warning(
        "Email %s (%s) failed (%s); trying again at %s",
        pending.pk,
        pending,
        reason,
        pending.due_at.isoformat(),
    )
    _pending_email_enqueue(pending=pending)


def pending_emails_requeue() -> int:
    """Queue again every email overdue by more than
    PETITIONS_EMAIL_REQUEUE_AFTER seconds and not being sent: its task was
    lost (a worker killed mid-task, a queue emptied, a failure with a task
    backend that cannot defer). Extra tasks for one email do no harm: the
    first to lease it sends it, the others find nothing. Returns how many."""
    now = timezone.now()
    overdue = PendingEmail.objects.filter(
        due_at__lte=now - timedelta(seconds=settings.PETITIONS_EMAIL_REQUEUE_AFTER)
    ).filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
    count = 0
    for pending in overdue.order_by("due_at").iterator():
        _pending_email_enqueue(pending=pending)
        count += 1
    if count:
        logger.warning("Queued %s overdue emails again", count)
    return count
