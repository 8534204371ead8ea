"""While Redis cannot be reached, the site goes on from the database:
pages render, signing and confirming work and count, staff can sign in;
only /health/ says the cache is down."""

import pytest
from django.core import mail

from petitions.models import Signature
from tests.conftest import free_port
from tests.petitions.conftest import (
    confirm_links,
    shared_petition_pages,  # noqa: F401
    shown_count,
    sign,
)
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_away(settings):
    """The production cache backend pointed at a loopback port nothing
    listens on: a real Redis that is not there."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        },
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_SECONDS = 30


@pytest.mark.parametrize("language", ["en", "ur", "haz"])
def test_pages_render_without_redis(client, redis_away, petition_pages, language):
    for path in (f"/{language}/", petition_pages[language].url):
        response = client.get(path)
        assert response.status_code == 200, path
        assert f'<html lang="{language}"' in response.content.decode()


def test_signing_and_confirming_work_and_count_without_redis(
    client, redis_away, petition_pages
):
    response = sign(client, petition_pages["ur"], language="ur")
    assert response.status_code == 302
    [link] = confirm_links()
    assert client.post(link).status_code == 302

    assert Signature.objects.get().state == Signature.State.CONFIRMED
    assert shown_count(client, petition_pages["haz"].url) == "۱"
    assert len(mail.outbox) == 1


def test_staff_can_sign_in_without_redis(client, redis_away, admin_user):
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "password"}, follow=True
    )

    assert response.status_code == 200
    assert client.get("/admin/").status_code == 200


def test_health_tells_the_cache_is_down(client, redis_away):
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "cache": "failed",
    }
