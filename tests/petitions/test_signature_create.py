import pytest
from django.core import mail

from petitions.models import Signature
from supporters.models import BlockedEmailDomain
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401

from .conftest import confirm_links, shown_count, sign

pytestmark = pytest.mark.django_db


def test_signing_in_urdu_and_confirming_shows_new_total_in_every_language(
    client, petition_pages
):
    for code in ("en", "ur", "haz"):
        assert shown_count(client, petition_pages[code].url) in ("0", "۰")

    response = sign(client, petition_pages["ur"], "ur", name="علی رضا")
    assert response.status_code == 302
    assert response["Location"] == f"/ur/petitions/{petition_pages['ur'].pk}/thanks/"
    # Pending: not counted yet.
    assert shown_count(client, petition_pages["en"].url) == "0"

    client.post(confirm_links()[0])

    assert shown_count(client, petition_pages["en"].url) == "1"
    assert shown_count(client, petition_pages["ur"].url) == "1"
    assert shown_count(client, petition_pages["haz"].url) == "۱"
    signature = Signature.objects.get()
    assert signature.language == "ur"
    assert signature.name == "علی رضا"


@pytest.mark.parametrize(
    ("language", "email"),
    [
        ("ur", "ALI@EXAMPLE.COM"),
        ("haz", "ali+petition@example.com"),
        ("en", "Ali+news@Example.com"),
    ],
)
def test_same_email_in_another_form_and_language_is_still_one_signature(
    client, petition_pages, language, email
):
    sign(client, petition_pages["en"], "en", email="ali@example.com")
    sign(client, petition_pages[language], language, email=email, ip="198.51.100.9")

    assert Signature.objects.count() == 1


def test_gmail_dots_and_tags_are_one_signature(client, petition_pages):
    sign(client, petition_pages["en"], "en", email="ali.hazara@gmail.com")
    sign(client, petition_pages["ur"], "ur", email="A.L.I.Hazara+x@googlemail.com")
    sign(client, petition_pages["haz"], "haz", email="alihazara@GMAIL.com")

    assert Signature.objects.count() == 1


def test_repeat_signature_sees_same_page_and_gets_link_again(client, petition_pages):
    first = sign(client, petition_pages["en"], "en")
    second = sign(client, petition_pages["en"], "en")

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert len(mail.outbox) == 2
    assert all("/petitions/confirm/" in message.body for message in mail.outbox)


def test_repeat_after_confirming_gets_already_signed_email_and_count_stays(
    client, petition_pages
):
    sign(client, petition_pages["en"], "en")
    client.post(confirm_links()[0])

    response = sign(client, petition_pages["haz"], "haz", email="Ali@example.com")

    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert "already signed" in mail.outbox[1].subject
    assert "/petitions/confirm/" not in mail.outbox[1].body
    assert shown_count(client, petition_pages["en"].url) == "1"


def test_no_signature_causes_more_than_the_allowed_emails(
    client, petition_pages, settings
):
    for _attempt in range(settings.PETITIONS_MAX_EMAILS_PER_SIGNATURE + 3):
        sign(client, petition_pages["en"], "en")

    assert len(mail.outbox) == settings.PETITIONS_MAX_EMAILS_PER_SIGNATURE
    assert Signature.objects.get().emails_sent == len(mail.outbox)


def test_two_different_urdu_names_from_one_address_are_both_signatures(
    client, petition_pages
):
    sign(client, petition_pages["ur"], "ur", name="علی رضا", email="a@example.com")
    sign(client, petition_pages["ur"], "ur", name="فاطمہ بی بی", email="b@example.com")

    signatures = Signature.objects.order_by("pk")
    assert [s.name for s in signatures] == ["علی رضا", "فاطمہ بی بی"]
    assert [s.state for s in signatures] == ["pending", "pending"]
    assert signatures[0].name_key != signatures[1].name_key


def test_hazaragi_names_are_stored_as_typed(client, petition_pages):
    sign(client, petition_pages["haz"], "haz", name="محمد   حسین  ")

    assert Signature.objects.get().name == "محمد حسین"


def confirm(client, link):
    """The confirmation page's button: a POST from the page itself."""
    return client.post(link, HTTP_SEC_FETCH_SITE="same-origin")


def test_retry_with_a_corrected_address_gets_its_confirmation_email(
    client, petition_pages
):
    sign(client, petition_pages["ur"], "ur", name="علی رضا", email="ali@exmaple.com")
    sign(client, petition_pages["ur"], "ur", name="علی رضا", email="ali@example.com")

    assert [message.to for message in mail.outbox] == [
        ["ali@exmaple.com"],
        ["ali@example.com"],
    ]
    confirm(client, confirm_links()[1])
    assert shown_count(client, petition_pages["en"].url) == "1"


def test_one_name_with_many_addresses_from_one_address_counts_once(
    client, petition_pages
):
    # Arabic-keyboard yeh and kaf, and the presentation form of the same name.
    sign(client, petition_pages["haz"], "haz", name="علی اکبر", email="a@example.com")
    sign(client, petition_pages["ur"], "ur", name="علي اكبر", email="b@example.com")
    sign(client, petition_pages["ur"], "ur", name="ﻋﻠﯽ اکبر", email="c@example.com")

    for link in confirm_links():
        response = confirm(client, link)
        # Each signer sees the usual confirmation.
        assert response["Location"].endswith("/confirmed/")

    signatures = Signature.objects.order_by("pk")
    assert [s.state for s in signatures] == ["confirmed", "suspect", "suspect"]
    assert [s.suspect_reason for s in signatures[1:]] == ["repeat_name"] * 2
    assert shown_count(client, petition_pages["en"].url) == "1"


def test_past_the_allowance_one_name_gets_no_more_links(
    client, petition_pages, settings
):
    for n in range(settings.PETITIONS_REPEAT_NAME_LINKS + 1):
        sign(client, petition_pages["en"], "en", email=f"ali{n}@example.com")

    states = list(Signature.objects.order_by("pk").values_list("state", flat=True))
    assert states[-1] == "suspect"
    assert len(mail.outbox) == settings.PETITIONS_REPEAT_NAME_LINKS


def test_the_same_name_from_another_address_counts(client, petition_pages):
    sign(client, petition_pages["en"], "en", email="a@example.com")
    sign(client, petition_pages["en"], "en", email="b@example.com", ip="192.0.2.4")

    for link in confirm_links():
        confirm(client, link)

    assert shown_count(client, petition_pages["en"].url) == "2"


def test_filled_honeypot_looks_normal_and_counts_nothing(client, petition_pages):
    page = petition_pages["en"]
    response = sign(client, page, "en", subject="http://spam.example")

    assert response.status_code == 302
    assert response["Location"] == f"/en/petitions/{page.pk}/thanks/"
    assert Signature.objects.count() == 0
    assert mail.outbox == []
    assert shown_count(client, page.url) == "0"


def test_over_the_rate_limit_looks_normal_and_counts_nothing(
    client, petition_pages, settings
):
    settings.PETITIONS_BURST_LIMIT = 2
    page = petition_pages["en"]
    responses = [
        sign(client, page, "en", name=f"Signer {n}", email=f"s{n}@example.com")
        for n in "abc"
    ]

    assert {r["Location"] for r in responses} == {f"/en/petitions/{page.pk}/thanks/"}
    states = list(Signature.objects.order_by("pk").values_list("state", flat=True))
    assert states == ["pending", "pending", "suspect"]
    assert len(mail.outbox) == 2
    for link in confirm_links():
        client.post(link)
    assert shown_count(client, page.url) == "2"
    # Another address is not limited.
    sign(client, page, "en", ip="192.0.2.44", name="Other", email="o@example.com")
    assert Signature.objects.get(email="o@example.com").state == "pending"


def test_sustained_limit_holds_back_signatures_too(client, petition_pages, settings):
    settings.PETITIONS_SUSTAINED_LIMIT = 1
    for n in "ab":
        sign(client, petition_pages["en"], name=f"Signer {n}", email=f"{n}@example.com")

    assert list(Signature.objects.order_by("pk").values_list("state", flat=True)) == [
        "pending",
        "suspect",
    ]


def test_blocked_domain_looks_normal_and_counts_nothing(client, petition_pages):
    BlockedEmailDomain.objects.create(domain="throwaway.example")
    page = petition_pages["en"]

    response = sign(client, page, "en", email="someone@mail.throwaway.example")

    assert response["Location"] == f"/en/petitions/{page.pk}/thanks/"
    signature = Signature.objects.get()
    assert (signature.state, signature.suspect_reason) == ("suspect", "blocked_domain")
    assert mail.outbox == []
    assert shown_count(client, page.url) == "0"


def test_consent_is_off_unless_ticked_and_stored_with_its_wording(
    client, petition_pages
):
    sign(client, petition_pages["ur"], "ur", email="no@example.com")
    sign(client, petition_pages["ur"], "ur", email="yes@example.com", notify="on")

    no = Signature.objects.get(email="no@example.com")
    yes = Signature.objects.get(email="yes@example.com")
    assert (no.consent_to_updates, no.consent_text, no.consent_at) == (False, "", None)
    assert yes.consent_to_updates is True
    assert yes.consent_at is not None
    assert "ای میل" in yes.consent_text  # the Urdu wording the signer read


def test_form_unticked_by_default_with_pakistan_chosen(client, petition_pages):
    html = client.get(petition_pages["ur"].url).content.decode()

    assert 'type="checkbox" name="notify"' in html
    assert 'name="notify" id="id_notify" checked' not in html
    assert '<option value="PK" selected>پاکستان</option>' in html


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("=HYPERLINK(1)", "A name cannot start with =, +, - or @."),
        ("+92 300", "A name cannot start with =, +, - or @."),
        ("-Ali", "A name cannot start with =, +, - or @."),
        ("@ali", "A name cannot start with =, +, - or @."),
        ("Ali https://spam.example", "A name cannot contain a link or web address."),
        ("Ali www.spam", "A name cannot contain a link or web address."),
    ],
)
def test_names_that_could_harm_a_spreadsheet_or_carry_links_are_refused(
    client, petition_pages, name, message
):
    response = sign(client, petition_pages["en"], "en", name=name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Signature.objects.count() == 0


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ur", "اپنا ای میل پتہ لکھیں۔"),
        ("haz", "آدرس ایمیل خو ره نوشته کنید."),
    ],
)
def test_errors_are_in_the_visitors_language_and_keep_what_was_typed(
    client, petition_pages, language, message
):
    response = sign(client, petition_pages[language], language, email="")

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Ali Hazara"' in html
    assert response["Cache-Control"] == "private, no-store"


def test_a_domain_blocked_between_two_signatures_holds_back_the_second(
    client, petition_pages
):
    page = petition_pages["en"]
    sign(client, page, "en", email="first@throwaway.example", name="Ali")

    BlockedEmailDomain.objects.create(domain="throwaway.example")
    sign(client, page, "en", email="second@throwaway.example", name="Zahra")

    states = dict(Signature.objects.values_list("email", "suspect_reason"))
    assert states == {
        "first@throwaway.example": "",
        "second@throwaway.example": "blocked_domain",
    }


def test_a_petition_closed_between_two_signatures_takes_no_more(client, petition_pages):
    page = petition_pages["en"]
    sign(client, page, "en", email="first@example.com", name="Ali")

    page.closed = True
    page.save_revision().publish()
    response = sign(client, page, "en", email="second@example.com", name="Zahra")

    assert response["Location"] == page.url
    assert list(Signature.objects.values_list("email", flat=True)) == [
        "first@example.com"
    ]
