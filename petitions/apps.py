import functools

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.formatting import number_shown


class PetitionsConfig(AppConfig):
    """Petitions depend on `supporters` and `home` and register with them
    what they add: the home page's featured petition, petitions as a
    campaign's actions, the demo's petition, signers' emails, and the
    signatures kept about a person (for erasure)."""

    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self):
        from wagtail.signals import page_published

        from home.demo.build import demo_step_register
        from home.features import (
            ActionPageType,
            HomeFeature,
            action_page_type_register,
            home_feature_register,
        )
        from home.page_cache import page_cache_purge_on_change
        from petitions.demo import petition_demo_step
        from petitions.exports import signatures_of_person_export
        from petitions.models import Petition, PetitionPage, Signature
        from petitions.services import signatures, staff
        from supporters.emails import email_kind_register, unsubscribe_source_register
        from supporters.people import PersonRecords, person_records_register

        page_published.connect(
            _petition_page_published,
            sender=PetitionPage,
            dispatch_uid="petitions.petition_page_published",
        )
        # A petition's settings are kept by each process for signing
        # (home.process_cache): any change to them starts a new generation.
        page_cache_purge_on_change(Petition)
        home_feature_register(
            HomeFeature(
                field="featured_petition",
                page_types=("petitions.PetitionPage",),
                template="petitions/includes/petition_feature.html",
            )
        )
        action_page_type_register(
            ActionPageType(
                page_type="petitions.PetitionPage",
                template="petitions/includes/petition_feature.html",
            )
        )
        demo_step_register(petition_demo_step)
        for kind in signatures.SignatureEmail:
            email_kind_register(
                kind=kind.outbox_kind,
                send=functools.partial(signatures.signature_email_deliver, kind=kind),
            )
        unsubscribe_source_register(name="signature", model=Signature)
        person_records_register(
            PersonRecords(
                name="signatures",
                count=staff.signatures_count,
                erase=staff.signatures_erase,
                export=signatures_of_person_export,
                describe=_signatures_described,
                details=staff.signatures_petitions,
                permission="petitions.delete_signature",
            )
        )


def _petition_page_published(sender, instance, **kwargs):
    # Publishing is when a page's settings take effect, drafts and scheduled
    # publishing included; the rule itself is in the service.
    from petitions.services.signatures import petition_sync_from_page

    petition_sync_from_page(page=instance)


def _signatures_described(count: int) -> str:
    return ngettext("%(shown)s signature", "%(shown)s signatures", count) % {
        "shown": number_shown(count)
    }
