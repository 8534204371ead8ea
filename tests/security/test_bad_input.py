"""Bad input: at least 10,000 generated submissions between the public
endpoints (public_endpoints.PUBLIC_ENDPOINTS). Never a server error, nothing
invalid stored, every refusal a translated message.

On PostgreSQL, the production database (with refusals of its own, such as
NUL), `make test` and CI send them all; on SQLite a fifth of them, of the
same shape, and `make test-fast` a sample of 500 (HOSTILE_SUBMISSIONS sets
the number: each endpoint gets its share of it). A
submission sent over HTTP goes through the whole site in-process (Django's
test client: middleware, view, form, services, templates), about 20 ms each;
an endpoint with a form and service layer (PublicEndpoint.direct) gets most
of its share there instead, a tenth of the cost, and 1 in HTTP_SHARE over
HTTP, which still tries what only the view sees (origins, page ids,
bodies)."""

import os

import pytest
from django.conf import settings as django_settings
from hypothesis import given, settings

from .public_endpoints import PUBLIC_ENDPOINTS, Targets

pytestmark = pytest.mark.django_db
# Each worker builds the pages in seconds; the submissions take minutes.
SPREAD_OVER_WORKERS = True

ALL_SUBMISSIONS = 10_000
ON_POSTGRESQL = "postgresql" in django_settings.DATABASES["default"]["ENGINE"]
SUBMISSIONS = int(
    os.environ.get(
        "HOSTILE_SUBMISSIONS",
        ALL_SUBMISSIONS if ON_POSTGRESQL else ALL_SUBMISSIONS // 5,
    )
)


def scaled(examples: int) -> int:
    """A share of all the submissions, as a share of this run's."""
    return max(1, examples * SUBMISSIONS // ALL_SUBMISSIONS)


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

    @settings(max_examples=scaled(endpoint.http_examples))
    @given(submission=endpoint.submissions(targets))
    def send(submission):
        nonlocal sent
        sent += 1
        response = endpoint.send(client, targets, submission)
        assert response.status_code < 500
        endpoint.check(response, targets, submission)

    send()
    assert sent >= scaled(endpoint.http_examples)


@pytest.mark.parametrize(
    "endpoint",
    [endpoint for endpoint in PUBLIC_ENDPOINTS if endpoint.direct],
    ids=lambda e: e.name,
)
def test_form_and_service_layer_take_any_input_and_keep_nothing_invalid(
    targets, endpoint
):
    sent = 0

    @settings(max_examples=scaled(endpoint.direct_examples))
    @given(submission=endpoint.submissions(targets))
    def send(submission):
        nonlocal sent
        sent += 1
        endpoint.direct(targets, submission)

    send()
    assert sent >= scaled(endpoint.direct_examples)
