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


def search(request):
    """Search the live pages of the visitor's language only."""
    query = request.GET.get("q", "").strip()[:200]
    results = []
    if query:
        locale = Locale.get_active()
        results = Paginator(
            Page.objects.live().public().filter(locale=locale).specific().search(query),
            20,
        ).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "results": results})
