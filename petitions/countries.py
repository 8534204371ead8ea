"""The countries a signer can choose, named in the visitor's language.

django-countries has no Urdu catalog, so the site keeps its own short list:
Pakistan first, then the countries where the Hazara live and work in numbers,
and "Another country" for everyone else. Codes are ISO 3166-1 alpha-2; ZZ is
the code ISO leaves for "unknown or other".
"""

import functools

from django.utils import translation
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DEFAULT_COUNTRY = "PK"
OTHER_COUNTRY = "ZZ"

COUNTRIES = {
    "PK": _("Pakistan"),
    "AF": _("Afghanistan"),
    "AE": _("United Arab Emirates"),
    "AT": _("Austria"),
    "AU": _("Australia"),
    "BD": _("Bangladesh"),
    "BE": _("Belgium"),
    "BH": _("Bahrain"),
    "CA": _("Canada"),
    "CH": _("Switzerland"),
    "CN": _("China"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "ES": _("Spain"),
    "FI": _("Finland"),
    "FR": _("France"),
    "GB": _("United Kingdom"),
    "GR": _("Greece"),
    "ID": _("Indonesia"),
    "IE": _("Ireland"),
    "IN": _("India"),
    "IR": _("Iran"),
    "IT": _("Italy"),
    "JP": _("Japan"),
    "KR": _("South Korea"),
    "KW": _("Kuwait"),
    "MY": _("Malaysia"),
    "NL": _("Netherlands"),
    "NO": _("Norway"),
    "NZ": _("New Zealand"),
    "OM": _("Oman"),
    "QA": _("Qatar"),
    "SA": _("Saudi Arabia"),
    "SE": _("Sweden"),
    "TR": _("Turkey"),
    "US": _("United States"),
    OTHER_COUNTRY: _("Another country"),
}

# Alphabet orders for sorting by name: Unicode code points put the letters
# Urdu and Persian added to Arabic (پ چ ژ ک گ ...) after all the others.
ALPHABETS = {
    "ur": "آاأبپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوؤہھءیئے",
    "haz": "آاأبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئ",
}


def _sort_key(name: str, alphabet: str) -> list[int]:
    return [
        alphabet.index(letter) if letter in alphabet else len(alphabet) + ord(letter)
        for letter in name
    ]


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(code, name) pairs in the visitor's language: Pakistan and Afghanistan
    first, the rest by name, "Another country" last."""
    return list(_country_choices(language or get_language()))


class CountryChoices(BaseChoiceIterator):
    """The choices of a country field: country_choices() in the language
    active when they are read. Django takes a choice iterator as it is, so a
    signing form neither copies nor checks the list each time it is made."""

    def __iter__(self):
        return iter(_country_choices(get_language()))

    def __deepcopy__(self, memo):
        return self


# Every signing form lists the countries: sort them once per language, not
# once per request.
@functools.cache
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    alphabet = ALPHABETS.get(language, "")
    with translation.override(language):
        first = [(code, str(COUNTRIES[code])) for code in ("PK", "AF")]
        rest = sorted(
            (
                (code, str(name))
                for code, name in COUNTRIES.items()
                if code not in ("PK", "AF", OTHER_COUNTRY)
            ),
            key=lambda pair: _sort_key(pair[1].casefold(), alphabet),
        )
        return (*first, *rest, (OTHER_COUNTRY, str(COUNTRIES[OTHER_COUNTRY])))
