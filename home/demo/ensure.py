"""The idempotent writes the demo is built from: each compares what exists
with what it would make and saves only the difference, so running the demo
again creates and publishes nothing. Apps use them for their own demo content
(petitions/demo.py, campaigns/demo.py)."""

import io
import json

from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
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
