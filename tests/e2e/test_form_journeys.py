"""A visitor on a phone volunteers: from the home page's call to action
through the volunteer form to its thank-you page, in each language, and
once without JavaScript; staff are told by email, in English, and the
visitor is asked by email to confirm joining the supporter list."""

import re

import pytest

from tests.e2e.site_server import STAFF_EMAIL
from tests.e2e.steps import (
    FORM_SENT_BY,
    LANGUAGES,
    assert_in_language,
    follow,
    in_arabic_script,
    page_load,
    page_url,
)

VOLUNTEERS = {
    "en": ("Sakina Changezi", "I can teach English on Saturdays."),
    "ur": ("رقیہ حسین", "میں ہفتے کے دن پڑھا سکتی ہوں۔"),
    "haz": ("معصومه یوسفی", "روزای شنبه درس داده می‌تانم."),
}
# What staff read, whatever language the visitor used: the English page's
# choices (the third region, the first way to help) and the language's name.
STAFF_SEES = ["Where you live: Karachi", "How you would like to help: Teaching"]
LANGUAGE_NAMES = {"en": "English", "ur": "Urdu", "haz": "Hazaragi"}


@pytest.mark.parametrize(
    ("language", "javascript"),
    [("en", True), ("ur", True), ("haz", True), ("ur", False)],
    ids=["en-js", "ur-js", "haz-js", "ur-no-js"],
)
def test_visitor_volunteers_from_the_home_page_and_both_emails_arrive(
    open_page, demo_site, language, javascript
):
    page = open_page(javascript=javascript)
    name, message = VOLUNTEERS[language]
    email = f"volunteer-{language}-{'js' if javascript else 'nojs'}@example.org"
    form_url = page_url(language, "volunteer")

    page_load(page, f"/{language}/")
    follow(page, page.locator(f"main .action__link[href='{form_url}']"))
    assert page.url == demo_site.url + form_url
    assert_in_language(page, language)

    page.locator("#id_your_name").fill(name)
    page.locator("#id_your_email_address").fill(email)
    region = page.locator("#id_where_you_live")
    # The first option is "Choose one": nobody lives somewhere by default.
    region_label = region.locator("option").nth(3).inner_text()
    assert in_arabic_script(region_label) == (language != "en")
    region.select_option(label=region_label)
    page.locator("label[for=id_how_you_would_like_to_help_0]").click()
    page.locator("#id_anything_else_we_should_know").fill(message)
    page.locator("label[for=id_keep_informed]").click()
    assert page.locator("#id_how_you_would_like_to_help_0").is_checked()
    assert page.locator("#id_keep_informed").is_checked()
    follow(page, page.locator(f"{FORM_SENT_BY} button[type=submit]"))

    assert re.fullmatch(rf"{demo_site.url}/{language}/forms/\d+/thanks/", page.url), (
        page.url
    )
    assert_in_language(page, language)
    thanks = page.locator("main").inner_text()
    assert in_arabic_script(thanks) == (language != "en")
    assert page.locator(f"main a[href='{form_url}']").is_visible()

    to_staff = demo_site.inbox.wait_for(to=STAFF_EMAIL, reply_to=email)
    body = to_staff.get_body(preferencelist=("plain",)).get_content()
    for line in [
        f"Your name: {name}",
        f"Language: {LANGUAGE_NAMES[language]}",
        *STAFF_SEES,
    ]:
        assert line in body, body
    assert message in body

    to_visitor = demo_site.inbox.wait_for(to=email)
    assert to_visitor["Content-Language"] == language
    assert in_arabic_script(to_visitor["Subject"]) == (language != "en")
    text = to_visitor.get_body(preferencelist=("plain",)).get_content()
    link = re.search(
        re.escape(demo_site.url) + rf"/{language}/supporters/confirm/[^\s/]+/", text
    )
    assert link, text
    response = page_load(page, link.group(0))
    assert response.status == 200
    assert_in_language(page, language)
    follow(page, page.locator("main form button[type=submit]"))
    assert page.url == link.group(0)
    assert_in_language(page, language)
    assert page.locator("main h1").count() == 1
    assert page.locator("main form").count() == 0
    assert page.context.cookies() == []


def test_the_campaigns_call_to_action_leads_to_the_coordinator_form(phone, demo_site):
    for language in LANGUAGES:
        page_load(phone, page_url(language, "campaign"))
        form_url = page_url(language, "coordinator")
        follow(phone, phone.locator(f"main .action__link[href='{form_url}']"))
        assert phone.url == demo_site.url + form_url
        assert_in_language(phone, language)
        assert phone.locator(FORM_SENT_BY).is_visible()
