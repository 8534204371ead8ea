from urllib.parse import urlsplit

import pytest

from tests.e2e.steps import (
    FORM_PAGES,
    FORM_SENT_BY,
    LANGUAGES,
    PAGES,
    form_thanks_url,
    page_load,
    page_url,
    thanks_url,
)

OTHER_PUBLIC_PAGES = ["search/?q=Quetta", "supporters/join/", "no-such-page/"]

# Every address in the page that makes a browser fetch something, including
# what it has not fetched yet (lazy pictures below the fold, other sizes).
RESOURCE_URLS = """() => [
    ...[...document.querySelectorAll(
        "[src], link[href]:not([rel~=alternate]):not([rel~=canonical]), object[data]"
    )].map(e => e.src || e.href || e.data),
    ...[...document.querySelectorAll("[srcset]")].flatMap(
        e => e.srcset.split(",").map(
            s => new URL(s.trim().split(" ")[0], document.baseURI).href)
    ),
]"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_public_pages_load_nothing_from_other_hosts_and_set_no_cookie(
    phone, demo_site, language
):
    own_host = urlsplit(demo_site.url).netloc
    phone.goto(page_url(language, "petition"))
    addresses = [page_url(language, kind) for kind in PAGES]
    addresses += [thanks_url(phone)]
    addresses += [f"/{language}/{path}" for path in OTHER_PUBLIC_PAGES]

    for address in addresses:
        phone.requested_urls.clear()
        page_load(phone, address)

        urls = phone.requested_urls + phone.evaluate(RESOURCE_URLS)
        foreign = {
            url
            for url in urls
            if urlsplit(url).scheme not in ("data", "blob")
            and urlsplit(url).netloc != own_host
        }
        assert foreign == set(), address
        assert phone.locator("html").get_attribute("lang") == language, address
        if phone.locator(FORM_SENT_BY).count():
            # Each form page's thank-you page is checked after it.
            addresses.append(form_thanks_url(phone))
    assert len(addresses) == len(PAGES) + 1 + len(OTHER_PUBLIC_PAGES) + len(FORM_PAGES)
    assert phone.context.cookies() == []
