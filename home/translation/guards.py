"""Language limits in front of wagtail-localize's translation views.

wagtail-localize asks only whether a user may edit a page, or the snippet
*type*, before it changes a translation. Page rights already stop at each
language's tree; snippet rights cannot name a language, so without these
guards a Hazaragi translator could write into the Urdu translation of a
snippet by sending requests by hand. wagtail_hooks.py puts these views on the
same paths as wagtail-localize's, ahead of them.
"""

from functools import wraps

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail.snippets.permissions import user_can_edit_snippet_type
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    Translation,
)
from wagtail_localize.views import edit_translation

from home.links import instance_link_errors
from home.translation.services import translator_languages


def user_can_edit_translation(*, user, instance) -> bool:
    """Whether the user may change this page or snippet, including its
    language: a translator only in the languages of their groups."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    languages = translator_languages(user=user)
    if languages is not None and instance.locale.language_code not in languages:
        return False
    return user_can_edit_snippet_type(user, type(instance))


def user_can_translate_into(*, user, language_codes) -> bool:
    """Whether the user may start translations into all these languages."""
    languages = translator_languages(user=user)
    return languages is None or set(language_codes) <= languages


def translation_target_guard(*, user, translation_id: int) -> Translation:
    """The translation, if the user may change its target; 403 otherwise."""
    translation = get_object_or_404(Translation, id=translation_id)
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist as error:
        raise Http404 from error
    if not user_can_edit_translation(user=user, instance=target):
        raise PermissionDenied
    return translation


def _guarded(view):
    @wraps(view)
    def guarded_view(request, translation_id: int, **kwargs):
        translation_target_guard(user=request.user, translation_id=translation_id)
        return view(request, translation_id=translation_id, **kwargs)

    return guarded_view


edit_string_translation = _guarded(edit_translation.edit_string_translation)


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


download_pofile = _guarded(edit_translation.download_pofile)
machine_translate = _guarded(edit_translation.machine_translate)
preview_translation = _guarded(edit_translation.preview_translation)
stop_translation = _guarded(edit_translation.stop_translation)
