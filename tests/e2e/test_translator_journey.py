"""A translator opens wagtail-localize's translation editor for Urdu and works
right-to-left in the Urdu font, in an admin that stays English."""

import re

from tests.e2e.conftest import ACCOUNTS, DESKTOP
from tests.e2e.steps import (
    CAMPAIGN,
    admin_login,
    computed,
    follow,
    fonts_loaded,
    text_and_box,
    translation_segment,
)


def test_urdu_translator_sees_urdu_strings_right_to_left_in_nastaliq(open_page):
    admin = open_page(viewport=DESKTOP)
    admin_login(
        admin, username="urdu-translator", password=ACCOUNTS["urdu-translator"][0]
    )

    # A translator's explorer opens on the Urdu home page, their part of the tree.
    admin.goto("/admin/pages/")
    row = admin.locator("tr", has=admin.locator(f"a[href='/ur/{CAMPAIGN}']"))
    follow(admin, row.locator("a[href$='/edit/']").first)
    assert re.search(r"/admin/pages/\d+/edit/$", admin.url)
    editor = admin.locator(".w-translation-target")
    assert editor.get_attribute("data-target-lang") == "ur"

    title = translation_segment(admin, "Stand up for the Shia Hazara of Quetta")
    english, urdu = title.locator("> p"), title.locator("> div p")
    assert computed(english, "direction") == ["ltr"]
    direction, font = computed(urdu, "direction", "font-family")
    assert direction == "rtl"
    assert font.startswith('"Noto Nastaliq Urdu"')
    # Right-to-left: the Urdu title ends at the right edge of its field, with
    # the free space on the left.
    where = text_and_box(urdu)
    assert abs(where["box"]["right"] - where["text"]["right"]) < 2
    assert where["text"]["left"] - where["box"]["left"] > 100
    assert fonts_loaded(admin).get("Noto Nastaliq Urdu") == "loaded"

    shown = urdu.inner_text()
    title.get_by_role("button", name="Edit").click()
    field = title.locator("textarea")
    direction, font = computed(field, "direction", "font-family")
    assert (direction, font.split(",")[0]) == ("rtl", '"Noto Nastaliq Urdu"')
    assert field.input_value() == shown
    assert admin.locator("html").get_attribute("dir") == "ltr"
