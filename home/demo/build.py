"""Build the demo site: the English pages, snippets, pictures and documents
first, then their Urdu and Hazaragi translations through wagtail-localize,
read from the PO catalogs in home/demo/locale/ (msgid: the English text,
msgstr: its translation), the same kind of file translators download and
upload in the admin.

Safe to run again: every step compares what exists with what it would make
and saves only the difference, so a second run creates and publishes
nothing. Each step is a function of the DemoSite built so far; an app adds
its own demo content by adding a step to DEMO_STEPS before the translations."""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail.utils.file import hash_filelike
from wagtail_localize.models import (
    SegmentOverride,
    TranslationContext,
    TranslationLog,
    TranslationSource,
)
from wagtail_localize.models import (
    Translation as LocalizeTranslation,
)

from home.demo import content, media
from home.models import Footer, NavigationMenu, Organisation, SiteSettings
from home.site_setup import site_tree_ensure

CATALOGS = Path(__file__).resolve().parent / "locale"
TRANSLATED_LANGUAGES = ("ur", "haz")
TOOL_NAME = "demo catalog"


class DemoCatalogError(Exception):
    """A demo text has no translation in a catalog."""

    def __init__(self, language: str, missing: list[str]):
        self.language = language
        self.missing = missing
        listing = "\n".join(
            f"  msgid {json.dumps(text, ensure_ascii=False)}" for text in missing
        )
        super().__init__(
            f"home/demo/locale/{language}.po lacks {len(missing)} "
            f"translation(s):\n{listing}"
        )


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


def demo_image_ensure(*, title: str, picture: str):
    """The demo picture with this title, drawn again if its file differs."""
    data = media.picture_png(picture)
    digest = hash_filelike(io.BytesIO(data))
    image = get_image_model().objects.filter(title=title).first()
    if image is not None and image.file_hash == digest:
        return image, False
    if image is None:
        image = get_image_model()(title=title, description="")
    image.file = ImageFile(io.BytesIO(data), name=f"demo-{picture}.png")
    image._set_image_file_metadata()
    image.save()
    return image, True


def demo_document_ensure(*, tag: str, title: str, data: bytes, filename: str):
    """The demo document tagged `tag`, its title and file kept up to date."""
    digest = hash_filelike(io.BytesIO(data))
    document = get_document_model().objects.filter(tags__name=tag).first()
    if (
        document is not None
        and document.file_hash == digest
        and document.title == title
    ):
        return document, False
    if document is None:
        document = get_document_model()(title=title)
    document.title = title
    if document.file_hash != digest:
        document.file = ContentFile(data, name=filename)
        document._set_document_file_metadata()
    document.save()
    document.tags.add(tag)
    return document, True


def _same(instance, name: str, value) -> bool:
    current = getattr(instance, name)
    model_field = instance._meta.get_field(name.removesuffix("_id"))
    if isinstance(model_field, StreamField):
        return json.loads(json.dumps(list(current.raw_data))) == json.loads(
            json.dumps(value)
        )
    return current == value


def demo_page_ensure(*, parent: Page, model, slug: str, title: str):
    """The child page `slug` of `parent`, created and published if missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        return page, False
    page = model(title=title, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def demo_page_update(*, page: Page, fields: dict) -> bool:
    """Give a page these field values, publishing a revision only when one
    differs (or the page is not live)."""
    page = page.specific_class.objects.get(pk=page.pk)
    changed = [name for name, value in fields.items() if not _same(page, name, value)]
    for name in changed:
        setattr(page, name, fields[name])
    if changed or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
        return True
    return False


def demo_snippet_ensure(*, model, key: str, fields: dict):
    """The English snippet with the demo's fixed translation key for `key`."""
    translation_key = content.block_id("snippet", key)
    locale = Locale.get_default()
    snippet = model.objects.filter(
        translation_key=translation_key, locale=locale
    ).first()
    if snippet is None:
        snippet = model(translation_key=translation_key, locale=locale, **fields)
        snippet.save()
        return snippet, True
    changed = [
        name for name, value in fields.items() if not _same(snippet, name, value)
    ]
    for name in changed:
        setattr(snippet, name, fields[name])
    if changed:
        snippet.save()
    return snippet, bool(changed)


def _overrides_ensure(source, locale, overrides: dict[str, object]) -> bool:
    changed = False
    for path, value in overrides.items():
        context = TranslationContext.objects.get(object_id=source.object_id, path=path)
        existing = SegmentOverride.objects.filter(
            locale=locale, context=context
        ).first()
        if existing is not None and existing.data == value:
            continue
        SegmentOverride.objects.update_or_create(
            locale=locale,
            context=context,
            defaults={"data_json": json.dumps(value), "has_error": False},
        )
        changed = True
    return changed


def demo_translation_ensure(
    *, instance, locale, catalog: dict[str, str], overrides: dict | None = None
) -> bool:
    """Translate a page or snippet the way a translator would: submit it for
    translation, fill the translation's PO file from the catalog, import it,
    and publish the result. Does nothing when the translation is current."""
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = LocalizeTranslation.objects.get_or_create(
        source=source, target_locale=locale
    )
    po = translation.export_po()
    missing = []
    strings_changed = False
    for entry in po:
        if entry.obsolete:
            continue
        text = catalog.get(entry.msgid)
        if not text:
            missing.append(entry.msgid)
        elif entry.msgstr != text:
            entry.msgstr = text
            strings_changed = True
    if missing:
        raise DemoCatalogError(locale.language_code, missing)
    if strings_changed:
        translation.import_po(po, tool_name=TOOL_NAME)
    overrides_changed = _overrides_ensure(source, locale, overrides or {})

    try:
        target = source.get_translated_instance(locale)
    except ObjectDoesNotExist:
        target = None
    last = (
        TranslationLog.objects.filter(source=source, locale=locale)
        .order_by("-created_at")
        .first()
    )
    stale = last is None or last.created_at < source.last_updated_at
    unpublished = isinstance(target, Page) and (
        not target.live or target.has_unpublished_changes
    )
    if not (strings_changed or overrides_changed or stale or unpublished) and target:
        return False
    if isinstance(instance, Page):
        # Publish here rather than on commit (save_target's way), so the
        # pages are live inside the command's transaction too.
        page, _created = source.create_or_update_translation(locale, publish=False)
        page.get_latest_revision().publish()
    else:
        source.create_or_update_translation(locale, publish=True)
    return True


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
    """Every demo page's content, and the documents of each language."""
    titles = {key: title for key, _parent, _label, _slug, title in content.TREE}
    for key, fields in content.page_fields(site.refs).items():
        if key in titles:
            fields = {"title": titles[key], **fields}
        if demo_page_update(page=site.pages[key], fields=fields):
            site.changes.append(f"page {key} updated")
    kit_action = content.block_id("campaign/actions", 3)
    for code in TRANSLATED_LANGUAGES:
        site.overrides.setdefault("report", {})[code] = {
            "document": site.refs.documents[f"report/{code}"]
        }
        site.overrides.setdefault("campaign", {})[code] = {
            f"actions.{kit_action}.document": site.refs.documents[f"kit/{code}"]
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
    """Urdu and Hazaragi versions of every demo page and snippet."""
    keys = ["home"] + [key for key, *_rest in content.TREE]
    for code in TRANSLATED_LANGUAGES:
        locale = Locale.objects.get(language_code=code)
        for key in keys:
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


DEMO_STEPS: list[Callable[[DemoSite], None]] = [
    media_step,
    tree_step,
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
    for step in DEMO_STEPS:
        step(site)
    return site
