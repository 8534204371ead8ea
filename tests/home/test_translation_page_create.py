"""Creating a page and its copies in the other languages is all or nothing; a
copy that is missing anyway is made on the next publish; a database error in
the admin is told in the admin's own words."""

import pytest
from bs4 import BeautifulSoup
from django.db import OperationalError, connection
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page

from campaigns.models import CampaignPage
from tests.home.translation_steps import locale, make_user

pytestmark = pytest.mark.django_db

SLUG = "stand-with-hazara"
FORM = {
    "title": "Stand with the Hazara",
    "slug": SLUG,
    "intro": "Justice for the families of Mach.",
    "action-publish": "publish",
    # Every StreamField posts its block count, here none.
    **{
        f"{field.name}-count": "0"
        for field in CampaignPage._meta.fields
        if isinstance(field, StreamField)
    },
}


class FailOnce:
    """Refuses the nth statement that starts with `sql`, once, as a busy
    database would."""

    def __init__(self, sql: str, nth: int = 1):
        self.sql, self.left = sql, nth

    def __call__(self, execute, sql, params, many, context):
        if sql.startswith(self.sql):
            self.left -= 1
            if self.left == 0:
                raise OperationalError("database is locked")
        return execute(sql, params, many, context)


def add_url(parent) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=["campaigns", "campaignpage", parent.id]
    )


def versions() -> set[str]:
    return set(
        Page.objects.filter(slug=SLUG).values_list("locale__language_code", flat=True)
    )


def test_database_error_between_page_and_copies_leaves_nothing_and_saving_works(
    client, home_page
):
    client.force_login(make_user("editor", superuser=True))
    # The page, its Urdu copy, then its Hazaragi copy: the third page insert.
    with connection.execute_wrapper(FailOnce('INSERT INTO "wagtailcore_page" (', 3)):
        response = client.post(add_url(home_page), FORM)

    assert response.status_code == 200
    html = BeautifulSoup(response.content, "html.parser")
    assert "The page could not be saved" in html.get_text()
    assert html.find("input", {"name": "title"})["value"] == FORM["title"]
    assert html.find("input", {"name": "slug"})["value"] == SLUG
    assert versions() == set()

    response = client.post(add_url(home_page), FORM)

    assert response.status_code == 302
    assert versions() == {"en", "ur", "haz"}
    assert client.get(f"/ur/{SLUG}/").status_code == 200


def test_publishing_makes_a_missing_language_copy(
    client, home_page, django_capture_on_commit_callbacks
):
    client.force_login(make_user("editor", superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(add_url(home_page), FORM)
    Page.objects.get(slug=SLUG, locale=locale("haz")).delete()
    english = Page.objects.get(slug=SLUG, locale=locale("en"))
    assert versions() == {"en", "ur"}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[english.id]),
            {**FORM, "title": "Stand with the Hazara now"},
        )

    assert response.status_code == 302
    assert versions() == {"en", "ur", "haz"}
    assert client.get(f"/haz/{SLUG}/").status_code == 200


def test_database_error_in_the_admin_shows_the_admin_error_page(client, home_page):
    client.force_login(make_user("editor", superuser=True))
    english = Page.objects.get(locale=locale("en"), depth=2)

    with connection.execute_wrapper(FailOnce('UPDATE "wagtailcore_page"')):
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[english.id]),
            {**FORM, "title": english.title, "slug": english.slug},
        )

    assert response.status_code == 503
    text = BeautifulSoup(response.content, "html.parser").get_text()
    assert "The database did not answer" in text
    assert "signed" not in text
