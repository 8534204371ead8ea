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
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        # Wagtail renders a preview by sending a dummy request for the page's
        # public URL through the middleware; the admin request around it
        # returns that response and sets its policy.
        if getattr(request, "is_dummy", False):
            response.site_page_preview = True
            return response
        return super().process_response(request, response)

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
