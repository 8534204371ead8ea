"""Behind a proxy, each signer keeps their own address only when
PETITIONS_PROXY_COUNT says how many proxies there are; left at 0, the log
says so the first time a proxied request arrives."""

import logging

import pytest

from petitions.models import Signature
from supporters.http import _warn_proxy_count_unset
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401

from .conftest import sign_data

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def warn_again():
    _warn_proxy_count_unset.cache_clear()
    yield
    _warn_proxy_count_unset.cache_clear()


def sign_through_proxy(client, page, visitor, email):
    response = client.post(
        f"/en/petitions/{page.pk}/sign/",
        sign_data(email=email),
        HTTP_SEC_FETCH_SITE="same-origin",
        HTTP_X_FORWARDED_FOR=visitor,
        REMOTE_ADDR=PROXY,
    )
    assert response.status_code == 302


def test_with_the_proxy_count_set_each_signer_keeps_their_address(
    client, petition_pages, settings, caplog
):
    settings.PETITIONS_PROXY_COUNT = 1
    caplog.set_level(logging.WARNING, logger="supporters.http")

    sign_through_proxy(client, petition_pages["en"], "198.51.100.7", "a@example.com")
    sign_through_proxy(client, petition_pages["en"], "198.51.100.8", "b@example.com")

    assert len(set(Signature.objects.values_list("ip_hash", flat=True))) == 2
    assert "PETITIONS_PROXY_COUNT" not in caplog.text


def test_left_unset_behind_a_proxy_signers_share_its_address_and_the_log_says_so(
    client, petition_pages, settings, caplog
):
    settings.PETITIONS_PROXY_COUNT = 0
    caplog.set_level(logging.WARNING, logger="supporters.http")

    sign_through_proxy(client, petition_pages["en"], "198.51.100.7", "a@example.com")
    sign_through_proxy(client, petition_pages["en"], "198.51.100.8", "b@example.com")

    assert len(set(Signature.objects.values_list("ip_hash", flat=True))) == 1
    warnings = [r for r in caplog.records if "PETITIONS_PROXY_COUNT" in r.message]
    assert len(warnings) == 1
    assert "198.51.100" not in caplog.text
