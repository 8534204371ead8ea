"""django-axes, counting admin sign-in failures per user name from one address
(so nobody can lock an editor out from elsewhere) and, with a higher limit,
per address whatever the names (so one address cannot try names at will)."""

from axes.handlers.cache import AxesCacheHandler
from axes.helpers import get_cache_timeout
from django.conf import settings


class AdminSignInHandler(AxesCacheHandler):
    @staticmethod
    def _address_key(request) -> str:
        return f"admin-sign-in-address:{request.axes_ip_address}"

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or (
            self.cache.get(self._address_key(request), 0)
            >= settings.ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT
        )

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or self.is_whitelisted(request, credentials):
            return
        key = self._address_key(request)
        self.cache.add(key, 0, timeout=get_cache_timeout(request))
        if self.cache.incr(key) >= settings.ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT:
            request.axes_locked_out = True
