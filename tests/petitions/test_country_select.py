"""The signing form's country list is kept as HTML by the process
(petitions.forms.CountrySelect): what a signer sees must be what Django's own
select renders for the same language, choice and error state."""

import pytest
from django import forms
from django.utils import translation

from petitions.forms import CountrySelect, SignatureForm

POSTED = {"name": "", "email": "someone@example.org", "country": "AF"}


def shown(form):
    """The country list as the page shows it, and as Django renders it
    without the kept HTML."""
    field = form["country"]
    plain = field.as_widget(widget=forms.Select(choices=field.field.choices))
    return str(field), plain


@pytest.fixture(autouse=True)
def _nothing_kept():
    CountrySelect.rendered.clear()
    yield
    CountrySelect.rendered.clear()


@pytest.mark.parametrize("language", ["en", "ur", "haz"])
def test_country_list_is_djangos_in_each_language(language):
    with translation.override("en"):
        english, _plain = shown(SignatureForm())
    with translation.override(language):
        kept, plain = shown(SignatureForm())

    assert kept == plain
    assert ('<option value="PK" selected>Pakistan</option>' in kept) is (
        language == "en"
    )
    assert (kept == english) is (language == "en")


def test_a_signer_sent_back_with_an_error_keeps_the_country_they_chose():
    with translation.override("ur"):
        blank, _plain = shown(SignatureForm())
        form = SignatureForm(POSTED)
        assert not form.is_valid()
        kept, plain = shown(form)

    assert kept == plain
    assert '<option value="AF" selected>' in kept
    assert '<option value="PK" selected>' in blank
    assert '<option value="PK" selected>' not in kept


def test_a_country_refused_is_marked_invalid_on_the_list():
    with translation.override("haz"):
        # The same value shown without an error first.
        unmarked, _plain = shown(SignatureForm(initial={"country": "nowhere"}))
        form = SignatureForm({**POSTED, "country": "nowhere"})
        assert not form.is_valid()
        kept, plain = shown(form)

    assert kept == plain
    assert 'aria-invalid="true"' in kept
    assert 'aria-invalid="true"' not in unmarked
