import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from petitions.services.signatures import petition_reconcile
from supporters.models import Supporter

from .conftest import add_signature, staff_user

pytestmark = pytest.mark.django_db


def listed_emails(response):
    return {signature.email for signature in response.context["object_list"]}


@pytest.fixture
def signatures(petition):
    long_ago = timezone.now() - datetime.timedelta(days=40)
    return {
        "ali": add_signature(petition, "ali@example.com", language="ur"),
        "zahra": add_signature(
            petition, "zahra@mail.example.org", language="haz", name="زہرا"
        ),
        "karim": add_signature(
            petition, "karim@example.com", language="en", state="pending"
        ),
        "old": add_signature(
            petition, "old@example.com", language="ur", created_at=long_ago
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("language=ur", {"ali@example.com", "old@example.com"}),
        ("state=pending", {"karim@example.com"}),
        ("language=ur&state=confirmed", {"ali@example.com", "old@example.com"}),
        (
            "created_at_from={recent}",
            {"ali@example.com", "zahra@mail.example.org", "karim@example.com"},
        ),
        ("petition={petition}&language=haz", {"zahra@mail.example.org"}),
        ("petition=999999", set()),
    ],
)
def test_signature_list_filters_by_petition_language_state_and_date(
    admin_client, petition, signatures, query, expected
):
    recent = (timezone.now() - datetime.timedelta(days=2)).date().isoformat()
    url = "/admin/signatures/?" + query.format(recent=recent, petition=petition.pk)

    response = admin_client.get(url)

    assert response.status_code == 200
    if query == "petition=999999":
        return
    assert listed_emails(response) == expected


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("ALI@example.com", {"ali@example.com"}),
        ("Ali+news@Example.com", {"ali@example.com"}),
        ("زہرا", {"zahra@mail.example.org"}),
        ("example.org", {"zahra@mail.example.org"}),
        ("karim", {"karim@example.com"}),
    ],
)
def test_staff_search_signatures_by_email_name_or_domain(
    admin_client, signatures, search, expected
):
    response = admin_client.get("/admin/signatures/", {"q": search})

    assert listed_emails(response) == expected


def test_signatures_can_be_looked_at_but_not_added_or_edited(admin_client, signatures):
    listing = admin_client.get("/admin/signatures/").content.decode()
    inspect = admin_client.get(f"/admin/signatures/inspect/{signatures['ali'].pk}/")

    assert "/admin/signatures/new/" not in listing
    for url in (
        "/admin/signatures/new/",
        f"/admin/signatures/edit/{signatures['ali'].pk}/",
    ):
        assert admin_client.get(url, follow=True).status_code == 404
    assert inspect.status_code == 200
    assert "ali@example.com" in inspect.content.decode()


def test_staff_without_signature_permissions_see_no_signatures(client, signatures):
    client.force_login(staff_user())

    assert client.get("/admin/signatures/").status_code == 302
    assert client.get("/admin/petition_reports/").status_code == 302
    home = client.get("/admin/").content.decode()
    assert "ali@example.com" not in home
    assert "/admin/signatures/" not in home


def test_dashboard_shows_counts_per_petition_per_language(
    admin_client, petition, signatures, django_assert_max_num_queries
):
    petition_reconcile(petition=petition)
    admin_client.get("/admin/")

    with django_assert_max_num_queries(60):
        response = admin_client.get("/admin/")

    html = response.content.decode()
    assert "Petition signatures" in html
    panel = html[html.index("petition-counts-heading") :]
    row = panel[panel.index(petition.title) :]
    # English 0, Urdu 2, Hazaragi 1: three confirmed in all.
    cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:5]]
    assert cells == ["3", "0", "2", "1"]


def test_petition_report_gives_totals_per_language_and_per_day(
    admin_client, petition, signatures
):
    response = admin_client.get(f"/admin/petition_reports/{petition.pk}/")

    assert response.status_code == 200
    report = response.context["report"]
    assert report.totals["confirmed"] == 3
    assert report.totals["pending"] == 1
    by_language = dict(response.context["by_language"])
    assert by_language["Urdu"] == [0, 2, 0, 0]
    assert by_language["Hazaragi"] == [0, 1, 0, 0]
    assert by_language["English"] == [1, 0, 0, 0]
    days = {day: (signed, confirmed) for day, signed, confirmed in report.by_day}
    today = timezone.now().date()
    assert days[today] == (3, 3)
    assert sum(signed for signed, _confirmed in days.values()) == 4
    index = admin_client.get("/admin/petition_reports/").content.decode()
    assert f"/admin/petition_reports/{petition.pk}/" in index


def test_staff_reading_the_admin_in_hazaragi_see_its_digits_in_counts_and_days(
    admin_client, admin_user, petition, signatures
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "haz"
    profile.save()

    report = admin_client.get(f"/admin/petition_reports/{petition.pk}/")
    dashboard = admin_client.get("/admin/").content.decode()

    html = report.content.decode()
    totals = re.findall(r"<td><strong>(.*?)</strong></td>", html)
    assert totals == ["۱", "۳", "۰", "۰"]  # pending, confirmed, invalid, suspect
    days = re.findall(r'<th scope="row">([^<]*۲۰[۰-۹]{2})</th>', html)
    assert days, "the days of the report are written in Persian digits"
    panel = dashboard[dashboard.index("petition-counts-heading") :]
    row = panel[panel.index(petition.title) :]
    cells = [cell.split("</td>")[0] for cell in row.split("<td>")[1:5]]
    assert cells == ["۳", "۰", "۲", "۱"]


def test_supporter_list_shows_counts_per_language_and_filters_by_language(admin_client):
    for email, language, state in (
        ("ali@example.com", "ur", "subscribed"),
        ("zahra@example.com", "haz", "subscribed"),
        ("karim@example.com", "haz", "pending"),
    ):
        Supporter.objects.create(
            email=email,
            email_canonical=email,
            language=language,
            state=state,
            source="signup",
        )

    response = admin_client.get("/admin/supporters/", {"language": "haz"})

    assert {s.email for s in response.context["object_list"]} == {
        "zahra@example.com",
        "karim@example.com",
    }
    assert dict(response.context["by_language"])["Hazaragi"] == [1, 1, 0]


def table_cells(html):
    return [
        cell.get_text(strip=True)
        for cell in BeautifulSoup(html, "html.parser").select("table.listing td")
    ]


def test_staff_lists_name_languages_in_the_staffs_own_language(
    admin_client, admin_user, petition
):
    from wagtail.users.models import UserProfile

    signature = add_signature(petition, "ali@example.com", language="haz")
    Supporter.objects.create(
        email="zahra@example.com",
        email_canonical="zahra@example.com",
        language="ur",
        state="subscribed",
        source="signup",
    )

    assert "Hazaragi" in table_cells(
        admin_client.get("/admin/signatures/").content.decode()
    )
    assert "Urdu" in table_cells(
        admin_client.get("/admin/supporters/").content.decode()
    )
    detail = admin_client.get(f"/admin/signatures/inspect/{signature.pk}/")
    assert "Hazaragi" in {
        dd.get_text(strip=True)
        for dd in BeautifulSoup(detail.content.decode(), "html.parser").select("dd")
    }

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "ur"
    profile.save()
    assert "ہزارگی" in table_cells(
        admin_client.get("/admin/signatures/").content.decode()
    )
    assert "اردو" in table_cells(
        admin_client.get("/admin/supporters/").content.decode()
    )
