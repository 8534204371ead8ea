from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self):
        from wagtail.signals import page_published

        from petitions.models import PetitionPage

        page_published.connect(
            _petition_page_published,
            sender=PetitionPage,
            dispatch_uid="petitions.petition_page_published",
        )


def _petition_page_published(sender, instance, **kwargs):
    # Publishing is when a page's settings take effect, drafts and scheduled
    # publishing included; the rule itself is in the service.
    from petitions.services.signatures import petition_sync_from_page

    petition_sync_from_page(page=instance)
