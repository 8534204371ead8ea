"""Lookups Wagtail makes with database queries on every request, kept by
the process instead (home.process_cache, trusted while the page cache's
generation holds):

- the request's Site (`Site.find_for_request` queries the sites table for
  each new request object): SiteLookupMiddleware finds it once per host and
  port for the public pages and hands it to Wagtail on the request, where
  Wagtail looks first; the same for the sites' root paths, which Wagtail
  reads from the shared cache (a round trip) for each request that makes a
  page's URL;
- the page a path leads to (`Page.route_for_request` walks the tree from
  the site's root in the request's language: a query for the locale and two
  for each level, 7 of the petition page's 12, then the page itself): the
  same middleware keeps the page each path led to, and hands each request a
  copy of it before Wagtail's serve view runs, with the view restrictions
  that apply to it (two more queries). Every path that led nowhere is
  routed by Wagtail again (nothing is kept for those, so probing bots cannot
  push the kept routes out);
- the redirects on a 404 (Wagtail's RedirectMiddleware asks the redirects
  table up to four times for each 404, and every bot probing for
  /wp-login.php makes one): RedirectMiddleware asks only when the path is
  among the redirects' old paths.

Saving or deleting a Site, or a redirect (by hand or the ones Wagtail makes
when a page moves), and publishing, unpublishing, moving or deleting a page
start a new generation (home.page_cache), so every process reads them again
at its next request. A page changed straight in the database (an UPDATE by
hand) is seen at the next publish. These can go when Wagtail
keeps either lookup itself.
"""

import copy
from urllib.parse import urlparse

from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, Error
from django.http.request import split_domain_port
from django.utils import translation
from django.utils.encoding import uri_to_iri
from wagtail import views as wagtail_views
from wagtail.contrib.redirects import middleware as wagtail_redirects
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from home.process_cache import process_cached


class SiteLookupMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Public pages only (under a language prefix); the admin and /health/
        # ask Wagtail as before.
        if not translation.get_language_from_path(request.path_info):
            return self.get_response(request)
        try:
            # Only a host this deployment answers for (ALLOWED_HOSTS) is kept.
            hostname = split_domain_port(request.get_host())[0]
        except DisallowedHost:
            return self.get_response(request)
        port = request.get_port()
        try:
            kept = process_cached(
                ("wagtail-site", hostname, port),
                lambda: Site._find_for_request(request),
            )
            root_paths = process_cached(
                ("wagtail-site-root-paths",), Site.get_site_root_paths
            )
        except DatabaseError:
            # The view meets the database's absence too, and answers it
            # (home.middleware.DatabaseUnavailableMiddleware).
            return self.get_response(request)
        request._wagtail_site = site_copy(kept)
        # Where Wagtail looks first when it makes a page's URL.
        request._wagtail_cached_site_root_paths = root_paths
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        site = getattr(request, "_wagtail_site", None)
        if view_func is not wagtail_views.serve or site is None:
            return None
        if request.method not in ("GET", "HEAD"):
            # A form posted to its page is answered from the page as stored.
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        try:
            route = route_kept(request, site, path)
        except Error:
            # The database is away (or the connection was dropped): the view
            # meets it too and answers as it does
            # (home.middleware.DatabaseUnavailableMiddleware).
            return None
        if route is not None:
            request._wagtail_route_for_request = route
        return None


class _NoRoute(Exception):
    """The path leads to no page: nothing is kept."""


def route_kept(request, site: Site, path: str) -> RouteResult | None:
    """The route Wagtail would find for `path` on `site` in the active
    language, its page a copy of the kept one for this request alone, or
    None when Wagtail should route the request itself (the path leads
    nowhere)."""

    def find() -> tuple[Page, tuple, dict]:
        route = Page.route_for_request(request, path)
        if route is None:
            raise _NoRoute
        page, args, kwargs = route
        # Kept as it was read: the request goes on with its own copy.
        return copy.copy(page), tuple(args), dict(kwargs)

    key = ("wagtail-route", site.pk, translation.get_language(), path)
    try:
        kept, args, kwargs = process_cached(key, find)
    except _NoRoute:
        return None
    route = getattr(request, "_wagtail_route_for_request", None)
    if route is not None:
        # Routed by Wagtail just now.
        page = route[0]
    else:
        page = copy.copy(kept)
        route = RouteResult(page, list(args), dict(kwargs))
    pk = page.pk
    # Wagtail's check of view restrictions before serving (on_serve_page)
    # asks this page object for them: two queries (the ancestors, then the
    # restrictions), kept like the route. Saving or deleting a restriction
    # starts a new generation; its groups are still read per request.
    restrictions = process_cached(
        ("wagtail-view-restrictions", pk), lambda: tuple(page.get_view_restrictions())
    )
    page.get_view_restrictions = lambda: restrictions
    return route


def site_copy(site: Site | None) -> Site | None:
    """A copy of a kept Site and its root page for one request: Wagtail
    keeps what it reads on them (the root page's specific page), which must
    be read afresh for each request and never shared between threads."""
    if site is None:
        return None
    site = copy.copy(site)
    site.root_page = copy.copy(site.root_page)
    return site


def redirected_paths() -> frozenset[str]:
    """Every redirect's old path, on any site."""
    return process_cached(
        ("wagtail-redirected-paths",),
        lambda: frozenset(Redirect.objects.values_list("old_path", flat=True)),
    )


def may_redirect(request) -> bool:
    """Whether any path Wagtail's RedirectMiddleware would look up for this
    request (normalised, with and without its query, percent-encoded and
    not) has a redirect."""
    path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
    without_query = urlparse(path).path
    asked = {path, uri_to_iri(path), without_query, uri_to_iri(without_query)}
    return not asked.isdisjoint(redirected_paths())


class RedirectMiddleware(wagtail_redirects.RedirectMiddleware):
    def process_response(self, request, response):
        if response.status_code != 404 or not may_redirect(request):
            return response
        return super().process_response(request, response)
