"""Numbers and dates written the way each language writes them.

Following CLDR: English and Urdu use Western digits with a comma between
thousands; Hazaragi, like Dari (fa-AF), uses Eastern Arabic (Persian) digits
and the Arabic thousands separator.
"""

from datetime import date, datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EASTERN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
NUMBER_STYLES = {
    # language: (thousands separator, digits)
    "haz": ("\u066c", EASTERN_DIGITS),
}
DEFAULT_NUMBER_STYLE = (",", None)

MONTHS = (
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
)


def number_format(value: int, *, language: str) -> str:
    """An integer with thousands grouped, in the language's digits."""
    separator, digits = NUMBER_STYLES.get(language, DEFAULT_NUMBER_STYLE)
    text = f"{int(value):,}".replace(",", separator)
    return text.translate(digits) if digits else text


def date_format(value: date | datetime, *, language: str) -> str:
    """A day as `3 January 2021`, month named and digits written in the
    language (Django ships no Hazaragi month names)."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    _separator, digits = NUMBER_STYLES.get(language, DEFAULT_NUMBER_STYLE)
    day, year = str(value.day), str(value.year)
    if digits:
        day, year = day.translate(digits), year.translate(digits)
    with translation.override(language):
        return _("%(day)s %(month)s %(year)s") % {
            "day": day,
            "month": str(MONTHS[value.month - 1]),
            "year": year,
        }
