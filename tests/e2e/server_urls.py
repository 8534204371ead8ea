"""The site's URLs, plus its uploaded media, which Django serves only in
debug (settings.DEBUG) and a web server serves in production."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from urls import handler404, handler500, urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *urlpatterns,
]

__all__ = ["handler404", "handler500", "urlpatterns"]
