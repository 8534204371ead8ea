"""The petition the signing benchmarks use, and what they ask of it: the demo
petition page (created by `manage.py demo`, as a deployment's editors would
publish one), signers who each write from an address of their own, the links
their confirmation emails carry, the figures stored in PostgreSQL and the count
the site shows, and a fast way to fill it with a million signatures.

Everything that needs Django runs in `manage.py shell` with the benchmark's
production settings (so tokens are signed with its secret key, exactly as the
emails are); plain counts are read straight from PostgreSQL.
"""

import asyncio
import json
from dataclasses import dataclass

from benchmarks.harness import BenchEnvironment, manage, percentile

# Each signer's address, as the proxy in front would report it (one
# X-Forwarded-For entry, PETITIONS_PROXY_COUNT=1): 16.7 million distinct ones
# in 10.0.0.0/8, so the per-address limits see one person signing once.
PROXY_ENV = {"PETITIONS_PROXY_COUNT": "1"}


def signer_address(number: int) -> str:
    return f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


def signer_headers(number: int) -> dict[str, str]:
    return {"X-Forwarded-For": signer_address(number)}


def signer_form(run: str, number: int) -> dict[str, str]:
    """The signing form as a person fills it in: distinct per run and number."""
    return {
        "name": f"Signer {run} {number}",
        "email": f"signer-{run}-{number}@example.org",
        "city": "Quetta",
        "country": "PK",
        "notify": "on" if number % 2 else "",
        "subject": "",
    }


def signing_acknowledged(status: int, headers: dict[str, str]) -> bool:
    """The site took the signature: a redirect to the "check your email" page."""
    return status == 302 and "/thanks/" in headers.get("Location", "")


@dataclass(frozen=True)
class PetitionUnderTest:
    page_id: int
    petition_id: int
    path: str
    sign_path: str
    count_path: str


PREPARE = """
import json
from django.urls import reverse
from django.utils import translation
from petitions.models import PetitionPage
from petitions.services.signatures import petition_ensure_for_page
page = PetitionPage.objects.live().get(locale__language_code="en")
petition = petition_ensure_for_page(page=page)
with translation.override("en"):
    sign = reverse("petitions:sign", kwargs={"page_id": page.pk})
    count = reverse("petitions:count", kwargs={"petition_id": petition.pk})
print(json.dumps({"page_id": page.pk, "petition_id": petition.pk,
    "path": page.get_url(), "sign_path": sign, "count_path": count}))
"""


def petition_prepare(env: BenchEnvironment) -> PetitionUnderTest:
    """Load the demo site (after site_prepare) and return its English petition."""
    manage(env, "demo")
    line = manage(env, "shell", "-c", PREPARE).strip().splitlines()[-1]
    return PetitionUnderTest(**json.loads(line))


LINKS = """
from django.urls import reverse
from django.utils import translation
from petitions.models import Signature
from petitions.services.signatures import signature_confirm_token
pending = Signature.objects.filter(petition_id={petition_id}, state="pending")
with translation.override("en"):
    for signature in pending.order_by("pk"):
        token = signature_confirm_token(signature=signature)
        print("LINK", reverse("petitions:confirm", kwargs={{"token": token}}))
"""


def confirm_paths(env: BenchEnvironment, petition_id: int) -> list[str]:
    """The confirmation link of every pending signature, as its email has it
    (the path only)."""
    output = manage(env, "shell", "-c", LINKS.format(petition_id=petition_id))
    lines = output.splitlines()
    return [line.split(" ", 1)[1] for line in lines if line.startswith("LINK ")]


@dataclass(frozen=True)
class VisitResult:
    answered: int
    statuses: dict[int, int]
    seconds: float
    p50_ms: float
    p99_ms: float


def visit_all(
    urls: list[str], *, concurrency: int, expect: set[int] | None = None
) -> VisitResult:
    """Press the button of every emailed link once (a signer confirming: the
    link's own page sends it back by POST, from the same site; opening it
    alone acts on nothing), `concurrency` at a time, and count the answers
    by status."""
    import time

    import aiohttp

    queue = list(reversed(urls))
    statuses: dict[int, int] = {}
    latencies: list[float] = []

    async def worker() -> None:
        connector = aiohttp.TCPConnector(limit=1)
        async with aiohttp.ClientSession(
            connector=connector, cookie_jar=aiohttp.DummyCookieJar()
        ) as session:
            while queue:
                url = queue.pop()
                started = time.perf_counter()
                try:
                    async with session.post(
                        url,
                        allow_redirects=False,
                        headers={"Sec-Fetch-Site": "same-origin"},
                    ) as answer:
                        await answer.read()
                        status = answer.status
                except aiohttp.ClientError:
                    status = 0
                latencies.append((time.perf_counter() - started) * 1000)
                statuses[status] = statuses.get(status, 0) + 1

    async def run_all() -> None:
        await asyncio.gather(*(worker() for _ in range(concurrency)))

    started = time.monotonic()
    asyncio.run(run_all())
    latencies.sort()
    return VisitResult(
        answered=len(latencies),
        statuses=statuses,
        seconds=time.monotonic() - started,
        p50_ms=percentile(latencies, 50),
        p99_ms=percentile(latencies, 99),
    )


def database_query(env: BenchEnvironment, sql: str, *params) -> list[tuple]:
    import psycopg

    with psycopg.connect(env.database_url, autocommit=True) as connection:
        return connection.execute(sql, params).fetchall()


def signature_states(env: BenchEnvironment, petition_id: int) -> dict[str, int]:
    """Stored signatures of the petition by state."""
    return dict(
        database_query(
            env,
            "SELECT state, count(*) FROM petitions_signature WHERE petition_id = %s "
            "GROUP BY state",
            petition_id,
        )
    )


def duplicate_signers(env: BenchEnvironment, petition_id: int) -> int:
    """Canonical addresses stored more than once on the petition (the unique
    constraint says never; this checks what is stored, not the schema)."""
    return database_query(
        env,
        "SELECT count(*) FROM (SELECT email_canonical FROM petitions_signature "
        "WHERE petition_id = %s GROUP BY email_canonical HAVING count(*) > 1) AS d",
        petition_id,
    )[0][0]


def signatures_fill(env: BenchEnvironment, petition_id: int, rows: int) -> None:
    """Store `rows` more confirmed signatures on the petition in one INSERT …
    SELECT over generate_series (a million in about a minute), as signers of
    all three languages, half of them agreeing to hear of more actions."""
    import psycopg

    with psycopg.connect(env.database_url, autocommit=True) as connection:
        start = connection.execute(
            "SELECT coalesce(max(id), 0) FROM petitions_signature"
        ).fetchone()[0]
        connection.execute(
            """
            INSERT INTO petitions_signature (
                petition_id, name, name_key, email, email_canonical, city,
                country, language, state, suspect_reason, consent_to_updates,
                consent_text, consent_at, ip_hash, emails_sent, created_at,
                confirmed_at
            )
            SELECT %(petition)s,
                   CASE WHEN n %% 3 = 0 THEN 'Signer number ' || n
                        ELSE 'علی رضا ' || n END,
                   'signer ' || n,
                   'filled' || n || '@example.org',
                   'filled' || n || '@example.org',
                   'Quetta', 'PK',
                   (ARRAY['en', 'ur', 'haz'])[n %% 3 + 1],
                   'confirmed', '', n %% 2 = 1,
                   CASE WHEN n %% 2 = 1 THEN 'Email me about more actions.'
                        ELSE '' END,
                   CASE WHEN n %% 2 = 1 THEN now() END,
                   md5(n::text), 1,
                   now() - interval '1 day', now() - interval '1 day'
            FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS n
            """,
            {
                "petition": petition_id,
                "first": start + 1,
                "last": start + rows,
            },
        )
        connection.execute("ANALYZE petitions_signature")
