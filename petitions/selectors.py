"""Reads: petitions, their counts and their pages, and what staff see.

Reading a count never depends on how many signatures there are: it is one
cache read, and after the cache has been emptied one indexed query over the
signatures confirmed since the last reconciliation. The same holds for the
counts per language on the dashboard. Staff reports and previews count the
signatures themselves, on demand.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import get_language

from home.formatting import (
    date_format,
    deadline_day,
    number_format,
    time_zone_display,
)
from home.process_cache import process_cached
from petitions.models import Petition, PetitionPage, Signature


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
        # Signatures short of one per cent still show: never "0 %" once signed.
        if self.count and not self.percent:
            return "<" + number_format(1, language=self.language)
        return number_format(self.percent, language=self.language)

    @property
    def deadline_display(self) -> str:
        """The last day to sign, in the organisation's time zone."""
        if self.deadline is None:
            return ""
        return date_format(deadline_day(self.deadline), language=self.language)

    @property
    def deadline_zone_display(self) -> str:
        if self.deadline is None:
            return ""
        return time_zone_display(language=self.language, at=self.deadline)


def petition_for_page(*, page: PetitionPage) -> Petition | None:
    """The petition shared by this page and its translations, if it exists yet."""
    return Petition.objects.filter(translation_key=page.translation_key).first()


def _petition_shown(page: PetitionPage) -> Petition | None:
    """The page's petition as pages show it: kept by the process between
    changes (home.process_cache; saving or creating a petition starts a new
    generation), so rendering a page asks the database nothing for it. Its
    target, deadline and state are what the petition was saved with; the count
    is read live (petition_count)."""
    return process_cached(
        ("petition-shown", page.translation_key),
        lambda: petition_for_page(page=page),
    )


def petition_count(*, petition: Petition) -> int:
    """Confirmed signatures: the cached counter, rebuilt when missing from the
    reconciled count plus what was confirmed since."""
    key = petition_count_cache_key(petition.pk)
    value = cache.get(key)
    if value is None:
        # One query, and the reconciled count read afresh with the time it
        # was counted up to: `petition` may be a process's kept copy from
        # before a reconciliation (which starts no generation).
        since = (
            Signature.objects.filter(
                petition=OuterRef("pk"),
                state=Signature.State.CONFIRMED,
                confirmed_at__gt=OuterRef("counted_until"),
            )
            .order_by()
            .values("petition")
            .annotate(n=Count("pk"))
            .values("n")
        )
        row = (
            Petition.objects.filter(pk=petition.pk)
            .annotate(since=Coalesce(Subquery(since), 0))
            .values_list("confirmed_count", "since")
            .first()
        )
        if row is None:
            # Deleted since it was kept: nothing to count.
            return 0
        value = row[0] + row[1]
        if not cache.add(key, value, timeout=None):
            value = cache.get(key, value)
    return value


def petition_status(
    *, page: PetitionPage, language: str | None = None
) -> PetitionStatus:
    """Count, target and state of the page's petition (the page's own settings
    before anyone has signed)."""
    petition = _petition_shown(page)
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


def petition_counts_by_language(*, petition: Petition) -> dict[str, int]:
    """Confirmed signatures per language: the reconciled figures plus what was
    confirmed since (one indexed query), exact after reconciliation."""
    counts = dict(petition.confirmed_by_language or {})
    since = (
        Signature.objects.filter(
            petition=petition,
            state=Signature.State.CONFIRMED,
            confirmed_at__gt=petition.counted_until,
        )
        .values_list("language")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for language, count in since:
        counts[language] = counts.get(language, 0) + count
    return counts


@dataclass(frozen=True)
class PetitionCounts:
    petition: Petition
    total: int
    by_language: list[tuple[str, int]]


def petitions_counts(*, limit: int = 20) -> list[PetitionCounts]:
    """Counts per language of the most recent petitions, open ones first, for
    the admin dashboard. Costs the same however many signatures there are."""
    petitions = Petition.objects.order_by("closed", "-created_at")[:limit]
    rows = []
    for petition in petitions:
        counts = petition_counts_by_language(petition=petition)
        rows.append(
            PetitionCounts(
                petition=petition,
                total=sum(counts.values()),
                by_language=[
                    (code, counts.get(code, 0)) for code, _name in settings.LANGUAGES
                ],
            )
        )
    return rows


@dataclass(frozen=True)
class PetitionReport:
    petition: Petition
    states: list[str]
    # {state: count}, and [(language, {state: count})]
    totals: dict[str, int]
    by_language: list[tuple[str, dict[str, int]]]
    # [(day, signed that day, confirmed that day)], oldest first
    by_day: list[tuple[date, int, int]]


def petition_report(*, petition: Petition) -> PetitionReport:
    """Exact figures for one petition, straight from its signatures: by
    state, by language and state, and signed and confirmed per day (UTC)."""
    states = [state for state, _label in Signature.State.choices]
    signatures = Signature.objects.filter(petition=petition).order_by()
    cells = signatures.values_list("language", "state").annotate(n=Count("pk"))
    by_language = {code: dict.fromkeys(states, 0) for code, _n in settings.LANGUAGES}
    totals = dict.fromkeys(states, 0)
    for language, state, count in cells:
        by_language.setdefault(language, dict.fromkeys(states, 0))[state] = count
        totals[state] = totals.get(state, 0) + count
    signed = dict(
        signatures.annotate(day=TruncDate("created_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    confirmed = dict(
        signatures.filter(state=Signature.State.CONFIRMED)
        .annotate(day=TruncDate("confirmed_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    days = sorted(set(signed) | set(confirmed))
    return PetitionReport(
        petition=petition,
        states=states,
        totals=totals,
        by_language=list(by_language.items()),
        by_day=[(day, signed.get(day, 0), confirmed.get(day, 0)) for day in days],
    )


def domain_normalize(domain: str) -> str:
    """A domain as staff may type it (" @Example.COM. ") in the form stored in
    canonical emails."""
    domain = domain.strip().lstrip("@").rstrip(".").casefold()
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


@dataclass(frozen=True)
class InvalidationCriteria:
    """Which signatures staff want to invalidate: all conditions given must
    hold. Dates are days in UTC, both included."""

    petition_id: int | None = None
    domain: str = ""
    signed_from: date | None = None
    signed_to: date | None = None
    ids: tuple[int, ...] = ()

    def is_empty(self) -> bool:
        return not (self.domain or self.signed_from or self.signed_to or self.ids)

    def as_log(self) -> dict:
        return {
            "petition": self.petition_id,
            "domain": self.domain,
            "signed_from": self.signed_from.isoformat() if self.signed_from else None,
            "signed_to": self.signed_to.isoformat() if self.signed_to else None,
            "ids": len(self.ids),
        }


def signatures_to_invalidate(*, criteria: InvalidationCriteria) -> QuerySet:
    """The signatures, not yet invalid, that `criteria` selects; none when it
    selects nothing in particular (a petition alone is not enough)."""
    queryset = Signature.objects.exclude(state=Signature.State.INVALID)
    if criteria.is_empty():
        return queryset.none()
    if criteria.petition_id is not None:
        queryset = queryset.filter(petition_id=criteria.petition_id)
    if criteria.domain:
        domain = domain_normalize(criteria.domain)
        queryset = queryset.filter(
            Q(email_canonical__endswith=f"@{domain}")
            | Q(email_canonical__endswith=f".{domain}")
        )
    if criteria.signed_from:
        queryset = queryset.filter(created_at__gte=_day_start(criteria.signed_from))
    if criteria.signed_to:
        queryset = queryset.filter(
            created_at__lt=_day_start(criteria.signed_to + timedelta(days=1))
        )
    if criteria.ids:
        queryset = queryset.filter(pk__in=criteria.ids)
    return queryset


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


# How many of the signatures to invalidate the preview names.
INVALIDATION_PREVIEW_NAMES = 50


@dataclass(frozen=True)
class InvalidationPreview:
    total: int
    counted: int
    # [(petition, how many, of which confirmed)]
    by_petition: list[tuple[Petition, int, int]]
    max_id: int
    # The first INVALIDATION_PREVIEW_NAMES of them, oldest first.
    signatures: list[Signature]

    @property
    def not_listed(self) -> int:
        return self.total - len(self.signatures)


def invalidation_preview(*, criteria: InvalidationCriteria) -> InvalidationPreview:
    """What invalidating with `criteria` would touch now; `max_id` pins the
    set, so signatures arriving later are not touched by mistake."""
    matching = signatures_to_invalidate(criteria=criteria).order_by()
    rows = list(
        matching.values_list("petition")
        .annotate(
            n=Count("pk"),
            confirmed=Count("pk", filter=Q(state=Signature.State.CONFIRMED)),
        )
        .order_by("petition")
    )
    petitions = Petition.objects.in_bulk([row[0] for row in rows])
    max_id = matching.aggregate(max_id=Max("pk"))["max_id"] or 0
    return InvalidationPreview(
        total=sum(row[1] for row in rows),
        counted=sum(row[2] for row in rows),
        by_petition=[(petitions[pk], n, confirmed) for pk, n, confirmed in rows],
        max_id=max_id,
        signatures=list(
            matching.filter(pk__lte=max_id)
            .select_related("petition")
            .order_by("pk")[:INVALIDATION_PREVIEW_NAMES]
        ),
    )
