from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from home import page_cache
        from home.site_address import site_address_sync

        page_cache.connect()
        post_migrate.connect(site_address_sync, sender=self)
