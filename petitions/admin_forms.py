"""Form fields of the staff screens: days written one way only, and petition
deadlines as days in the organisation's time zone."""

from datetime import date, datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput

from home.formatting import deadline_day, deadline_from_day

ISO_DATE = "%Y-%m-%d"


class DayInput(AdminDateInput):
    """Wagtail's date picker, leaving a typed day for the form to judge: on
    its own, the picker replaces a day it cannot read with today's date when
    the field loses focus, so 02/12/2026 would silently become today."""

    def get_config(self):
        return {**super().get_config(), "validateOnBlur": False}


class DayField(forms.DateField):
    """A day written year-month-day (2026-12-02), with Wagtail's date picker.

    Django would also take the admin language's own spellings, in which
    02/12/2026 is read month first; a day that staff may mean either way is
    refused instead of guessed."""

    input_formats = [ISO_DATE]
    default_error_messages = {
        "invalid": _(
            "Write the day as year-month-day, e.g. 2026-12-02. A day such as "
            "02/12/2026 could be read two ways, so it is not accepted."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            DayInput(format=ISO_DATE, attrs={"placeholder": _("YYYY-MM-DD")}),
        )
        super().__init__(**kwargs)


class DeadlineField(DayField):
    """A petition's last day: the petition closes at the end of that day in
    the organisation's time zone.

    A day rather than a moment, because that is how a deadline is announced
    ("sign by 31 December") and because Wagtail's date-and-time picker fills
    in the time of day at which the editor happened to click. Stored as the
    last moment of that day, so the petition stays open all of it."""

    def prepare_value(self, value):
        if isinstance(value, datetime):
            value = deadline_day(value)
        return super().prepare_value(value)

    def clean(self, value):
        if isinstance(value, datetime):
            # A disabled field (on a translation) cleans its stored value.
            return value
        day = super().clean(value)
        return deadline_from_day(day) if isinstance(day, date) else None

    def has_changed(self, initial, data):
        if isinstance(initial, datetime):
            initial = deadline_day(initial)
        return super().has_changed(initial, data)
