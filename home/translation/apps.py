from django.apps import AppConfig


class TranslationConfig(AppConfig):
    """An app of its own so that Django finds its template tags and Wagtail
    its hooks; it has no models."""

    name = "home.translation"
    label = "translation"

    def ready(self):
        from wagtail.signals import page_published

        from home.translation.wagtail_localize_copies import _page_published

        page_published.connect(
            _page_published, dispatch_uid="home.translation.page_language_copies"
        )
