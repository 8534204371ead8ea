"""Reads for rendering: page links sent to the visitor's language, cards,
link-preview metadata and the site-wide organisation, menu and footer.

Pages chosen in blocks and menus point at the page an editor picked, usually
the English original; these functions swap it for its live translation in
one query for all the links of a page, so rendering stays cheap."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import quote

from django.db.models import Q
from django.utils.text import Truncator
from django.utils.translation import get_language, get_language_info
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.models import Locale, Page, Site

from home.process_cache import process_cached
from home.site_address import public_url

OG_LOCALES = {"en": "en_GB", "ur": "ur_PK", "haz": "haz_PK"}


def language_name_local(code: str) -> str:
    """A language's name in itself ('اردو'), or '' for no language."""
    if not code:
        return ""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


def stream_page_ids(value) -> set[int]:
    """Ids of every page chosen anywhere inside a StreamField value."""
    ids: set[int] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Page):
            ids.add(item.pk)
        elif isinstance(item, StreamValue):
            stack.extend(child.value for child in item)
        elif isinstance(item, StructValue):
            stack.extend(item.values())
        elif isinstance(item, ListValue | list | tuple):
            stack.extend(item)
    return ids


def pages_localized(
    *, page_ids: Iterable[int], locale_id: int
) -> dict[int, Page | None]:
    """For each page id, the live page a visitor of the locale should reach:
    its translation in that locale, else the page itself, else None when
    neither is live. One query."""
    ids = {pk for pk in page_ids if pk}
    if not ids:
        return {}
    keys = Page.objects.filter(pk__in=ids).values("translation_key")
    rows = Page.objects.filter(
        Q(pk__in=ids) | Q(locale_id=locale_id, live=True, translation_key__in=keys)
    ).select_related("locale")
    by_id = {}
    translated = {}
    for row in rows:
        by_id[row.pk] = row
        if row.locale_id == locale_id and row.live:
            translated[row.translation_key] = row
    result: dict[int, Page | None] = {}
    for pk in ids:
        source = by_id.get(pk)
        if source is None:
            result[pk] = None
        else:
            result[pk] = translated.get(source.translation_key) or (
                source if source.live else None
            )
    return result


def _with_card_related(queryset, model):
    related = getattr(model, "card_related", ())
    if related:
        queryset = queryset.select_related(*related).prefetch_related(
            *(f"{name}__renditions" for name in related)
        )
    return queryset


def page_cards(*, page_ids: Iterable[int], locale_id: int) -> dict[int, Page]:
    """The specific live pages for the given ids in the locale (see
    pages_localized), keyed by the requested id, with their card images and
    renditions loaded: a few queries whatever the number of cards."""
    localized = pages_localized(page_ids=page_ids, locale_id=locale_id)
    by_model = defaultdict(list)
    for page in localized.values():
        if page is not None and page.specific_class is not None:
            by_model[page.specific_class].append(page.pk)
    specific = {}
    for model, pks in by_model.items():
        queryset = _with_card_related(model.objects.filter(pk__in=pks), model)
        specific.update((page.pk, page) for page in queryset)
    return {
        pk: specific[page.pk]
        for pk, page in localized.items()
        if page is not None and page.pk in specific
    }


def page_children_cards(*, parent: Page | None, model) -> list[Page]:
    """The live children of one type under a page, in tree order, ready to
    show as cards."""
    if parent is None:
        return []
    queryset = model.objects.child_of(parent).live().order_by("path")
    return list(_with_card_related(queryset, model))


def context_locale_id(context) -> int:
    """The locale a template is rendered for: the page's own, else the active
    language's."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)
    if locale_id:
        return locale_id
    return Locale.get_active().pk


@dataclass(frozen=True)
class LinkTarget:
    url: str
    title: str
    # The target's language code when it differs from the page's (a page
    # with no translation yet), for hreflang.
    lang: str = ""
    lang_name: str = ""
    page: Page | None = None
    document: object | None = None


def link_target_resolve(*, value, context) -> LinkTarget | None:
    """Where a block's page, document or link goes for this visitor, or None
    when there is nowhere live to go (so templates never print dead links)."""
    page = value.get("page")
    document = value.get("document")
    link = value.get("link")
    if page is not None:
        locale_id = context_locale_id(context)
        mapping = context.get("localized_pages") or {}
        if page.pk in mapping:
            target = mapping[page.pk]
        else:
            target = pages_localized(page_ids=[page.pk], locale_id=locale_id)[page.pk]
        if target is None:
            return None
        url = target.get_url(request=context.get("request"))
        if not url:
            return None
        lang = target.locale.language_code if target.locale_id != locale_id else ""
        return LinkTarget(
            url=url,
            title=target.title,
            lang=lang,
            lang_name=language_name_local(lang),
            page=target,
        )
    if document is not None:
        return LinkTarget(url=document.url, title=document.title, document=document)
    if link:
        return LinkTarget(url=link, title=link)
    return None


def forward_mailto(*, subject: str, url: str) -> str:
    """A mailto: link that opens the reader's email with a page's link."""
    return f"mailto:?subject={quote(subject)}&body={quote(url)}"


@dataclass(frozen=True)
class MenuLink:
    label: str
    url: str
    lang: str
    lang_name: str
    is_current: bool


@dataclass(frozen=True)
class SiteChrome:
    organisation: object | None
    menu: list[MenuLink]
    footer: object | None
    footer_links: list[MenuLink]
    # Who speaks on the page (its header, privacy line): the organisation
    # that runs it, else the site's organisation; "" when neither is set.
    speaker: str = ""


def _translated(instance, locale_id):
    if instance is None or instance.locale_id == locale_id:
        return instance
    translation = (
        type(instance)
        .objects.filter(translation_key=instance.translation_key, locale_id=locale_id)
        .first()
    )
    return translation or instance


def _menu_links(raw_items, localized, locale_id, request) -> list[MenuLink]:
    links = []
    for item in raw_items:
        value = item.get("value") or {}
        label = value.get("label") or ""
        lang = ""
        if value.get("page"):
            target = localized.get(value["page"])
            url = target.get_url(request=request) if target is not None else None
            if not url:
                continue
            label = label or target.title
            if target.locale_id != locale_id:
                lang = target.locale.language_code
        elif value.get("link") and label:
            url = value["link"]
        else:
            continue
        links.append(
            MenuLink(
                label=label,
                url=url,
                lang=lang,
                lang_name=language_name_local(lang),
                is_current=request is not None and url == request.path,
            )
        )
    return links


def site_chrome(*, request, page=None) -> SiteChrome:
    """The organisation, menu and footer in the language being shown, each
    falling back to its original where it has no translation yet. Menu pages
    without a live version anywhere are left out. Kept by the process for
    each site and language (home.process_cache: publishing anything starts
    anew) and memoised on the request."""
    cached = getattr(request, "_site_chrome", None)
    if cached is not None:
        return cached
    locale_id = getattr(page, "locale_id", None) or Locale.get_active().pk
    if request is None:
        chrome = _site_chrome_built(request, locale_id)
    else:
        site = Site.find_for_request(request)
        chrome = process_cached(
            ("site-chrome", site.pk if site else None, locale_id),
            lambda: _site_chrome_built(request, locale_id),
        )
        chrome = replace(
            chrome,
            menu=_marked_current(chrome.menu, request.path),
            footer_links=_marked_current(chrome.footer_links, request.path),
        )
    run_by = page.run_by() if hasattr(page, "run_by") else ""
    if run_by:
        chrome = replace(chrome, speaker=run_by)
    if request is not None:
        request._site_chrome = chrome
    return chrome


def _marked_current(links: list[MenuLink], path: str) -> list[MenuLink]:
    return [replace(link, is_current=link.url == path) for link in links]


def _site_chrome_built(request, locale_id) -> SiteChrome:
    from home.models import SiteSettings

    site_settings = SiteSettings.load(request_or_site=request)
    organisation = _translated(site_settings.organisation, locale_id)
    menu = _translated(site_settings.main_menu, locale_id)
    footer = _translated(site_settings.footer, locale_id)
    menu_items = list(menu.links.raw_data) if menu else []
    footer_items = list(footer.links.raw_data) if footer else []
    localized = pages_localized(
        page_ids=[
            (item.get("value") or {}).get("page") for item in menu_items + footer_items
        ],
        locale_id=locale_id,
    )
    return SiteChrome(
        organisation=organisation,
        menu=_menu_links(menu_items, localized, locale_id, request),
        footer=footer,
        footer_links=_menu_links(footer_items, localized, locale_id, request),
        speaker=organisation.name if organisation else "",
    )


def organisation_speaking(*, page=None, language: str) -> str:
    """The name of the organisation that speaks on `page` (or for the whole
    site, without one) in `language`: the "run by" of the page or of a page
    above it, else the site's organisation in that language; "" when
    neither is set. For what is sent outside a page, such as emails."""
    run_by = page.run_by() if page is not None else ""
    if run_by:
        return run_by
    from home.models import SiteSettings

    organisation = SiteSettings.load().organisation
    if organisation is None:
        return ""
    locale = Locale.objects.filter(language_code=language).first()
    return _translated(organisation, locale.pk if locale else None).name


@dataclass(frozen=True)
class ShareMeta:
    title: str
    description: str
    url: str
    type: str
    locale: str
    site_name: str
    image_url: str = ""
    image_width: int = 0
    image_height: int = 0
    image_alt: str = ""


def share_meta(*, request, page, organisation) -> ShareMeta:
    """Open Graph data for a page: its own preview fields, else its SEO title,
    introduction and image, else the organisation's description and image."""
    site_name = organisation.name if organisation else ""
    title = ""
    description = ""
    image = None
    image_alt = ""
    if page is not None:
        title = (
            getattr(page, "share_title", "")
            or getattr(page, "seo_title", "")
            or page.title
        )
        description = getattr(page, "share_description", "") or page.search_description
        if not description and hasattr(page, "card_text"):
            description = page.card_text()
        image = getattr(page, "share_image", None)
        if image is None and getattr(page, "image", None) is not None:
            image = page.image
            image_alt = getattr(page, "image_alt", "")
    if not description and organisation is not None:
        description = organisation.description
    if image is None and organisation is not None:
        image = organisation.share_image
    meta = {
        "title": title,
        "description": Truncator(description).chars(300),
        "url": public_url(request.path) if request else "",
        "type": "article" if page is not None and page.depth > 2 else "website",
        "locale": OG_LOCALES.get(get_language(), ""),
        "site_name": site_name,
    }
    if image is not None:
        rendition = image.get_rendition("fill-1200x630|format-jpeg")
        meta.update(
            image_url=public_url(rendition.url),
            image_width=rendition.width,
            image_height=rendition.height,
            image_alt=image_alt,
        )
    return ShareMeta(**meta)


def pages_search(*, terms: str, locale: Locale):
    """Live public pages of one language matching the search terms, best
    first. Untranslated copies of English pages (aliases) are left out: their
    text is English, and the language notice and menus already lead to them."""
    # The search backend filters only on indexed fields, and alias_of is not
    # one of them; the pages' ids are.
    translated = Page.objects.filter(locale=locale, alias_of__isnull=True)
    return (
        Page.objects.live()
        .public()
        .filter(locale=locale, id__in=translated.values("id"))
        .specific()
        .search(terms)
    )
