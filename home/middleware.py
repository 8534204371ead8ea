import logging

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.urls import LocalePrefixPattern, URLResolver, get_resolver
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


def preferred_language(accept_language: str) -> str:
    """The site language closest to an Accept-Language header.

    Persian and Dari readers are sent to Hazaragi (LANGUAGE_ALIASES), which
    Django's own matching cannot know.
    """
    aliases = settings.LANGUAGE_ALIASES
    for code, _quality in parse_accept_lang_header(accept_language):
        code = code.lower()
        if code == "*":
            break
        for candidate in (code, code.split("-")[0]):
            if candidate in aliases:
                return aliases[candidate]
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class PreferredLanguageMiddleware(LocaleMiddleware):
    """LocaleMiddleware that takes the language from the URL prefix, and for
    unprefixed URLs (`/`, `/admin/`) from Accept-Language with our aliases.
    The unprefixed 404 redirect of LocaleMiddleware then sends `/` to the
    visitor's language."""

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info)
        if not language:
            language = preferred_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        answer = super().process_response(request, response)
        # LocaleMiddleware sends any unprefixed 404 to the same path under the
        # language prefix, and Wagtail's catch-all page route makes every such
        # path "valid": a 404 of the admin's API became a redirect to
        # /en/admin/api/..., itself a 404. Paths routed outside the language
        # trees (admin, documents, health) keep their own answer.
        if answer is not response and outside_language_trees(request):
            return response
        return answer


def outside_language_trees(request) -> bool:
    """Whether the path belongs to a URL pattern outside i18n_patterns."""
    resolver = get_resolver(getattr(request, "urlconf", None))
    path = request.path_info.lstrip("/")
    return any(
        pattern.pattern.match(path)
        for pattern in resolver.url_patterns
        if not (
            isinstance(pattern, URLResolver)
            and isinstance(pattern.pattern, LocalePrefixPattern)
        )
    )


logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """While the database cannot be reached, visitors get a translated "try
    again shortly" page (503 with Retry-After) instead of an error page. The
    views commit before they answer, so no signature is acknowledged that was
    not stored. Errors raised outside views reach handler500, which does the
    same."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from home.views import DATABASE_UNAVAILABLE, database_unavailable

        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.warning(
            "Database unavailable (%s) for %s %s",
            type(exception).__name__,
            request.method,
            request.path,
        )
        return database_unavailable(request)


class PublicBodyLimitMiddleware:
    """Public forms (everything under a language prefix) take short text
    fields only: a body longer than PUBLIC_FORM_MAX_BODY_BYTES is refused
    with a translated 413 before anything reads it, and so is a shorter one
    with file parts. The admin, outside the language trees, keeps Django's
    limits for its uploads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and not outside_language_trees(request):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > settings.PUBLIC_FORM_MAX_BODY_BYTES:
                return request_too_large(request)
            # Small enough to read: refuse it if it carries files.
            if request.content_type == "multipart/form-data" and request.FILES:
                return request_too_large(request)
        return self.get_response(request)


def request_too_large(request):
    response = render(
        request, "home/request_too_large.html", {"page": None}, status=413
    )
    # The body was not read: the connection cannot carry another request.
    response["Connection"] = "close"
    return response
