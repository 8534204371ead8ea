import pytest


@pytest.mark.django_db
def test_health_answers_ok_when_database_and_cache_answer(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_health_sets_no_cookie_and_may_not_be_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 30

    response = client.get("/health/")

    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_503_when_the_cache_is_down(client, settings):
    # Nothing listens on port 1 of loopback: a real connection failure, met
    # by the production cache backend, which lets pages go on without Redis
    # but not the health check.
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["cache"] == "failed"
    assert response.json()["database"] == "ok"


def test_health_answers_503_when_the_database_cannot_be_used(client):
    # Without the db fixture every query fails, as it would with the database down.
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["database"] == "failed"


@pytest.mark.django_db
def test_health_answers_only_to_reading(client):
    assert client.post("/health/").status_code == 405
