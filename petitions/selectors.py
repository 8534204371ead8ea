"""Reads: petitions, their counts and their pages.

Reading a count never depends on how many signatures there are: it is one
cache read, and after the cache has been emptied one indexed query over the
signatures confirmed since the last reconciliation.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

from petitions.formatting import date_format, number_format
from petitions.identity import email_domain
from petitions.models import BlockedEmailDomain, Petition, PetitionPage, Signature


def petition_count_cache_key(petition_id: int) -> str:
    return f"petitions:count:{petition_id}"


@dataclass(frozen=True)
class PetitionStatus:
    """What a page shows about a petition's progress, formatted for the
    active language."""

    petition_id: int | None
    count: int
    target: int
    deadline: datetime | None
    is_open: bool
    language: str

    @property
    def percent(self) -> int:
        return min(100, self.count * 100 // self.target) if self.target else 100

    @property
    def bar_value(self) -> int:
        return min(self.count, self.target)

    @property
    def count_display(self) -> str:
        return number_format(self.count, language=self.language)

    @property
    def target_display(self) -> str:
        return number_format(self.target, language=self.language)

    @property
    def percent_display(self) -> str:
        return number_format(self.percent, language=self.language)

    @property
    def deadline_display(self) -> str:
        if self.deadline is None:
            return ""
        return date_format(self.deadline, language=self.language)


def petition_for_page(*, page: PetitionPage) -> Petition | None:
    """The petition shared by this page and its translations, if it exists yet."""
    return Petition.objects.filter(translation_key=page.translation_key).first()


def petition_count(*, petition: Petition) -> int:
    """Confirmed signatures: the cached counter, rebuilt when missing from the
    reconciled count plus what was confirmed since."""
    key = petition_count_cache_key(petition.pk)
    value = cache.get(key)
    if value is None:
        value = (
            petition.confirmed_count
            + Signature.objects.filter(
                petition=petition,
                state=Signature.State.CONFIRMED,
                confirmed_at__gt=petition.counted_until,
            ).count()
        )
        if not cache.add(key, value, timeout=None):
            value = cache.get(key, value)
    return value


def petition_status(
    *, page: PetitionPage, language: str | None = None
) -> PetitionStatus:
    """Count, target and state of the page's petition (the page's own settings
    before anyone has signed)."""
    petition = petition_for_page(page=page)
    language = language or get_language()
    if petition is None:
        deadline = page.deadline
        return PetitionStatus(
            petition_id=None,
            count=0,
            target=page.target,
            deadline=deadline,
            is_open=not page.closed and (deadline is None or timezone.now() < deadline),
            language=language,
        )
    return PetitionStatus(
        petition_id=petition.pk,
        count=petition_count(petition=petition),
        target=petition.target,
        deadline=petition.deadline,
        is_open=petition.is_open(),
        language=language,
    )


def petition_page_for_language(
    *, petition: Petition, language: str
) -> PetitionPage | None:
    """The live page of the petition in a language, else in any language."""
    pages = PetitionPage.objects.live().filter(translation_key=petition.translation_key)
    return (
        pages.filter(locale__language_code=language).first()
        or pages.order_by("pk").first()
    )


def email_domain_is_blocked(*, email: str) -> bool:
    """Whether the address's domain, or a domain above it, is blocked."""
    parts = email_domain(email).split(".")
    candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]
    return BlockedEmailDomain.objects.filter(domain__in=candidates).exists()
