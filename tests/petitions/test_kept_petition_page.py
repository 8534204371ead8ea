"""The petition page keeps its case, its reasons and its blank form rendered
between publishes (home.templatetags.fragment_tags); what moves without a
publish still moves at once."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from home import page_cache
from petitions.models import Petition, Signature

from .conftest import confirm_links, shown_count, sign

pytestmark = pytest.mark.django_db


def test_the_count_moves_with_each_confirmation_on_a_kept_page(client, petition_pages):
    page = petition_pages["ur"]
    assert shown_count(client, page.url) == "0"

    sign(client, page, "ur")
    client.post(confirm_links()[0])

    assert shown_count(client, f"{page.url}?visit=2") == "1"


def test_a_deadline_passing_takes_the_form_away_without_a_publish(
    client, petition_pages, monkeypatch
):
    page = petition_pages["haz"]
    petition = Petition.objects.get(translation_key=page.translation_key)
    petition.deadline = timezone.now() + timedelta(hours=1)
    petition.save()
    assert 'id="sign-heading"' in client.get(page.url).text

    # Two hours later: nothing saved, the clock alone has moved on.
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    html = client.get(f"{page.url}?visit=2").text

    assert 'id="sign-heading"' not in html
    assert "petition__closed" in html


def test_a_form_sent_back_with_its_errors_reaches_no_other_visitor(
    client, petition_pages
):
    page = petition_pages["ur"]
    client.get(page.url)

    sent_back = sign(client, page, "ur", name="Zarghuna Hazara", email="not-an-address")
    next_visit = client.get(f"{page.url}?visit=2").text
    other = sign(client, page, "ur", name="Baqir Changezi", email="also-not-one")

    assert sent_back.status_code == other.status_code == 200
    assert "Zarghuna Hazara" in sent_back.text
    assert 'aria-invalid="true"' in sent_back.text
    assert "Zarghuna Hazara" not in next_visit
    assert 'aria-invalid="true"' not in next_visit
    assert "Baqir Changezi" in other.text
    assert "Zarghuna Hazara" not in other.text


def test_a_petition_closed_by_another_process_takes_no_signature_after_a_second(
    client, petition_pages, settings, monkeypatch
):
    settings.PAGE_CACHE_LOCAL_SECONDS = 1
    page = petition_pages["en"]
    sign(client, page, email="first@example.com")
    # Another app process closes the petition: its row, then a new
    # generation in Redis, which this process has not read.
    Petition.objects.update(closed=True, closed_at=timezone.now())
    cache.set(page_cache.GENERATION_KEY, "from-another-process", timeout=None)

    within = sign(client, page, email="second@example.com")
    generation, read_at = page_cache._known
    monkeypatch.setattr(page_cache, "_known", (generation, read_at - 1.5))
    after = sign(client, page, email="third@example.com")

    stored = set(Signature.objects.values_list("email", flat=True))
    assert within["Location"].endswith("/thanks/")
    assert after["Location"] == page.url
    assert stored == {"first@example.com", "second@example.com"}


def test_a_page_rendered_afresh_asks_the_database_nothing(
    client, petition_pages, django_assert_num_queries
):
    # The petition, its page, its route and the site are kept by the process
    # between changes; only the count is read for each render, from the cache.
    page = petition_pages["ur"]
    client.get(page.url)

    with django_assert_num_queries(0):
        html = client.get(f"{page.url}?visit=2").text

    assert 'id="sign-heading"' in html
    assert shown_count(client, f"{page.url}?visit=3") == "0"
