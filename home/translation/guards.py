"""Language limits in front of wagtail-localize's translation views.

wagtail-localize asks only whether a user may edit a page, or the snippet
*type*, before it changes a translation. Page rights already stop at each
language's tree; snippet rights cannot name a language, so without these
guards a Hazaragi translator could write into the Urdu translation of a
snippet by sending requests by hand. wagtail_hooks.py puts these views on the
same paths as wagtail-localize's, ahead of them, and a test fails when
wagtail-localize adds a route that takes a translation or object id and no
guard stands in front of it.

These can go only if Wagtail's permissions learn to name a language (today
they name a page subtree or a whole snippet type).
"""

from functools import wraps

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail.snippets.permissions import user_can_edit_snippet_type
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import Translation
from wagtail_localize.views import convert, edit_translation, snippets_api

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


def guarded(view):
    @wraps(view)
    def guarded_view(request, translation_id: int, **kwargs):
        translation_target_guard(user=request.user, translation_id=translation_id)
        return view(request, translation_id=translation_id, **kwargs)

    return guarded_view


edit_string_translation = guarded(edit_translation.edit_string_translation)


download_pofile = guarded(edit_translation.download_pofile)
machine_translate = guarded(edit_translation.machine_translate)
preview_translation = guarded(edit_translation.preview_translation)
stop_translation = guarded(edit_translation.stop_translation)


def convert_to_alias(request, page_id: int):
    """Turning a translation back into a copy of English discards it: only
    for those who may edit the page in its language."""
    page = get_object_or_404(Page, id=page_id)
    if not user_can_edit_translation(user=request.user, instance=page):
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id=page_id)


def _snippet_readers_only(view):
    # wagtail-localize's snippet API (behind its snippet choosers) lists any
    # snippet type to anyone who can open the admin, blocked email domains
    # included; it answers only those with some right on the type.
    @wraps(view)
    def guarded_view(request, app_label: str, model_name: str, **kwargs):
        model = get_snippet_model_from_url_params(app_label, model_name)
        if not model.snippet_viewset.permission_policy.user_has_any_permission(
            request.user, {"add", "change", "delete", "view"}
        ):
            raise PermissionDenied
        return view(request, app_label=app_label, model_name=model_name, **kwargs)

    return guarded_view


snippets_api_listing = _snippet_readers_only(
    snippets_api.SnippetViewSet.as_view({"get": "list"})
)
snippets_api_detail = _snippet_readers_only(
    snippets_api.SnippetViewSet.as_view({"get": "retrieve"})
)
