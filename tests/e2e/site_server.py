"""The site the browser tests visit: a real server process (`manage.py
runserver`, as `make run` serves it) on a free loopback port, with a database
of its own, sending its emails to an SMTP server on loopback (aiosmtpd) whose
inbox the tests read; form pages' staff notifications go to STAFF_EMAIL.

The database is never the unit tests' one: a temporary SQLite file, or on
PostgreSQL the database named by DATABASE_URL with `_e2e` appended, created
fresh for the run and dropped after it. It is a copy of a built one: `demo`
and the tests' own data (site_build.py) go into a copy of the migrated
database (tests/migrated_database.py) only when no database was built yet
from the same code, migrations and demo content (`build_key`). Built
databases are kept in tests/build_cache.py's BUILD_CACHE (SQLite files and
their media) and, on PostgreSQL, as template databases named after the key."""

import contextlib
import email
import email.policy
import json
import os
import shutil
import socket
import sqlite3
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

from tests.build_cache import BUILD_CACHE, built, project_digest
from tests.migrated_database import (
    database_drop,
    manage_run,
    migrated_sqlite,
    postgres_copy,
    postgres_copy_of_migrated,
    postgres_template_exists,
    postgres_template_make,
)

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


def build_key(accounts: dict) -> str:
    """What the built database depends on: the project's files
    (build_cache.project_digest), the build script and the accounts."""
    digest = project_digest()
    digest.update(BUILD_SCRIPT.read_bytes())
    digest.update(json.dumps(accounts, sort_keys=True).encode())
    return digest.hexdigest()[:20]


def _build(env: dict, database: str, media: Path) -> None:
    """The demo and the tests' data (site_build.py) into `database`, a copy of
    the migrated database, its files into `media`."""
    manage_run(
        {**env, "DATABASE_URL": database, "MEDIA_ROOT": str(media)},
        "shell",
        "--command",
        BUILD_SCRIPT.read_text(),
    )


@contextmanager
def e2e_database(tmp_dir: Path, env: dict, key: str):
    """A DATABASE_URL for the server: a fresh copy of the built database, its
    files copied into tmp_dir/media."""
    base = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(base)
    media = tmp_dir / "media"
    if not parts.scheme.startswith("postgres"):

        def build_sqlite(folder: Path) -> None:
            shutil.copyfile(migrated_sqlite(), folder / "site.sqlite3")
            _build(env, f"sqlite:///{folder / 'site.sqlite3'}", folder / "media")

        folder = built(f"e2e-sqlite-{key}", build_sqlite)
        shutil.copyfile(folder / "site.sqlite3", tmp_dir / "e2e.sqlite3")
        shutil.copytree(folder / "media", media)
        yield f"sqlite:///{tmp_dir / 'e2e.sqlite3'}"
        return
    import psycopg

    server = urlunsplit(parts._replace(scheme="postgresql", path=""))
    base = parts.path.lstrip("/") + "_e2e"
    template = f"{base}_{key}"
    # The served copy is this process's own: test processes side by side
    # never drop each other's.
    name = f"{base}_run_{os.getpid()}"
    admin = psycopg.connect(
        urlunsplit(parts._replace(scheme="postgresql", path="/postgres")),
        autocommit=True,
    )

    def build_postgres(folder: Path) -> None:
        def build(building: str) -> None:
            postgres_copy_of_migrated(admin, server, parts.path.lstrip("/"), building)
            _build(
                env, urlunsplit(parts._replace(path=f"/{building}")), folder / "media"
            )

        postgres_template_make(admin, template, build, stale=f"^{base}_[0-9a-f]{{20}}$")

    try:
        if not postgres_template_exists(admin, template):
            shutil.rmtree(BUILD_CACHE / f"e2e-postgres-{key}", ignore_errors=True)
        folder = built(f"e2e-postgres-{key}", build_postgres)
        shutil.copytree(folder / "media", media)
        postgres_copy(admin, template, name)
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        database_drop(admin, name)
        admin.close()


def cache_empty(env: dict) -> None:
    """Under Redis, the server's keys left by the build or an earlier run go
    (only its own: the unit tests may share the Redis database)."""
    if not env.get("REDIS_URL"):
        return
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    keys = list(client.scan_iter(match=f"{env['CACHE_KEY_PREFIX']}*"))
    if keys:
        client.delete(*keys)
    client.close()


@dataclass
class SiteServer:
    url: str
    inbox: Inbox
    env: dict
    log: Path

    def execute(self, statement: str, params: tuple = ()) -> list[tuple]:
        """Run one SQL statement (parameters as `?`) on the server's database
        straight, without the few seconds a Django process takes to start;
        its rows."""
        url = self.env["DATABASE_URL"]
        if url.startswith("sqlite:///"):
            path = url.removeprefix("sqlite:///")
            with contextlib.closing(sqlite3.connect(path)) as database, database:
                return database.execute(statement, params).fetchall()
        import psycopg

        url = urlunsplit(urlsplit(url)._replace(scheme="postgresql"))
        with psycopg.connect(url, autocommit=True) as database:
            cursor = database.execute(statement.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []

    def manage(self, *args: str) -> str:
        """Run a management command against the server's database."""
        return manage_run(self.env, *args)


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
    """Serve a copy of the demo site with the tests' data (site_build.py,
    built once for the code as it is); yields a SiteServer. `accounts` ({username:
    (password, group name or "superuser")}) are created for the editor and
    translator journeys."""
    artifacts.mkdir(parents=True, exist_ok=True)
    log = artifacts / "server.log"
    env = {
        **os.environ,
        # Debug off, so visitors get the site's own error pages; the page
        # cache off, so a count is current the moment it changes.
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "SERVE_MEDIA": "on",
        # Static files indexed at start and kept by the browser for a minute
        # (settings.test), not looked up and revalidated on every request.
        "STATIC_FILES_INDEXED": "on",
        "STAFF_NOTIFICATION_EMAILS": STAFF_EMAIL,
        "CACHE_KEY_PREFIX": "hazara-e2e",
        # Every test signs from 127.0.0.1: the per-address limits would
        # otherwise keep later signatures as suspect, uncounted.
        "PETITIONS_BURST_LIMIT": "100000",
        "PETITIONS_SUSTAINED_LIMIT": "100000",
        "E2E_ACCOUNTS": json.dumps(accounts),
    }
    key = build_key(accounts)
    with (
        smtp_inbox() as (inbox, smtp_port),
        e2e_database(tmp_dir, env, key) as database,
    ):
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        env.update(
            DATABASE_URL=database,
            MEDIA_ROOT=str(tmp_dir / "media"),
            EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
            # Links in emails and share links lead to this server.
            WAGTAILADMIN_BASE_URL=url,
        )
        server = SiteServer(url=url, inbox=inbox, env=env, log=log)
        # The database was built once for every run; its Site record takes
        # this run's address, as `migrate` would give it
        # (home.site_address.site_address_sync), before the server starts.
        server.execute(
            "UPDATE wagtailcore_site SET hostname = ?, port = ? WHERE is_default_site",
            ("127.0.0.1", port),
        )
        cache_empty(env)
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
