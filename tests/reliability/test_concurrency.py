"""Many signers at once: one signature per email however many submit it at
the same moment, every distinct signature stored, confirmed and counted
exactly, and a link clicked twice at once counted once.

Each thread has its own database connection, so on PostgreSQL these are real
concurrent transactions. The threads are released together by a barrier; the
server here allows 100 connections shared by everyone, so 32 threads carry
the submissions between them.
"""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client

from petitions.models import Signature
from petitions.selectors import petition_count
from petitions.services.signatures import petition_reconcile
from tests.petitions.conftest import confirm_links, shown_count, sign_data

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 32


@pytest.fixture(autouse=True)
def _concurrent_database():
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database refuses a second writer "
            "('database table is locked') instead of queueing it; production "
            "runs PostgreSQL, where CI runs these"
        )


def at_once(jobs, threads=THREADS):
    """Run the callables from `threads` threads released together; their
    results in order. Any exception in a thread fails the test."""
    threads = min(threads, len(jobs))
    barrier = threading.Barrier(threads)
    results = [None] * len(jobs)
    errors = []

    def work(indexes):
        try:
            barrier.wait()
            for index in indexes:
                results[index] = jobs[index]()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    workers = [
        threading.Thread(target=work, args=(range(start, len(jobs), threads),))
        for start in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors, errors
    return results


def signing(page, language, number, **overrides):
    def post():
        return Client().post(
            f"/{language}/petitions/{page.pk}/sign/",
            sign_data(**overrides),
            HTTP_SEC_FETCH_SITE="same-origin",
            REMOTE_ADDR=f"10.{number // 65536}.{number // 256 % 256}.{number % 256}",
        )

    return post


def clicking(link):
    return lambda: Client().post(link)


def test_two_hundred_simultaneous_submissions_of_one_email_store_one_signature(
    petition_pages, settings
):
    spellings = ["ali@example.com", "ALI@example.com", "ali+quetta@Example.com"]
    languages = ["en", "ur", "haz"]
    jobs = [
        signing(
            petition_pages[languages[n % 3]],
            languages[n % 3],
            n,
            name=f"Ali {n}",
            email=spellings[n % 3],
        )
        for n in range(200)
    ]

    responses = at_once(jobs)

    assert {response.status_code for response in responses} == {302}
    assert all("/thanks/" in response["Location"] for response in responses)
    signature = Signature.objects.get()
    assert signature.state == "pending"
    assert len(mail.outbox) == signature.emails_sent
    assert signature.emails_sent == settings.PETITIONS_MAX_EMAILS_PER_SIGNATURE


def test_two_thousand_distinct_signatures_are_stored_confirmed_and_counted_exactly(
    petition_pages, petition
):
    languages = ["en", "ur", "haz"]
    jobs = [
        signing(
            petition_pages[languages[n % 3]],
            languages[n % 3],
            n,
            name=f"Signer {n}",
            email=f"signer{n}@example.com",
        )
        for n in range(2000)
    ]

    responses = at_once(jobs)

    assert {response.status_code for response in responses} == {302}
    assert Signature.objects.filter(state="pending").count() == 2000
    links = confirm_links()
    assert len(set(links)) == 2000

    confirmations = at_once([clicking(link) for link in links])

    assert {response.status_code for response in confirmations} == {302}
    assert Signature.objects.filter(state="confirmed").count() == 2000
    assert petition_count(petition=petition) == 2000
    assert shown_count(Client(), petition_pages["en"].url) == "2,000"
    json = Client().get(f"/en/petitions/{petition.pk}/count.json").json()
    assert json["count"] == 2000
    petition_reconcile(petition=petition)
    assert petition_count(petition=petition) == 2000


def test_a_confirmation_link_clicked_several_times_at_once_counts_once(
    petition_pages, petition
):
    jobs = [
        signing(
            petition_pages["ur"], "ur", n, name=f"Signer {n}", email=f"s{n}@example.com"
        )
        for n in range(50)
    ]
    at_once(jobs)
    links = confirm_links()
    # Every link four times, the clicks of one link spread over the threads.
    clicks = [clicking(link) for _round in range(4) for link in links]

    responses = at_once(clicks)

    assert {response.status_code for response in responses} == {302}
    assert Signature.objects.filter(state="confirmed").count() == 50
    assert petition_count(petition=petition) == 50
    petition_reconcile(petition=petition)
    assert petition_count(petition=petition) == 50
