"""Request facts the views that take people's data need: where a form came
from, and who sent it; ids in URLs; answers no cache may keep.

Cross-site request forgery is refused by origin instead of by token, the way
Go 1.25's CrossOriginProtection and Rails do it: browsers say where a request
comes from in `Sec-Fetch-Site` (all current browsers) or `Origin`. A POST that
says it comes from another site is refused; one that says nothing is not a
browser acting for someone and is let through. No token means no CSRF cookie,
so petition pages are the same for every visitor and any cache may keep them.
"""

import functools
import logging

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)


def request_is_cross_site(request) -> bool:
    """True when the browser says the request was sent by another site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        # "none" is the visitor's own doing (address bar, bookmark).
        return fetch_site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.get_host()}"
    return origin != own and origin not in settings.CSRF_TRUSTED_ORIGINS


def client_ip(request) -> str:
    """The visitor's address: REMOTE_ADDR, or with PETITIONS_PROXY_COUNT
    proxies in front, the address the outermost of them saw (counted from the
    right of X-Forwarded-For, since the left is whatever the client wrote)."""
    proxies = settings.PETITIONS_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.headers.get("X-Forwarded-For", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    elif "X-Forwarded-For" in request.headers:
        _warn_proxy_count_unset()
    return request.META.get("REMOTE_ADDR", "")


@functools.cache
def _warn_proxy_count_unset() -> None:
    # Once a process: settings cannot tell whether a proxy is in front, a
    # request can. A client may send the header itself, hence "if".
    logger.warning(
        "A request came through a proxy (X-Forwarded-For) but "
        "PETITIONS_PROXY_COUNT is 0: if a proxy, load balancer or CDN is in "
        "front of the site, set it to how many, or every signer shares the "
        "proxy's address and the rate limits hold them all back as suspect."
    )


class IdConverter:
    """The `<id:...>` of URLs: a database id of at most 18 digits, so that any
    number in an address fits a 64-bit integer column and a longer one is
    simply not found. Registered by supporters.apps for every app's URLs."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


def no_store(response):
    """Mark an answer that is this visitor's own (a form with their errors, a
    link's outcome) so that no cache keeps it."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def cross_site_refusal(request, *, form_kind: str):
    """The page a post from another site gets: nothing was done (403)."""
    return no_store(
        render(
            request,
            "petitions/cross_site.html",
            {"page": None, "form_kind": form_kind},
            status=403,
        )
    )


def link_opened(request, *, link: str):
    """Opening an emailed link acts on nothing: mail scanners open links too.
    It shows one button that sends the link back by POST, which acts; a POST
    from another site is refused, as on the public forms."""
    if request.method == "GET":
        return no_store(render(request, "petitions/link_action.html", {"link": link}))
    if request_is_cross_site(request):
        return cross_site_refusal(request, form_kind="link")
    return None
