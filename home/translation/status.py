"""Reads about translation: which live English pages and snippets are not yet
translated, or translated from an older English version, in each language; and
whether a page a visitor is reading is (partly) shown in another language."""

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, Max, Model, OuterRef
from django.utils.translation import get_language_info
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import (
    DraftStateMixin,
    Locale,
    Page,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from home.translation.previous import previous_translation_filter

Status = Literal["untranslated", "unpublished", "incomplete", "outdated"]


@dataclass(frozen=True)
class StatusRow:
    """One English page or snippet that needs a translator's attention."""

    source: Model
    translation: Model | None
    status: Status
    # wagtail-localize's record of the English text, when the translation is
    # managed by it; its id is what "Sync translated pages" works on.
    translation_source_id: int | None = None


@dataclass
class LanguageStatus:
    locale: Locale
    pages: list[StatusRow] = field(default_factory=list)
    snippets: list[StatusRow] = field(default_factory=list)


def translatable_snippet_models() -> list[type[Model]]:
    return [
        model for model in get_snippet_models() if issubclass(model, TranslatableMixin)
    ]


def _changed_at(instance: Model) -> datetime | None:
    """When the visible version of a page or snippet last changed, if known."""
    if isinstance(instance, DraftStateMixin):
        return instance.last_published_at
    if isinstance(instance, RevisionMixin) and instance.latest_revision_id:
        return instance.latest_revision.created_at
    return None


@dataclass(frozen=True)
class _LocalizeRecord:
    """What wagtail-localize holds about one English object and one language."""

    source_id: int
    synced_at: datetime  # when it last took in the English text
    content_json: str | None  # the English content it took in (snippets only)
    applied_at: datetime | None  # when it last wrote the translation
    # Some English text has no translation (the page shows it in English).
    missing: bool = False
    # Some translation was carried over from the earlier English text and is
    # not yet checked by a translator (home.translation.previous).
    review: bool = False


def _content_json(instance: Model) -> str:
    # Serialised as wagtail-localize does when it takes in a source.
    if isinstance(instance, ClusterableModel):
        return instance.to_json()
    return json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)


def _status(
    source: Model, translation: Model | None, record: _LocalizeRecord | None
) -> Status | None:
    if translation is None:
        return "untranslated"
    if isinstance(translation, DraftStateMixin) and not translation.live:
        return "unpublished"
    source_changed = _changed_at(source)
    translation_changed = _changed_at(translation)
    # The English version changed after the translation was last published.
    if source_changed and translation_changed and source_changed > translation_changed:
        return "outdated"
    if record is None:
        return None
    # The English version changed after wagtail-localize last took in its text,
    # or was taken in ("synced") but the translation not written since.
    if source_changed is not None:
        english_changed = source_changed > record.synced_at
    elif record.content_json is None:
        english_changed = False
    else:
        english_changed = json.loads(_content_json(source)) != json.loads(
            record.content_json
        )
    if (
        english_changed
        or record.applied_at is None
        or record.synced_at > record.applied_at
        or record.review
    ):
        return "outdated"
    # Up to date with English, yet some of it has no translation: shown in
    # English (a page translated with its parent by "Include subtree").
    return "incomplete" if record.missing else None


def _localize_sources(
    english_objects: list[Model], english: Locale, *, with_content: bool
) -> dict:
    fields = ["object_id", "id", "last_updated_at"]
    if with_content:
        fields.append("content_json")
    return {
        row[0]: row[1:]
        for row in TranslationSource.objects.filter(
            object_id__in=[instance.translation_key for instance in english_objects],
            locale=english,
        ).values_list(*fields)
    }


def _localize_records(sources: dict, locale: Locale) -> dict:
    source_ids = [source[0] for source in sources.values()]
    applied = dict(
        TranslationLog.objects.filter(source_id__in=source_ids, locale=locale)
        .values("source_id")
        .annotate(applied_at=Max("created_at"))
        .values_list("source_id", "applied_at")
    )
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale=locale,
        has_error=False,
    )
    segments = StringSegment.objects.filter(source_id__in=source_ids)
    missing = set(
        segments.exclude(Exists(translated)).values_list("source_id", flat=True)
    )
    review = set(
        segments.filter(
            Exists(translated.filter(previous_translation_filter()))
        ).values_list("source_id", flat=True)
    )
    return {
        object_id: _LocalizeRecord(
            source_id=source[0],
            synced_at=source[1],
            content_json=source[2] if len(source) > 2 else None,
            applied_at=applied.get(source[0]),
            missing=source[0] in missing,
            review=source[0] in review,
        )
        for object_id, source in sources.items()
    }


def _rows(
    english_objects: list[Model], translations: dict, records: dict
) -> list[StatusRow]:
    rows = []
    for source in english_objects:
        translation = translations.get(source.translation_key)
        record = records.get(source.translation_key)
        status = _status(source, translation, record)
        if status is not None:
            rows.append(
                StatusRow(
                    source=source,
                    translation=translation,
                    status=status,
                    translation_source_id=record and record.source_id,
                )
            )
    return rows


def translation_status_list(
    *, locales: list[Locale] | None = None
) -> list[LanguageStatus]:
    """For each non-English locale, the live English pages and snippets whose
    translation is missing (an alias counts as missing), not published, still
    partly in English, or older than the English version (including text
    carried over from the earlier English and not yet checked). Costs a fixed
    number of queries per locale and snippet type, whatever the number of
    pages."""
    english = Locale.get_default()
    if locales is None:
        locales = list(Locale.objects.exclude(pk=english.pk).order_by("pk"))
    statuses = [LanguageStatus(locale=locale) for locale in locales]

    page_fields = ("id", "title", "path", "depth", "translation_key", "locale_id")
    page_fields += ("live", "last_published_at", "draft_title", "content_type_id")
    english_pages = list(
        Page.objects.live()
        .filter(locale=english, alias_of__isnull=True, depth__gt=1)
        .order_by("path")
        .only(*page_fields)
    )
    page_keys = [page.translation_key for page in english_pages]
    page_sources = _localize_sources(english_pages, english, with_content=False)
    for status in statuses:
        translations = {
            page.translation_key: page
            for page in Page.objects.filter(
                locale=status.locale,
                translation_key__in=page_keys,
                alias_of__isnull=True,
            ).only(*page_fields)
        }
        records = _localize_records(page_sources, status.locale)
        status.pages = _rows(english_pages, translations, records)

    for model in translatable_snippet_models():
        queryset = model.objects.all()
        if issubclass(model, RevisionMixin):
            queryset = queryset.select_related("latest_revision")
        english_snippets = queryset.filter(locale=english)
        if issubclass(model, DraftStateMixin):
            english_snippets = english_snippets.filter(live=True)
        english_snippets = list(english_snippets)
        keys = [snippet.translation_key for snippet in english_snippets]
        # Snippets may have no publishing dates; their content tells instead.
        snippet_sources = _localize_sources(
            english_snippets, english, with_content=True
        )
        for status in statuses:
            translations = {
                snippet.translation_key: snippet
                for snippet in queryset.filter(
                    locale=status.locale, translation_key__in=keys
                )
            }
            records = _localize_records(snippet_sources, status.locale)
            status.snippets += _rows(english_snippets, translations, records)
    return statuses


@dataclass(frozen=True)
class LanguageNotice:
    """Tells a visitor that what they read is not (all) in their language."""

    whole_page: bool
    content_language: str

    @property
    def content_direction(self) -> str:
        return "rtl" if get_language_info(self.content_language)["bidi"] else "ltr"


def page_language_notice(*, page: Page) -> LanguageNotice | None:
    """A notice for a page that is an untranslated copy of its English version
    (an alias made by locale synchronisation), or whose published translation
    still lacks some of the English text; None for a translated page."""
    if page.alias_of_id is not None:
        source = Page.objects.filter(pk=page.alias_of_id).select_related("locale")
        source = source.only("locale__language_code").first()
        if source is None or source.locale_id == page.locale_id:
            return None
        return LanguageNotice(
            whole_page=True, content_language=source.locale.language_code
        )

    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source__locale")
        .first()
    )
    if translation is None or page.last_published_at is None:
        return None
    # A segment counts as translated only if its translation existed when the
    # page was last published; later ones are not on the live page yet.
    published_translation = StringTranslation.objects.filter(
        context_id=OuterRef("context_id"),
        locale_id=page.locale_id,
        has_error=False,
        created_at__lte=page.last_published_at,
    )
    if translation.source.last_updated_at <= page.last_published_at:
        published_translation = published_translation.filter(
            translation_of_id=OuterRef("string_id")
        )
    # Otherwise the English was synced since: the segments hold English text
    # newer than the live page, which was built from the earlier text. A
    # place (field, block) then counts as translated if it held a translation
    # when the page was published.
    missing = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .exclude(Exists(published_translation))
        .exists()
    )
    if not missing:
        return None
    return LanguageNotice(
        whole_page=False, content_language=translation.source.locale.language_code
    )
