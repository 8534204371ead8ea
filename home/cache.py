"""Django's Redis cache, made to let the site go on while Redis is away.

Redis holds only what can be rebuilt: cached pages and counts, rate-limit
counters, cached sessions (kept in the database too). Django's backend turns
a Redis that cannot be reached into a server error on every page, Wagtail's
routing included; this one logs it and answers as an empty cache would
(`get` finds nothing, writes are dropped), so pages render from the database
and signing goes on, with rate limits open until Redis is back. /health/
still reports the cache as failed, so the outage is seen.
"""

import functools
import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _tolerant(default):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                logger.warning(
                    "Redis cannot be reached (%s): going on without it", error
                )
                return default(*args, **kwargs) if callable(default) else default

        return wrapper

    return decorate


def _default_argument(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    add = _tolerant(False)(RedisCache.add)
    get = _tolerant(_default_argument)(RedisCache.get)
    set = _tolerant(None)(RedisCache.set)
    touch = _tolerant(False)(RedisCache.touch)
    delete = _tolerant(False)(RedisCache.delete)
    get_many = _tolerant(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _tolerant(False)(RedisCache.has_key)
    set_many = _tolerant(lambda *args, **kwargs: [])(RedisCache.set_many)
    delete_many = _tolerant(None)(RedisCache.delete_many)
    clear = _tolerant(False)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            logger.warning("Redis cannot be reached (%s): going on without it", error)
            # As if the key had just been created: counting starts again.
            return delta
