"""With the database task queue, new emails go out through a drain of the
outbox (supporters.emails.pending_emails_drain), not a task each: however
many people sign while it waits, one drain is queued and sends them all,
and an email stored after a drain has read the outbox queues the next one.
The key that says a drain is due lives in the shared cache (a real Redis
here); without one, every email queues a drain."""

import os
import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django_redis import get_redis_connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from petitions.models import Signature
from supporters.emails import DRAIN_KEY, pending_emails_drain_task
from supporters.models import PendingEmail
from tests.conftest import free_port, smtp_server_on, use_smtp
from tests.petitions.conftest import sign
from tests.reliability.test_email_delivery import DATABASE_QUEUE, run_worker

pytestmark = pytest.mark.django_db(transaction=True)

DRAIN_TASK = pending_emails_drain_task.module_path


@pytest.fixture
def shared_cache(settings):
    """The production cache backend on the local Redis, under a prefix of
    this test's own, emptied afterwards."""
    prefix = f"drain-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
            "KEY_PREFIX": prefix,
        }
    }
    yield
    # This prefix's keys only, of any version (clear() would empty the db).
    client = get_redis_connection("default")
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def queue_and_mail(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.PETITIONS_BURST_LIMIT = 100
    port = free_port()
    use_smtp(settings, port)
    return port


def drains_waiting() -> int:
    return DBTaskResult.objects.filter(
        task_path=DRAIN_TASK, status=TaskResultStatus.READY
    ).count()


def worker_sends(port: int) -> list:
    """Run the worker until no task is ready, with the mail server up; what
    it received."""
    with smtp_server_on(port) as inbox:
        run_worker()
    return inbox.messages


def sign_as(client, page, number: int):
    response = sign(
        client,
        page,
        "ur",
        name=f"Signer {number}",
        email=f"signer{number}@example.com",
        ip=f"203.0.113.{number}",
    )
    assert response.status_code == 302


def test_twenty_signatures_queue_one_drain_that_sends_every_email(
    client, petition_pages, shared_cache, queue_and_mail
):
    for number in range(1, 21):
        sign_as(client, petition_pages["ur"], number)

    assert PendingEmail.objects.count() == 20
    assert DBTaskResult.objects.count() == 1
    assert drains_waiting() == 1

    sent = worker_sends(queue_and_mail)

    assert sorted(message["To"] for message in sent) == sorted(
        f"signer{number}@example.com" for number in range(1, 21)
    )
    assert not PendingEmail.objects.exists()
    assert Signature.objects.filter(state="pending").count() == 20


def test_a_signature_after_a_drain_ran_queues_the_next_one(
    client, petition_pages, shared_cache, queue_and_mail
):
    with smtp_server_on(queue_and_mail) as inbox:
        sign_as(client, petition_pages["ur"], 1)
        run_worker()
        assert [message["To"] for message in inbox.messages] == ["signer1@example.com"]
        assert drains_waiting() == 0
        assert cache.get(DRAIN_KEY) is None

        sign_as(client, petition_pages["ur"], 2)
        assert drains_waiting() == 1
        run_worker()

    assert [message["To"] for message in inbox.messages] == [
        "signer1@example.com",
        "signer2@example.com",
    ]
    assert not PendingEmail.objects.exists()


def test_a_drain_killed_after_its_read_holds_emails_up_no_longer_than_the_key(
    client, petition_pages, shared_cache, queue_and_mail
):
    """A drain that died while sending leaves the key behind; once it has
    expired (a minute), the next signature queues a drain that sends both."""
    sign_as(client, petition_pages["ur"], 1)
    DBTaskResult.objects.all().delete()  # the worker took it and died
    cache.set(DRAIN_KEY, "1", timeout=60)  # as a drain going round again does

    sign_as(client, petition_pages["ur"], 2)
    assert drains_waiting() == 0

    cache.delete(DRAIN_KEY)  # a minute later
    sign_as(client, petition_pages["ur"], 3)
    assert drains_waiting() == 1
    sent = worker_sends(queue_and_mail)

    assert len(sent) == 3
    assert not PendingEmail.objects.exists()


def test_without_a_shared_cache_every_email_queues_a_drain(
    client, petition_pages, queue_and_mail, settings
):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    for number in range(1, 4):
        sign_as(client, petition_pages["ur"], number)

    assert drains_waiting() == 3
    sent = worker_sends(queue_and_mail)

    assert len(sent) == 3
    assert not PendingEmail.objects.exists()


def test_a_drain_that_cannot_be_queued_loses_no_signature_and_the_next_queues_one(
    client, petition_pages, shared_cache, queue_and_mail, caplog
):
    """The task table cannot be written just after a signature committed (as
    when the database goes away between the two): the signer is still sent
    to "check your email", the email stays in the outbox, and the next
    signature queues the drain that sends both."""
    table = DBTaskResult._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_away")
    try:
        sign_as(client, petition_pages["ur"], 1)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table}_away RENAME TO {table}")

    assert Signature.objects.get().email == "signer1@example.com"
    assert PendingEmail.objects.count() == 1
    assert "no drain could be queued" in caplog.text
    assert cache.get(DRAIN_KEY) is None

    sign_as(client, petition_pages["ur"], 2)
    assert drains_waiting() == 1
    sent = worker_sends(queue_and_mail)

    assert len(sent) == 2
    assert not PendingEmail.objects.exists()
