"""The site the browser tests visit: a real server process (`manage.py
runserver`, as `make run` serves it) on a free loopback port, with a database
of its own built once by `migrate` and `demo`, sending its emails to an SMTP
server on loopback (aiosmtpd) whose inbox the tests read; form pages' staff
notifications go to STAFF_EMAIL.

The database is never the unit tests' one: a temporary SQLite file, or on
PostgreSQL the database named by DATABASE_URL with `_e2e` appended, created
fresh for the run and dropped after it."""

import email
import email.policy
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = Path(__file__).with_name("site_build.py")
STARTUP_SECONDS = 60
# Where the site tells staff about each form page's submission.
STAFF_EMAIL = "staff-e2e@example.org"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """What the SMTP server received, parsed; tests wait for their message."""

    def __init__(self):
        self.messages = []
        self._arrived = threading.Condition()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(
            envelope.content, policy=email.policy.default
        )
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
        return "250 Message accepted"

    def wait_for(self, *, to: str, reply_to: str = "", timeout: float = 15):
        """The first message to `to` (and with `reply_to` among its Reply-To
        addresses, if given), waiting for it to arrive."""

        def matches(message) -> bool:
            return to in message["To"] and reply_to in (message["Reply-To"] or "")

        def find():
            return next((m for m in self.messages if matches(m)), None)

        with self._arrived:
            if not self._arrived.wait_for(find, timeout=timeout):
                raise AssertionError(f"no email to {to} within {timeout} s")
            return find()


@contextmanager
def smtp_inbox():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@contextmanager
def e2e_database(tmp_dir: Path):
    """A DATABASE_URL for the server: a fresh database of its own."""
    base = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        yield f"sqlite:///{tmp_dir / 'e2e.sqlite3'}"
        return
    import psycopg

    name = parts.path.lstrip("/") + "_e2e"
    admin = psycopg.connect(
        urlunsplit(parts._replace(scheme="postgresql", path="/postgres")),
        autocommit=True,
    )
    drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
    try:
        admin.execute(drop)
        admin.execute(f'CREATE DATABASE "{name}"')
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        admin.execute(drop)
        admin.close()


@dataclass
class SiteServer:
    url: str
    inbox: Inbox
    env: dict
    log: Path

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
            )
        return result.stdout


def _wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped:\n{log.read_text()}")
        try:
            # Always http://127.0.0.1: no file: or other schemes.
            with urllib.request.urlopen(f"{url}/en/", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer in {STARTUP_SECONDS} s")


@contextmanager
def site_server(*, tmp_dir: Path, artifacts: Path, accounts: dict):
    """Build the demo site and the tests' data in a database of its own
    (site_build.py) and serve it; yields a SiteServer. `accounts` ({username:
    (password, group name or "superuser")}) are created for the editor and
    translator journeys."""
    artifacts.mkdir(parents=True, exist_ok=True)
    log = artifacts / "server.log"
    with smtp_inbox() as (inbox, smtp_port), e2e_database(tmp_dir) as database:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            # Debug off, so visitors get the site's own error pages; the page
            # cache off, so a count is current the moment it changes.
            "DJANGO_SETTINGS_MODULE": "settings.test",
            "SERVE_MEDIA": "on",
            "DATABASE_URL": database,
            "MEDIA_ROOT": str(tmp_dir / "media"),
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            # Links in emails and share links lead to this server.
            "WAGTAILADMIN_BASE_URL": url,
            "STAFF_NOTIFICATION_EMAILS": STAFF_EMAIL,
            "CACHE_KEY_PREFIX": "hazara-e2e",
            # Every test signs from 127.0.0.1: the per-address limits would
            # otherwise keep later signatures as suspect, uncounted.
            "PETITIONS_BURST_LIMIT": "100000",
            "PETITIONS_SUSTAINED_LIMIT": "100000",
            "E2E_ACCOUNTS": json.dumps(accounts),
        }
        server = SiteServer(url=url, inbox=inbox, env=env, log=log)
        server.manage("shell", "--command", BUILD_SCRIPT.read_text())
        with log.open("w") as output:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "runserver",
                    f"127.0.0.1:{port}",
                    "--noreload",
                ],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
            try:
                _wait_until_serving(url, process, log)
                yield server
            finally:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
