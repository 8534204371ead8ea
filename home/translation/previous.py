"""wagtail-localize keeps a translation against the exact English text (a
String) in its place (a TranslationContext). When the English text changes,
the new text is a new String with no translation: the translator faced an
empty box though the earlier translation of that place was close. On sync,
this offers the newest translation held in the same place as a starting
point, marked (by its tool name) as carried over and to be checked; the
translation status lists the page until a translator saves that string.

Can go when wagtail-localize carries translations over on sync (it does not
as of 1.14).
"""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

# Shown in the translation editor as "Translated with … on <date>".
PREVIOUS_TRANSLATION = gettext_noop("the earlier translation (English changed: check)")


def previous_translation_filter() -> Q:
    """StringTranslations carried over and not checked since. The tool name
    is stored in the language of whoever synced, so every language counts."""
    names = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names.add(gettext(PREVIOUS_TRANSLATION))
    return Q(
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
        tool_name__in=names,
    )


def previous_translations_offer(*, source: TranslationSource) -> int:
    """For each English string of the source that has no translation in a
    language it is translated into, the newest translation of the same place
    (field or block), if that place holds one string; how many were made."""
    single = (
        StringSegment.objects.filter(source=source)
        .values("context_id")
        .annotate(strings=Count("id"))
        .filter(strings=1)
        .values("context_id")
    )
    segments = dict(
        StringSegment.objects.filter(source=source, context_id__in=single).values_list(
            "context_id", "string_id"
        )
    )
    made = 0
    locale_ids = source.translations.filter(enabled=True).values_list(
        "target_locale_id", flat=True
    )
    for locale_id in locale_ids:
        held = StringTranslation.objects.filter(
            locale_id=locale_id, context_id__in=segments, has_error=False
        )
        translated = set(held.values_list("context_id", "translation_of_id"))
        newest = dict(held.order_by("updated_at").values_list("context_id", "data"))
        for context_id, string_id in segments.items():
            if (context_id, string_id) in translated or context_id not in newest:
                continue
            StringTranslation.objects.create(
                translation_of_id=string_id,
                context_id=context_id,
                locale_id=locale_id,
                data=newest[context_id],
                translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                tool_name=gettext(PREVIOUS_TRANSLATION),
            )
            made += 1
    return made
