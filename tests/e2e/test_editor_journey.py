"""An editor builds a petition in the admin and has it translated into
Hazaragi in wagtail-localize's translation editor; visitors read it."""

from tests.e2e.conftest import ACCOUNTS, DESKTOP
from tests.e2e.steps import CAMPAIGN, admin_login, page_load, translation_segment

TITLE = "Reopen the Hazara Town school"
ADDRESSEE = "The Education Minister of Balochistan"
INTRO = "Let the children of Hazara Town go back to school."
HAZARAGI = {
    TITLE: "مکتب هزاره‌تاون ره دوباره واز کنید",
    ADDRESSEE: "وزیر معارف بلوچستان",
    INTRO: "بیلید که بچه‌های هزاره‌تاون دوباره د مکتب بورن.",
}
SLUG = "reopen-the-hazara-town-school"


def test_editor_creates_publishes_and_translates_a_petition_into_hazaragi(
    open_page, demo_site
):
    admin = open_page(viewport=DESKTOP)
    admin_login(admin, username="editor", password=ACCOUNTS["editor"][0])

    admin.goto("/admin/pages/")
    admin.get_by_role(
        "link", name="Explore child pages of 'Standing with the Hazara of Pakistan'"
    ).click()
    admin.get_by_role(
        "link", name="Explore child pages of 'Stand up for the Shia Hazara of Quetta'"
    ).click()
    admin.get_by_role("link", name="Add child page").first.click()
    admin.get_by_role("link", name="Petition page", exact=True).click()
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
    admin.get_by_role("button", name="Publish", exact=True).click()
    admin.get_by_text(f"Page '{TITLE}' created and published.").wait_for()

    admin.get_by_role("link", name=TITLE, exact=True).click()
    admin.get_by_role("button", name="Actions", exact=True).click()
    admin.get_by_role("link", name="Translate this page").click()
    admin.get_by_label("Hazaragi").check()
    admin.get_by_role("button", name="Submit").click()
    for source, translation in HAZARAGI.items():
        segment = translation_segment(admin, source)
        segment.get_by_role("button", name="Translate").click()
        segment.locator("textarea").fill(translation)
        segment.get_by_role("button", name="Save").click()
        segment.locator("[lang=haz]", has_text=translation).wait_for()
    admin.get_by_role("button", name="Publish in Hazaragi").click()
    admin.locator(
        ".messages", has_text=f"Published '{HAZARAGI[TITLE]}' in Hazaragi"
    ).wait_for()

    visitor = open_page()
    page_load(visitor, f"/en/{CAMPAIGN}{SLUG}/")
    assert visitor.locator("main h1").inner_text() == TITLE
    visitor.locator(".language-switcher a[hreflang=haz]").click()
    assert visitor.url == f"{demo_site.url}/haz/{CAMPAIGN}{SLUG}/"
    assert visitor.locator("main h1").inner_text() == HAZARAGI[TITLE]
    assert HAZARAGI[ADDRESSEE] in visitor.locator(".petition__addressee").inner_text()
    assert visitor.locator(".petition__ask").inner_text().strip() == HAZARAGI[INTRO]
    assert visitor.locator(".untranslated-notice").count() == 0
    action = visitor.locator("form.petition-form").get_attribute("action")
    assert action.startswith("/haz/petitions/")
