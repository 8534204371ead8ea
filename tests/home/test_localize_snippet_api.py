"""wagtail-localize's snippet API answers only those with rights on the type."""

import pytest
from django.contrib.auth.models import Permission

from home.models import Footer
from supporters.models import BlockedEmailDomain
from tests.home.translation_steps import make_user

pytestmark = pytest.mark.django_db

BLOCKED = "/admin/localize/api/snippets/supporters/blockedemaildomain/"


@pytest.fixture
def blocked_domain(db):
    return BlockedEmailDomain.objects.create(domain="spam-sender.example")


@pytest.mark.parametrize("group", ["Urdu translators", "Translators"])
def test_translator_cannot_read_the_blocked_email_domains(
    client, home_page, blocked_domain, group
):
    client.force_login(make_user("nargis", group))

    listing = client.get(BLOCKED)
    detail = client.get(f"{BLOCKED}{blocked_domain.pk}/")

    # The admin's answer to a refused request: back to the dashboard.
    assert (listing.status_code, listing["Location"]) == (302, "/admin/")
    assert (detail.status_code, detail["Location"]) == (302, "/admin/")
    assert b"spam-sender" not in listing.content + detail.content


def test_staff_with_the_right_reads_the_blocked_email_domains(
    client, home_page, blocked_domain
):
    user = make_user("staff")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_blockedemaildomain"),
    )
    client.force_login(user)

    assert "spam-sender.example" in client.get(BLOCKED).content.decode()


def test_translator_still_reads_the_snippets_they_translate(client, home_page):
    footer = Footer.objects.create(name="Main footer", text="Standing together.")
    client.force_login(make_user("nargis", "Urdu translators"))

    response = client.get(f"/admin/localize/api/snippets/home/footer/{footer.pk}/")

    assert response.status_code == 200
    assert response.json()["id"] == footer.pk
