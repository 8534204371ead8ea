from django.conf import settings
from django.middleware.locale import LocaleMiddleware
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
