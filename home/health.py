"""The health endpoint a load balancer or process supervisor polls.

It answers 200 only when this process can reach both the database and the
cache, and never sets a cookie or lets anything cache the answer.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

HEALTH_CACHE_KEY = "health:probe"


def database_is_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Health check: the database is not reachable.")
        return False


def cache_is_reachable() -> bool:
    # A fresh value each time, so a stale entry cannot pass for a working cache.
    probe = secrets.token_hex(8)
    try:
        cache.set(HEALTH_CACHE_KEY, probe, timeout=10)
        return cache.get(HEALTH_CACHE_KEY) == probe
    except Exception:
        logger.exception("Health check: the cache is not reachable.")
        return False


@never_cache
@require_safe
def health(request):
    checks = {
        "database": database_is_reachable(),
        "cache": cache_is_reachable(),
    }
    healthy = all(checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            **{name: "ok" if ok else "failed" for name, ok in checks.items()},
        },
        status=200 if healthy else 503,
    )
