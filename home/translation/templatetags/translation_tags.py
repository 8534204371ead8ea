from django import forms, template
from django.conf import settings
from django.forms.widgets import DateTimeBaseInput
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from modelcluster.fields import ParentalKey
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.admin.widgets.slug import SlugInput
from wagtail.blocks.base import BlockWidget
from wagtail.models import Page

from home.process_cache import process_cached
from home.translation.status import LanguageNotice, page_language_notice

register = template.Library()

# Widgets whose text is in the language of the page or snippet being edited.
CONTENT_WIDGETS = (forms.TextInput, forms.Textarea, DraftailRichTextArea, BlockWidget)
# Text inputs that hold no prose: slugs stay ASCII, dates are dates.
NON_CONTENT_WIDGETS = (SlugInput, DateTimeBaseInput)


def content_language(instance) -> str | None:
    """The language code of an edited object: its own locale, or for an inline
    child without one, the locale of the page or snippet it belongs to."""
    for _depth in range(3):
        if instance is None:
            return None
        if getattr(instance, "locale_id", None):
            return instance.locale.language_code
        parent_keys = [
            field.name
            for field in instance._meta.get_fields()
            if isinstance(field, ParentalKey)
        ]
        instance = getattr(instance, parent_keys[0], None) if parent_keys else None
    return None


@register.simple_tag
def content_language_field(panel, rendered_field):
    """Wrap an admin field's input in the language and direction of the content
    it holds, so Urdu and Hazaragi are typed right-to-left in their own font
    whatever language the admin itself is in."""
    bound_field = getattr(panel, "bound_field", None)
    if bound_field is None or panel.field_name == "slug":
        return rendered_field
    widget = bound_field.field.widget
    if not isinstance(widget, CONTENT_WIDGETS) or isinstance(
        widget, NON_CONTENT_WIDGETS
    ):
        return rendered_field
    code = content_language(panel.instance)
    if code is None:
        return rendered_field
    return format_html(
        '<div class="w-content-language" lang="{}" dir="{}">{}</div>',
        code,
        "rtl" if get_language_info(code)["bidi"] else "ltr",
        rendered_field,
    )


@register.simple_tag
def language_direction(code: str) -> str:
    return "rtl" if get_language_info(code)["bidi"] else "ltr"


@register.simple_tag
def language_notice(page) -> LanguageNotice | None:
    """The untranslated-content notice for the page a visitor reads, if any.
    English readers never get one: English is the language of the sources.

    Kept by the process (three queries, about 3 ms of an uncached render)
    until the next publish anywhere on the site, which is when a live page's
    translated text changes; keyed on the page as published, so a preview
    or a newer publish never gets another version's notice."""
    if not isinstance(page, Page) or page.pk is None:
        return None
    if get_language() == settings.LANGUAGE_CODE:
        return None
    key = (
        "language-notice",
        page.pk,
        page.locale_id,
        page.alias_of_id,
        page.last_published_at,
    )
    return process_cached(key, lambda: page_language_notice(page=page))
