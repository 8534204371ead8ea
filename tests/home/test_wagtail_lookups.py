"""The request's Site and the redirects, kept by each process
(home.wagtail_lookups): what editors change takes effect at the next
request, and a request for a missing page does not ask the database for
either."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

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
