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

import logging

from django.conf import settings
from django.core.cache import cache, caches
from django_redis import get_redis_connection
from django_redis.cache import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)


def _hits(windows: list[tuple[str, int]]) -> list[int]:
    """Count one more attempt in each (key, seconds) window; the new totals.
    A window starts at the first attempt and is dropped `seconds` later."""
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        # Every window in one round trip (INCR, then EXPIRE only if the key
        # has no expiry yet): signing is the busiest write of the site.
        # Django's cache API has no pipelines; django-redis gives its client.
        keys = [(backend.make_and_validate_key(key), period) for key, period in windows]
        pipeline = get_redis_connection("default").pipeline(transaction=False)
        for key, period in keys:
            pipeline.incr(key)
            pipeline.expire(key, period, nx=True)
        try:
            return pipeline.execute()[0::2]
        except (RedisConnectionError, RedisTimeoutError):
            # Redis is away: nothing is counted until it is back.
            logger.warning("Rate limits not counted: Redis cannot be reached")
            return [0 for _key in keys]
    return [_hit(key, period) for key, period in windows]


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
    limits = [
        (settings.PETITIONS_BURST_LIMIT, settings.PETITIONS_BURST_SECONDS),
        (settings.PETITIONS_SUSTAINED_LIMIT, settings.PETITIONS_SUSTAINED_SECONDS),
    ]
    totals = _hits(
        [
            (f"petitions:rate:{scope}:{ip_hash}:{period}", period)
            for _limit, period in limits
        ]
    )
    return any(
        total > limit for total, (limit, _period) in zip(totals, limits, strict=True)
    )
