"""The site's languages, named in themselves, and the links between the same
page in each of them."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info
from wagtail.models import Page, Site

from home.process_cache import process_cached


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name_local: str
    url: str
    is_current: bool
    is_translation: bool
    # An untranslated copy of the English page (locale synchronisation).
    is_alias: bool = False


def language_name(code: str) -> str:
    """The language's name in the active language (English, Urdu,
    Hazaragi); an unknown code as it is."""
    return str(dict(settings.LANGUAGES).get(code, code))


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_links(request, page: Page | None, current: str) -> list[LanguageLink]:
    """One link per language: to this page's live translation where it has
    one, otherwise to that language's home page (non-page views keep their
    path, with the language prefix swapped).

    Worked out once per request and page: the switcher and the hreflang
    alternates of one render both ask, and each answer costs a query and a
    URL per translation."""
    if request is None:
        return _language_links_build(request, page, current)
    key = (page is None, getattr(page, "pk", None), current)
    memo = request.__dict__.setdefault("_language_links", {})
    if key not in memo:
        memo[key] = _language_links_build(request, page, current)
    return memo[key]


def _translation_urls(request, page: Page) -> tuple[dict[str, str], frozenset[str]]:
    """{language: URL} of the page's live translations (itself included),
    and the languages where the translation is an alias. Kept by the process
    for each site and page until the next publish (home.process_cache)."""

    def read():
        translations: dict[str, str] = {}
        aliases: set[str] = set()
        for translation in (
            page.get_translations(inclusive=True)
            .live()
            .select_related("locale")
            .specific(defer=True)
        ):
            url = translation.get_url(request=request)
            if url:
                translations[translation.locale.language_code] = url
                if translation.alias_of_id:
                    aliases.add(translation.locale.language_code)
        return translations, frozenset(aliases)

    if request is None:
        return read()
    site = Site.find_for_request(request)
    return process_cached(
        ("translation-urls", getattr(site, "pk", None), page.pk), read
    )


def _language_links_build(
    request, page: Page | None, current: str
) -> list[LanguageLink]:
    translations: dict[str, str] = {}
    aliases: frozenset[str] = frozenset()
    if page is not None and getattr(page, "pk", None):
        translations, aliases = _translation_urls(request, page)
    links = []
    for code in language_codes():
        if page is None:
            url = (
                _same_site(translate_url(request.get_full_path(), code), code)
                if request
                else f"/{code}/"
            )
            is_translation = True
        else:
            url = translations.get(code, f"/{code}/")
            is_translation = code in translations
        links.append(
            LanguageLink(
                code=code,
                name_local=get_language_info(code)["name_local"],
                url=url,
                is_current=code == current,
                is_translation=is_translation,
                is_alias=code in aliases,
            )
        )
    return links


def _same_site(url: str, code: str) -> str:
    """The URL if it is a path on this site, otherwise the language's home:
    a request for `//evil.example/en/search/` keeps that host in its path,
    and a link starting with `//` (or `/\\`) leads a browser to another site."""
    if url.startswith("/") and not url.startswith(("//", "/\\")):
        return url
    return f"/{code}/"
