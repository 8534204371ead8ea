"""The databases every test database starts from, built once and copied from
then on:

- the migrated, empty database, for the migrations and installed packages as
  they are (`migrations_key`): `migrate` takes about 18 s of a core's time on
  either database. The browser tests' site starts from it
  (tests/e2e/site_server.py);
- the same with the site tree every installation has (`manage.py
  site_setup`: the three locales' home pages, the Site, the translator
  groups), for the code as it is (`site_tree_key`): the unit tests' database
  in each test process (tests/conftest.py), so that a test or a module's
  pages do not make the home pages again (half a second each time).

A copy takes well under a second. SQLite: files in tests/build_cache.py's
BUILD_CACHE. PostgreSQL: template databases named after the key on the
server of DATABASE_URL, made under an advisory lock so that processes side
by side build each once and never copy one while it is being made."""

import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from tests.build_cache import built, project_digest

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


def site_tree_key() -> str:
    """What the database with the site tree depends on: the migrated
    database and the project's code."""
    digest = project_digest()
    digest.update(migrations_key().encode())
    return digest.hexdigest()[:20]


def manage_run(environment: dict, *args: str) -> str:
    """`manage.py *args` in a process of its own with `environment`; what
    it printed. Raises with its output if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        command = " ".join(arg if len(arg) < 80 else "…" for arg in args)
        raise RuntimeError(
            f"manage.py {command} failed:\n{result.stdout}{result.stderr}"
        )
    return result.stdout


def manage(database_url: str, *args: str) -> None:
    """`manage.py *args` on the database at `database_url`, under the test
    settings, in a process of its own (whatever this one is connected to),
    with the local-memory cache: nothing built is left in Redis."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.test",
        "DATABASE_URL": database_url,
    }
    environment.pop("REDIS_URL", None)
    manage_run(environment, *args)


def migrated_sqlite() -> Path:
    """A migrated SQLite file; copy it, never write to it."""

    def build(folder: Path) -> None:
        manage(
            f"sqlite:///{folder / 'migrated.sqlite3'}", "migrate", "--noinput", "-v0"
        )

    return built(f"migrated-sqlite-{migrations_key()}", build) / "migrated.sqlite3"


def site_tree_sqlite() -> Path:
    """A migrated SQLite file with the site tree; copy it, never write to it."""

    def build(folder: Path) -> None:
        shutil.copyfile(migrated_sqlite(), folder / "site-tree.sqlite3")
        manage(f"sqlite:///{folder / 'site-tree.sqlite3'}", "site_setup")

    return built(f"site-tree-sqlite-{site_tree_key()}", build) / "site-tree.sqlite3"


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
        manage(f"{server_url}/{building}", "migrate", "--noinput", "-v0")

    # Advisory locks nest within a session: the check and the build are one
    # turn, so processes side by side build it once.
    with template_locked(admin, template):
        if not postgres_template_exists(admin, template):
            postgres_template_make(
                admin, template, build, stale=f"^{base}_migrated_[0-9a-f]{{20}}$"
            )
    postgres_copy(admin, template, name)


def postgres_copy_of_site_tree(admin, server_url: str, base: str, name: str) -> None:
    """As postgres_copy_of_migrated, from the template with the site tree."""
    template = f"{base}_tree_{site_tree_key()}"

    def build(building: str) -> None:
        postgres_copy_of_migrated(admin, server_url, base, building)
        manage(f"{server_url}/{building}", "site_setup")

    with template_locked(admin, template):
        if not postgres_template_exists(admin, template):
            postgres_template_make(
                admin, template, build, stale=f"^{base}_tree_[0-9a-f]{{20}}$"
            )
    postgres_copy(admin, template, name)
