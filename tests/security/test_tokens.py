"""Links in emails carry tokens that cannot be guessed or altered and work
only for what they were made for.

A new kind of emailed link is covered by adding a TokenPurpose to PURPOSES:
each purpose's tokens are then also tried at every other purpose's address,
where they must do nothing. Every signer here has also asked to join the
supporter list, so that each kind of link has something to act on.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core import signing

from petitions.models import Signature
from petitions.services.signatures import signature_confirm_token
from supporters.emails import unsubscribe_url
from supporters.models import Supporter
from supporters.services import supporter_confirm_token
from supporters.tokens import TokenPurpose as Purpose
from tests.petitions.conftest import sign

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class TokenPurpose:
    name: str
    salt: str
    make: Callable[[Signature], str]
    path: Callable[[str], str]
    # The id the token carries for a signature's signer.
    carries: Callable[[Signature], int]
    # True once the address has acted on the signature.
    acted: Callable[[Signature], bool]


PURPOSES = [
    TokenPurpose(
        "confirm a signature",
        f"petitions.{Purpose.SIGNATURE_CONFIRM}",
        lambda signature: signature_confirm_token(signature=signature),
        lambda token: f"/en/petitions/confirm/{token}/",
        lambda signature: signature.pk,
        lambda signature: signature.state == Signature.State.CONFIRMED,
    ),
    TokenPurpose(
        "confirm a sign-up to the supporter list",
        f"petitions.{Purpose.SUPPORTER_CONFIRM}",
        lambda signature: supporter_confirm_token(supporter=supporter_of(signature)),
        lambda token: f"/en/supporters/confirm/{token}/",
        lambda signature: supporter_of(signature).pk,
        lambda signature: supporter_of(signature).state == Supporter.State.SUBSCRIBED,
    ),
    TokenPurpose(
        "unsubscribe",
        f"petitions.{Purpose.UNSUBSCRIBE}",
        lambda signature: (
            unsubscribe_url(
                base_url="", language="en", value=f"signature:{signature.pk}"
            )
            .rstrip("/")
            .rsplit("/", 1)[1]
        ),
        lambda token: f"/en/supporters/unsubscribe/{token}/",
        lambda signature: signature.pk,
        lambda signature: supporter_of(signature).state == Supporter.State.UNSUBSCRIBED,
    ),
]


def supporter_of(signature):
    return Supporter.objects.get(email_canonical=signature.email_canonical)


@pytest.fixture
def signatures(client, petition_pages):
    for n in range(3):
        sign(
            client, petition_pages["en"], "en", name=f"Signer {n}", email=f"s{n}@x.org"
        )
        client.post(
            "/en/supporters/join/",
            {"email": f"s{n}@x.org", "consent": "on"},
            REMOTE_ADDR=f"192.0.2.{n}",
        )
    assert Supporter.objects.filter(state=Supporter.State.PENDING).count() == 3
    return list(Signature.objects.order_by("pk"))


def fresh(signature):
    return Signature.objects.get(pk=signature.pk)


@pytest.mark.parametrize("purpose", PURPOSES, ids=lambda p: p.name)
def test_a_token_works_for_its_own_signature_only(client, signatures, purpose):
    first, second, _third = signatures
    token = purpose.make(first)
    value, timestamp, mac = token.rsplit(":", 2)
    # The same token with the other signature's (or supporter's) id in it.
    kind, colon, _pk = value.rpartition(":")
    forged = f"{kind}{colon}{purpose.carries(second)}:{timestamp}:{mac}"

    client.post(purpose.path(forged))
    assert not purpose.acted(fresh(second))

    client.post(purpose.path(token))
    assert purpose.acted(fresh(first))
    assert not purpose.acted(fresh(second))


@pytest.mark.parametrize("purpose", PURPOSES, ids=lambda p: p.name)
def test_tokens_signed_for_another_purpose_or_key_do_nothing(
    client, signatures, purpose, settings
):
    signature = signatures[0]
    foreign = [
        signing.TimestampSigner(salt="another.purpose").sign(str(signature.pk)),
        signing.TimestampSigner().sign(str(signature.pk)),
        signing.dumps(signature.pk, salt=purpose.salt),
        signing.TimestampSigner(key="another-secret-key", salt=purpose.salt).sign(
            str(signature.pk)
        ),
        *(other.make(signature) for other in PURPOSES if other.salt != purpose.salt),
    ]

    for token in foreign:
        response = client.post(purpose.path(token))
        assert response.status_code in (400, 404), token
        assert not purpose.acted(fresh(signature)), token


@pytest.mark.parametrize("purpose", PURPOSES, ids=lambda p: p.name)
def test_tokens_are_keyed_hashes_not_sequences(signatures, purpose):
    tokens = [purpose.make(signature) for signature in signatures]
    macs = [token.rsplit(":", 1)[1] for token in tokens]
    # Ids only: an address never travels in a link.
    assert not any("@" in token for token in tokens)

    # HMAC-SHA256 in URL-safe base64: 256 bits nobody can compute without the
    # secret key.
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", mac) for mac in macs)
    assert len(set(macs)) == len(macs)
    assert len({purpose.salt for purpose in PURPOSES}) == len(PURPOSES)
