from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from petitions.models import Signature
from petitions.selectors import (
    InvalidationCriteria,
    petition_count,
    petition_count_cache_key,
)
from petitions.services.signatures import petition_reconcile
from petitions.services.staff import signatures_invalidate
from tests.conftest import cache_clear
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401

from .conftest import confirm_links, shown_count, sign

pytestmark = pytest.mark.django_db


def add_confirmed(petition, how_many):
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            name=f"Signer {n}",
            name_key=f"signer {n}",
            email=f"s{n}@example.com",
            email_canonical=f"s{n}@example.com",
            country="PK",
            language="en",
            state=Signature.State.CONFIRMED,
            confirmed_at=now,
        )
        for n in range(how_many)
    )


@pytest.mark.parametrize("cached_count", [True, False])
def test_petition_page_queries_are_the_same_with_1_and_10000_signatures(
    client, petition_pages, petition, django_assert_num_queries, cached_count
):
    page = petition_pages["ur"]

    def prepare():
        client.get(page.url)  # warm what every request shares (site, locales)
        if not cached_count:
            cache.delete(petition_count_cache_key(petition.pk))

    add_confirmed(petition, 1)
    prepare()
    with CaptureQueriesContext(connection) as with_one:
        assert client.get(page.url).status_code == 200
    queries_with_one = len(with_one)
    Signature.objects.all().delete()
    add_confirmed(petition, 10_000)
    petition_reconcile(petition=petition)
    prepare()

    with django_assert_num_queries(queries_with_one):
        assert client.get(page.url).status_code == 200
    assert shown_count(client, page.url) == "10,000"


def test_count_survives_a_cache_flush_and_reconciliation_makes_it_exact(
    client, petition_pages, petition
):
    page = petition_pages["en"]
    add_confirmed(petition, 3)
    petition_reconcile(petition=petition)
    sign(client, page, "en")
    client.post(confirm_links()[0])

    cache_clear()
    assert shown_count(client, page.url) == "4"

    # A signature invalidated by staff leaves the fast count high until the
    # reconciliation.
    Signature.objects.filter(email="s0@example.com").update(state="invalid")
    assert shown_count(client, page.url) == "4"
    call_command("petitions_reconcile")
    assert shown_count(client, page.url) == "3"


def test_signatures_invalidated_leave_the_count_of_a_page_already_shown(
    client, petition_pages, petition, admin_user
):
    # The petition is kept by the process once a page has shown it; the
    # count rebuilt after staff invalidate signatures must not come from the
    # reconciled count kept with it.
    page = petition_pages["ur"]
    add_confirmed(petition, 4)
    Signature.objects.update(confirmed_at=timezone.now() - timedelta(hours=1))
    petition_reconcile(petition=petition)
    assert shown_count(client, page.url) == "4"

    invalid = Signature.objects.get(email="s0@example.com")
    signatures_invalidate(
        criteria=InvalidationCriteria(petition_id=petition.pk, ids=(invalid.pk,)),
        max_id=invalid.pk,
        expected=1,
        reason="A test of the count",
        user=admin_user,
    )

    assert shown_count(client, f"{page.url}?visit=2") == "3"


def test_a_petition_deleted_since_a_process_kept_it_counts_nothing(petition):
    kept = petition.__class__.objects.get(pk=petition.pk)
    petition.delete()
    cache.delete(petition_count_cache_key(kept.pk))

    assert petition_count(petition=kept) == 0


def test_reconcile_task_counts_every_petition(petition):
    from petitions.tasks import petitions_reconcile_task

    add_confirmed(petition, 5)
    Signature.objects.update(confirmed_at=timezone.now() - timedelta(hours=1))

    result = petitions_reconcile_task.enqueue()

    assert result.return_value == {str(petition.pk): 5}
    petition.refresh_from_db()
    assert petition.confirmed_count == 5


def test_confirming_does_not_update_the_petition_row(client, petition_pages, petition):
    sign(client, petition_pages["en"], "en")
    before = petition.__class__.objects.values().get(pk=petition.pk)

    client.post(confirm_links()[0])

    assert petition.__class__.objects.values().get(pk=petition.pk) == before


def test_count_json_gives_the_count_with_cache_headers(
    client, petition_pages, petition
):
    add_confirmed(petition, 1234)

    response = client.get(f"/haz/petitions/{petition.pk}/count.json")

    assert response.status_code == 200
    assert response.json() == {
        "petition": petition.pk,
        "count": 1234,
        "count_display": "۱٬۲۳۴",
        "target": 100,
        "open": True,
    }
    assert response["Cache-Control"] == "public, max-age=30"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies


def test_count_json_for_unknown_petition_is_not_found(client, home_page):
    assert client.get("/en/petitions/999999/count.json").status_code == 404


@pytest.mark.parametrize(
    ("language", "count", "target"),
    [("en", "1,234", "100"), ("ur", "1,234", "100"), ("haz", "۱٬۲۳۴", "۱۰۰")],
)
def test_progress_tag_shows_count_and_accessible_bar_in_language_numbers(
    petition_pages, petition, language, count, target
):
    add_confirmed(petition, 1234)
    template = Template("{% load petition_tags %}{% petition_progress page %}")

    with translation.override(language):
        html = template.render(Context({"page": petition_pages[language]}))

    assert f"<strong>{count}</strong>" in html
    assert '<progress class="petition-progress__bar" max="100" value="100"' in html
    assert target in html


def test_progress_tag_works_with_any_translation_before_anyone_signs(
    petition_pages,
):
    template = Template("{% load petition_tags %}{% petition_progress page %}")

    with translation.override("ur"):
        html = template.render(Context({"page": petition_pages["ur"]}))

    assert "<strong>0</strong>" in html
