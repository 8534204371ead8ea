"""Bad input: at least 10,000 generated submissions between the public
endpoints (public_endpoints.PUBLIC_ENDPOINTS). Never a server error, nothing
invalid stored, every refusal a translated message.

`make test` and CI send them all; `make test-fast` sends a sample of the same
shape (HOSTILE_SUBMISSIONS=500: each endpoint its share of 500). Each
submission goes through the whole site in-process (Django's test client:
middleware, view, form, services, templates), which is why this is the
slowest module of the unit tests: about two minutes of one core's time."""

import os

import pytest
from hypothesis import given, settings

from .public_endpoints import PUBLIC_ENDPOINTS, Targets

pytestmark = pytest.mark.django_db

ALL_SUBMISSIONS = 10_000
SUBMISSIONS = int(os.environ.get("HOSTILE_SUBMISSIONS", ALL_SUBMISSIONS))


def examples(endpoint) -> int:
    """The endpoint's share of this run's submissions."""
    return max(1, endpoint.examples * SUBMISSIONS // ALL_SUBMISSIONS)


@pytest.fixture
def targets(petition_pages, petition):
    return Targets(petition_pages=petition_pages, petition=petition)


def test_the_public_endpoints_share_at_least_ten_thousand_submissions():
    assert sum(endpoint.examples for endpoint in PUBLIC_ENDPOINTS) >= ALL_SUBMISSIONS


@pytest.mark.parametrize("endpoint", PUBLIC_ENDPOINTS, ids=lambda e: e.name)
def test_public_endpoint_answers_any_input_without_a_server_error(
    client, targets, endpoint
):
    sent = 0

    @settings(max_examples=examples(endpoint))
    @given(submission=endpoint.submissions(targets))
    def send(submission):
        nonlocal sent
        sent += 1
        response = endpoint.send(client, targets, submission)
        assert response.status_code < 500
        endpoint.check(response, targets, submission)

    send()
    assert sent >= examples(endpoint)
