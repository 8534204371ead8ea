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
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.db import Error, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from home.page_cache import cache_is_shared
from supporters.models import PendingEmail
from supporters.tokens import TokenPurpose, token_make

logger = logging.getLogger(__name__)

# How long a worker may take to send one email before another may try; far
# longer than the SMTP timeout.
EMAIL_LEASE = timedelta(minutes=5)

# With a queue that runs tasks later (the database's), new emails are sent by
# a drain of the outbox (pending_emails_drain), not a task each. This key, in
# the shared cache, says a drain will read the outbox after this moment: set
# when one is queued and by a running drain that goes round again, deleted by
# the drain just before each read. Kept no longer than DRAIN_KEY_SECONDS, so a
# drain killed mid-way holds nothing up for long.
DRAIN_KEY = "outbox:drain-due"
DRAIN_KEY_SECONDS = 60
DRAIN_BATCH = 100

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
    sending. Call it in the transaction that makes the email due: the email
    goes once it commits (pending_email_queued)."""
    email_kind_check(kind)
    pending = PendingEmail.objects.create(
        kind=kind, object_id=object_id, base_url=base_url
    )
    _pending_email_enqueue(pending=pending)
    return pending


def email_kind_check(kind: str) -> None:
    if kind not in _SENDERS:
        raise ValueError(f"No sender is registered for emails of kind {kind!r}")


def pending_email_queued(*, pending_email_id: int) -> None:
    """Have an email that was stored due now (by pending_email_queue, or in
    one statement with what it is about) sent: with a queue that runs tasks
    later, by a drain of the outbox woken once the transaction commits (no
    task of its own: one drain sends every email due); with tasks run at
    once (development, tests), now."""
    if _tasks_run_later():
        transaction.on_commit(outbox_wake)
    else:
        pending_email_send_task.enqueue(pending_email_id=pending_email_id)


def _tasks_run_later() -> bool:
    # Only a queue with a worker can defer; the immediate backend runs each
    # task as it is enqueued.
    return pending_email_send_task.get_backend().supports_defer


def _pending_email_enqueue(*, pending: PendingEmail) -> None:
    if pending.due_at <= timezone.now():
        pending_email_queued(pending_email_id=pending.pk)
        return
    if not _tasks_run_later():
        # Tasks run at once (development): pending_emails_requeue sends it.
        return
    task = pending_email_send_task.using(run_after=pending.due_at)
    task.enqueue(pending_email_id=pending.pk)


def outbox_wake() -> None:
    """Make sure a drain reads the outbox after this moment: queue one unless
    DRAIN_KEY says one will (one task for many emails, however fast they
    come). Called once an email's transaction has committed; the rows are
    stored by then, so a failure here loses nothing
    (pending_emails_requeue queues a drain for whatever is overdue)."""
    try:
        # False: the key was there. None: the cache is away (django-redis
        # going on without Redis): queue a drain to be sure. A cache of this
        # process only would never see the worker delete the key.
        if (
            cache_is_shared()
            and cache.add(DRAIN_KEY, "1", timeout=DRAIN_KEY_SECONDS) is False
        ):
            return
    except Exception:
        logger.exception("Outbox: the shared cache could not be asked.")
    try:
        pending_emails_drain_task.enqueue()
    except Error:
        # The database went away just after the commit (or the task table
        # cannot be written): the signer is still told to check their email,
        # and the next email, or the periodic resend, queues a drain.
        logger.exception("Outbox: no drain could be queued; the resend will.")
        cache.delete(DRAIN_KEY)


def pending_emails_drain() -> int:
    """Send every email that is due and not being sent, a batch at a time,
    until none is left; returns how many went. Each read of the outbox comes
    just after DRAIN_KEY is deleted, so an email committed after the read
    finds the key gone and queues another drain, and one committed before it
    is in the read; while a batch is sent, the key says the drain reads
    again. Emails that fail wait for their back-off (their own task), and
    ones being sent by another worker are left to it, so the drain ends."""
    sent = 0
    while True:
        cache.delete(DRAIN_KEY)
        now = timezone.now()
        due = list(
            PendingEmail.objects.filter(due_at__lte=now)
            .filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
            .order_by("due_at", "pk")
            .values_list("pk", flat=True)[:DRAIN_BATCH]
        )
        if not due:
            return sent
        cache.set(DRAIN_KEY, "1", timeout=DRAIN_KEY_SECONDS)
        sent += sum(pending_email_send(pending_email_id=pk) for pk in due)


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
    PETITIONS_EMAIL_REQUEUE_AFTER seconds and not being sent: its task or
    drain was lost (a worker killed mid-task, a queue emptied, a failure with
    a task backend that cannot defer). With a queue that runs tasks later,
    one drain sends them all; extra tasks for one email do no harm either:
    the first to lease it sends it, the others find nothing. Returns how
    many."""
    now = timezone.now()
    overdue = PendingEmail.objects.filter(
        due_at__lte=now - timedelta(seconds=settings.PETITIONS_EMAIL_REQUEUE_AFTER)
    ).filter(Q(locked_until__isnull=True) | Q(locked_until__lt=now))
    if _tasks_run_later():
        count = overdue.count()
        if count:
            pending_emails_drain_task.enqueue()
    else:
        count = 0
        for pending in overdue.order_by("due_at").iterator():
            pending_email_send_task.enqueue(pending_email_id=pending.pk)
            count += 1
    if count:
        logger.warning("Queued %s overdue emails again", count)
    return count


# Run by the django-tasks worker (`manage.py db_worker`).


@task()
def pending_email_send_task(*, pending_email_id: int) -> bool:
    return pending_email_send(pending_email_id=pending_email_id)


@task()
def pending_emails_drain_task() -> int:
    return pending_emails_drain()


@task()
def pending_emails_requeue_task() -> int:
    """Enqueue it every few minutes from cron or a timer (see the README)."""
    return pending_emails_requeue()
