"""A worker killed in the middle of sending (kill -9, no chance to clean up)
loses no email, to a signer or to staff: the email stays stored until the SMTP
server has taken it, and once its lease runs out `emails_resend_pending`
queues it for the next worker."""

import asyncio
import os
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from petitions.models import Signature
from supporters.models import PendingEmail
from tests.campaigns.form_pages import volunteer_page_add
from tests.conftest import free_port, smtp_server_on
from tests.petitions.conftest import LINK, sign

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 120


class StallingInbox:
    """An SMTP server that hangs once it has the message, as a mail server
    does when it is overloaded, and then refuses it: the worker is caught in
    the middle of sending."""

    def __init__(self):
        self.receiving = threading.Event()
        self.release = threading.Event()
        self.accepted = []

    async def handle_DATA(self, server, session, envelope):
        self.receiving.set()
        while not self.release.is_set():
            await asyncio.sleep(0.05)
        return "451 4.3.0 Try again later"


def worker_environment(smtp_port: int) -> dict[str, str]:
    """The production settings, on this test's database and mail server."""
    db = connection.settings_dict
    database_url = "postgres://{}:{}@{}:{}/{}".format(
        quote(db["USER"] or ""),
        quote(db["PASSWORD"] or ""),
        db["HOST"] or "127.0.0.1",
        db["PORT"] or 5432,
        quote(db["NAME"]),
    )
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": django_settings.SECRET_KEY,
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "0",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
    }


def start_worker(smtp_port: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
            *extra,
        ],
        cwd=ROOT,
        env=worker_environment(smtp_port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def skip_unless_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "the worker runs in another process, which cannot see SQLite's "
            "in-memory test database; CI runs this on PostgreSQL"
        )


def kill_worker_while_it_sends() -> None:
    """Start the production worker against a mail server that stalls, and
    kill it (-9) while it is sending the one waiting email."""
    stalling_port = free_port()
    with smtp_server_on(stalling_port, StallingInbox()) as stalling:
        worker = start_worker(stalling_port)
        try:
            assert stalling.receiving.wait(WAIT_SECONDS), "the worker never sent"
            worker.kill()
            worker.wait(WAIT_SECONDS)
        finally:
            if worker.poll() is None:
                worker.kill()
            stalling.release.set()
    assert worker.returncode == -9
    # Killed mid-task: the task is left "running" forever, the email stays.
    assert DBTaskResult.objects.get().status == TaskResultStatus.RUNNING
    pending = PendingEmail.objects.get()
    assert pending.locked_until > timezone.now()


def resend_with_a_new_worker() -> list:
    """Ten minutes later the lease has run out and the email is overdue: the
    periodic command queues it again and a new worker sends it."""
    earlier = timezone.now() - timedelta(minutes=10)
    PendingEmail.objects.update(due_at=earlier, locked_until=earlier)
    call_command("emails_resend_pending", verbosity=0)
    port = free_port()
    with smtp_server_on(port) as inbox:
        restarted = start_worker(port, "--batch")
        _out, errors = restarted.communicate(timeout=WAIT_SECONDS)
        assert restarted.returncode == 0, errors.decode()
    return inbox.messages


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_sending_loses_no_email(client, petition_pages, settings):
    skip_unless_postgresql()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    sign(client, petition_pages["ur"], "ur", email="killed.worker@example.com")
    assert PendingEmail.objects.count() == 1

    kill_worker_while_it_sends()
    [message] = resend_with_a_new_worker()

    assert message["To"] == "killed.worker@example.com"
    assert not PendingEmail.objects.exists()
    link = LINK.search(message.get_body(("plain",)).get_content()).group(0)
    assert client.post(link).status_code == 302
    assert Signature.objects.get().state == "confirmed"


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_while_telling_staff_of_a_form_loses_no_email(
    client, home_page, settings
):
    skip_unless_postgresql()
    # Publishing the page queues tasks of its own: made before the queue.
    page = volunteer_page_add(home_page, to_address="staff@example.org")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.post(
        f"/en/forms/{page.pk}/send/",
        {"your_name": "Sakina", "email_address": "sakina@example.com", "region": "1"},
    )
    assert response.status_code == 302
    assert PendingEmail.objects.count() == 1

    kill_worker_while_it_sends()
    [message] = resend_with_a_new_worker()

    assert message["To"] == "staff@example.org"
    assert "Your name: Sakina" in message.get_content()
    assert not PendingEmail.objects.exists()
