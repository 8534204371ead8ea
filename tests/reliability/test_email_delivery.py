"""With the mail server down, signatures and sign-ups to the supporter list
are kept and their confirmation emails go out when it returns: the task tries
again with a back-off, and `emails_resend_pending` queues whatever lost its
task."""

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from petitions.models import Signature
from supporters.emails import pending_email_retry_delay
from supporters.models import PendingEmail, Supporter
from tests.conftest import free_port, smtp_server_on, use_smtp
from tests.petitions.conftest import LINK, sign
from tests.petitions.test_supporters import SUPPORTER_LINK, join

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """The production worker, until no task is ready."""
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, verbosity=0
    )


def let_back_off_pass():
    """Move the clock past the back-off: what is waiting becomes due now."""
    earlier = timezone.now() - timedelta(seconds=1)
    PendingEmail.objects.update(due_at=earlier)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=earlier)


def link_in(message):
    return LINK.search(message.get_body(("plain",)).get_content()).group(0)


@pytest.mark.django_db(transaction=True)
def test_signatures_made_while_the_mail_server_is_down_get_their_email_when_it_returns(
    client, petition_pages, settings
):
    settings.TASKS = DATABASE_QUEUE
    port = free_port()
    use_smtp(settings, port)

    response = sign(client, petition_pages["ur"], "ur", email="zainab@example.com")
    assert response.status_code == 302
    run_worker()

    pending = PendingEmail.objects.get()
    assert pending.attempts == 1
    assert pending.due_at > timezone.now()
    assert Signature.objects.get().state == "pending"
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert waiting.run_after == pending.due_at

    with smtp_server_on(port) as inbox:
        run_worker()  # nothing is due yet: no email, no error
        assert inbox.messages == []

        let_back_off_pass()
        run_worker()

    assert len(inbox.messages) == 1
    assert inbox.messages[0]["To"] == "zainab@example.com"
    assert not PendingEmail.objects.exists()
    assert client.post(link_in(inbox.messages[0])).status_code == 302
    assert Signature.objects.get().state == "confirmed"


@pytest.mark.django_db(transaction=True)
def test_a_sign_up_made_while_the_mail_server_is_down_gets_its_email_when_it_returns(
    client, petition_pages, settings
):
    settings.TASKS = DATABASE_QUEUE
    port = free_port()
    use_smtp(settings, port)

    response = join(client, "ur", email="sakina@example.com")
    assert response["Location"] == "/ur/supporters/join/thanks/"
    run_worker()

    pending = PendingEmail.objects.get()
    assert Supporter.objects.get(pk=pending.object_id).email == "sakina@example.com"
    assert pending.attempts == 1
    assert pending.due_at > timezone.now()

    with smtp_server_on(port) as inbox:
        let_back_off_pass()
        run_worker()

    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "sakina@example.com"
    assert message["Content-Language"] == "ur"
    assert not PendingEmail.objects.exists()
    link = SUPPORTER_LINK.search(message.get_body(("plain",)).get_content()).group(0)
    assert client.post(link).status_code == 200
    assert Supporter.objects.get().state == "subscribed"


@pytest.mark.django_db(transaction=True)
def test_emails_that_failed_with_tasks_run_at_once_are_sent_by_resend_pending(
    client, petition_pages, settings
):
    port = free_port()
    use_smtp(settings, port)
    sign(client, petition_pages["haz"], "haz")
    assert PendingEmail.objects.get().attempts == 1

    with smtp_server_on(port) as inbox:
        PendingEmail.objects.update(due_at=timezone.now() - timedelta(hours=1))
        call_command("emails_resend_pending", verbosity=0)

    assert len(inbox.messages) == 1
    assert not PendingEmail.objects.exists()


def test_back_off_doubles_up_to_the_limit(settings):
    settings.PETITIONS_EMAIL_RETRY_SECONDS = 60
    settings.PETITIONS_EMAIL_RETRY_MAX_SECONDS = 3600

    delays = [
        pending_email_retry_delay(attempts=n).total_seconds() for n in range(1, 9)
    ]

    assert delays == [60, 120, 240, 480, 960, 1920, 3600, 3600]


@pytest.mark.django_db
def test_sending_gives_up_after_the_last_attempt_without_logging_the_address(
    client, petition_pages, settings, caplog
):
    settings.PETITIONS_EMAIL_MAX_ATTEMPTS = 3
    use_smtp(settings, free_port())
    caplog.set_level(logging.WARNING)
    sign(client, petition_pages["en"], "en", email="hidden.signer@example.com")

    for _attempt in range(2):
        PendingEmail.objects.update(due_at=timezone.now() - timedelta(hours=1))
        call_command("emails_resend_pending", verbosity=0)

    assert not PendingEmail.objects.exists()
    assert Signature.objects.get().state == "pending"
    assert "giving up" in caplog.text
    assert "hidden.signer" not in caplog.text


@pytest.mark.django_db
def test_an_email_being_sent_is_not_queued_again(client, petition_pages, settings):
    use_smtp(settings, free_port())
    sign(client, petition_pages["en"], "en")
    PendingEmail.objects.update(
        due_at=timezone.now() - timedelta(hours=1),
        locked_until=timezone.now() + timedelta(minutes=4),
    )

    call_command("emails_resend_pending", verbosity=0)

    assert PendingEmail.objects.get().attempts == 1


@pytest.mark.django_db(transaction=True)
def test_staff_hear_of_a_form_sent_while_the_mail_server_was_down_when_it_returns(
    client, home_page, settings
):
    from campaigns.models import FormPageSubmission
    from tests.campaigns.form_pages import volunteer_page_add

    settings.TASKS = DATABASE_QUEUE
    port = free_port()
    use_smtp(settings, port)
    page = volunteer_page_add(home_page, to_address="staff@example.org")

    response = client.post(
        f"/en/forms/{page.pk}/send/",
        {"your_name": "Sakina", "email_address": "sakina@example.com", "region": "1"},
    )
    assert response.status_code == 302
    run_worker()

    assert FormPageSubmission.objects.count() == 1
    waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert waiting.run_after > timezone.now()

    with smtp_server_on(port) as inbox:
        run_worker()  # not due yet
        assert inbox.messages == []
        let_back_off_pass()
        run_worker()

    [message] = inbox.messages
    assert message["To"] == "staff@example.org"
    assert "Your name: Sakina" in message.get_content()
