"""Admin views for translators: the translation status, and guards placed in
front of four wagtail-localize views (see wagtail_hooks.py)."""

import contextlib
import os
import tempfile
from urllib.parse import urlencode

import polib
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import DraftStateMixin, Locale, Page, TranslatableMixin
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import TranslationSource
from wagtail_localize.views import edit_translation, submit_translations
from wagtail_localize.views import update_translations as update_translations_views

from home.translation.guards import (
    translation_target_guard,
    user_can_edit_translation,
    user_can_translate_into,
)
from home.translation.status import translation_status_list

TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


def _english_source(instance):
    """The English version of a page or snippet to translate from, or None."""
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        return instance
    return (
        type(instance)
        .objects.filter(
            translation_key=instance.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .first()
    )


def _steer_to_english(request, instance, source, source_url, fallback_url):
    """Send a translator who started from an Urdu or Hazaragi version to the
    English one: translating from a translation makes wagtail-localize keep
    two sources for one page, which later breaks syncing."""
    if source is None:
        messages.error(
            request,
            _(
                "“%(title)s” has no English version to translate from. "
                "Translations start from English: create the English version first."
            )
            % {"title": str(instance)},
        )
        return redirect(get_valid_next_url_from_request(request) or fallback_url)
    messages.info(
        request,
        _(
            "Translations start from the English version. You are translating "
            "the English “%(title)s”."
        )
        % {"title": str(source)},
    )
    query = request.GET.urlencode()
    return redirect(f"{source_url}?{query}" if query else source_url)


def _refuse_other_languages(request) -> None:
    """403 for a translator asking for a translation into a language not
    theirs: starting one writes the new translation (or turns the untranslated
    copy into one) in that language."""
    if request.method != "POST":
        return
    ids = [value for value in request.POST.getlist("locales") if value.isdigit()]
    codes = Locale.objects.filter(pk__in=ids).values_list("language_code", flat=True)
    if not user_can_translate_into(user=request.user, language_codes=codes):
        raise PermissionDenied


def submit_page_translation(request, page_id: int):
    page = get_object_or_404(Page, id=page_id).specific
    if page.is_root() or page.locale.language_code == settings.LANGUAGE_CODE:
        _refuse_other_languages(request)
        return submit_translations.SubmitPageTranslationView.as_view()(
            request, page_id=page_id
        )
    if not request.user.has_perm(TRANSLATE_PERMISSION):
        raise PermissionDenied
    source = _english_source(page)
    return _steer_to_english(
        request,
        page,
        source,
        source
        and reverse("wagtail_localize:submit_page_translation", args=[source.id]),
        reverse("wagtailadmin_explore", args=[page.get_parent().id]),
    )


def submit_snippet_translation(request, app_label: str, model_name: str, pk: str):
    model = get_snippet_model_from_url_params(app_label, model_name)
    if not issubclass(model, TranslatableMixin):
        raise Http404
    snippet = get_object_or_404(model, pk=unquote(pk))
    if snippet.locale.language_code == settings.LANGUAGE_CODE:
        _refuse_other_languages(request)
        return submit_translations.SubmitSnippetTranslationView.as_view()(
            request, app_label=app_label, model_name=model_name, pk=pk
        )
    if not request.user.has_perm(TRANSLATE_PERMISSION):
        raise PermissionDenied
    source = _english_source(snippet)
    return _steer_to_english(
        request,
        snippet,
        source,
        source
        and reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[app_label, model_name, quote(source.pk)],
        ),
        reverse(snippet.snippet_viewset.get_url_name("list")),
    )


def _po_translation_id(uploaded) -> str | None:
    """The translation a PO file was downloaded for, or None if the upload is
    not a PO file from wagtail-localize."""
    # polib reads from a path (given file contents it may treat them as a
    # path), so the upload goes through a temporary file, as upstream does.
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as file:
        for chunk in uploaded.chunks():
            file.write(chunk)
    try:
        return polib.pofile(file.name).metadata.get("X-WagtailLocalize-TranslationID")
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(file.name)
        uploaded.seek(0)


@require_POST
def upload_pofile(request, translation_id: int):
    """wagtail-localize's PO upload, minus its server errors on a form sent
    without a file or with a PO file that did not come from it."""
    translation_target_guard(user=request.user, translation_id=translation_id)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Choose a PO file to upload."))
    elif _po_translation_id(uploaded) is None:
        messages.error(
            request,
            _(
                "This is not a PO file downloaded from this site. Download the "
                "PO file of this translation, translate it, and upload that file."
            ),
        )
    else:
        return edit_translation.upload_pofile(request, translation_id=translation_id)
    return redirect(
        get_valid_next_url_from_request(request) or reverse("wagtailadmin_home")
    )


def _can_publish(user, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if not user_can_edit_translation(user=user, instance=instance):
        return False
    if isinstance(instance, DraftStateMixin):
        return user.has_perm(get_permission_name("publish", type(instance)))
    return True


def update_translations(request, translation_source_id: int):
    """wagtail-localize's "Sync translated pages", which may also publish every
    language's translation at once; that part is refused to a translator who
    may not publish all of them (an Urdu translator, Hazaragi pages)."""
    publish = forms.BooleanField(required=False).clean(
        request.POST.get("publish_translations")
    )
    if request.method == "POST" and publish:
        source = get_object_or_404(TranslationSource, id=translation_source_id)
        for translation in source.translations.filter(enabled=True):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            if not _can_publish(request.user, target):
                messages.error(
                    request,
                    _(
                        "You can publish translations only in your own languages. "
                        "Sync without publishing, then publish your translation "
                        "in the translation editor."
                    ),
                )
                return redirect(request.get_full_path())
    return update_translations_views.UpdateTranslationsView.as_view()(
        request, translation_source_id=translation_source_id
    )


STATUS_LABELS = {
    "untranslated": gettext_lazy("Not translated"),
    "unpublished": gettext_lazy("Translation not published"),
    "outdated": gettext_lazy("English changed since translated"),
}


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Per language, what still needs translating, for translators and editors."""

    template_name = "home/admin/translation_status.html"
    page_title = gettext_lazy("Translation status")
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(TRANSLATE_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def _row(self, row, code: str, *, is_page: bool) -> dict:
        source, translation = row.source, row.translation
        here = urlencode({"next": self.request.get_full_path()})
        if is_page:
            translate_url = reverse(
                "wagtail_localize:submit_page_translation", args=[source.pk]
            )
            edit_url = translation and reverse(
                "wagtailadmin_pages:edit", args=[translation.pk]
            )
            kind = source.specific_class._meta.verbose_name
        else:
            opts = source._meta
            translate_url = reverse(
                "wagtail_localize:submit_snippet_translation",
                args=[opts.app_label, opts.model_name, quote(source.pk)],
            )
            edit_url = translation and reverse(
                source.snippet_viewset.get_url_name("edit"),
                args=[quote(translation.pk)],
            )
            kind = opts.verbose_name
        sync_url = None
        if row.status == "outdated" and row.translation_source_id:
            sync_url = reverse(
                "wagtail_localize:update_translations",
                args=[row.translation_source_id],
            )
            sync_url += f"?{here}"
        return {
            "title": str(source) if not is_page else source.title,
            "kind": kind,
            "status": row.status,
            "status_label": STATUS_LABELS[row.status],
            "translate_url": (
                f"{translate_url}?{urlencode({'select_locale': code})}"
                if row.status == "untranslated"
                else None
            ),
            "edit_url": edit_url,
            "sync_url": sync_url,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["languages"] = [
            {
                "locale": status.locale,
                "code": status.locale.language_code,
                "pages": [
                    self._row(row, status.locale.language_code, is_page=True)
                    for row in status.pages
                ],
                "snippets": [
                    self._row(row, status.locale.language_code, is_page=False)
                    for row in status.snippets
                ],
            }
            for status in translation_status_list()
        ]
        return context
