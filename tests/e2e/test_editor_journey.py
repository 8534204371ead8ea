"""An editor builds a petition in the admin and has it translated into
Hazaragi in wagtail-localize's translation editor; visitors read it."""

import re

from tests.e2e.conftest import ACCOUNTS, DESKTOP
from tests.e2e.steps import (
    CAMPAIGN,
    admin_login,
    follow,
    page_load,
    translation_segment,
)

TITLE = "Reopen the Hazara Town school"
ADDRESSEE = "The Education Minister of Balochistan"
INTRO = "Let the children of Hazara Town go back to school."
HAZARAGI = {
    TITLE: "مکتب هزاره‌تاون ره دوباره واز کنید",
    ADDRESSEE: "وزیر معارف بلوچستان",
    INTRO: "بیلید که بچه‌های هزاره‌تاون دوباره د مکتب بورن.",
}
SLUG = "reopen-the-hazara-town-school"
CAMPAIGN_TITLE = "Stand up for the Shia Hazara of Quetta"


def messages(page) -> str:
    """The admin's messages after the last action."""
    return page.locator(".messages").inner_text().strip()


def test_editor_creates_publishes_and_translates_a_petition_into_hazaragi(
    open_page, demo_site
):
    admin = open_page(viewport=DESKTOP)
    admin_login(admin, username="editor", password=ACCOUNTS["editor"][0])

    admin.goto("/admin/pages/")
    for parent in ("Standing with the Hazara of Pakistan", CAMPAIGN_TITLE):
        follow(
            admin, admin.get_by_role("link", name=f"Explore child pages of '{parent}'")
        )
    follow(admin, admin.get_by_role("link", name="Add child page").first)
    # Each page type's link names it, then says in a line what it is for.
    follow(admin, admin.get_by_role("link", name=re.compile(r"^Petition page\b")))
    admin.get_by_role("textbox", name="Title*").fill(TITLE)
    admin.get_by_role("textbox", name="Addressed to").fill(ADDRESSEE)
    admin.locator(
        "#panel-child-content-child-intro-wrapper [contenteditable=true]"
    ).click()
    admin.keyboard.type(INTRO)
    # The rich text editor writes its hidden field a moment after typing.
    admin.wait_for_function(
        "text => document.querySelector('input[name=intro]').value.includes(text)",
        arg=INTRO,
    )
    admin.get_by_role("button", name="More actions").click()
    follow(admin, admin.get_by_role("button", name="Publish", exact=True))
    assert f"Page '{TITLE}' created and published." in messages(admin)

    follow(admin, admin.get_by_role("link", name=TITLE, exact=True))
    admin.get_by_role("button", name="Actions", exact=True).click()
    follow(admin, admin.get_by_role("link", name="Translate this page"))
    admin.get_by_label("Hazaragi").check()
    follow(admin, admin.get_by_role("button", name="Submit"))
    for source, translation in HAZARAGI.items():
        segment = translation_segment(admin, source)
        segment.get_by_role("button", name="Translate").click()
        segment.locator("textarea").fill(translation)
        segment.get_by_role("button", name="Save").click()
        segment.locator("[lang=haz]", has_text=translation).wait_for()
    follow(admin, admin.get_by_role("button", name="Publish in Hazaragi"))
    assert messages(admin) == f"Published '{HAZARAGI[TITLE]}' in Hazaragi."

    visitor = open_page()
    page_load(visitor, f"/en/{CAMPAIGN}{SLUG}/")
    assert visitor.locator("main h1").inner_text() == TITLE
    follow(visitor, visitor.locator(".language-switcher a[hreflang=haz]"))
    assert visitor.url == f"{demo_site.url}/haz/{CAMPAIGN}{SLUG}/"
    assert visitor.locator("main h1").inner_text() == HAZARAGI[TITLE]
    assert HAZARAGI[ADDRESSEE] in visitor.locator(".petition__addressee").inner_text()
    assert visitor.locator(".petition__ask").inner_text().strip() == HAZARAGI[INTRO]
    assert visitor.locator(".untranslated-notice").count() == 0
    action = visitor.locator("form[action$='/sign/']").get_attribute("action")
    assert action.startswith("/haz/petitions/")
