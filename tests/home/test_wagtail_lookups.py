"""The request's Site and the redirects, kept by each process
(home.wagtail_lookups): what editors change takes effect at the next
request, and a request for a missing page does not ask the database for
either."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site

pytestmark = pytest.mark.django_db


def tables_asked(client, path) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 404
    return " ".join(query["sql"] for query in queries.captured_queries)


def test_a_missing_page_asks_for_neither_site_nor_redirects_once_known(
    client, home_page
):
    client.get("/en/no-such-page/")

    asked = tables_asked(client, "/en/wp-login.php?next=/")

    assert "wagtailcore_site" not in asked
    assert "wagtailredirects_redirect" not in asked


def test_a_redirect_added_after_a_miss_is_followed_and_one_removed_is_not(
    client, campaign
):
    assert client.get("/en/old-campaign/").status_code == 404

    redirect = Redirect.objects.create(
        old_path="/en/old-campaign", redirect_page=campaign, is_permanent=True
    )
    moved = client.get("/en/old-campaign/?from=leaflet")

    assert moved.status_code == 301
    assert moved["Location"] == "/en/stand-with-hazara/"

    redirect.delete()
    assert client.get("/en/old-campaign/").status_code == 404


def test_a_redirect_of_a_non_latin_path_is_followed(client, campaign):
    client.get("/ur/nothing-here/")
    Redirect.objects.create(old_path="/ur/مہم", redirect_page=campaign)

    moved = client.get("/ur/%D9%85%DB%81%D9%85/")

    assert moved.status_code == 301
    assert moved["Location"] == "/en/stand-with-hazara/"


def test_a_site_given_another_home_serves_it_at_the_next_request(
    client, home_page, campaign
):
    assert "<h1>Stand with the Hazara</h1>" not in client.get("/en/").content.decode()

    site = Site.objects.get(is_default_site=True)
    site.root_page = campaign
    site.save()

    assert "<h1>Stand with the Hazara</h1>" in client.get("/en/").content.decode()


def page_tables_asked(client, path) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, [query["sql"] for query in queries.captured_queries]


def test_a_known_page_is_read_without_walking_the_tree(client, campaign):
    _status, first = page_tables_asked(client, "/en/stand-with-hazara/?visit=1")

    status, asked = page_tables_asked(client, "/en/stand-with-hazara/?visit=2")

    def walking(queries):
        # Wagtail's routing: the locale, then each level's child by slug,
        # then the restrictions on the page and its ancestors.
        return [
            sql
            for sql in queries
            if "wagtailcore_locale" in sql
            or '"wagtailcore_page"."slug" = ' in sql
            or "wagtailcore_pageviewrestriction" in sql
        ]

    assert status == 200
    assert walking(first)
    assert walking(asked) == []
    assert len(asked) <= len(first) - 3


def test_a_page_unpublished_or_deleted_after_a_visit_is_gone_at_the_next(
    client, home_page, campaign
):
    other = home_page.add_child(
        instance=campaign.__class__(title="Second campaign", slug="second")
    )
    other.save_revision().publish()
    for path in ("/en/stand-with-hazara/", "/en/second/"):
        assert client.get(f"{path}?visit=1").status_code == 200

    campaign.unpublish()
    # Deleted as a row, as a script would, without unpublishing it first.
    Page.objects.filter(pk=other.pk).delete()

    assert client.get("/en/stand-with-hazara/?visit=2").status_code == 404
    assert client.get("/en/second/?visit=2").status_code == 404


def test_a_page_renamed_after_a_visit_is_served_at_its_new_address_only(
    client, campaign
):
    assert client.get("/en/stand-with-hazara/?visit=1").status_code == 200

    campaign.slug = "stand-up"
    campaign.save_revision().publish()

    assert client.get("/en/stand-with-hazara/?visit=2").status_code == 404
    renamed = client.get("/en/stand-up/?visit=2")
    assert "<h1>Stand with the Hazara</h1>" in renamed.text


def test_a_restriction_added_after_a_visit_holds_at_the_next_and_lifts(
    client, campaign
):
    assert "<h1>Stand with the Hazara</h1>" in client.get("/en/stand-with-hazara/").text

    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(pk=campaign.pk),
        restriction_type=PageViewRestriction.PASSWORD,
        password="solidarity",
    )
    asked = client.get("/en/stand-with-hazara/?visit=2")

    assert "<h1>Stand with the Hazara</h1>" not in asked.text
    assert 'name="password"' in asked.text

    restriction.delete()
    client.cookies.clear()
    again = client.get("/en/stand-with-hazara/?visit=3")
    assert "<h1>Stand with the Hazara</h1>" in again.text
