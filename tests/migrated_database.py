"""The migrated, empty database every test database starts from, built once
for the migrations and installed packages as they are (`migrations_key`) and
copied from then on: the unit tests' database in each test process
(tests/conftest.py) and the browser tests' site before the demo goes in
(tests/e2e/site_server.py). `migrate` takes about 18 s of a core's time on
either database; a copy, well under one.

SQLite: a file in tests/build_cache.py's BUILD_CACHE. PostgreSQL: a template
database named after the key on the server of DATABASE_URL, made under an
advisory lock so that processes side by side build it once and never copy
it while it is being made."""

import hashlib
import importlib.metadata
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from tests.build_cache import built

ROOT = Path(__file__).resolve().parents[1]


def migrations_key() -> str:
    """What the migrated database depends on: the project's migrations and
    the installed packages (whose migrations are theirs)."""
    from django.apps import apps

    digest = hashlib.sha256()
    for config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        digest.update(config.label.encode())
        for path in sorted(Path(config.path).glob("migrations/*.py")):
            digest.update(path.name.encode() + path.read_bytes())
    for distribution in sorted(
        f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()
    ):
        digest.update(distribution.encode())
    return digest.hexdigest()[:20]


def migrate(database_url: str) -> None:
    """`manage.py migrate` on the database at `database_url`, under the test
    settings, in a process of its own (whatever this one is connected to)."""
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "settings.test",
            "DATABASE_URL": database_url,
        },
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(f"migrate failed:\n{result.stdout}{result.stderr}")


def migrated_sqlite() -> Path:
    """A migrated SQLite file; copy it, never write to it."""

    def build(folder: Path) -> None:
        migrate(f"sqlite:///{folder / 'migrated.sqlite3'}")

    return built(f"migrated-sqlite-{migrations_key()}", build) / "migrated.sqlite3"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def database_drop(admin, name: str) -> None:
    admin.execute(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")


@contextmanager
def template_locked(admin, template: str):
    """Hold the server-wide advisory lock of `template` while the block runs:
    the one who builds it, and anyone copying it, takes turns."""
    admin.execute("SELECT pg_advisory_lock(hashtext(%s))", (template,))
    try:
        yield
    finally:
        admin.execute("SELECT pg_advisory_unlock(hashtext(%s))", (template,))


def postgres_template_make(admin, template: str, build, *, stale: str) -> None:
    """(Re)make the template database `template`: `build(name)` creates and
    fills a database under another name, renamed when done, so that a
    template of this name is always complete; under the template's lock.
    Then the templates whose names match the regex `stale` (other keys,
    older code) go."""
    building = f"{template}_building"
    with template_locked(admin, template):
        database_drop(admin, building)
        database_drop(admin, template)
        try:
            build(building)
        except Exception:
            database_drop(admin, building)
            raise
        admin.execute(
            f"ALTER DATABASE {_quoted(building)} RENAME TO {_quoted(template)}"
        )
    names = admin.execute(
        "SELECT datname FROM pg_database WHERE datname ~ %s AND datname <> %s",
        (stale, template),
    ).fetchall()
    for (stale_name,) in names:
        with template_locked(admin, stale_name):
            database_drop(admin, stale_name)


def postgres_template_exists(admin, template: str) -> bool:
    return bool(
        admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (template,)
        ).fetchone()
    )


def postgres_copy(admin, template: str, name: str) -> None:
    """Database `name`, made afresh as a copy of `template`."""
    with template_locked(admin, template):
        database_drop(admin, name)
        admin.execute(f"CREATE DATABASE {_quoted(name)} TEMPLATE {_quoted(template)}")


def postgres_copy_of_migrated(admin, server_url: str, base: str, name: str) -> None:
    """Create database `name` as a copy of the migrated template (built
    first if this key has none yet) on the server `admin` (an autocommit
    psycopg connection to it) is connected to. `server_url` is a DATABASE_URL
    of that server without a database name."""
    template = f"{base}_migrated_{migrations_key()}"

    def build(building: str) -> None:
        admin.execute(f"CREATE DATABASE {_quoted(building)}")
        migrate(f"{server_url}/{building}")

    # Advisory locks nest within a session: the check and the build are one
    # turn, so processes side by side build it once.
    with template_locked(admin, template):
        if not postgres_template_exists(admin, template):
            postgres_template_make(
                admin, template, build, stale=f"^{base}_migrated_[0-9a-f]{{20}}$"
            )
    postgres_copy(admin, template, name)
