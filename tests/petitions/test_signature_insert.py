"""The rules of a new signature's insert (petitions.services.signature_insert,
one SQL statement with its email's outbox row) as a table, run against it and
against the ORM code it replaced (orm_insert below), on SQLite and PostgreSQL
alike."""

import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from petitions.models import Signature
from petitions.services.signature_insert import Inserted, signature_insert
from petitions.services.signatures import SignatureEmail
from supporters.models import PendingEmail
from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401

from .conftest import add_signature

pytestmark = pytest.mark.django_db

LIMIT = 2
WINDOW = timedelta(hours=1)
IP = "hash-of-203.0.113.7"
NEW = {"name": "Ali Hazara", "email": "ali@example.com", "ip": IP, "reason": ""}
EMAIL_KIND = SignatureEmail.CONFIRM.outbox_kind


def orm_insert(*, petition_id, canonical, ip, name_key, reason, **values):
    """The ORM code the statement replaced: six round trips."""
    if Signature.objects.filter(
        petition_id=petition_id, email_canonical=canonical
    ).exists():
        return None
    if (
        not reason
        and ip
        and Signature.objects.filter(
            petition_id=petition_id,
            ip_hash=ip,
            name_key=name_key,
            created_at__gte=values["repeat_since"],
        ).count()
        >= values["repeat_limit"]
    ):
        reason = "repeat_name"
    try:
        with transaction.atomic():
            signature = Signature.objects.create(
                petition_id=petition_id,
                name=values["name"],
                name_key=name_key,
                email=values["email"],
                email_canonical=canonical,
                city=values["city"],
                country=values["country"],
                language=values["language"],
                state="suspect" if reason else "pending",
                suspect_reason=reason,
                consent_to_updates=values["consent"],
                consent_text=values["consent_text"] if values["consent"] else "",
                consent_at=values["now"] if values["consent"] else None,
                ip_hash=ip,
                emails_sent=0 if reason else 1,
                created_at=values["now"],
            )
            if signature.state != "pending":
                return Inserted(signature.pk, signature.state, signature.suspect_reason)
            email = PendingEmail.objects.create(
                kind=values["email_kind"],
                object_id=signature.pk,
                base_url=values["base_url"],
            )
    except IntegrityError:
        return None
    return Inserted(signature.pk, signature.state, signature.suspect_reason, email.pk)


IMPLEMENTATIONS = {"one statement": signature_insert, "ORM": orm_insert}

# (case, signatures there before: [(email, name, ip, minutes ago, same
# petition)], what is sent, (state, reason) stored or None)
RULES = [
    ("a first signature is pending", [], {}, ("pending", "")),
    (
        "the same address again stores nothing",
        [("ali@example.com", "Someone Else", "other", 5, True)],
        {},
        None,
    ),
    (
        "the same address on another petition is a new signature",
        [("ali@example.com", "Ali Hazara", IP, 5, False)],
        {},
        ("pending", ""),
    ),
    (
        "a reason found before makes it suspect",
        [],
        {"reason": "rate_limit"},
        ("suspect", "rate_limit"),
    ),
    (
        "one name from one address below the limit is pending",
        [("a1@example.com", "Ali Hazara", IP, 5, True)],
        {},
        ("pending", ""),
    ),
    (
        "one name from one address at the limit is suspect",
        [
            ("a1@example.com", "Ali Hazara", IP, 5, True),
            ("a2@example.com", "ALI  hazara", IP, 10, True),
        ],
        {},
        ("suspect", "repeat_name"),
    ),
    (
        "the earlier reason wins over a repeated name",
        [
            ("a1@example.com", "Ali Hazara", IP, 5, True),
            ("a2@example.com", "Ali Hazara", IP, 10, True),
        ],
        {"reason": "blocked_domain"},
        ("suspect", "blocked_domain"),
    ),
    (
        "repeats older than the window do not count",
        [
            ("a1@example.com", "Ali Hazara", IP, 61, True),
            ("a2@example.com", "Ali Hazara", IP, 90, True),
        ],
        {},
        ("pending", ""),
    ),
    (
        "repeats from another address do not count",
        [
            ("a1@example.com", "Ali Hazara", "other", 5, True),
            ("a2@example.com", "Ali Hazara", "other", 10, True),
        ],
        {},
        ("pending", ""),
    ),
    (
        "repeats on another petition do not count",
        [
            ("a1@example.com", "Ali Hazara", IP, 5, False),
            ("a2@example.com", "Ali Hazara", IP, 10, False),
        ],
        {},
        ("pending", ""),
    ),
    (
        "without an address a repeated name is never suspect",
        [
            ("a1@example.com", "Ali Hazara", "", 5, True),
            ("a2@example.com", "Ali Hazara", "", 10, True),
        ],
        {"ip": ""},
        ("pending", ""),
    ),
]


@pytest.fixture
def petitions(petition_pages):
    from petitions.models import Petition

    first = Petition.objects.get(translation_key=petition_pages["en"].translation_key)
    second = Petition.objects.create(
        title="Another petition", target=10, translation_key=uuid.uuid4()
    )
    return first, second


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
@pytest.mark.parametrize(
    ("before", "sent", "expected"),
    [rule[1:] for rule in RULES],
    ids=[rule[0] for rule in RULES],
)
def test_a_new_signature_is_stored_by_the_rules(
    petitions, implementation, before, sent, expected
):
    from supporters.identity import name_key

    petition, other = petitions
    now = timezone.now()
    for email, name, ip, minutes, same in before:
        add_signature(
            petition if same else other,
            email,
            name=name,
            state="pending",
            ip_hash=ip,
            created_at=now - timedelta(minutes=minutes),
        )
    new = {**NEW, **sent}

    result = IMPLEMENTATIONS[implementation](
        petition_id=petition.pk,
        name=new["name"],
        name_key=name_key(new["name"]),
        email=new["email"],
        canonical=new["email"],
        city="Quetta",
        country="PK",
        language="ur",
        consent=True,
        consent_text="Keep me informed",
        ip=new["ip"],
        reason=new["reason"],
        repeat_since=now - WINDOW,
        repeat_limit=LIMIT,
        now=now,
        email_kind=EMAIL_KIND,
        base_url="https://example.org",
    )

    if expected is None:
        assert result is None
        assert Signature.objects.filter(petition=petition).count() == len(
            [row for row in before if row[4]]
        )
        assert not PendingEmail.objects.exists()
        return
    stored = Signature.objects.get(pk=result.id)
    assert (result.state, result.suspect_reason) == expected
    assert (stored.state, stored.suspect_reason) == expected
    assert stored.emails_sent == (1 if expected[0] == "pending" else 0)
    assert (stored.name, stored.city, stored.language) == ("Ali Hazara", "Quetta", "ur")
    assert stored.consent_text == "Keep me informed"
    assert stored.consent_at == now
    assert stored.created_at == now
    emails = list(
        PendingEmail.objects.values_list("pk", "kind", "object_id", "base_url")
    )
    if expected[0] == "pending":
        assert emails == [
            (result.email_id, EMAIL_KIND, result.id, "https://example.org")
        ]
        assert PendingEmail.objects.get().due_at <= timezone.now()
    else:
        assert emails == []
        assert result.email_id is None
