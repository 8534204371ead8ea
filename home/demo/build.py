"""Build the demo site: the English pages, snippets, pictures and documents
first, then their Urdu and Hazaragi translations through wagtail-localize,
read from the PO catalogs in home/demo/locale/ (msgid: the English text,
msgstr: its translation), the same kind of file translators download and
upload in the admin.

Safe to run again: every step compares what exists with what it would make
and saves only the difference, so a second run creates and publishes
nothing. Each step is a function of the DemoSite built so far. The feature
apps add their own demo content with `demo_step_register` (from their
AppConfig.ready): their steps run once the page tree is there, before the
pages' content and the translations."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page

from home.demo import content, media
from home.demo.ensure import (
    DemoCatalogError,
    demo_document_ensure,
    demo_image_ensure,
    demo_page_ensure,
    demo_page_update,
    demo_snippet_ensure,
    demo_translation_ensure,
)
from home.models import Footer, NavigationMenu, Organisation, SiteSettings
from home.site_setup import site_tree_ensure

CATALOGS = Path(__file__).resolve().parent / "locale"
TRANSLATED_LANGUAGES = ("ur", "haz")


@dataclass
class DemoSite:
    """What the demo has built so far."""

    home: Page
    refs: content.Refs = field(default_factory=content.Refs)
    pages: dict[str, Page] = field(default_factory=dict)
    snippets: dict[str, object] = field(default_factory=dict)
    # Per-language overrides of synchronised values (documents in that
    # language), by page or snippet key: {key: {language: {path: value}}}.
    overrides: dict[str, dict[str, dict[str, object]]] = field(default_factory=dict)
    catalogs: dict[str, dict[str, str]] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)


def demo_catalog(language: str) -> dict[str, str]:
    """The translations of one language's demo catalog, by English text;
    untranslated and fuzzy entries are left out."""
    catalog = polib.pofile(str(CATALOGS / f"{language}.po"))
    return {
        entry.msgid: entry.msgstr
        for entry in catalog
        if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
    }


def demo_translate(site: DemoSite, language: str, text: str) -> str:
    """One demo text in a language, from its catalog."""
    if language == settings.LANGUAGE_CODE:
        return text
    try:
        return site.catalogs[language][text]
    except KeyError:
        raise DemoCatalogError(language, [text]) from None


# --- steps -------------------------------------------------------------------


def media_step(site: DemoSite) -> None:
    """The pictures, and the report and campaign kit in every language."""
    for key, (title, picture) in content.IMAGES.items():
        image, changed = demo_image_ensure(title=title, picture=picture)
        site.refs.images[key] = image.pk
        if changed:
            site.changes.append(f"image {key}")
    for key, (title, blocks, stem) in content.DOCUMENTS.items():
        for code, _name in settings.LANGUAGES:
            translated_title = demo_translate(site, code, title)
            data = media.document_pdf(
                blocks=[
                    media.TextBlock("title", translated_title),
                    *(
                        media.TextBlock(
                            block.kind, demo_translate(site, code, block.text)
                        )
                        for block in blocks
                    ),
                ],
                language=code,
                title=translated_title,
            )
            document, changed = demo_document_ensure(
                tag=f"demo-{key}-{code}",
                title=translated_title,
                data=data,
                filename=f"{stem}-{code}.pdf",
            )
            site.refs.documents[f"{key}/{code}"] = document.pk
            if changed:
                site.changes.append(f"document {key}/{code}")


def tree_step(site: DemoSite) -> None:
    """Every demo page, created where missing."""
    site.pages["home"] = site.home
    site.refs.pages["home"] = site.home.pk
    for key, parent_key, label, slug, title in content.TREE:
        page, created = demo_page_ensure(
            parent=site.pages[parent_key],
            model=apps.get_model(label),
            slug=slug,
            title=title,
        )
        site.pages[key] = page
        site.refs.pages[key] = page.pk
        if created:
            site.changes.append(f"page {key} created")


def content_step(site: DemoSite) -> None:
    """Every demo page's content, and what each language links to in its own
    language: its documents and the supporter sign-up page."""
    titles = {key: title for key, _parent, _label, _slug, title in content.TREE}
    for key, fields in content.page_fields(site.refs).items():
        if key in titles:
            fields = {"title": titles[key], **fields}
        if demo_page_update(page=site.pages[key], fields=fields):
            site.changes.append(f"page {key} updated")
    kit_action = content.block_id("campaign/actions", content.CAMPAIGN_KIT_ACTION)
    notify_action = content.block_id("campaign/actions", content.CAMPAIGN_NOTIFY_ACTION)
    for code in TRANSLATED_LANGUAGES:
        site.overrides.setdefault("report", {})[code] = {
            "document": site.refs.documents[f"report/{code}"]
        }
        site.overrides.setdefault("campaign", {})[code] = {
            f"actions.{kit_action}.document": site.refs.documents[f"kit/{code}"],
            f"actions.{notify_action}.link": content.supporter_join_url(code),
        }


def snippets_step(site: DemoSite) -> None:
    """The organisation, menu and footer, chosen in the site settings."""
    models = {"organisation": Organisation, "menu": NavigationMenu, "footer": Footer}
    for key, fields in content.snippet_fields(site.refs).items():
        snippet, changed = demo_snippet_ensure(
            model=models[key], key=key, fields=fields
        )
        site.snippets[key] = snippet
        if changed:
            site.changes.append(f"snippet {key}")
    site_settings = SiteSettings.load()
    wanted = {
        "organisation_id": site.snippets["organisation"].pk,
        "main_menu_id": site.snippets["menu"].pk,
        "footer_id": site.snippets["footer"].pk,
    }
    if any(getattr(site_settings, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(site_settings, name, value)
        site_settings.save()
        site.changes.append("site settings")


def translations_step(site: DemoSite) -> None:
    """Urdu and Hazaragi versions of every demo page and snippet, parents
    before their children (the order the steps added them in)."""
    for code in TRANSLATED_LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        for key in site.pages:
            page = site.pages[key].specific_class.objects.get(pk=site.pages[key].pk)
            if demo_translation_ensure(
                instance=page,
                locale=locale,
                catalog=site.catalogs[code],
                overrides=site.overrides.get(key, {}).get(code),
            ):
                site.changes.append(f"page {key} translated into {code}")
        for key, snippet in site.snippets.items():
            # As stored: PostgreSQL's jsonb reorders keys, and the source's
            # content is compared with what was extracted last time.
            snippet = type(snippet).objects.get(pk=snippet.pk)
            if demo_translation_ensure(
                instance=snippet, locale=locale, catalog=site.catalogs[code]
            ):
                site.changes.append(f"snippet {key} translated into {code}")


DemoStep = Callable[[DemoSite], None]
_FEATURE_STEPS: list[DemoStep] = []


def demo_step_register(step: DemoStep) -> None:
    """Add a feature app's step; steps run in the order registered."""
    if step not in _FEATURE_STEPS:
        _FEATURE_STEPS.append(step)


def demo_steps() -> list[DemoStep]:
    return [
        media_step,
        tree_step,
        *_FEATURE_STEPS,
        content_step,
        snippets_step,
        translations_step,
    ]


@transaction.atomic
def demo_site_ensure() -> DemoSite:
    """Create or bring up to date the whole demo site in every language."""
    site = DemoSite(
        home=site_tree_ensure(),
        catalogs={code: demo_catalog(code) for code in TRANSLATED_LANGUAGES},
    )
    for step in demo_steps():
        step(site)
    return site
