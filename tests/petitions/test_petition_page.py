import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.core import mail

from petitions.demo import petition_demo_ensure
from petitions.models import Petition, PetitionPage, Signature

from .conftest import confirm_links, shown_count, sign

pytestmark = pytest.mark.django_db


def test_translations_share_one_petition_with_the_source_settings(
    petition_pages, petition
):
    english, urdu = petition_pages["en"], petition_pages["ur"]
    english.target = 5000
    english.save_revision().publish()
    # A translation published with other values changes nothing.
    urdu.target = 7
    urdu.closed = True
    urdu.save_revision().publish()

    assert Petition.objects.count() == 1
    petition.refresh_from_db()
    assert (petition.target, petition.closed) == (5000, False)


def test_shared_settings_are_read_only_on_translations(petition_pages, admin_user):
    form_class = PetitionPage.get_edit_handler().get_form_class()
    english_form = form_class(instance=petition_pages["en"], for_user=admin_user)
    urdu_form = form_class(instance=petition_pages["ur"], for_user=admin_user)

    assert not english_form.fields["target"].disabled
    for name in ("target", "deadline", "closed"):
        assert urdu_form.fields[name].disabled


def test_deleting_or_unpublishing_a_translation_loses_no_signature(
    client, petition_pages
):
    sign(client, petition_pages["ur"], "ur")
    client.post(confirm_links()[0])
    sign(client, petition_pages["haz"], "haz", email="b@example.com", ip="192.0.2.1")
    client.post(confirm_links()[1])

    petition_pages["ur"].delete()
    petition_pages["haz"].unpublish()

    assert Signature.objects.filter(state="confirmed").count() == 2
    assert shown_count(client, petition_pages["en"].url) == "2"


def test_petition_page_shows_addressee_deadline_and_why(client, petition_pages):
    english = petition_pages["en"]
    english.addressee = "The Prime Minister of Pakistan"
    english.deadline = datetime(2099, 3, 1, 12, tzinfo=UTC)
    english.why = [("heading", {"text": "Killings without justice", "level": "h3"})]
    english.save_revision().publish()

    html = client.get(english.url).content.decode()

    assert "To: <bdi>The Prime Minister of Pakistan</bdi>" in html
    assert (
        "You can sign until the end of 1 March 2099 (Karachi time, UTC+05:00)." in html
    )
    assert '<h3 class="block-heading">Killings without justice</h3>' in html


def test_deadline_is_written_in_hazaragi(client, petition_pages):
    english = petition_pages["en"]
    english.deadline = datetime(2099, 3, 1, 12, tzinfo=UTC)
    english.save_revision().publish()

    html = client.get(petition_pages["haz"].url).content.decode()

    assert "۱ مارچ ۲۰۹۹" in html


def test_country_names_are_in_the_visitors_language(client, petition_pages):
    html = client.get(petition_pages["haz"].url).content.decode()

    assert ">افغانستان</option>" in html
    assert ">یگ کشور دیگه</option>" in html


def test_form_labels_are_in_the_visitors_language(client, petition_pages):
    html = client.get(petition_pages["ur"].url).content.decode()

    assert "آپ کا نام" in html
    assert "درخواست پر دستخط کریں" in html


class Resources(HTMLParser):
    """What a page loads (as opposed to where its links go)."""

    def __init__(self):
        super().__init__()
        self.loaded = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("src"):
            self.loaded.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.loaded.append(attrs["href"])
        if tag == "form":
            self.loaded.append(attrs.get("action", ""))
        if tag == "a":
            self.links.append(attrs.get("href", ""))


def external(urls):
    return [url for url in urls if re.match(r"(https?:)?//(?!testserver)", url)]


def test_thank_you_pages_offer_sharing_and_load_nothing_from_elsewhere(
    client, petition_pages
):
    page = petition_pages["ur"]
    for path in (
        f"/ur/petitions/{page.pk}/thanks/",
        f"/ur/petitions/{page.pk}/confirmed/",
    ):
        html = client.get(path).content.decode()
        parser = Resources()
        parser.feed(html)

        assert external(parser.loaded) == []
        assert "<script" not in html
        hosts = {
            re.match(r"https://([^/]+)/", url).group(1)
            for url in external(parser.links)
        }
        assert hosts == {"wa.me", "www.facebook.com", "x.com", "t.me"}
        assert any(link.startswith("mailto:?") for link in parser.links)
        assert "I%20signed.%20Will%20you%3F" in html
        assert f'value="{page.get_full_url()}" readonly' in html


def test_petition_page_loads_nothing_from_elsewhere(client, petition_pages):
    for page in petition_pages.values():
        parser = Resources()
        parser.feed(client.get(page.url).content.decode())

        assert external(parser.loaded + parser.links) == []


def test_petition_demo_sets_the_english_petition_and_is_idempotent(client, campaign):
    first, created = petition_demo_ensure(campaign_page=campaign)
    revisions = first.revisions.count()
    second, changed = petition_demo_ensure(campaign_page=campaign)

    assert created and not changed
    assert first.pk == second.pk
    assert second.revisions.count() == revisions
    assert PetitionPage.objects.count() == 1
    petition = Petition.objects.get()
    assert (petition.target, petition.deadline, petition.closed) == (10000, None, False)
    html = client.get(second.url).content.decode()
    assert "What was his crime?" in html
    assert "The Prime Minister of Pakistan" in html
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("count", "shown"), [(0, "0"), (3, "<1"), (99_999, "<1"), (100_000, "1")]
)
def test_progress_reads_zero_per_cent_only_before_anyone_signs(
    client, petition_pages, petition, count, shown
):
    petition.target = 10_000_000
    petition.confirmed_count = count
    petition.save()

    html = client.get(petition_pages["en"].url).content.decode()

    assert f"{shown}% of the target" in html.replace("&lt;", "<")
