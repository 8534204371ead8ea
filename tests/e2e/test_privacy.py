from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["en", "ur", "haz"])
def test_public_page_loads_nothing_from_other_hosts_and_sets_no_cookie(
    phone, live_server, home_page, language
):
    phone.goto(f"/{language}/")
    phone.wait_for_load_state("networkidle")

    own_host = urlsplit(live_server.url).netloc
    foreign = {
        urlsplit(url).netloc
        for url in phone.requested_urls
        if urlsplit(url).netloc != own_host and not url.startswith("data:")
    }
    assert foreign == set()
    assert phone.context.cookies() == []
    assert phone.locator("html").get_attribute("lang") == language
