"""wagtail-localize stores an override (a URL, a chosen page, image or
snippet, a rich-text link) exactly as the translation editor sends it: the
field's own validation never runs, so a translator could store a
`javascript:` link that the editor's form would refuse. This puts the site's
link rule (home.links) in front of its override endpoint.

Can go when wagtail-localize validates an override with the field's
validation before storing it (it does not as of 1.14).
"""

from functools import wraps

from django.db import transaction
from django.http import JsonResponse
from wagtail_localize.models import OverridableSegment, SegmentOverride, Translation
from wagtail_localize.views import edit_translation

from home.links import instance_link_errors
from home.translation.guards import translation_target_guard


class _LinkRefused(Exception):
    pass


def override_link_error(*, translation: Translation, segment_id: int) -> str | None:
    """Why the override stored for this segment may not be published, if it is
    a link that breaks the site's rule (home.links): the value is placed in
    the translated page as publishing would place it, and checked there, so a
    URL block, a rich-text link and any field that carries a link get the
    editor's own validation."""
    segment = OverridableSegment.objects.get(id=segment_id)
    override = SegmentOverride.objects.get(
        locale_id=translation.target_locale_id, context_id=segment.context_id
    )
    instance = translation.source.get_ephemeral_translated_instance(
        translation.target_locale, fallback=True
    )
    for found in instance_link_errors(instance).values():
        for link, error in found:
            if link == override.data:
                return error
    return None


@wraps(edit_translation.edit_override)
def edit_override(request, translation_id: int, overridable_segment_id: int):
    """wagtail-localize stores an override as sent; a link that breaks the
    site's rule is refused here, with the reason, and nothing is stored."""
    translation = translation_target_guard(
        user=request.user, translation_id=translation_id
    )
    if request.method != "PUT":
        return edit_translation.edit_override(
            request,
            translation_id=translation_id,
            overridable_segment_id=overridable_segment_id,
        )
    try:
        with transaction.atomic():
            response = edit_translation.edit_override(
                request,
                translation_id=translation_id,
                overridable_segment_id=overridable_segment_id,
            )
            if response.status_code in (200, 201) and (
                error := override_link_error(
                    translation=translation, segment_id=overridable_segment_id
                )
            ):
                raise _LinkRefused(error)
    except _LinkRefused as refused:
        return JsonResponse({"error": str(refused)}, status=400)
    return response
