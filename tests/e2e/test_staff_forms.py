"""Campaign staff pick days with Wagtail's date picker, and a day typed in a
form that reads two ways is refused, never replaced or guessed."""

import re

from tests.e2e.conftest import ACCOUNTS, DESKTOP
from tests.e2e.steps import admin_login, follow


def test_invalidation_days_have_a_picker_and_a_typed_ambiguous_day_is_refused(
    open_page, demo_site
):
    admin = open_page(viewport=DESKTOP)
    script_errors = []
    admin.on("pageerror", lambda error: script_errors.append(str(error)))
    admin_login(admin, username="editor", password=ACCOUNTS["editor"][0])
    admin.goto("/admin/invalidate_signatures/")

    admin.get_by_label("Signed from").click()
    picker = admin.locator(".xdsoft_datetimepicker:visible")
    picker.locator(
        "td.xdsoft_date:not(.xdsoft_other_month)", has_text="1"
    ).first.click()
    assert re.fullmatch(
        r"\d{4}-\d{2}-01", admin.get_by_label("Signed from").input_value()
    )

    admin.get_by_label("Signed until").fill("02/12/2026")
    admin.get_by_label("Email domain").click()
    # The picker leaves what was typed for the form to judge.
    assert admin.get_by_label("Signed until").input_value() == "02/12/2026"
    follow(admin, admin.get_by_role("button", name="Preview"))

    assert "Write the day as year-month-day, e.g. 2026-12-02." in admin.content()
    assert admin.get_by_role("heading", name="Preview").count() == 0
    assert script_errors == []
