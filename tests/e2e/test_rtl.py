"""Urdu and Hazaragi mirror English: checked by where things are drawn, and by
which font is applied and loaded. English runs the same checks the other way
round, so each check is seen to tell the two directions apart."""

import io

import pytest
from PIL import Image

from tests.e2e.conftest import DESKTOP
from tests.e2e.steps import (
    LANGUAGES,
    computed,
    fonts_loaded,
    page_load,
    page_url,
    text_and_box,
)

FONTS = {"ur": "Noto Nastaliq Urdu", "haz": "Vazirmatn"}
FONT_FILES = {
    "ur": {"noto-nastaliq-urdu-arabic-400-normal.woff2"},
    "haz": {"vazirmatn-arabic-400-normal.woff2", "vazirmatn-arabic-700-normal.woff2"},
    "en": set(),
}


def box(locator) -> dict:
    return locator.bounding_box()


def starts_right(language: str) -> bool:
    return language != "en"


def inline_start(place: dict, rtl: bool) -> float:
    """Where a box starts in the reading direction."""
    return place["x"] + place["width"] if rtl else place["x"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_navigation_and_cards_run_in_the_languages_direction(
    open_page, language
):
    page = open_page(viewport=DESKTOP)
    page_load(page, page_url(language, "programs"))
    rtl = starts_right(language)

    assert page.locator("html").get_attribute("dir") == ("rtl" if rtl else "ltr")
    site_name, switcher = (
        box(page.locator(".site-name")),
        box(page.locator(".language-switcher")),
    )
    assert (site_name["x"] > switcher["x"]) == rtl

    # Header, page and footer start on one line, on the language's side.
    starts = {
        part: inline_start(box(page.locator(selector)), rtl)
        for part, selector in (
            ("header", ".site-name"),
            ("main", "main h1"),
            ("footer", ".footer-contact__name"),
        )
    }
    assert max(starts.values()) - min(starts.values()) < 1, starts

    items = page.locator(".site-nav li")
    first, second = box(items.nth(0)), box(items.nth(1))
    assert first["y"] == second["y"]
    assert (first["x"] > second["x"]) == rtl
    menu = box(page.locator(".site-nav ul"))
    edge = (
        menu["x"] + menu["width"] - (first["x"] + first["width"])
        if rtl
        else first["x"] - menu["x"]
    )
    assert abs(edge) < 1

    cards = page.locator(".cards > li")
    assert cards.count() >= 3
    first, second = box(cards.nth(0)), box(cards.nth(1))
    assert first["y"] == second["y"]
    assert (first["x"] > second["x"]) == rtl

    # Arrows point the way the text reads.
    page_load(page, page_url(language, "home"))
    transform = computed(page.locator(".button .icon-arrow").first, "transform")[0]
    assert (transform == "matrix(-1, 0, 0, 1, 0, 0)") == rtl


@pytest.mark.parametrize("language", LANGUAGES)
def test_petition_form_and_progress_bar_start_on_the_languages_side(phone, language):
    page_load(phone, page_url(language, "petition"))
    rtl = starts_right(language)

    for field in ("name", "email", "city", "country"):
        label = text_and_box(phone.locator(f"label[for=id_{field}]"))
        control = box(phone.locator(f"#id_{field}"))
        if rtl:
            start_gap = control["x"] + control["width"] - label["text"]["right"]
        else:
            start_gap = label["text"]["left"] - control["x"]
        assert abs(start_gap) < 2, field
    checkbox, consent = (
        box(phone.locator("#id_notify")),
        box(phone.locator("label[for=id_notify]")),
    )
    assert (checkbox["x"] > consent["x"]) == rtl

    # The bar is a quarter full (site_build.py): its filled part is dark and
    # starts on the side where the language starts.
    bar = phone.locator("progress.petition-progress__bar")
    assert 0.1 < int(bar.get_attribute("value")) / int(bar.get_attribute("max")) < 0.5
    image = Image.open(io.BytesIO(bar.screenshot())).convert("L")
    middle = image.height // 2
    right_end = image.getpixel((image.width - 4, middle))
    left_end = image.getpixel((3, middle))
    filled_on_right = right_end < 128 < left_end
    filled_on_left = left_end < 128 < right_end
    assert filled_on_right == rtl and filled_on_left == (not rtl)


@pytest.mark.parametrize("language", LANGUAGES)
def test_text_is_set_in_the_languages_font_served_by_the_site(
    phone, demo_site, language
):
    page_load(phone, page_url(language, "petition"))

    font = computed(phone.locator("body"), "font-family")[0]
    loaded = fonts_loaded(phone)
    files = {
        url.removeprefix(f"{demo_site.url}/static/home/fonts/")
        for url in phone.requested_urls
        if url.endswith(".woff2")
    }
    if language in FONTS:
        assert font.split(",")[0].strip('"') == FONTS[language]
        assert loaded[FONTS[language]] == "loaded"
    else:
        assert not any(name in font for name in FONTS.values())
        assert loaded == {}
    # Only the language's own faces, each from the site itself.
    assert files <= FONT_FILES[language]
    assert (FONT_FILES[language] & files) or language == "en"


def start_gap(label: dict, control: dict, rtl: bool) -> float:
    """How far a label's text starts from where its control starts."""
    if rtl:
        return control["x"] + control["width"] - label["text"]["right"]
    return label["text"]["left"] - control["x"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_form_page_runs_in_the_languages_direction_and_font(phone, language):
    page_load(phone, page_url(language, "volunteer"))
    rtl = starts_right(language)

    fields = (
        "your_name",
        "your_email_address",
        "where_you_live",
        "anything_else_we_should_know",
    )
    for field in fields:
        label = text_and_box(phone.locator(f"label[for=id_{field}]"))
        control = box(phone.locator(f"#id_{field}"))
        assert abs(start_gap(label, control, rtl)) < 2, field
    first_input = box(phone.locator("#id_your_name"))
    legend = text_and_box(phone.locator("#id_how_you_would_like_to_help legend"))
    assert abs(start_gap(legend, first_input, rtl)) < 2

    # Every box stands where the language starts, before its words, and the
    # boxes line up under the first field's start.
    checks = [f"how_you_would_like_to_help_{n}" for n in range(5)] + ["keep_informed"]
    for check in checks:
        checkbox = box(phone.locator(f"#id_{check}"))
        # A choice's label holds its box and words; the single box's, words.
        label = phone.locator(f"label[for=id_{check}]")
        words = box(label if check == "keep_informed" else label.locator("span"))
        assert (checkbox["x"] > words["x"]) == rtl, check
        gap = inline_start(checkbox, rtl) - inline_start(first_input, rtl)
        assert abs(gap) < 1, check
    button = box(phone.locator("form.site-form button[type=submit]"))
    assert abs(inline_start(button, rtl) - inline_start(first_input, rtl)) < 1

    # Labels, what visitors type and choose, and the button: the language's font.
    for selector in (
        "label[for=id_your_name]",
        "#id_your_name",
        "#id_where_you_live",
        "#id_anything_else_we_should_know",
        "button[type=submit]",
    ):
        font = computed(phone.locator(f"form.site-form {selector}"), "font-family")[0]
        first = font.split(",")[0].strip('"')
        if language in FONTS:
            assert first == FONTS[language], selector
        else:
            assert not any(name in font for name in FONTS.values()), selector
    # The drop-down keeps the text's line height, so Nastaliq's tall letters
    # are not cut off at its top.
    select, text = phone.locator("#id_where_you_live"), phone.locator("#id_your_name")
    assert computed(select, "line-height") == computed(text, "line-height")
    assert box(select)["height"] >= box(text)["height"] - 1
