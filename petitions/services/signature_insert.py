"""A new signature's checks and its insert as one SQL statement: the
signing form's write path costs one round trip for them instead of three
(the address check, the repeat-name count, the insert).

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
   (emails_sent 1); a suspect row has sent none.

Plain SQL on the table petitions_signature (petitions.Signature), that
PostgreSQL and SQLite both run (INSERT … SELECT … WHERE NOT
EXISTS … ON CONFLICT DO NOTHING RETURNING). Raw SQL lives here only.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection

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


@dataclass(frozen=True)
class Inserted:
    id: int
    state: str
    suspect_reason: str


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
) -> Inserted | None:
    """Insert the signature by the rules above: the new row, or None when
    the address has signed the petition already."""
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            STATEMENT,
            {
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
            },
        )
        row = cursor.fetchone()
    return Inserted(*row) if row else None
