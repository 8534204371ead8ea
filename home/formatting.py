"""Numbers and dates written the way each language writes them.

One policy per language, set in LANGUAGE_DIGITS: `latn` for the Western
digits 0-9, `arabext` for the Eastern Arabic (Persian) digits ۰-۹. Every
number the site writes (counts, goals, deadlines, dates, file sizes, the
numbers of a list) follows it; locale/README.md tells translators to write
their own numbers the same way.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# digits, thousands separator, decimal separator (as CLDR writes them)
DIGIT_SYSTEMS = {
    "latn": (None, ",", "."),
    "arabext": (str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"), "\u066c", "\u066b"),
}

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


def digit_system(language: str) -> str:
    """`latn` or `arabext`: the digits `language` is written with."""
    return settings.LANGUAGE_DIGITS.get(language, "latn")


def _written(text: str, *, language: str) -> str:
    digits, separator, decimal = DIGIT_SYSTEMS[digit_system(language)]
    text = text.replace(",", "\0").replace(".", decimal).replace("\0", separator)
    return text.translate(digits) if digits else text


def number_format(value: int | float, *, language: str, places: int = 0) -> str:
    """A number with thousands grouped, in the language's digits."""
    return _written(f"{value:,.{places}f}", language=language)


def number_shown(value: int | float) -> str:
    """A number in the active language's digits (for messages built in code)."""
    return number_format(value, language=translation.get_language() or "en")


def date_format(value: date | datetime, *, language: str) -> str:
    """A day as `3 January 2021`, month named and digits written in the
    language (Django ships no Hazaragi month names)."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    with translation.override(language):
        return _("%(day)s %(month)s %(year)s") % {
            "day": _written(str(value.day), language=language),
            "month": str(MONTHS[value.month - 1]),
            "year": _written(str(value.year), language=language),
        }


def organisation_time_zone() -> ZoneInfo:
    return ZoneInfo(settings.ORGANISATION_TIME_ZONE)


def deadline_from_day(day: date) -> datetime:
    """A petition whose last day is `day` closes at the end of that day in the
    organisation's time zone."""
    return datetime.combine(day, time.max, tzinfo=organisation_time_zone())


def deadline_day(deadline: datetime) -> date:
    """The last day of a petition with this deadline, in the organisation's
    time zone."""
    return deadline.astimezone(organisation_time_zone()).date()


def time_zone_display(*, language: str, at: datetime | None = None) -> str:
    """The organisation's time zone named for people, e.g. `Karachi time,
    UTC+05:00` (its offset at `at`, or now)."""
    zone = organisation_time_zone()
    offset = (at or timezone.now()).astimezone(zone).strftime("%z")
    place = zone.key.rsplit("/", 1)[-1].replace("_", " ")
    with translation.override(language):
        return _("%(place)s time, UTC%(offset)s") % {
            "place": place,
            "offset": _written(f"{offset[:3]}:{offset[3:]}", language=language),
        }
