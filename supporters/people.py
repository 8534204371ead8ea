"""What each app stores about a person, for "what do you hold about me" (a
count, and the rows themselves as a download) and for erasure on request.

Every app that keeps rows about people registers them from its
AppConfig.ready with `person_records_register`; the staff view,
`person_export` and `person_erase` know only this registry, so a new app's
data is found, exported and erased without any of them changing."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from home.site_address import public_url
from supporters.audit import staff_action_log
from supporters.emails import pending_emails_forget
from supporters.exports import Export, supporters_export
from supporters.identity import email_canonical
from supporters.models import Supporter
from supporters.services import SUPPORTER_CONFIRM_EMAIL


@dataclass(frozen=True)
class PersonRecords:
    """One kind of row about people.

    `count(canonical)` and `erase(canonical, after)` take a canonical address
    and return how many rows there are / were deleted; `erase` runs inside
    the erasure's transaction and appends to `after` what must run once it
    is committed (recounting, say). `export(canonical)` gives the rows
    themselves, one sheet of the person's download, headed in the staff
    member's language. `describe(n)` says "n rows" in the staff member's
    language; `details(canonical)` names what they belong to. Erasing takes
    `permission` ("app_label.delete_model")."""

    name: str
    count: Callable[[str], int]
    erase: Callable[[str, list[Callable[[], object]]], int]
    export: Callable[[str], Export]
    describe: Callable[[int], str]
    details: Callable[[str], list[str]] = field(default=lambda canonical: [])
    permission: str = ""


@dataclass(frozen=True)
class PersonFound:
    records: PersonRecords
    count: int
    details: list[str]

    @property
    def name(self) -> str:
        return self.records.name

    @property
    def description(self) -> str:
        return self.records.describe(self.count)


_RECORDS: dict[str, PersonRecords] = {}


def person_records_register(records: PersonRecords) -> None:
    _RECORDS[records.name] = records


def person_records() -> list[PersonRecords]:
    return list(_RECORDS.values())


def person_rows_described(counts: dict) -> str:
    """ "2 signatures; 1 supporter list entry; …" for each kind of row counted
    in `counts` ({name: rows}), in the reader's language."""
    return "; ".join(
        records.describe(counts[records.name])
        for records in _RECORDS.values()
        if isinstance(counts.get(records.name), int)
    )


def person_data(*, email: str) -> list[PersonFound]:
    """What is stored about the person with this address (any spelling of it
    that signs as the same person), one entry per registered kind of row."""
    canonical = email_canonical(email)
    if not canonical:
        return [PersonFound(records, 0, []) for records in _RECORDS.values()]
    return [
        PersonFound(records, records.count(canonical), records.details(canonical))
        for records in _RECORDS.values()
    ]


def person_export(*, email: str, user) -> list[Export]:
    """Every registered kind of row about the person with this address, one
    export each, and a line in Wagtail's log saying how many rows of each
    were exported (never whose)."""
    canonical = email_canonical(email)
    if not canonical:
        return []
    staff_action_log(
        action="supporters.export_person",
        user=user,
        model=Supporter,
        label="One person",
        data={name: records.count(canonical) for name, records in _RECORDS.items()},
    )
    return [records.export(canonical) for records in _RECORDS.values()]


def person_erase(*, email: str, user) -> dict[str, int]:
    """Delete every registered kind of row about the person with this
    address, in one transaction, and log how many (never who) in Wagtail's
    log. {name: rows deleted}."""
    canonical = email_canonical(email)
    if not canonical:
        # Anonymised rows have an empty address: never match them.
        return dict.fromkeys(_RECORDS, 0)
    after: list[Callable[[], object]] = []
    with transaction.atomic():
        erased = {
            name: records.erase(canonical, after) for name, records in _RECORDS.items()
        }
    for work in after:
        work()
    staff_action_log(
        action="petitions.erase_person",
        user=user,
        model=Supporter,
        label="One person",
        data=erased,
    )
    return erased


def supporters_count(canonical: str) -> int:
    return Supporter.objects.filter(email_canonical=canonical).count()


def supporters_of_person_export(canonical: str) -> Export:
    return supporters_export(
        queryset=Supporter.objects.filter(email_canonical=canonical),
        base_url=public_url(),
    )


def supporters_erase(canonical: str, after: list) -> int:
    supporters = Supporter.objects.filter(email_canonical=canonical)
    pending_emails_forget(
        kinds=[SUPPORTER_CONFIRM_EMAIL], object_ids=supporters.values("pk")
    )
    count, _detail = supporters.delete()
    return count
