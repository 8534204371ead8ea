"""One rule for the source of a translation (home.translation.source)."""

import pytest

from home.models import Footer
from home.translation.source import is_source, source_of
from tests.home.translation_steps import add_campaign, locale

pytestmark = pytest.mark.django_db


def test_the_english_version_is_the_source_of_every_translation(home_page):
    english = add_campaign(home_page)
    urdu = english.copy_for_translation(locale("ur"))
    alias = english.copy_for_translation(locale("haz"), alias=True)

    assert source_of(urdu).pk == english.pk
    assert source_of(alias).pk == english.pk
    assert is_source(english) and not is_source(urdu)


def test_a_page_first_written_in_urdu_is_its_own_source_until_english_exists(
    home_page,
):
    urdu_home = home_page.get_translation(locale("ur"))
    urdu = add_campaign(urdu_home, slug="urdu-first")

    assert is_source(urdu)
    english = urdu.copy_for_translation(locale("en"))
    assert source_of(urdu).pk == english.pk


def test_snippets_follow_the_same_rule(home_page):
    english = Footer.objects.create(name="Footer", text="<p>With the Hazara.</p>")
    urdu = english.copy_for_translation(locale("ur"))
    urdu.save()

    assert source_of(urdu) == english
    assert source_of(english) == english
