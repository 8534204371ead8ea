"""Reads about people: blocked email domains, the supporter list, and what
every app holds about one address."""

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from home.process_cache import process_cached
from supporters.identity import email_canonical, email_domain
from supporters.models import BlockedEmailDomain, Supporter


def email_domain_is_blocked(*, email: str) -> bool:
    """Whether the address's domain, or a domain above it, is blocked. The
    list is kept by the process between changes (home.process_cache)."""
    parts = email_domain(email).split(".")
    candidates = {".".join(parts[i:]) for i in range(len(parts) - 1)}
    return not candidates.isdisjoint(blocked_email_domains())


def blocked_email_domains() -> frozenset[str]:
    return process_cached(
        "blocked-email-domains",
        lambda: frozenset(BlockedEmailDomain.objects.values_list("domain", flat=True)),
    )


def supporters_by_language() -> list[tuple[str, dict[str, int]]]:
    """[(language, {state: count})] of the supporter list, in site order."""
    states = [state for state, _label in Supporter.State.choices]
    counts = {code: dict.fromkeys(states, 0) for code, _name in settings.LANGUAGES}
    for language, state, count in (
        Supporter.objects.values_list("language", "state")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(language, dict.fromkeys(states, 0))[state] = count
    return list(counts.items())


def search_text(query: str) -> str:
    # No stored text holds NUL, and PostgreSQL refuses it in a query.
    return query.replace("\x00", "").strip()


def people_search(queryset: QuerySet, query: str) -> QuerySet:
    """Rows (signatures, supporters) whose name or address contains `query`,
    or whose address is another spelling of it: "Ali.Khan@Gmail.com" finds
    "alikhan@gmail.com"."""
    query = search_text(query)
    if not query:
        return queryset
    condition = Q(name__icontains=query) | Q(email__icontains=query)
    if "@" in query:
        condition |= Q(email_canonical=email_canonical(query))
    return queryset.filter(condition)
