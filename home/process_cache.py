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

# A public page keeps about six small values (its route, view restrictions,
# translations' addresses, "run by", linked pages, language notice): enough
# for some 600 pages in each language. The least recently used go first.
SIZE = 4096

T = TypeVar("T")
_values: OrderedDict[Hashable, tuple[str, object]] = OrderedDict()
_lock = threading.Lock()


def process_cached(key: Hashable, build: Callable[[], T]) -> T:
    """`build()`, or what it gave under the current generation. What `build`
    raises (Http404, say) is raised again and nothing is kept."""
    generation = page_cache_generation()
    if generation is None:
        return build()
    with _lock:
        kept = _values.get(key)
        if kept is not None and kept[0] == generation:
            _values.move_to_end(key)
            return kept[1]
    value = build()
    with _lock:
        _values[key] = (generation, value)
        _values.move_to_end(key)
        while len(_values) > SIZE:
            _values.popitem(last=False)
    return value


def process_cache_clear() -> None:
    with _lock:
        _values.clear()
