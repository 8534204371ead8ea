"""Left-to-right runs inside Urdu and Hazaragi text (a phone number, a postal
address, a file's type and size) are drawn in their own order, not reordered
by the right-to-left text around them."""

import pytest

from tests.e2e.steps import (
    RTL_LANGUAGES,
    glyph_places,
    page_load,
    page_url,
    reads_left_to_right,
)

PHONE_NUMBER = "+1 240-786-1947"
ADDRESS = "18566 Office Park, Montgomery Village, MD 20886, USA"


def drawn_in_order(locator, run: str) -> str:
    places = glyph_places(locator, run)
    assert places, f"{run!r} is not on the page"
    assert reads_left_to_right(places), "".join(
        place["char"] for place in sorted(places, key=lambda p: (p["top"], p["left"]))
    )
    return run


@pytest.mark.parametrize("language", RTL_LANGUAGES)
def test_phone_number_and_address_in_a_sentence_keep_their_order(phone, language):
    page_load(phone, page_url(language, "donate"))
    sentence = phone.locator("main p", has_text="240-786-1947")

    drawn_in_order(sentence, PHONE_NUMBER)
    drawn_in_order(sentence, ADDRESS)
    # The organisation's own, in the footer of every page.
    drawn_in_order(phone.locator(".footer-contact__list"), PHONE_NUMBER)


@pytest.mark.parametrize("language", RTL_LANGUAGES)
def test_file_type_and_size_keep_their_order(phone, language):
    page_load(phone, page_url(language, "report"))
    meta = phone.locator(".file-meta").first
    text = meta.inner_text().strip("()")

    assert text.startswith("PDF, ")
    drawn_in_order(meta, text)
