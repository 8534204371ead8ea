from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.health import health
from home.sitemap import LanguageSitemap

urlpatterns = [
    path("health/", health, name="health"),
    # Outside the language prefix, where crawlers look for them.
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LanguageSitemap}}),
    # Ahead of Wagtail's admin: its "add page" view, made all-or-nothing.
    path("admin/", include("home.translation.wagtail_page_create")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("petitions/", include("petitions.urls")),
    path("supporters/", include("supporters.urls")),
    path("forms/", include("campaigns.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"

# Uploaded images and documents: a real deployment serves /media/ from the
# proxy in front or from object storage; Django does it only in development
# and for make prod-local (SERVE_MEDIA).
if settings.DEBUG or settings.SERVE_MEDIA:
    from django.views.static import serve

    urlpatterns = [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
        *urlpatterns,
    ]
