from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.models import TranslatableMixin

from home.translation import (
    guards,
    views,
    wagtail_localize_copies,
    wagtail_localize_overrides,
    wagtail_localize_submit,
    wagtail_localize_sync,
    wagtail_localize_upload,
)
from home.translation.guards import user_can_edit_translation

# wagtail-localize's views that change (or show) one translation, each behind
# a check of the translation's language (guards.py).
TRANSLATION_GUARDS = [
    (
        "strings/<int:string_segment_id>/edit/",
        guards.edit_string_translation,
    ),
    (
        "overrides/<int:overridable_segment_id>/edit/",
        wagtail_localize_overrides.edit_override,
    ),
    ("pofile/download/", guards.download_pofile),
    ("pofile/upload/", wagtail_localize_upload.upload_pofile),
    ("machine_translate/", guards.machine_translate),
    ("preview/", guards.preview_translation),
    ("preview/<str:mode>/", guards.preview_translation),
    ("disable/", guards.stop_translation),
]


# order=-1 puts these ahead of wagtail-localize's own URLs: requests for the
# same paths reach the guards first, and reverse() of wagtail-localize's URL
# names still gives these paths, so every button and link goes through them.
# tests/home/test_translation_routes.py fails if wagtail-localize gains a
# route taking a translation or object id that none of these covers.
@hooks.register("register_admin_urls", order=-1)
def register_translation_urls():
    return [
        path(
            "localize/submit/page/<int:page_id>/",
            wagtail_localize_submit.submit_page_translation,
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            wagtail_localize_submit.submit_snippet_translation,
        ),
        *[
            path(f"localize/translate/<int:translation_id>/{route}", view)
            for route, view in TRANSLATION_GUARDS
        ],
        path(
            "localize/update/<int:translation_source_id>/",
            wagtail_localize_sync.update_translations,
        ),
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            guards.convert_to_alias,
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
            guards.snippets_api_listing,
        ),
        path(
            "localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
            guards.snippets_api_detail,
        ),
        path(
            "translation-status/",
            views.TranslationStatusView.as_view(),
            name="translation_status",
        ),
    ]


# Ahead of wagtail-localize's hook, which opens the translation editor.
@hooks.register("before_edit_snippet", order=-1)
def keep_translators_to_their_languages(request, instance):
    """Translators edit snippets in their own languages only: not the English
    source, not the other language's translation."""
    if isinstance(instance, TranslatableMixin) and not user_can_edit_translation(
        user=request.user, instance=instance
    ):
        return permission_denied(request)
    return None


class TranslatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(views.TRANSLATE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return TranslatorMenuItem(
        _("Translation status"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=250,
    )


@hooks.register("insert_global_admin_css")
def content_language_css():
    # Right-to-left and the site's fonts for Urdu and Hazaragi text fields.
    return format_html(
        '<link rel="stylesheet" href="{}">', static("home/admin/content-language.css")
    )


@hooks.register("insert_global_admin_js")
def content_language_js():
    return format_html(
        '<script src="{}" defer></script>', static("home/admin/content-language.js")
    )


hooks.register("after_publish_page", wagtail_localize_copies.page_published_in_admin)
