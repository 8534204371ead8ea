import unicodedata

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token
from wagtail.models import Locale, Page


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # No database access here: the error may be the database itself.
    return render(request, "500.html", {"page": None}, status=500)


# Zero-width (non-)joiners belong inside Persian and Urdu words.
WORD_JOINERS = {"\u200c", "\u200d"}


def search_terms(query: str) -> str:
    """The words of a query: letters, marks and digits of any script, so
    that punctuation never reaches the search backend's own query syntax
    (SQLite's full-text search fails on some of it)."""
    kept = (
        char if unicodedata.category(char)[0] in "LMN" or char in WORD_JOINERS else " "
        for char in query
    )
    return " ".join("".join(kept).split())


def search(request):
    """Search the live pages of the visitor's language only."""
    query = request.GET.get("q", "").strip()[:200]
    terms = search_terms(query)
    results = []
    if terms:
        locale = Locale.get_active()
        results = Paginator(
            Page.objects.live().public().filter(locale=locale).specific().search(terms),
            20,
        ).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "results": results})
