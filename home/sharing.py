"""Share links: plain links to each service's share address, so nothing is
loaded from another host and they work without JavaScript."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareLink:
    service: str
    label: str
    href: str


def share_links(*, url: str, text: str, title: str) -> list[ShareLink]:
    message = f"{text} {url}" if text else url
    return [
        ShareLink(
            "whatsapp",
            _("WhatsApp"),
            "https://wa.me/?" + urlencode({"text": message}, quote_via=quote),
        ),
        ShareLink(
            "facebook",
            _("Facebook"),
            "https://www.facebook.com/sharer/sharer.php?"
            + urlencode({"u": url}, quote_via=quote),
        ),
        ShareLink(
            "x",
            _("X"),
            "https://x.com/intent/post?"
            + urlencode({"text": text, "url": url}, quote_via=quote),
        ),
        ShareLink(
            "telegram",
            _("Telegram"),
            "https://t.me/share/url?"
            + urlencode({"url": url, "text": text}, quote_via=quote),
        ),
        ShareLink(
            "email",
            _("Email"),
            "mailto:?"
            + urlencode({"subject": title, "body": message}, quote_via=quote),
        ),
    ]
