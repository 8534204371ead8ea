"""wagtail-localize's "Translate this page/snippet" accepts any version as the
source, and any target language. Started from the Urdu version, it keeps a
second source for the same page, which later breaks syncing; and it lets a
translator start a translation (write the page) in a language that is not
theirs. These views send translators to the English source
(home.translation.source) and refuse other languages.

Can go when wagtail-localize starts translations only from one source per
object and checks the target languages against the user's rights.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.views import submit_translations

from home.translation.guards import user_can_translate_into
from home.translation.source import is_in_default_language, source_of
from home.translation.views import TRANSLATE_PERMISSION


def _english_source(instance):
    """The English version of a page or snippet to translate from, or None."""
    source = source_of(instance)
    return source if is_in_default_language(source) else None


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
    if page.is_root() or is_in_default_language(page):
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
    if is_in_default_language(snippet):
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
