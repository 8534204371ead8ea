"""Content-Security-Policy: strict on the public site, looser in the admin.

The public site runs no inline script or style and loads nothing from another
host, so CONTENT_SECURITY_POLICY allows only this origin. The Wagtail admin
still has inline scripts (date pickers, inline panels), style attributes and
templates compiled at run time, so under /admin/ ADMIN_CONTENT_SECURITY_POLICY
adds 'unsafe-inline' and 'unsafe-eval', and lets the admin frame its own page
previews. Both keep every other host out.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        # A preview renders the page through the middleware a second time, on
        # a dummy request for the page's public URL; the admin request around
        # it sets the policy, which must let the admin frame the preview.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_URL_PREFIX)
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
