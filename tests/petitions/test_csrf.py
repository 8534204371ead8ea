import pytest
from django.test import Client

from petitions.models import Signature
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401

from .conftest import sign_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def post(client, page, **headers):
    return client.post(f"/ur/petitions/{page.pk}/sign/", sign_data(), **headers)


def test_petition_page_sets_no_cookie_and_holds_no_token(strict_client, petition_pages):
    for page in petition_pages.values():
        response = strict_client.get(page.url)

        assert response.status_code == 200
        assert not response.cookies
        assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
    ],
)
def test_cross_origin_signature_is_refused_with_a_translated_page(
    strict_client, petition_pages, headers
):
    response = post(strict_client, petition_pages["ur"], **headers)

    assert response.status_code == 403
    assert "اپنی سائٹ پر دستخط کریں" in response.content.decode()
    assert Signature.objects.count() == 0


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "same-origin"},
        {"HTTP_ORIGIN": "http://testserver"},
        {},
    ],
)
def test_same_origin_signature_works_without_any_cookie_or_token(
    strict_client, petition_pages, headers
):
    response = post(strict_client, petition_pages["ur"], **headers)

    assert response.status_code == 302
    assert Signature.objects.count() == 1
    assert not response.cookies


def test_thank_you_pages_set_no_cookie(strict_client, petition_pages):
    page = petition_pages["haz"]
    for path in (
        f"/haz/petitions/{page.pk}/thanks/",
        f"/haz/petitions/{page.pk}/confirmed/",
    ):
        response = strict_client.get(path)
        assert response.status_code == 200
        assert not response.cookies
