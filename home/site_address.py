"""The site's one public address, for every absolute link it writes.

Share links, the links in emails, Open Graph, canonical and hreflang tags, the
sitemap and robots.txt all start with WAGTAILADMIN_BASE_URL (Wagtail's own
setting for the address its emails link to), never with the Host a request
sent: behind a proxy that is an internal name, and a visitor can send any.
Wagtail builds a page's full URL from the default Site record, so the record
is brought in line with the setting at every `migrate` and site set-up.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from wagtail.models import Site


def public_url(path: str = "/") -> str:
    """The absolute address of a path on this site (a full URL is kept)."""
    if not path.startswith("/"):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _host_and_port() -> tuple[str, int]:
    parts = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def site_address_sync(**_kwargs) -> None:
    """Give the default Site the public address's host and port (connected to
    post_migrate, so every deployment's `migrate` applies a changed setting)."""
    hostname, port = _host_and_port()
    # save(), not update(): Wagtail forgets its cached site addresses on save.
    for site in Site.objects.filter(is_default_site=True).exclude(
        hostname=hostname, port=port
    ):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])


@checks.register(checks.Tags.urls)
def public_address_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """A Site record writes http:// on any port but 443, and https:// on 443
    only; an address it cannot write would give pages another address than
    the emails."""
    address = settings.WAGTAILADMIN_BASE_URL
    parts = urlsplit(address)
    hostname, port = _host_and_port()
    expressible = (
        parts.scheme in ("http", "https")
        and hostname
        and parts.path in ("", "/")
        and not parts.query
        and (parts.scheme == "https") == (port == 443)
    )
    if expressible:
        return []
    return [
        checks.Error(
            f"WAGTAILADMIN_BASE_URL {address!r} cannot be the site's public "
            "address: give http://host[:port] or https://host, without a path.",
            id="home.E001",
        )
    ]
