from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from wagtail.images import get_image_model

        from home import page_cache
        from home.models import Footer, NavigationMenu, Organisation
        from home.site_address import site_address_sync

        page_cache.connect()
        # Every page shows them, and processes keep them (home.selectors:
        # site_chrome); their translations are saved by wagtail-localize,
        # which sends no snippet hook.
        for model in (Organisation, NavigationMenu, Footer):
            page_cache.page_cache_purge_on_change(model)
        # Pages show pictures and processes keep some with their renditions
        # (the home page's cards); a replaced file deletes the old renditions.
        page_cache.page_cache_purge_on_change(get_image_model())
        post_migrate.connect(site_address_sync, sender=self)
