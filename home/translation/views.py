"""The translation status: what translators and editors still have to do, per
language. The views that stand in front of wagtail-localize's are in the
wagtail_localize_* modules and guards.py."""

from urllib.parse import urlencode

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.translation.status import translation_status_list

TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


STATUS_LABELS = {
    "untranslated": gettext_lazy("Not translated"),
    "unpublished": gettext_lazy("Translation not published"),
    "incomplete": gettext_lazy("Partly still in English"),
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
