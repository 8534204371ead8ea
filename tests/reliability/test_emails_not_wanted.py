"""An email still waiting for the mail server is not sent once staff have
invalidated the signature or erased the person it was for, nor once its
supporter has unsubscribed or confirmed some other way."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from petitions.models import Signature
from supporters.models import PendingEmail, Supporter
from tests.conftest import free_port, smtp_server_on, use_smtp
from tests.petitions.conftest import (
    shared_petition_pages,  # noqa: F401
    sign,
)
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401
from tests.petitions.test_invalidation import confirm_from_preview
from tests.petitions.test_supporters import join

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings):
    """Django's SMTP backend pointed at a loopback port where nothing listens
    yet; the port to start the server on."""
    port = free_port()
    use_smtp(settings, port)
    return port


def resend_when_the_server_returns(port):
    """Start the mail server, let the back-off pass and send what waits."""
    with smtp_server_on(port) as inbox:
        PendingEmail.objects.update(due_at=timezone.now() - timedelta(hours=1))
        call_command("emails_resend_pending", verbosity=0)
    return inbox.messages


def erase(admin_client, email):
    found = admin_client.post("/admin/erase_person/", {"email": email})
    confirm = found.context["confirm"]
    return admin_client.post(
        "/admin/erase_person/",
        {"erase": "1", **{name: confirm[name].value() for name in confirm.fields}},
    )


def test_a_signature_invalidated_while_its_email_waits_gets_no_email(
    admin_client, client, petition_pages, mail_server_down
):
    sign(client, petition_pages["ur"], "ur", email="bot@throwaway.example")
    sign(client, petition_pages["ur"], "ur", email="zainab@example.com", ip="10.0.0.2")
    assert PendingEmail.objects.count() == 2

    preview = admin_client.get(
        "/admin/invalidate_signatures/", {"domain": "throwaway.example"}
    )
    assert confirm_from_preview(admin_client, preview).status_code == 302

    pending = PendingEmail.objects.get()
    assert Signature.objects.get(pk=pending.object_id).email == "zainab@example.com"
    messages = resend_when_the_server_returns(mail_server_down)
    assert [message["To"] for message in messages] == ["zainab@example.com"]


def test_an_erased_person_gets_none_of_the_emails_that_waited_for_them(
    admin_client, client, petition_pages, mail_server_down
):
    sign(client, petition_pages["en"], "en", email="Ali.Hazara@gmail.com")
    join(client, "haz", email="alihazara+list@gmail.com", ip="10.0.0.3")
    sign(client, petition_pages["en"], "en", email="zahra@example.com", ip="10.0.0.2")
    assert PendingEmail.objects.count() == 3

    assert erase(admin_client, "ali.hazara@gmail.com").status_code == 302

    messages = resend_when_the_server_returns(mail_server_down)
    assert [message["To"] for message in messages] == ["zahra@example.com"]
    assert not PendingEmail.objects.exists()


def test_an_email_taken_for_sending_as_staff_invalidate_it_is_not_sent(
    client, petition_pages, mail_server_down
):
    # The email was already leased by a worker when the signature was
    # invalidated, so it escaped the clean-up: sending must still skip it.
    sign(client, petition_pages["en"], "en")
    Signature.objects.update(state=Signature.State.INVALID)

    assert resend_when_the_server_returns(mail_server_down) == []
    assert not PendingEmail.objects.exists()


def test_a_supporter_who_unsubscribed_while_the_email_waited_gets_no_email(
    client, petition_pages, mail_server_down
):
    join(client, "en")
    Supporter.objects.update(
        state=Supporter.State.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )

    assert resend_when_the_server_returns(mail_server_down) == []
    assert not PendingEmail.objects.exists()
