"""What the tests build once and keep between runs, keyed on what it was built
from: the unit tests' migrated SQLite database (tests/conftest.py) and the
browser tests' site (tests/e2e/site_server.py). Kept in BUILD_CACHE; entries
not used for BUILD_CACHE_DAYS are removed."""

import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

BUILD_CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "hazara-tests"
)
BUILD_CACHE_DAYS = 7


def _tidy(keep: Path) -> None:
    keep.touch()
    horizon = time.time() - BUILD_CACHE_DAYS * 86400
    for entry in BUILD_CACHE.iterdir():
        if entry != keep and entry.stat().st_mtime < horizon:
            shutil.rmtree(entry, ignore_errors=True)


def built(name: str, build: Callable[[Path], None]) -> Path:
    """The folder BUILD_CACHE/name, made by `build(folder)` unless an earlier
    run made it. Built under another name and renamed when done, so a folder
    found is always complete (also when runs build side by side)."""
    folder = BUILD_CACHE / name
    if not (folder / "built").exists():
        BUILD_CACHE.mkdir(parents=True, exist_ok=True)
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
