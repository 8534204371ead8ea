import sys
import unicodedata

from django.conf import settings
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import requires_csrf_token
from wagtail.models import Locale

from home.selectors import pages_search
from home.site_address import public_url

# Errors that mean the database cannot be reached (stopped, restarting, out of
# connections), as opposed to a mistake in a query.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def robots_txt(request):
    """Crawlers may read the public pages, not the admin; the sitemap lists
    them all, in every language."""
    lines = [
        "User-agent: *",
        f"Disallow: {settings.ADMIN_URL_PREFIX}",
        f"Sitemap: {public_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # No database access here: the error may be the database itself.
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    return render(request, "500.html", {"page": None}, status=500)


def database_unavailable(request):
    """ "Try again shortly", in the visitor's language, without touching the
    database; never cached, so the page comes back as soon as it can."""
    # Staff in the admin get the admin's own page: the public one speaks of
    # signed forms, and an admin form is shown again as typed where it can be.
    template = (
        "wagtailadmin/database_unavailable.html"
        if request.path.startswith(reverse("wagtailadmin_home"))
        else "503.html"
    )
    response = render(request, template, {"page": None}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


def search_terms(query: str) -> str:
    """The words of a query: letters, marks and digits (and the zero-width
    non-joiner inside Persian-script words). Quotes, operators and control
    characters never reach the search backend, whose query syntax they would
    break (SQLite's full-text search refuses an unmatched quote)."""
    kept = "".join(
        character
        if unicodedata.category(character)[0] in "LMN" or character == "\u200c"
        else " "
        for character in query
    )
    return " ".join(kept.split())


def search(request):
    """Search the translated live pages of the visitor's language only."""
    query = request.GET.get("q", "").strip()[:200]
    terms = search_terms(query)
    results = []
    if terms:
        results = Paginator(
            pages_search(terms=terms, locale=Locale.get_active()), 20
        ).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "results": results})


def admin_login_locked(request, original_response=None, credentials=None):
    """What django-axes answers once sign-in is locked: a translated page
    saying for how long, with 429 Too Many Requests."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    response = render(
        request,
        "home/admin_login_locked.html",
        {"page": None, "minutes": minutes},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    patch_cache_control(response, no_store=True)
    return response
