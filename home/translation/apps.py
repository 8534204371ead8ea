from django.apps import AppConfig


class TranslationConfig(AppConfig):
    """An app of its own so that Django finds its template tags and Wagtail
    its hooks; it has no models."""

    name = "home.translation"
    label = "translation"
