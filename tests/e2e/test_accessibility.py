"""axe-core and privacy (nothing from another host, no cookie) on every kind
of public page in every language, and signing with the keyboard alone:
visible focus, errors announced and tied to their fields, on the petition's
form and on a form page's."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import DESKTOP
from tests.e2e.steps import (
    FORM_PAGES,
    FORM_SENT_BY,
    LANGUAGES,
    PAGES,
    RESOURCE_URLS,
    axe_violations,
    computed,
    follow,
    form_thanks_url,
    page_load,
    page_url,
    petition_form_fill,
    thanks_url,
)

OTHER_PAGES = ["supporters/join/", "search/?q=Quetta", "no-such-page/"]
SIGNING_ORDER = ["id_name", "id_email", "id_city", "id_country", "id_notify"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_passes_axe_loads_only_from_here_and_sets_no_cookie(
    phone, demo_site, language
):
    """Each kind of public page, its thank-you pages and the search, join and
    not-found pages: no axe violation, nothing fetched (or left to fetch
    later: lazy pictures, other sizes) from another host, the page in the
    visitor's language, and no cookie at the end."""
    own_host = urlsplit(demo_site.url).netloc
    phone.goto(page_url(language, "petition"))
    addresses = [page_url(language, kind) for kind in PAGES]
    addresses += [thanks_url(phone)]
    addresses += [f"/{language}/{path}" for path in OTHER_PAGES]

    violations = {}
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
        if found := axe_violations(phone):
            violations[address] = found
        if phone.locator(FORM_SENT_BY).count():
            # Each form page's thank-you page is checked after it.
            addresses.append(form_thanks_url(phone))

    assert len(addresses) == len(PAGES) + 1 + len(OTHER_PAGES) + len(FORM_PAGES)
    assert violations == {}
    assert phone.context.cookies() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_petition_form_with_errors_has_no_axe_violations(phone, language):
    page_load(phone, page_url(language, "petition"))
    petition_form_fill(phone, name="@someone", email="someone@example")
    follow(phone, phone.locator("form[action$='/sign/'] button[type=submit]"))

    assert phone.locator("#form-errors").is_visible()
    assert axe_violations(phone) == []


def focus_is_visible(page) -> bool:
    """The focused element is drawn with the site's focus outline."""
    style, width = computed(page.locator("*:focus"), "outline-style", "outline-width")
    return style != "none" and float(width.removesuffix("px")) >= 2


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def focus_arrives(page, element_id: str) -> bool:
    """Whether the focus moves to `element_id` within a few seconds: the
    browser runs `autofocus` at its next rendering of the page, which can
    come after the element is found."""
    try:
        page.wait_for_function(
            "id => document.activeElement && document.activeElement.id === id",
            arg=element_id,
            timeout=5000,
        )
    except PlaywrightTimeout:
        return False
    return True


def test_keyboard_alone_signs_the_petition_with_visible_focus(open_page, demo_site):
    page = open_page(viewport=DESKTOP)
    page_load(page, page_url("en", "petition"))

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert focus_is_visible(page)
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert focused_id(page) == "main"

    for _step in range(30):
        page.keyboard.press("Tab")
        assert focus_is_visible(page), page.evaluate("document.activeElement.outerHTML")
        if focused_id(page) == "id_name":
            break
    typed = {
        "id_name": "Nasrin Jafari",
        "id_email": "nasrin@example.org",
        "id_city": "Quetta",
    }
    order = []
    for _field in SIGNING_ORDER:
        field = focused_id(page)
        order.append(field)
        assert focus_is_visible(page), field
        if field in typed:
            page.keyboard.type(typed[field])
        elif field == "id_notify":
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert order == SIGNING_ORDER
    assert page.locator("#id_notify").is_checked()
    assert page.evaluate("document.activeElement.type") == "submit"
    assert focus_is_visible(page)
    page.keyboard.press("Enter")

    page.wait_for_url("**/thanks/")
    assert demo_site.inbox.wait_for(to="nasrin@example.org")


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_errors_take_the_focus_and_are_tied_to_their_fields(open_page, language):
    page = open_page(viewport=DESKTOP)
    page_load(page, page_url(language, "petition"))
    petition_form_fill(page, name="@someone", email="someone@example")
    page.locator("#id_email").press("Enter")

    # Focus on the summary makes screen readers read it out at once.
    summary = page.locator("#form-errors")
    summary.wait_for()
    assert focus_arrives(page, "form-errors"), focused_id(page)
    assert summary.get_attribute("role") == "alert"
    assert focus_is_visible(page)
    for field in ("id_name", "id_email"):
        element = page.locator(f"#{field}")
        assert element.get_attribute("aria-invalid") == "true"
        described_by = element.get_attribute("aria-describedby").split()
        error = page.locator(f"#{field}_error")
        assert error.get_attribute("id") in described_by
        link = summary.locator(f"a[href='#{field}']")
        assert link.inner_text() == error.inner_text()
    assert page.locator("#id_city").get_attribute("aria-invalid") is None

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused_id(page) == "id_name"
    assert page.locator("#id_name").input_value() == "@someone"


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_page_errors_take_the_focus_are_tied_to_their_fields_and_pass_axe(
    open_page, language
):
    page = open_page(viewport=DESKTOP)
    page_load(page, page_url(language, "volunteer"))
    # Spaces only (the browser lets them through; to the site, no name) and
    # an address without a domain.
    page.locator("#id_your_name").fill("   ")
    # The region is required and starts on "Choose one": the browser itself
    # would stop the form without it.
    page.locator("#id_where_you_live").select_option(index=1)
    page.locator("#id_your_email_address").fill("someone@example")
    page.locator("#id_your_email_address").press("Enter")

    summary = page.locator("#form-errors")
    summary.wait_for()
    assert focus_arrives(page, "form-errors"), focused_id(page)
    assert summary.get_attribute("role") == "alert"
    assert focus_is_visible(page)
    assert axe_violations(page) == []
    for field in ("id_your_name", "id_your_email_address"):
        element = page.locator(f"#{field}")
        assert element.get_attribute("aria-invalid") == "true"
        described_by = element.get_attribute("aria-describedby").split()
        error = page.locator(f"#{field}_error")
        assert error.get_attribute("id") in described_by
        link = summary.locator(f"a[href='#{field}']")
        assert link.inner_text() == error.inner_text()
    assert "id_your_email_address_helptext" in page.locator(
        "#id_your_email_address"
    ).get_attribute("aria-describedby")
    for field in ("id_where_you_live", "id_anything_else_we_should_know"):
        assert page.locator(f"#{field}").get_attribute("aria-invalid") is None

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused_id(page) == "id_your_email_address"
    assert page.locator("#id_your_email_address").input_value() == "someone@example"
