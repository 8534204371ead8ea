import re

import pytest
from django.core import mail
from django.test import Client

from petitions.models import Signature
from supporters.emails import unsubscribe_url
from supporters.models import BlockedEmailDomain, Supporter
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401

from .conftest import confirm_links, sign

pytestmark = pytest.mark.django_db

SUPPORTER_LINK = re.compile(r"https?://[^\s\"<>]+/supporters/confirm/[^\s\"<>]+/")
UNSUBSCRIBE_LINK = re.compile(r"https?://[^\s\"<>]+/supporters/unsubscribe/[^\s\"<>]+/")


def join(client, language="en", ip="203.0.113.7", **overrides):
    data = {"name": "Zahra", "email": "zahra@example.com", "consent": "on"}
    data.update(overrides)
    return client.post(
        f"/{language}/supporters/join/",
        {key: value for key, value in data.items() if value is not None},
        HTTP_SEC_FETCH_SITE="same-origin",
        REMOTE_ADDR=ip,
    )


def test_signer_who_ticked_the_box_joins_the_list_on_confirming_without_more_email(
    client, petition_pages
):
    sign(client, petition_pages["haz"], "haz", notify="on")
    assert not Supporter.objects.exists()

    client.post(confirm_links()[0])

    supporter = Supporter.objects.get()
    assert supporter.state == "subscribed"
    assert supporter.language == "haz"
    assert supporter.source == "petition"
    assert supporter.source_detail == petition_pages["en"].title
    assert supporter.consent_text == Signature.objects.get().consent_text != ""
    assert supporter.consent_at == Signature.objects.get().consent_at
    assert len(mail.outbox) == 1


def test_signer_who_did_not_tick_the_box_is_not_on_the_list(client, petition_pages):
    sign(client, petition_pages["en"], "en")
    client.post(confirm_links()[0])

    assert not Supporter.objects.exists()


def test_sign_up_page_works_without_a_cookie_or_token(client):
    strict = Client(enforce_csrf_checks=True)
    page = strict.get("/ur/supporters/join/")

    assert page.status_code == 200
    assert not page.cookies
    assert "csrfmiddlewaretoken" not in page.content.decode()
    assert join(strict, "ur").status_code == 302


def test_sign_up_in_hazaragi_is_confirmed_by_the_emailed_link(client, smtp_server):
    response = join(client, "haz")

    assert response["Location"] == "/haz/supporters/join/thanks/"
    supporter = Supporter.objects.get()
    assert supporter.state == "pending"
    assert supporter.language == "haz"
    assert supporter.source == "signup"
    message = smtp_server.messages[0]
    assert message["Content-Language"] == "haz"
    text = message.get_body(("plain",)).get_content()
    link = SUPPORTER_LINK.search(text).group(0)
    assert "/haz/supporters/confirm/" in link

    page = client.post(link)

    assert page.status_code == 200
    assert 'lang="haz"' in page.content.decode()
    supporter.refresh_from_db()
    assert supporter.state == "subscribed"
    assert supporter.confirmed_at is not None


def test_sign_up_needs_the_box_ticked_and_says_so_in_urdu(client):
    response = join(client, "ur", consent=None)

    assert response.status_code == 200
    assert not Supporter.objects.exists()
    assert (
        "فہرست میں شامل ہونے کے لیے خانے پر نشان لگائیں۔" in response.content.decode()
    )


@pytest.mark.parametrize("trap", ["honeypot", "blocked_domain", "rate_limit"])
def test_suspicious_sign_up_sees_the_same_page_and_stores_nothing(
    client, settings, trap
):
    overrides = {}
    if trap == "honeypot":
        overrides["subject"] = "buy now"
    elif trap == "blocked_domain":
        BlockedEmailDomain.objects.create(domain="spam.example")
        overrides["email"] = "bot@mail.spam.example"
    else:
        settings.PETITIONS_BURST_LIMIT = 1
        join(client, email="first@example.com")
        Supporter.objects.all().delete()
        mail.outbox.clear()

    response = join(client, **overrides)

    assert response.status_code == 302
    assert response["Location"] == "/en/supporters/join/thanks/"
    assert not Supporter.objects.exists()
    assert not mail.outbox


def test_sign_up_from_another_site_is_refused(client):
    response = client.post(
        "/en/supporters/join/",
        {"email": "zahra@example.com", "consent": "on"},
        HTTP_SEC_FETCH_SITE="cross-site",
    )

    assert response.status_code == 403
    assert not Supporter.objects.exists()


def test_an_address_gets_at_most_three_sign_up_emails(client):
    for _attempt in range(5):
        join(client)

    assert len(mail.outbox) == 3
    assert Supporter.objects.count() == 1


def test_every_email_carries_a_one_click_unsubscribe_link_and_headers(
    client, petition_pages, smtp_server
):
    sign(client, petition_pages["ur"], "ur", notify="on")
    join(client, "haz", email="other@example.com")

    assert len(smtp_server.messages) == 2
    for message, language in zip(smtp_server.messages, ("ur", "haz"), strict=True):
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        link = UNSUBSCRIBE_LINK.search(text).group(0)
        assert f"/{language}/supporters/unsubscribe/" in link
        assert link in html
        assert message["List-Unsubscribe"].strip() == f"<{link}>"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_unsubscribe_works_once_and_twice(client, petition_pages):
    sign(client, petition_pages["ur"], "ur", notify="on")
    client.post(confirm_links()[0])
    link = UNSUBSCRIBE_LINK.search(mail.outbox[0].body).group(0)

    first = client.post(link)

    assert first.status_code == 200
    assert 'lang="ur"' in first.content.decode()
    supporter = Supporter.objects.get()
    assert supporter.state == "unsubscribed"
    unsubscribed_at = supporter.unsubscribed_at

    second = client.post(link)

    assert second.status_code == 200
    supporter.refresh_from_db()
    assert supporter.state == "unsubscribed"
    assert supporter.unsubscribed_at == unsubscribed_at
    assert first.content != second.content


def test_unsubscribe_with_a_bad_token_gives_a_clear_page(client):
    supporter = Supporter.objects.create(
        email="zahra@example.com",
        email_canonical="zahra@example.com",
        language="haz",
        state="subscribed",
        source="signup",
    )
    good = unsubscribe_url(
        base_url="http://testserver", language="haz", value=f"supporter:{supporter.pk}"
    )

    for bad in (good[:-5] + "xxxx/", "/haz/supporters/unsubscribe/nonsense/"):
        response = client.post(bad)

        assert response.status_code == 400
        html = response.content.decode()
        assert 'lang="haz"' in html
        assert "لینک لغو اشتراک ناقص استه" in html
    supporter.refresh_from_db()
    assert supporter.state == "subscribed"


def test_mail_programs_one_click_post_unsubscribes(client):
    supporter = Supporter.objects.create(
        email="zahra@example.com",
        email_canonical="zahra@example.com",
        language="en",
        state="subscribed",
        source="signup",
    )
    link = unsubscribe_url(
        base_url="http://testserver", language="en", value=f"supporter:{supporter.pk}"
    )

    response = Client(enforce_csrf_checks=True).post(
        link, {"List-Unsubscribe": "One-Click"}
    )

    assert response.status_code == 200
    supporter.refresh_from_db()
    assert supporter.state == "unsubscribed"


def test_a_confirmation_link_cannot_unsubscribe_and_an_unsubscribe_link_cannot_confirm(
    client, petition_pages
):
    sign(client, petition_pages["en"], "en", notify="on")
    confirm_token = confirm_links()[0].rstrip("/").rsplit("/", 1)[1]
    unsubscribe_token = (
        UNSUBSCRIBE_LINK.search(mail.outbox[0].body)
        .group(0)
        .rstrip("/")
        .rsplit("/", 1)[1]
    )

    assert (
        client.post(f"/en/supporters/unsubscribe/{confirm_token}/").status_code == 400
    )
    assert client.post(f"/en/petitions/confirm/{unsubscribe_token}/").status_code == 400
    assert Signature.objects.get().state == "pending"


def test_unsubscribing_before_confirming_keeps_the_signer_off_the_list(
    client, petition_pages
):
    sign(client, petition_pages["en"], "en", notify="on")
    client.post(UNSUBSCRIBE_LINK.search(mail.outbox[0].body).group(0))

    client.post(confirm_links()[0])

    assert Signature.objects.get().state == "confirmed"
    assert Supporter.objects.get().state == "unsubscribed"


def test_ticking_the_box_again_after_unsubscribing_subscribes_again(
    client, petition_pages
):
    join(client)
    client.post(SUPPORTER_LINK.search(mail.outbox[0].body).group(0))
    client.post(UNSUBSCRIBE_LINK.search(mail.outbox[0].body).group(0))
    assert Supporter.objects.get().state == "unsubscribed"

    sign(client, petition_pages["en"], "en", email="Zahra@example.com", notify="on")
    client.post(confirm_links(mail.outbox[1:])[0])

    supporter = Supporter.objects.get()
    assert supporter.state == "subscribed"
    assert supporter.source == "petition"


def test_sign_up_link_clicked_after_unsubscribing_adds_nothing(client):
    join(client)
    client.post(UNSUBSCRIBE_LINK.search(mail.outbox[0].body).group(0))

    response = client.post(SUPPORTER_LINK.search(mail.outbox[0].body).group(0))

    assert response.status_code == 200
    assert Supporter.objects.get().state == "unsubscribed"


def test_altered_sign_up_link_confirms_nothing(client):
    join(client)
    link = SUPPORTER_LINK.search(mail.outbox[0].body).group(0)

    response = client.post(link[:-4] + "xyz/")

    assert response.status_code == 400
    assert Supporter.objects.get().state == "pending"
