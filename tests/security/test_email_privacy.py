"""A signer's or supporter's email address never appears in a public page,
in the count JSON or in the logs, whatever they did: signed, confirmed,
signed again, were held back, made a mistake in the form, joined the
supporter list, confirmed or unsubscribed."""

import logging

import pytest
from django.core import mail
from django.core.management import call_command

from supporters.models import BlockedEmailDomain
from tests.conftest import free_port, use_smtp
from tests.petitions.conftest import confirm_links, sign
from tests.petitions.test_supporters import SUPPORTER_LINK, UNSUBSCRIBE_LINK, join

pytestmark = pytest.mark.django_db

ADDRESS = "zahra.unique-7f3a@example.org"
BLOCKED = "hidden-9c2e@throwaway.example"


def test_no_page_json_or_log_line_shows_a_signers_address(
    client, petition_pages, petition, caplog, settings
):
    caplog.set_level(logging.DEBUG)
    BlockedEmailDomain.objects.create(domain="throwaway.example")
    private = []
    for language, page in petition_pages.items():
        private.append(sign(client, page, language, email=ADDRESS))
    client.post(confirm_links()[0])
    for language, page in petition_pages.items():
        private.append(sign(client, page, language, email=ADDRESS.upper()))
    sign(client, petition_pages["ur"], "ur", email=BLOCKED, name="Held Back")
    # A form sent back with a mistake holds the address, for its sender only.
    refused = sign(client, petition_pages["haz"], "haz", email=ADDRESS, name="")
    assert refused.status_code == 200
    assert "no-store" in refused["Cache-Control"]
    assert "private" in refused["Cache-Control"]
    # Sending fails: the failure is logged, never with the address.
    use_smtp(settings, free_port())
    sign(
        client,
        petition_pages["en"],
        "en",
        ip="192.0.2.44",
        name="Another Signer",
        email="other." + ADDRESS,
    )
    call_command("petitions_reconcile", verbosity=0)
    assert len(mail.outbox) >= 2

    public = [
        f"/{language}/petitions/{petition.pk}/count.json" for language in petition_pages
    ]
    for language, page in petition_pages.items():
        public += [
            page.url,
            f"/{language}/",
            f"/{language}/petitions/{page.pk}/thanks/",
            f"/{language}/petitions/{page.pk}/confirmed/",
            f"/{language}/search/?q=zahra",
            f"/{language}/no-such-page/",
        ]
    for path in public:
        body = client.get(path).content.decode().casefold()
        for secret in ("zahra.unique", "hidden-9c2e", "@example.org"):
            assert secret not in body, path
    for response in private:
        assert response.status_code == 302
    assert "trying again" in caplog.text  # the logs were captured
    for secret in ("zahra.unique", "hidden-9c2e"):
        assert secret not in caplog.text.casefold()


def test_no_supporter_page_or_log_line_shows_a_supporters_address(
    client, petition_pages, caplog, settings
):
    caplog.set_level(logging.DEBUG)
    pages = [join(client, language, email=ADDRESS) for language in ("en", "ur")]
    pages.append(join(client, "haz", email=ADDRESS, consent=None))
    message = mail.outbox[0]
    pages.append(client.post(SUPPORTER_LINK.search(message.body).group(0)))
    pages.append(client.get(UNSUBSCRIBE_LINK.search(message.body).group(0)))
    pages.append(client.post(UNSUBSCRIBE_LINK.search(message.body).group(0)))
    pages.append(client.get("/ur/supporters/join/thanks/"))
    # Sending fails: the failure is logged, never with the address.
    use_smtp(settings, free_port())
    join(client, "ur", ip="192.0.2.45", email="other." + ADDRESS)

    refused = pages[2]
    assert refused.status_code == 200
    assert "no-store" in refused["Cache-Control"]
    for response in pages:
        if response is refused:
            continue
        assert response.status_code in (200, 302)
        assert "zahra.unique" not in response.content.decode().casefold()
    assert "trying again" in caplog.text
    assert "zahra.unique" not in caplog.text.casefold()
