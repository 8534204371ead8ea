"""How pages look: the home, campaign, petition, volunteer form, goal, report
and donate pages fit phone and desktop widths in every language, and nothing
runs off the side of the narrowest phones; the progress bar looks the same
on every page that shows it.

`make screenshots` photographs each of those pages at both widths into
docs/screenshots/ (PHOTOGRAPHS_TO), for the README; other runs only check
that they fit."""

import os
from pathlib import Path

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.steps import LANGUAGES, computed, page_load, page_url

PHOTOGRAPHS_TO = os.environ.get("PHOTOGRAPHS_TO")
# The narrowest phones still in use: the page must read at this width too.
NARROW = {"width": 320, "height": 640}
NARROW_KINDS = (
    "home",
    "campaign",
    "petition",
    "volunteer",
    "donate",
    "appeal",
    "programs",
)
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
PHOTOGRAPHED = ("home", "campaign", "petition", "volunteer", "goal", "report", "donate")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_page_type_fits_phone_and_desktop_widths(open_page, language, width):
    page = open_page(viewport=WIDTHS[width])
    for kind in PHOTOGRAPHED:
        page_load(page, page_url(language, kind))

        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= WIDTHS[width]["width"], kind
        if PHOTOGRAPHS_TO:
            pictures_below_the_fold_load(page)
            page.screenshot(
                path=Path(PHOTOGRAPHS_TO) / f"{kind}-{language}-{width}.png",
                full_page=True,
            )


def pictures_below_the_fold_load(page) -> None:
    """A whole-page picture shows what a reader scrolling down sees: the
    pictures a browser loads only once they come near the window."""
    page.evaluate(
        """() => Promise.all([...document.images].map(image => {
            image.loading = "eager";
            return image.complete ? null : new Promise(done => {
                image.addEventListener("load", done, {once: true});
                image.addEventListener("error", done, {once: true});
            });
        }))"""
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_fit_the_narrowest_phones(open_page, language):
    page = open_page(viewport=NARROW)
    too_wide = {}
    for kind in NARROW_KINDS:
        page_load(page, page_url(language, kind))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            too_wide[kind] = width

    assert too_wide == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_progress_bar_looks_the_same_wherever_the_petition_is_shown(phone, language):
    looks = {}
    for kind in ("home", "campaign", "petition"):
        page_load(phone, page_url(language, kind))
        bar = phone.locator("progress.petition-progress__bar").first
        looks[kind] = computed(bar, "accent-color", "block-size", "display")

    assert looks["home"] == looks["campaign"] == looks["petition"], looks
    assert looks["petition"][0] == "rgb(138, 28, 28)"
