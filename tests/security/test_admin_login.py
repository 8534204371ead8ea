"""The admin sign-in is throttled: after repeated failures for one user name
from one address, or for many names from one address, even the right password
is refused there for a while, with a translated page that says so; failures
from elsewhere never lock an editor out."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser(
        "editor", "editor@example.org", "correct horse battery"
    )


def sign_in(client, password, username="editor", ip="198.51.100.20", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **headers,
    )


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_the_right_password_signs_in(client, editor):
    response = sign_in(client, "correct horse battery")

    assert response.status_code == 302
    assert signed_in(client)


def test_after_repeated_failures_even_the_right_password_is_refused(
    client, editor, settings
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "wrong")
        assert response.status_code == 200

    locked = sign_in(client, "wrong")
    after = sign_in(client, "correct horse battery")

    assert locked.status_code == after.status_code == 429
    html = after.content.decode()
    assert "Signing in is blocked for a while" in html
    assert "15 minutes" in html
    assert after["Retry-After"] == "900"
    assert not signed_in(client)


def test_failures_for_one_name_do_not_block_other_names_from_the_address(
    client, editor, settings
):
    get_user_model().objects.create_superuser("second", "s@example.org", "other pw")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", username="someone")

    response = sign_in(client, "other pw", username="second")

    assert response.status_code == 302
    assert signed_in(client)


def test_an_address_trying_many_names_is_blocked(client, editor, settings):
    get_user_model().objects.create_superuser("second", "s@example.org", "other pw")
    for attempt in range(settings.ADMIN_LOGIN_ADDRESS_FAILURE_LIMIT):
        sign_in(client, "wrong", username=f"guess{attempt}")

    response = sign_in(client, "other pw", username="second")

    assert response.status_code == 429
    assert not signed_in(client)


def test_wrong_passwords_from_elsewhere_do_not_lock_an_editor_out(
    client, editor, settings
):
    for attempt in range(settings.AXES_FAILURE_LIMIT * 2):
        response = sign_in(client, "wrong", ip=f"203.0.113.{attempt + 1}")
        assert response.status_code == 200
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", ip="203.0.113.200")

    refused = sign_in(client, "correct horse battery", ip="203.0.113.200")
    response = sign_in(client, "correct horse battery", ip="192.0.2.99")

    assert refused.status_code == 429
    assert response.status_code == 302
    assert signed_in(client)


def test_the_locked_page_is_in_the_visitors_language(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "wrong", HTTP_ACCEPT_LANGUAGE="ur")

    response = sign_in(client, "correct horse battery", HTTP_ACCEPT_LANGUAGE="ur")

    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="ur" dir="rtl"' in html
    assert "سائن ان کچھ دیر کے لیے بند ہے" in html


def test_a_successful_sign_in_clears_earlier_failures(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")
    sign_in(client, "correct horse battery")
    client.logout()

    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "wrong")
    response = sign_in(client, "correct horse battery")

    assert response.status_code == 302
