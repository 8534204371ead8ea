"""A shared, server-side cache of whole public pages.

An anonymous visitor's GET of a public page is answered from the cache (Redis in
production, shared by every app process and machine) for PAGE_CACHE_SECONDS.
Each process also keeps the pages it answered for PAGE_CACHE_LOCAL_SECONDS,
so a busy page costs no round trip to Redis. Publishing, unpublishing or
moving any page, publishing a snippet, or saving a site setting purges every
cached page: at once in the process that made the change, within
PAGE_CACHE_LOCAL_SECONDS in all others. Counts and other live figures on a
cached page are at most PAGE_CACHE_SECONDS + PAGE_CACHE_LOCAL_SECONDS old.

Click ids and campaign tags that other sites add to shared links
(TRACKING_PARAMETERS) are dropped from every GET first, so that everyone who
follows a shared link gets the one stored page.

Only responses that are the same for everyone are stored: 200s to GET, with no
cookie set, no `Vary: Cookie` (which Django adds whenever a view touches the
session or a CSRF token) and nothing private or uncacheable in Cache-Control.
Requests under PAGE_CACHE_EXCLUDE_PREFIXES (the admin, documents, the health
check) and requests carrying one of PAGE_CACHE_BYPASS_COOKIES (a logged-in
editor's session, pending flash messages) always go to the view.

Purging does not delete keys: every entry is stored with the cache generation
it was rendered under, and a purge starts a new generation. A page rendered
while an editor publishes therefore never outlives the purge, and a lookup
in the shared cache is one round trip (the generation and the page in one
read). A request reads the generation once: what the process keeps
(home.process_cache) is checked against that reading for the rest of the
request, unless the request itself purges. A request that reads no page (a
signature) takes the generation this process last read, if that was less
than PAGE_CACHE_LOCAL_SECONDS ago.
"""

import hashlib
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move, published, unpublished

# Bump FORMAT when the stored entry changes shape, so a new release never
# reads an old one.
FORMAT = 1
GENERATION_KEY = "page-cache:generation"
CACHEABLE_VARY = {"accept-encoding"}
UNCACHEABLE_CONTROL = {"private", "no-cache", "no-store"}
HIT_HEADER = "X-Page-Cache"

logger = logging.getLogger(__name__)

# Query parameters that social networks, ad platforms and newsletters add to
# shared links. No page reads them, and a click id is each visitor's own: a
# page shared on a social network would otherwise miss the cache for every
# visitor. They are dropped before any view sees them, so none is echoed
# (the language switcher of search results carries its query string) into a
# page stored for the next visitor.
TRACKING_PARAMETERS = re.compile(
    r"(utm_\w+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|twclid|ttclid|igshid|"
    r"yclid|mc_cid|mc_eid|_hsenc|_hsmi)",
    re.IGNORECASE,
)

# The generation read at the start of the request this thread is answering
# (PageCacheMiddleware); None outside a request or before the first read.
_request = threading.local()

# The generation this process last read or made, and when (time.monotonic):
# trusted for PAGE_CACHE_LOCAL_SECONDS by requests that do not read it with a
# page (a signature, a count), as the pages the process keeps are trusted.
_known: tuple[str | None, float] = (None, 0.0)


def page_cache_purge() -> None:
    """Make every cached page stale at once, on every app server.

    Call it from any service whose change shows on public pages and that is
    not already covered by the publishing signals connected below. Inside a
    transaction (Wagtail publishes in one) the purge is made again once it
    commits: a page rendered, or a petition read (home.process_cache), by
    another process between the first purge and the commit saw the old rows
    and must not outlive the change.
    """
    _purge()
    transaction.on_commit(_purge)


def _purge() -> None:
    _process_pages.clear()
    generation = secrets.token_hex(8)
    _generation_known(generation)
    if getattr(_request, "active", False):
        _request.generation = generation
    try:
        cache.set(GENERATION_KEY, generation, timeout=None)
    except Exception:
        # An editor's publish must not fail because Redis is away (the site
        # itself needs it, and /health/ says so); stored pages expire within
        # PAGE_CACHE_SECONDS anyway.
        logger.exception("Page cache: the purge did not reach the cache.")


def page_cache_generation() -> str | None:
    """The current generation, or None when the shared cache cannot be read
    or the request is to see the database as it is (a signed-in editor):
    home.process_cache then keeps nothing. Within a request, the one read
    first: a round trip to Redis per request, not per kept value, and none
    for PAGE_CACHE_LOCAL_SECONDS after another request of this process read
    it (a change made in another process is seen within that time, as the
    pages this process keeps are)."""
    if getattr(_request, "fresh", False):
        return None
    generation = getattr(_request, "generation", None)
    if generation is not None:
        return generation
    known, read_at = _known
    if (
        known is not None
        and time.monotonic() - read_at < settings.PAGE_CACHE_LOCAL_SECONDS
    ):
        generation = known
    else:
        try:
            generation = cache.get(GENERATION_KEY) or _generation_ensure()
        except Exception:
            logger.exception("Page cache: the generation could not be read.")
            return None
        _generation_known(generation)
    if getattr(_request, "active", False):
        _request.generation = generation
    return generation


def _generation_known(generation: str) -> None:
    global _known
    _known = (generation, time.monotonic())


def _generation_ensure() -> str:
    generation = secrets.token_hex(8)
    # add() keeps a generation another process set first.
    if not cache.add(GENERATION_KEY, generation, timeout=None):
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def _tracking_parameters_drop(request) -> None:
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    parts = query.split("&")
    kept = [
        part
        for part in parts
        if not TRACKING_PARAMETERS.fullmatch(part.split("=", 1)[0])
    ]
    if len(kept) < len(parts):
        request.META["QUERY_STRING"] = "&".join(kept)


def _page_key(request) -> str:
    # The path alone: pages are the same whatever Host was asked for (absolute
    # links use the public address), and it carries the language prefix.
    path = request.get_full_path()
    return f"page-cache:{FORMAT}:" + hashlib.sha256(path.encode()).hexdigest()


def _request_is_cacheable(request) -> bool:
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    # Wagtail renders previews on a dummy request for the page's public URL.
    if getattr(request, "is_dummy", False):
        return False
    if request.path_info.startswith(tuple(settings.PAGE_CACHE_EXCLUDE_PREFIXES)):
        return False
    # Set once for the request by PageCacheMiddleware.
    return not _request.fresh


def _request_sees_changes_at_once(request) -> bool:
    """A signed-in editor (or a request with credentials, or flash messages
    waiting) is shown the site as the database has it: no stored page, and
    nothing the process keeps (home.process_cache, kept fragments), so a
    change made without a publish shows at once."""
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    return any(name in request.COOKIES for name in settings.PAGE_CACHE_BYPASS_COOKIES)


def _response_is_cacheable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    vary = {
        value.strip().lower()
        for value in cc_delim_re.split(response.get("Vary", ""))
        if value.strip()
    }
    if vary - CACHEABLE_VARY:
        return False
    control = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
        if directive.strip()
    }
    return not control & UNCACHEABLE_CONTROL


class _ProcessPages:
    """This process's own copies of pages it recently answered, each trusted
    for PAGE_CACHE_LOCAL_SECONDS without asking the shared cache: a viral page
    then costs no network round trip at all, and the shared cache sees a
    handful of lookups per page per second however busy the site is."""

    def __init__(self, size: int = 256):
        self._size = size
        self._entries: OrderedDict[str, tuple[float, dict]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        if settings.PAGE_CACHE_LOCAL_SECONDS <= 0:
            return None
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            if found[0] < time.monotonic():
                del self._entries[key]
                return None
            return found[1]

    def put(self, key: str, entry: dict) -> None:
        seconds = settings.PAGE_CACHE_LOCAL_SECONDS
        if seconds <= 0:
            return
        with self._lock:
            self._entries[key] = (time.monotonic() + seconds, entry)
            self._entries.move_to_end(key)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_process_pages = _ProcessPages()


def _response_from(entry: dict, request) -> HttpResponse:
    # HEAD gets the headers (Content-Length included) without the body.
    content = entry["content"] if request.method == "GET" else b""
    response = HttpResponse(content, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    # Tells a CDN in front how much of s-maxage is already used up.
    response["Age"] = str(max(0, int(time.time() - entry["stored_at"])))
    response[HIT_HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Answer anonymous page views from the cache; store what is safe to
    share. Place it after SecurityMiddleware and WhiteNoise, and before the
    CSP middleware (whose header is stored with the page, so a cached answer
    costs no policy building) and SessionMiddleware (so it costs no session
    lookup)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            _tracking_parameters_drop(request)
        _request.active, _request.generation = True, None
        _request.fresh = _request_sees_changes_at_once(request)
        try:
            return self._answer(request)
        finally:
            _request.active, _request.generation = False, None
            _request.fresh = False

    def _answer(self, request):
        if not _request_is_cacheable(request):
            return self.get_response(request)

        key = _page_key(request)
        entry = _process_pages.get(key)
        if entry is not None:
            return _response_from(entry, request)

        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or _generation_ensure()
        _request.generation = generation
        _generation_known(generation)
        entry = found.get(key)
        if entry is not None and entry["generation"] == generation:
            _process_pages.put(key, entry)
            return _response_from(entry, request)

        response = self.get_response(request)
        if request.method == "GET" and _response_is_cacheable(response):
            # Shared caches in front (a CDN) may keep it as long as we do;
            # browsers revalidate.
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PAGE_CACHE_SECONDS
            )
            entry = {
                "generation": generation,
                "stored_at": time.time(),
                "status": response.status_code,
                "headers": list(response.items()),
                "content": response.content,
            }
            cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            _process_pages.put(key, entry)
            response[HIT_HEADER] = "miss"
        return response


def cache_is_shared() -> bool:
    """Whether the default cache is one every process sees (Redis)."""
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache", "FileBasedCache"))


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Several app processes need one shared cache, or a purge in one process
    leaves the others serving stale pages (and rate limits count per process)."""
    if settings.PAGE_CACHE_SECONDS > 0 and not cache_is_shared():
        return [
            checks.Warning(
                "The page cache is on but the cache is not shared between processes.",
                hint="Set REDIS_URL.",
                id="home.W001",
            )
        ]
    return []


def _purge_on_signal(**kwargs) -> None:
    page_cache_purge()


def page_cache_purge_on_change(model) -> None:
    """Purge whenever a row of `model` is saved or deleted: for rows that
    pages show or that a process keeps (home.process_cache) and that are not
    published through Wagtail. Call it from the model's AppConfig.ready."""
    label = model._meta.label_lower
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(
            _purge_on_signal, sender=model, dispatch_uid=f"page_cache_{name}_{label}"
        )


def _purge_on_hook(*args, **kwargs) -> None:
    page_cache_purge()


def _purge_on_settings_change(sender, **kwargs) -> None:
    if issubclass(sender, (BaseSiteSetting, BaseGenericSetting, Site)):
        page_cache_purge()


def _purge_on_page_delete(sender, **kwargs) -> None:
    # A page deleted as a row, without an unpublish first (a script, a
    # shell): the processes keep the page each path leads to.
    if issubclass(sender, Page):
        page_cache_purge()


def connect() -> None:
    """Purge whenever editors change what public pages show. Called once from
    HomeConfig.ready()."""
    # Wagtail sends these for pages and for snippets with drafts (navigation,
    # footer) alike.
    published.connect(_purge_on_signal, dispatch_uid="page_cache_published")
    unpublished.connect(_purge_on_signal, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_purge_on_signal, dispatch_uid="page_cache_page_moved")
    # Snippets without drafts purge when an editor saves or deletes one in the
    # admin: admin hooks rather than post_save, so that rows saved on the
    # request path (signatures) never purge the cache.
    for hook in ("after_create_snippet", "after_edit_snippet", "after_delete_snippet"):
        hooks.register(hook, _purge_on_hook)
    # Restricting a page (or lifting it) changes who may see it.
    page_cache_purge_on_change(PageViewRestriction)
    # Processes keep the redirects' paths (home.wagtail_lookups).
    page_cache_purge_on_change(Redirect)
    post_save.connect(_purge_on_settings_change, dispatch_uid="page_cache_setting_save")
    post_delete.connect(
        _purge_on_settings_change, dispatch_uid="page_cache_setting_delete"
    )
    post_delete.connect(_purge_on_page_delete, dispatch_uid="page_cache_page_delete")
