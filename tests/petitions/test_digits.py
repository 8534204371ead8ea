"""One set of digits per language (LANGUAGE_DIGITS), for every number the
site writes: counts, targets, percentages, dates, file sizes, list numbers."""

import re
from datetime import UTC, datetime

import pytest
from django.utils import translation

from home.formatting import number_format
from home.templatetags.page_tags import file_size

from .conftest import add_signature

pytestmark = pytest.mark.django_db

WESTERN = re.compile(r"[0-9]")
EASTERN = re.compile(r"[۰-۹٠-٩]")


def shown_numbers(html: str) -> str:
    """The text of the count, target and deadline as a visitor reads them."""
    parts = re.findall(
        r'class="petition-progress__(?:count|target)"[^>]*>(.*?)</p>'
        r'|class="petition__deadline">(.*?)</p>',
        html,
        flags=re.S,
    )
    return " ".join(re.sub(r"<[^>]+>", "", "".join(part)) for part in parts)


@pytest.mark.parametrize(
    ("language", "digits", "expected"),
    [
        ("en", "latn", ["1 signature", "12,345", "1 March 2099"]),
        ("ur", "latn", ["1", "12,345", "2099"]),
        ("haz", "arabext", ["۱", "۱۲٬۳۴۵", "۱ مارچ ۲۰۹۹"]),
    ],
)
def test_counts_targets_and_dates_use_the_languages_digits_only(
    client, petition_pages, petition, language, digits, expected
):
    english = petition_pages["en"]
    english.target = 12345
    english.deadline = datetime(2099, 3, 1, 12, tzinfo=UTC)
    english.save_revision().publish()
    add_signature(petition, "zahra@example.com")

    html = client.get(petition_pages[language].url).content.decode()

    numbers = shown_numbers(html)
    for text in expected:
        assert text in numbers, numbers
    other = EASTERN if digits == "latn" else WESTERN
    assert not other.search(numbers), numbers
    # The CSS numbering the goal lists reads the same setting.
    assert f'data-digits="{digits}"' in html


def test_file_sizes_use_the_languages_digits():
    with translation.override("haz"):
        assert file_size(17 * 1024) == "۱۷ KB"
        assert file_size(int(1.5 * 1024 * 1024)) == "۱٫۵ MB"
    with translation.override("ur"):
        assert file_size(17 * 1024) == "17 KB"
        assert file_size(int(1.5 * 1024 * 1024)) == "1.5 MB"


def test_one_setting_decides_a_languages_digits(client, settings, petition_pages):
    settings.LANGUAGE_DIGITS = {**settings.LANGUAGE_DIGITS, "ur": "arabext"}

    html = client.get(petition_pages["ur"].url).content.decode()

    assert number_format(1234, language="ur") == "۱٬۲۳۴"
    assert 'data-digits="arabext"' in html
    assert not WESTERN.search(shown_numbers(html))
