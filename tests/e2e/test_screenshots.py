"""How pages look: screenshots of the home, campaign, petition, volunteer
form, goal, report and donate pages in every language at phone and desktop
widths, kept by the run in test-artifacts/screenshots/ (copies in
docs/screenshots/ for the README), each taken once the page fits its width;
nothing runs off the side of the narrowest phones; the progress bar looks
the same on every page that shows it."""

import pytest

from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.e2e.steps import LANGUAGES, computed, page_load, page_url

SCREENSHOTS = ARTIFACTS / "screenshots"
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
def test_each_page_type_fits_and_is_photographed(open_page, language, width):
    page = open_page(viewport=WIDTHS[width])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for kind in PHOTOGRAPHED:
        page_load(page, page_url(language, kind))

        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= WIDTHS[width]["width"], kind
        pictures_below_the_fold_load(page)
        page.screenshot(
            path=SCREENSHOTS / f"{kind}-{language}-{width}.png", full_page=True
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
