"""What the tests build once and keep between runs, keyed on what it was built
from: the migrated SQLite database (tests/migrated_database.py) and the
browser tests' site (tests/e2e/site_server.py). Kept in BUILD_CACHE; entries
not used for BUILD_CACHE_DAYS are removed."""

import fcntl
import hashlib
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

BUILD_CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hazara-tests"
)
BUILD_CACHE_DAYS = 7
ROOT = Path(__file__).resolve().parents[1]
# What nothing built here depends on: the tests (except the build scripts a
# caller adds), documentation, benchmarks, templates, static files and CI.
NOT_BUILT_FROM = ("tests/", "docs/", "benchmarks/", "templates/", ".ci/")


def project_digest():
    """A sha256 of every file of the project that git knows (tracked or new,
    not ignored) except NOT_BUILT_FROM, static files and Markdown: what
    stored data can depend on. Callers add their own inputs to it."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    paths = sorted(
        path
        for path in listed.split("\0")
        if path
        and not path.startswith(NOT_BUILT_FROM)
        and "/static/" not in path
        and not path.endswith(".md")
        and (ROOT / path).is_file()
    )
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.encode() + b"\0" + (ROOT / path).read_bytes() + b"\0")
    return digest


def _tidy(keep: Path) -> None:
    keep.touch()
    horizon = time.time() - BUILD_CACHE_DAYS * 86400
    for entry in BUILD_CACHE.iterdir():
        if entry.name.startswith(keep.name) or entry.stat().st_mtime >= horizon:
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def built(name: str, build: Callable[[Path], None]) -> Path:
    """The folder BUILD_CACHE/name, made by `build(folder)` unless an earlier
    run made it. One process builds it while any other that wants it waits
    (a lock file), so test processes side by side build it once. Built under
    another name and renamed when done, so a folder found is always
    complete."""
    folder = BUILD_CACHE / name
    BUILD_CACHE.mkdir(parents=True, exist_ok=True)
    lock = BUILD_CACHE / f"{name}.lock"
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        lock.touch()
        if not (folder / "built").exists():
            building = BUILD_CACHE / f"building-{name}-{os.getpid()}"
            shutil.rmtree(building, ignore_errors=True)
            building.mkdir()
            try:
                build(building)
                (building / "built").touch()
                shutil.rmtree(folder, ignore_errors=True)
                building.rename(folder)
            finally:
                shutil.rmtree(building, ignore_errors=True)
        _tidy(folder)
    return folder
