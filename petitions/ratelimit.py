"""Per-IP limits on what visitors send (signatures, sign-ups, form
submissions), counted in the cache (Redis in production, so every app process
shares them).

Fixed windows: an address may act in one scope (a petition, the sign-up page,
a form) PETITIONS_BURST_LIMIT times in PETITIONS_BURST_SECONDS and
PETITIONS_SUSTAINED_LIMIT times in PETITIONS_SUSTAINED_SECONDS. Mobile
networks put many people behind one address, so going over a limit never
refuses anyone: callers keep what was sent aside (a suspect signature) or
quietly drop it.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def _hit(key: str, period: int) -> int:
    cache.add(key, 0, timeout=period)
    try:
        return cache.incr(key)
    except ValueError:
        # The window expired between add and incr.
        cache.set(key, 1, timeout=period)
        return 1


def rate_limited(*, scope: str, ip_hash: str) -> bool:
    """Count one attempt from this address in `scope` (e.g. "petition:3");
    True once it is over either limit."""
    if not ip_hash:
        return False
    now = int(timezone.now().timestamp())
    over = False
    for limit, period in (
        (settings.PETITIONS_BURST_LIMIT, settings.PETITIONS_BURST_SECONDS),
        (settings.PETITIONS_SUSTAINED_LIMIT, settings.PETITIONS_SUSTAINED_SECONDS),
    ):
        window = now // period
        key = f"petitions:rate:{scope}:{ip_hash}:{period}:{window}"
        if _hit(key, period) > limit:
            over = True
    return over
