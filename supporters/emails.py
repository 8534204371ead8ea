"""Sending one email to one person, in their language, with a one-click
unsubscribe link in the text and in the headers (RFC 8058); and the outbox
that keeps every email (to signers, supporters and staff) until it has gone.

Apps register the kinds of email they queue and who sends each
(`email_kind_register`), and the models whose rows an unsubscribe link may
name (`unsubscribe_source_register`), from their AppConfig.ready."""

import logging
from collections.abc import Callable
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from supporters.models import PendingEmail
from supporters.tokens import TokenPurpose, token_make

logger = logging.getLogger(__name__)

# How long a worker may take to send one email before another may try; far
# longer than the SMTP timeout.
EMAIL_LEASE = timedelta(minutes=5)

# kind -> send(object_id=..., base_url=...): raises when the mail server does
# not take the message; returns quietly when there is nothing (left) to send.
EmailSender = Callable[..., object]
_SENDERS: dict[str, EmailSender] = {}
_UNSUBSCRIBE_SOURCES: dict[str, type] = {}


def email_kind_register(*, kind: str, send: EmailSender) -> None:
    """Let the outbox send emails of `kind` with `send`."""
    if _SENDERS.get(kind, send) is not send:
        raise ValueError(f"Email kind {kind!r} is registered twice")
    _SENDERS[kind] = send


def unsubscribe_source_register(*, name: str, model: type) -> None:
    """Let unsubscribe links name rows of `model` ("<name>:<id>"); the model
    has `email`, `email_canonical` and `language` fields."""
    _UNSUBSCRIBE_SOURCES[name] = model


def unsubscribe_sources() -> dict[str, type]:
    return _UNSUBSCRIBE_SOURCES


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
    organisation: str,
) -> None:
    """Render <template>{_subject.txt,.txt,.html} in `language` and send them
    to `to`, from `organisation` (its name, as the sender and in the footer).
    `unsubscribe` is the address's one-click unsubscribe link: shown in the
    footer and given to mail programs as List-Unsubscribe with
    List-Unsubscribe-Post, so they can offer their own unsubscribe button."""
    with translation.override(language):
        context = {
            **context,
            "language": language,
            "is_rtl": translation.get_language_bidi(),
            "unsubscribe_url": unsubscribe,
            "organisation": organisation,
        }
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"{template}.txt", context),
            from_email=(
                formataddr((organisation, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))
                if organisation
                else settings.DEFAULT_FROM_EMAIL
            ),
            to=[to],
            headers={
                "Content-Language": language,
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.attach_alternative(
            render_to_string(f"{template}.html", context), "text/html"
        )
    message.send()


# The outbox --------------------------------------------------------------------


def pending_email_queue(
    *, kind: str, object_id: int, base_url: str = ""
) -> PendingEmail:
    """Store an email of a registered `kind` about `object_id` and queue its
    sending. Call it in the transaction that makes the email due: with the
    database task queue, the task is stored with it."""
    if kind not in _SENDERS:
        raise ValueError(f"No sender is registered for emails of kind {kind!r}")
    pending = PendingEmail.objects.create(
        kind=kind, object_id=object_id, base_url=base_url
    )
    _pending_email_enqueue(pending=pending)
    return pending


def _pending_email_enqueue(*, pending: PendingEmail) -> None:
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


def pending_emails_forget(*, kinds: list[str], object_ids) -> int:
    """Drop the emails of these kinds about these objects still waiting to
    go (their people were erased or invalidated). `object_ids` may be a
    query of ids."""
    count, _detail = PendingEmail.objects.filter(
        kind__in=kinds, object_id__in=object_ids
    ).delete()
    return count


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
    pending = PendingEmail.objects.get(pk=pending_email_id)
    try:
        _SENDERS[pending.kind](object_id=pending.object_id, base_url=pending.base_url)
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


# Run by the django-tasks worker (`manage.py db_worker`).


@task()
def pending_email_send_task(*, pending_email_id: int) -> bool:
    return pending_email_send(pending_email_id=pending_email_id)


@task()
def pending_emails_requeue_task() -> int:
    """Enqueue it every few minutes from cron or a timer (see the README)."""
    return pending_emails_requeue()
