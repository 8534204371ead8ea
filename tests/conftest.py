import contextlib
import functools
import os
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

BROWSER_TESTS = Path(__file__).parent / "e2e"


def pytest_itemcollected(item):
    """Under pytest-xdist (`make test`, `--dist loadgroup`) a module whose
    tests share pages built once (a module-scoped fixture on the database)
    runs whole on one worker, so they are built once, not once per worker,
    unless it says SPREAD_OVER_WORKERS (its tests are long and its pages
    quick to build). Other tests are handed out one by one; the browser
    tests are grouped in tests/e2e/conftest.py.

    Marked here, as each test is collected: pytest-xdist reads the marks in
    its own pytest_collection_modifyitems."""
    if BROWSER_TESTS in item.path.parents:
        return
    if item.get_closest_marker("xdist_group"):
        return
    if getattr(item.module, "SPREAD_OVER_WORKERS", False):
        return
    fixtures = getattr(item, "_fixtureinfo", None)
    definitions = fixtures.name2fixturedefs.values() if fixtures else ()
    if any(
        definition.scope in ("module", "package")
        and "django_db_setup" in definition.argnames
        for chain in definitions
        for definition in chain
    ):
        item.add_marker(pytest.mark.xdist_group(item.module.__name__))


# Last, after pytest-django's own ordering.
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The browser tests first (`make test` keeps this order:
    --no-loadscope-reorder), so their long groups do not start last while the
    other worker has nothing left to do; but under pytest-xdist the second
    group only after BROWSER_SECOND_AFTER other tests. The first group builds
    the site they share when the code has changed (half a minute of a core),
    and the other worker runs tests meanwhile instead of waiting for it."""
    browser_tests = [item for item in items if BROWSER_TESTS in item.path.parents]
    # Tests without a database first: while the migrated database is built
    # (when the migrations changed: 20 s of a core), they need not wait.
    others = sorted(
        (item for item in items if item not in browser_tests), key=_uses_database
    )
    if not getattr(config.option, "loadgroup", False):
        items[:] = browser_tests + others
        return
    groups: dict[str, list] = {}
    for item in browser_tests:
        groups.setdefault(_group(item), []).append(item)
    first, *rest = groups.values() or [[]]
    items[:] = [
        *first,
        *others[:BROWSER_SECOND_AFTER],
        *(item for group in rest for item in group),
        *others[BROWSER_SECOND_AFTER:],
    ]


BROWSER_SECOND_AFTER = 150


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "django_db_setup"} & set(item.fixturenames)
    )


def _group(item) -> str:
    marker = item.get_closest_marker("xdist_group")
    if marker is None:
        return ""
    return marker.kwargs.get("name") or (marker.args[0] if marker.args else "")


def pytest_collection_finish(session):
    """Stop a `make test` run whose groups pytest-xdist would not keep: it
    would start the browser and the site, and build shared pages, on every
    worker (as pytest-xdist 3.8 under pytest 9.2 does: pytest-xdist#1386)."""
    if not getattr(session.config.option, "loadgroup", False):
        return
    ungrouped = [
        item.nodeid
        for item in session.items
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid
    ]
    if ungrouped:
        raise pytest.UsageError(
            "pytest-xdist did not group these tests (--dist loadgroup), so they "
            f"would run on every worker: {ungrouped[:3]}. Check the pins of "
            "pytest and pytest-xdist in requirements.txt."
        )


if not os.environ.get("DATABASE_URL", "").startswith("postgres"):

    @pytest.fixture(scope="session")
    def django_db_setup(django_test_environment, django_db_blocker):
        """The SQLite test database (in memory, one per test process) as
        pytest-django makes it, but copied from the migrated database with
        the site tree, built once (tests/migrated_database.py), instead of
        migrated again."""
        from django.db import connections

        from tests.migrated_database import site_tree_sqlite

        connection = connections["default"]
        original = connection.settings_dict["NAME"]
        name = connection.creation._get_test_db_name()
        assert connection.creation.is_in_memory_db(name), name

        with django_db_blocker.unblock():
            migrated = site_tree_sqlite()
            connection.close()
            settings.DATABASES["default"]["NAME"] = name
            connection.settings_dict["NAME"] = name
            connection.ensure_connection()
            if not connection.introspection.table_names():
                with contextlib.closing(sqlite3.connect(migrated)) as source:
                    source.backup(connection.connection)
        yield
        with django_db_blocker.unblock():
            connection.close()
            settings.DATABASES["default"]["NAME"] = original
            connection.settings_dict["NAME"] = original

else:

    @pytest.fixture(scope="session")
    def django_db_setup(
        django_test_environment, django_db_blocker, django_db_modify_db_settings
    ):
        """The PostgreSQL test database of this test process (pytest-django's
        name, with pytest-xdist's worker suffix), created fresh as a copy of
        the migrated template database with the site tree
        (tests/migrated_database.py) instead of migrated again, and dropped
        at the end."""
        from urllib.parse import urlsplit, urlunsplit

        import psycopg
        from django.db import connections

        from tests.migrated_database import database_drop, postgres_copy_of_site_tree

        connection = connections["default"]
        original = connection.settings_dict["NAME"]
        name = connection.creation._get_test_db_name()
        parts = urlsplit(os.environ["DATABASE_URL"])
        server = urlunsplit(parts._replace(scheme="postgresql", path=""))
        admin = psycopg.connect(f"{server}/postgres", autocommit=True)
        with django_db_blocker.unblock():
            connection.close()
            postgres_copy_of_site_tree(admin, server, original, name)
            settings.DATABASES["default"]["NAME"] = name
            connection.settings_dict["NAME"] = name
        yield
        with django_db_blocker.unblock():
            for each in connections.all():
                each.close()
            database_drop(admin, name)
            admin.close()
            settings.DATABASES["default"]["NAME"] = original
            connection.settings_dict["NAME"] = original


@functools.cache
def _redis(location: str):
    import redis

    return redis.Redis.from_url(location)


def cache_clear() -> None:
    """Empty the cache. Under Redis, only this test process's keys go: the
    parallel workers and the browser tests' server share one Redis database,
    each under a key prefix of its own (settings.test). What this process
    kept between requests (home.process_cache, kept fragments) goes too."""
    from home.process_cache import process_cache_clear

    process_cache_clear()
    backend = settings.CACHES["default"]
    if "redis" not in backend["BACKEND"].lower():
        cache.clear()
        return
    client = _redis(backend["LOCATION"])
    keys = list(client.scan_iter(match=f"{backend.get('KEY_PREFIX', '')}:*"))
    if keys:
        client.delete(*keys)


@contextlib.contextmanager
def built_once(django_db_blocker, build):
    """What `build()` stores, for a module-scoped fixture whose tests only
    read it (or change it inside their own transaction): built once in a
    transaction of its own, rolled back when the module ends. Not for tests
    with `transaction=True`: their threads and processes see only what is
    committed."""
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            cache_clear()
            yield build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    cache_clear()
    yield
    translation.activate("en")


@pytest.fixture
def home_page(db):
    """The English home page with its Urdu and Hazaragi translations, live:
    in the test database from the start (tests/migrated_database.py), made
    again after a test with `transaction=True` emptied the tables."""
    from home.site_setup import site_tree_ensure

    return site_tree_ensure()


class SmtpInbox:
    """What a loopback SMTP server received, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import email
        import email.policy

        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 Message accepted"


def free_port() -> int:
    """A loopback port nothing listens on (until someone starts to)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def smtp_server_on(port: int, handler=None):
    """A real SMTP server (aiosmtpd) on a loopback port while the block runs."""
    from aiosmtpd.controller import Controller

    handler = handler or SmtpInbox()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


def use_smtp(settings, port: int) -> None:
    """Point Django's SMTP backend at a loopback port."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback (aiosmtpd), with Django's SMTP backend
    pointed at it. `smtp_server.messages` holds what it received, parsed."""
    port = free_port()
    use_smtp(settings, port)
    with smtp_server_on(port) as inbox:
        yield inbox
