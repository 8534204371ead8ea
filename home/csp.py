"""Content-Security-Policy: strict on the public site, looser in the admin.

The public site runs no inline script or style and loads nothing from another
host, so CONTENT_SECURITY_POLICY allows only this origin. The Wagtail admin
still has inline scripts (date pickers, inline panels), style attributes and
templates compiled at run time, so under /admin/ ADMIN_CONTENT_SECURITY_POLICY
adds 'unsafe-inline' and 'unsafe-eval', and lets the admin frame its own page
previews. Both keep every other host out.

A page shown inside the admin (a preview, View draft, a revision, a
translation's preview) is the public page, with content an editor or a
translator wrote: it gets the public site's policy, so a link or script
planted in it cannot run with a staff member's session. Only framing by the
admin's own preview panel is added.

The public policy is the same header for every public response (no nonce,
no per-view changes): it is built once per process, not for each response
(django-csp copies and joins the whole configuration each time, about a
twentieth of an uncached page's CPU and more of a signature's).
"""

import functools

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings

# What a view or decorator may set on a response to change its policy.
_RESPONSE_POLICY_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


@functools.cache
def _public_policy() -> str:
    return build_policy()


class SiteCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        # Wagtail renders a preview by sending a dummy request for the page's
        # public URL through the middleware; the admin request around it
        # returns that response and sets its policy.
        if getattr(request, "is_dummy", False):
            response.site_page_preview = True
            return response
        if self._gets_the_public_policy(request, response):
            if HEADER not in response:
                response[HEADER] = _public_policy()
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
            return response
        return super().process_response(request, response)

    @staticmethod
    def _gets_the_public_policy(request, response) -> bool:
        """The settings' policy alone, as django-csp would build it: no
        admin page, no nonce asked for, nothing set by the view, no
        report-only policy, no debug pages and no excluded paths."""
        return not (
            settings.DEBUG
            or request.path_info.startswith(settings.ADMIN_URL_PREFIX)
            or getattr(request, "_csp_nonce", None) is not None
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
            or any(hasattr(response, name) for name in _RESPONSE_POLICY_ATTRIBUTES)
        )

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if getattr(response, "site_page_preview", False):
            parts.config = {
                **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
                "frame-ancestors": ["'self'"],
            }
        elif request.path_info.startswith(settings.ADMIN_URL_PREFIX):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
