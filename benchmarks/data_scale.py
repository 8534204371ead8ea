"""Scale with data: the petition page's queries and render time with 10 and
with 1,000,000 signatures, which must be the same.

Two petitions side by side in one database: the demo petition with 10
confirmed signatures and a copy of its page with 1,000,000 (stored with one
INSERT … SELECT over generate_series), both reconciled as the periodic task
does. One process with the production settings and the page cache off renders
each page in turn, so both meet the same machine at the same moment, and counts
the queries each render makes:

- the page with its count in Redis (how nearly every render finds it);
- the page with the count just dropped from Redis, so the render rebuilds it
  (the reconciled count plus the signatures confirmed since);
- one signature posted to each petition (the write path).

    python -m benchmarks.data_scale --rows 1000000
"""

import argparse
import json

from benchmarks.harness import (
    bench_environment,
    header,
    manage,
    site_prepare,
    table,
)
from benchmarks.petition_data import petition_prepare, signatures_fill

SMALL = 10

# A second petition: the demo petition's page copied under the same campaign
# with a translation key of its own, published, so it gets its own Petition.
COPY = """
import json
from petitions.models import PetitionPage
from petitions.services.signatures import petition_ensure_for_page
page = PetitionPage.objects.live().get(pk={page_id})
copy = page.copy(update_attrs={{"slug": "petition-at-scale",
    "title": "The same petition, at scale"}}, keep_live=True)
copy = PetitionPage.objects.get(pk=copy.pk)
copy.save_revision().publish()
petition = petition_ensure_for_page(page=copy)
print(json.dumps({{"page_id": copy.pk, "petition_id": petition.pk,
    "path": copy.get_url()}}))
"""

# Runs in one process: each page in turn, so noise falls on both alike.
MEASURE = """
import json, statistics, time
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from petitions.selectors import petition_count_cache_key
cases = json.loads('{cases}')
repeats = {repeats}
client = Client()
def timed(call):
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = call()
        elapsed = (time.perf_counter() - started) * 1000
    sql = sum(float(query["time"]) for query in queries.captured_queries) * 1000
    return response, elapsed, len(queries.captured_queries), sql
results = {{case["name"]: {{"warm": [], "cold": [], "sign": []}} for case in cases}}
for case in cases:
    client.get(case["path"])
for round_number in range(repeats):
    for case in cases:
        response, ms, n, sql = timed(lambda: client.get(case["path"]))
        assert response.status_code == 200, response.status_code
        assert case["count_display"] in response.content.decode(), "count not shown"
        results[case["name"]]["warm"].append((ms, n, sql))
        cache.delete(petition_count_cache_key(case["petition_id"]))
        response, ms, n, sql = timed(lambda: client.get(case["path"]))
        results[case["name"]]["cold"].append((ms, n, sql))
        number = f"{{case['petition_id']}}-{{round_number}}"
        response, ms, n, sql = timed(lambda: client.post(case["sign_path"], {{
            "name": "Signer " + number, "email": f"scale-{{number}}@example.org",
            "city": "Quetta", "country": "PK", "subject": ""}},
            HTTP_X_FORWARDED_FOR=f"10.9.{{round_number}}.{{case['petition_id']}}"))
        assert response.status_code == 302, response.status_code
        results[case["name"]]["sign"].append((ms, n, sql))
summary = {{}}
for name, kinds in results.items():
    summary[name] = {{
        kind: {{
            "median_ms": statistics.median(row[0] for row in rows),
            "queries": sorted({{row[1] for row in rows}}),
            "sql_ms": statistics.median(row[2] for row in rows),
        }}
        for kind, rows in kinds.items()
    }}
print("RESULT " + json.dumps(summary))
"""

SIGN_PATH = """
from django.urls import reverse
from django.utils import translation
with translation.override("en"):
    print(reverse("petitions:sign", kwargs={{"page_id": {page_id}}}))
"""

KINDS = {
    "warm": "page, count in Redis",
    "cold": "page, count rebuilt",
    "sign": "one signature posted",
}


def run(*, rows: int, repeats: int) -> bool:
    header("Scale with data")
    with bench_environment() as env:
        site_prepare(env)
        small = petition_prepare(env)
        line = manage(env, "shell", "-c", COPY.format(page_id=small.page_id))
        large = json.loads(line.strip().splitlines()[-1])
        large["sign_path"] = (
            manage(env, "shell", "-c", SIGN_PATH.format(page_id=large["page_id"]))
            .strip()
            .splitlines()[-1]
        )
        signatures_fill(env, small.petition_id, SMALL)
        signatures_fill(env, large["petition_id"], rows)
        manage(env, "petitions_reconcile")
        cases = [
            {
                "name": f"{SMALL:,} signatures",
                "path": small.path,
                "sign_path": small.sign_path,
                "petition_id": small.petition_id,
                "count_display": f"{SMALL:,}",
            },
            {
                "name": f"{rows:,} signatures",
                "path": large["path"],
                "sign_path": large["sign_path"],
                "petition_id": large["petition_id"],
                "count_display": f"{rows:,}",
            },
        ]
        output = manage(
            env,
            "shell",
            "-c",
            MEASURE.format(cases=json.dumps(cases), repeats=repeats),
            extra_env={
                "PAGE_CACHE_SECONDS": "0",
                "ALLOWED_HOSTS": "testserver",
                "PETITIONS_PROXY_COUNT": "1",
            },
        )
    summary = json.loads(
        next(line for line in output.splitlines() if line.startswith("RESULT "))[7:]
    )
    print(
        f"{repeats} renders of each, alternating, in one process (Django's test "
        "client, production settings, page cache off); median milliseconds.\n"
    )
    names = [case["name"] for case in cases]
    rows_out = []
    for kind, label in KINDS.items():
        for name in names:
            figures = summary[name][kind]
            rows_out.append(
                [
                    label,
                    name,
                    ", ".join(str(n) for n in figures["queries"]),
                    f"{figures['median_ms']:.1f}",
                    f"{figures['sql_ms']:.1f}",
                ]
            )
    print(table(["what", "petition", "queries", "median ms", "of it SQL ms"], rows_out))
    print()
    checks = []
    for kind, label in KINDS.items():
        few, many = (summary[name][kind] for name in names)
        checks.append(
            (
                f"{label}: the same queries ({few['queries']} and {many['queries']})",
                few["queries"] == many["queries"],
            )
        )
        # The same within the noise of a shared machine: a quarter, or 2 ms.
        limit = max(few["median_ms"] * 1.25, few["median_ms"] + 2)
        checks.append(
            (
                f"{label}: {many['median_ms']:.1f} ms with {names[1]} against "
                f"{few['median_ms']:.1f} ms with {names[0]}",
                many["median_ms"] <= limit,
            )
        )
    for text, met in checks:
        print(f"- {'met' if met else 'NOT MET'}: {text}")
    return all(met for _text, met in checks)


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    return run(rows=args.rows, repeats=args.repeats)


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
