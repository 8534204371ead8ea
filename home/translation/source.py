"""One rule for "the source" of a translated page or snippet: the version its
translations are made from. Petitions take their shared settings from it, form
pages their fields, and the translation views steer translators to it."""

from django.db.models import Model
from wagtail.models import Locale, Page


def source_of(instance: Model) -> Model:
    """The version in the site's default language (English) of this page or
    snippet; if there is none, its oldest version (a page first written in
    Urdu is its own source until an English version exists). A page not saved
    yet is its own source."""
    if instance.pk is None or instance.translation_key is None:
        return instance
    default = Locale.get_default()
    if instance.locale_id == default.pk:
        return instance
    versions = type(instance).objects.filter(translation_key=instance.translation_key)
    if isinstance(instance, Page):
        versions = versions.filter(alias_of__isnull=True)
    return (
        versions.filter(locale=default).first()
        or versions.order_by("pk").first()
        or instance
    )


def is_source(instance: Model) -> bool:
    return source_of(instance).pk == instance.pk


def is_in_default_language(instance: Model) -> bool:
    return instance.locale_id == Locale.get_default().pk
