"""Signatures as CSV or XLSX, written by the site's export stack
(supporters.exports)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from petitions.models import Signature
from supporters.exports import CHUNK_SIZE, Export, field_heading

SIGNATURE_FIELDS = (
    "pk",
    "petition__title",
    "name",
    "email",
    "city",
    "country",
    "language",
    "state",
    "suspect_reason",
    "consent_to_updates",
    "consent_text",
    "consent_at",
    "created_at",
    "confirmed_at",
)


def signatures_export(*, queryset: QuerySet) -> Export:
    headings = [_("ID"), _("Petition")] + [
        field_heading(Signature, name) for name in SIGNATURE_FIELDS[2:]
    ]
    rows = (
        queryset.order_by("pk")
        .values_list(*SIGNATURE_FIELDS)
        .iterator(chunk_size=CHUNK_SIZE)
    )
    return Export(
        headings=headings, rows=rows, filename="signatures", title=_("Signatures")
    )


def signatures_of_person_export(canonical: str) -> Export:
    """A person's signatures on every petition (supporters.people)."""
    return signatures_export(
        queryset=Signature.objects.filter(email_canonical=canonical)
    )
