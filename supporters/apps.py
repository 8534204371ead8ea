from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.formatting import number_shown


class SupportersConfig(AppConfig):
    """What the feature apps share about people. It depends on `home` only;
    petitions and campaigns register with it what they store about people,
    the emails they send and who may unsubscribe (see the README)."""

    name = "supporters"
    verbose_name = _("Supporters")

    def ready(self):
        from django.urls import register_converter

        from home.page_cache import page_cache_purge_on_change
        from supporters import emails, people, services
        from supporters.http import IdConverter
        from supporters.models import BlockedEmailDomain, Supporter

        register_converter(IdConverter, "id")
        # The blocked domains are kept by each process (home.process_cache):
        # any change to them starts a new generation.
        page_cache_purge_on_change(BlockedEmailDomain)
        emails.email_kind_register(
            kind=services.SUPPORTER_CONFIRM_EMAIL, send=services.supporter_email_deliver
        )
        emails.unsubscribe_source_register(name="supporter", model=Supporter)
        people.person_records_register(
            people.PersonRecords(
                name="supporters",
                count=people.supporters_count,
                erase=people.supporters_erase,
                export=people.supporters_of_person_export,
                describe=_supporters_described,
                permission="supporters.delete_supporter",
            )
        )


def _supporters_described(count: int) -> str:
    return ngettext(
        "%(shown)s supporter list entry", "%(shown)s supporter list entries", count
    ) % {"shown": number_shown(count)}
