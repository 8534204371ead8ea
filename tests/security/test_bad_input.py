"""Bad input: at least 10,000 generated submissions between the public
endpoints (public_endpoints.PUBLIC_ENDPOINTS). Never a server error, nothing
invalid stored, every refusal a translated message."""

import pytest
from hypothesis import given, settings

from .public_endpoints import PUBLIC_ENDPOINTS, Targets

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets(petition_pages, petition):
    return Targets(petition_pages=petition_pages, petition=petition)


def test_the_public_endpoints_share_at_least_ten_thousand_submissions():
    assert sum(endpoint.examples for endpoint in PUBLIC_ENDPOINTS) >= 10_000


@pytest.mark.parametrize("endpoint", PUBLIC_ENDPOINTS, ids=lambda e: e.name)
def test_public_endpoint_answers_any_input_without_a_server_error(
    client, targets, endpoint
):
    sent = 0

    @settings(max_examples=endpoint.examples)
    @given(submission=endpoint.submissions(targets))
    def send(submission):
        nonlocal sent
        sent += 1
        response = endpoint.send(client, targets, submission)
        assert response.status_code < 500
        endpoint.check(response, targets, submission)

    send()
    assert sent >= endpoint.examples
