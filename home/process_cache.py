"""Reads that do not change from one request to the next (a page's route
and links, a petition page and its settings, the blocked email domains),
kept by the process so that a busy page or form costs no database round trip
for them.

A value is trusted while the page cache's generation (home.page_cache) is
the one it was read under. Every change that shows on public pages starts a
new generation: publishing, unpublishing or moving a page, saving a snippet
or a setting in the admin, changing a page's view restrictions, saving a
petition or a picture. The generation lives in the shared cache, so a change
made in one process is seen by every other at its next page it renders, and
by its other requests (a signature) within PAGE_CACHE_LOCAL_SECONDS: at most
one cache read per request, not a database query per value. Without the
shared cache (Redis away) nothing is kept and every read goes to the
database, as it would without this module.

Kept values are read-only: a caller never changes what it is given.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from home.page_cache import page_cache_generation

T = TypeVar("T")

# Every store, so that tests can empty them all (process_cache_clear).
_stores: list["KeptValues"] = []


class KeptValues:
    """Values kept under the generation they were built in, the least
    recently used dropped beyond `size`. A stale value stays until its key
    is built again or it is pushed out."""

    def __init__(self, size: int):
        self.size = size
        self._values: OrderedDict[Hashable, tuple[str, object]] = OrderedDict()
        self._lock = threading.Lock()
        _stores.append(self)

    def get_or_build(self, key: Hashable, build: Callable[[], T]) -> T:
        """`build()`, or what it gave under the current generation. What
        `build` raises (Http404, say) is raised again and nothing is kept."""
        generation = page_cache_generation()
        if generation is None:
            return build()
        with self._lock:
            kept = self._values.get(key)
            if kept is not None and kept[0] == generation:
                self._values.move_to_end(key)
                return kept[1]
        value = build()
        with self._lock:
            self._values[key] = (generation, value)
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._values.clear()


# A public page keeps about six small values (its route, view restrictions,
# translations' addresses, "run by", linked pages, language notice): enough
# for some 600 pages in each language.
_small_values = KeptValues(size=4096)


def process_cached(key: Hashable, build: Callable[[], T]) -> T:
    """`build()`, or what it gave under the current generation (see
    KeptValues.get_or_build)."""
    return _small_values.get_or_build(key, build)


def process_cache_clear() -> None:
    """Forget everything every store keeps (tests)."""
    for store in _stores:
        store.clear()
