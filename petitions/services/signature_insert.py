"""A new signature's checks, its insert and its confirmation email's row in
the outbox as one SQL statement on PostgreSQL: the signing form's write path
costs one round trip for them instead of six (the address check, the
repeat-name count, the insert, the outbox row, and the transaction's BEGIN
and COMMIT, which one statement does not need: it is stored whole or not at
all). SQLite, which cannot insert from a WITH clause, runs the signature's
statement and then the outbox row in one transaction.

The rules it implements, the same as the ORM code it replaced (the rule
table in tests/petitions/test_signature_insert.py runs against both):

1. One signature per petition and address (canonical form): when one
   exists, nothing is inserted and None is returned. Two requests at the
   same moment cannot both insert: the unique constraint decides (ON
   CONFLICT DO NOTHING) and the loser also gets None.
2. A reason found before the statement (`reason`: the rate limit, a blocked
   domain) makes the new row suspect with that reason.
3. Otherwise, when at least `repeat_limit` signatures of the petition with
   the same name key from the same hashed address were made since
   `repeat_since`, the row is suspect as "repeat_name". Without a hashed
   address this never applies.
4. Otherwise the row is pending, with its first email counted
   (emails_sent 1) and that email stored in the outbox
   (supporters.PendingEmail, due now, of `email_kind`); a suspect row has
   sent none and has none stored.

Plain SQL on the tables petitions_signature (petitions.Signature) and the
outbox's: INSERT … SELECT … WHERE NOT EXISTS … ON CONFLICT DO NOTHING
RETURNING, which PostgreSQL and SQLite both run, and on PostgreSQL inside
WITH, followed by the outbox's INSERT … SELECT from its result. Raw SQL
lives here only.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction

from supporters.emails import email_kind_check
from supporters.models import PendingEmail

STATEMENT = """
INSERT INTO petitions_signature (
    petition_id, name, name_key, email, email_canonical, city, country,
    language, state, suspect_reason, consent_to_updates, consent_text,
    consent_at, ip_hash, emails_sent, created_at
)
SELECT
    %(petition)s, %(name)s, %(name_key)s, %(email)s, %(canonical)s, %(city)s,
    %(country)s, %(language)s,
    CASE WHEN checked.reason = '' THEN 'pending' ELSE 'suspect' END,
    checked.reason, %(consent)s, %(consent_text)s, %(consent_at)s, %(ip)s,
    CASE WHEN checked.reason = '' THEN 1 ELSE 0 END,
    %(now)s
FROM (
    SELECT CASE
        WHEN %(reason)s <> '' THEN %(reason)s
        WHEN %(ip)s <> '' AND (
            SELECT COUNT(*) FROM petitions_signature
            WHERE petition_id = %(petition)s
              AND ip_hash = %(ip)s
              AND name_key = %(name_key)s
              AND created_at >= %(repeat_since)s
        ) >= %(repeat_limit)s THEN 'repeat_name'
        ELSE ''
    END AS reason
) AS checked
WHERE NOT EXISTS (
    SELECT 1 FROM petitions_signature
    WHERE petition_id = %(petition)s AND email_canonical = %(canonical)s
)
ON CONFLICT DO NOTHING
RETURNING id, state, suspect_reason
"""


# PostgreSQL: the signature's statement, and the outbox row of a pending one.
# Built from constants only: every value is a parameter.
WITH_EMAIL = f"""
WITH signature AS ({STATEMENT}),
email AS (
    INSERT INTO {PendingEmail._meta.db_table} (
        kind, object_id, base_url, attempts, due_at, locked_until, created_at
    )
    SELECT %(email_kind)s, id, %(base_url)s, 0, %(now)s, NULL, %(now)s
    FROM signature WHERE state = 'pending'
    RETURNING id
)
SELECT signature.id, signature.state, signature.suspect_reason,
    (SELECT id FROM email)
FROM signature
"""  # noqa: S608


@dataclass(frozen=True)
class Inserted:
    id: int
    state: str
    suspect_reason: str
    # The confirmation email's row in the outbox (pending signatures only).
    email_id: int | None = None


def signature_insert(
    *,
    petition_id: int,
    name: str,
    name_key: str,
    email: str,
    canonical: str,
    city: str,
    country: str,
    language: str,
    consent: bool,
    consent_text: str,
    ip: str,
    reason: str,
    repeat_since: datetime,
    repeat_limit: int,
    now: datetime,
    email_kind: str,
    base_url: str,
) -> Inserted | None:
    """Insert the signature and its email by the rules above: the new row,
    or None when the address has signed the petition already."""
    email_kind_check(email_kind)
    adapt = connection.ops.adapt_datetimefield_value
    values = {
        "petition": petition_id,
        "name": name,
        "name_key": name_key,
        "email": email,
        "canonical": canonical,
        "city": city,
        "country": country,
        "language": language,
        "consent": consent,
        "consent_text": consent_text if consent else "",
        "consent_at": adapt(now) if consent else None,
        "ip": ip,
        "reason": reason,
        "repeat_since": adapt(repeat_since),
        "repeat_limit": repeat_limit,
        "now": adapt(now),
        "email_kind": email_kind,
        "base_url": base_url,
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(WITH_EMAIL, values)
            row = cursor.fetchone()
        return Inserted(*row) if row else None
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(STATEMENT, values)
        row = cursor.fetchone()
        if row is None:
            return None
        inserted = Inserted(*row)
        if inserted.state != "pending":
            return inserted
        email = PendingEmail.objects.create(
            kind=email_kind, object_id=inserted.id, base_url=base_url, due_at=now
        )
        return Inserted(*row, email_id=email.pk)
