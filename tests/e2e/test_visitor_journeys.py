"""A visitor on a phone: from `/` to a confirmed signature, in each language,
with and without JavaScript."""

import re

import pytest

from tests.e2e.steps import (
    CAMPAIGN,
    LANGUAGES,
    PAGES,
    assert_in_language,
    confirmation_link,
    follow,
    in_arabic_script,
    page_load,
    petition_form_fill,
    share_hosts,
    shown_count,
)

# Each journey starts in a browser set to another language, then switches.
BROWSER_LOCALE = {"en": "ur-PK", "ur": "en-GB", "haz": "ur-PK"}
LANDS_ON = {"en": "ur", "ur": "en", "haz": "ur"}
SIGNERS = {
    ("en", True): ("Amina Hussain", "Quetta"),
    ("ur", True): ("زینب علی", "کوئٹہ"),
    ("haz", True): ("فاطمه حیدری", "کویته"),
    ("en", False): ("Hassan Changezi", "Karachi"),
    ("ur", False): ("محمد رضا", "لاہور"),
    ("haz", False): ("علی یاوری", "مری‌آباد"),
}
SHARE_HOSTS = {"wa.me", "www.facebook.com", "x.com", "t.me", "mailto"}


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_visitor_switches_language_reads_a_goal_signs_and_confirms_by_email(
    open_page, demo_site, language, javascript
):
    page = open_page(javascript=javascript, locale=BROWSER_LOCALE[language])
    name, city = SIGNERS[(language, javascript)]
    email = f"signer-{language}-{'js' if javascript else 'nojs'}@example.org"

    page_load(page, "/")
    assert page.url == f"{demo_site.url}/{LANDS_ON[language]}/"
    follow(page, page.locator(f".language-switcher a[hreflang={language}]"))
    assert page.url == f"{demo_site.url}/{language}/"
    assert page.locator("html").get_attribute("lang") == language

    follow(page, page.locator(f".site-nav a[href='/{language}/{CAMPAIGN}']"))
    assert_in_language(page, language)
    follow(page, page.locator(f"main a[href='/{language}/{PAGES['goal']}']").first)
    assert_in_language(page, language)
    assert page.locator("main p").first.inner_text().strip()
    page.go_back()
    follow(page, page.locator(f"main a[href='/{language}/{PAGES['petition']}']").first)
    assert_in_language(page, language)
    before = shown_count(page)

    petition_form_fill(page, name=name, email=email, city=city)
    follow(page, page.locator("form[action$='/sign/'] button[type=submit]"))

    assert re.fullmatch(
        rf"{demo_site.url}/{language}/petitions/\d+/thanks/", page.url
    ), page.url
    assert page.locator("html").get_attribute("lang") == language
    assert share_hosts(page) == SHARE_HOSTS
    assert shown_count(page) == before

    message = demo_site.inbox.wait_for(to=email)
    assert message["Content-Language"] == language
    assert in_arabic_script(message["Subject"]) == (language != "en")
    link = confirmation_link(message, site_url=demo_site.url, language=language)
    page_load(page, link)
    # Opening the link confirms nothing (mail scanners open links too).
    assert page.url == link
    assert page.locator("html").get_attribute("lang") == language
    follow(page, page.locator("main form button[type=submit]"))

    assert re.fullmatch(
        rf"{demo_site.url}/{language}/petitions/\d+/confirmed/", page.url
    ), page.url
    assert share_hosts(page) == SHARE_HOSTS
    assert shown_count(page) == before + 1
    follow(page, page.locator(f"main a[href='/{language}/{PAGES['petition']}']"))
    for other in [code for code in LANGUAGES if code != language]:
        assert shown_count(page) == before + 1
        follow(page, page.locator(f".language-switcher a[hreflang={other}]"))
        assert page.url == f"{demo_site.url}/{other}/{PAGES['petition']}"
    assert shown_count(page) == before + 1
    assert page.context.cookies() == []
