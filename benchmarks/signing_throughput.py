"""Signing throughput: concurrent clients submit distinct signatures to the
petition through gunicorn + PostgreSQL + Redis for a fixed time, and in the
same run the same load goes to a form page built with Wagtail's form builder
with the same fields (name, email, city, country, the box for more actions),
through the same server, in alternating rounds so both meet the same machine.

Every signer writes from an address of their own, as people do: the server
runs with PETITIONS_PROXY_COUNT=1 and each post carries the X-Forwarded-For a
proxy would add, so the per-address limits apply but see one person each.

Afterwards the figures must agree exactly. Signatures are double opt-in, so
"stored" and "counted" are checked in turn:
- stored: the petition holds one pending signature per acknowledged post
  (acknowledged: the redirect to the "check your email" page), none suspect;
- counted: every one of them is confirmed through the link in its email
  (signed with the server's key, as the email is), and then the count the site
  shows (count.json) and the confirmed rows in PostgreSQL both equal the
  acknowledged posts.
Form posts are acknowledged by the redirect to the form's thank-you page and
checked against the submissions stored.

Target: 300 signatures per second on this 2-core machine, and at least the
form page's rate.

    python -m benchmarks.signing_throughput --duration 10 --concurrency 32
"""

import argparse
import json

from benchmarks.harness import (
    BenchEnvironment,
    PostLoadResult,
    bench_environment,
    cpu_measured,
    fetch,
    header,
    manage,
    post_load_run,
    servers_running,
    site_prepare,
    table,
)
from benchmarks.petition_data import (
    PROXY_ENV,
    confirm_paths,
    database_query,
    duplicate_signers,
    petition_prepare,
    signature_states,
    signer_form,
    signer_headers,
    signing_acknowledged,
    visit_all,
)

TARGET_PER_SECOND = 300

# A form page beside the petition (campaigns.FormPage: Wagtail's form
# builder, sent to its own view with the same origin check, honeypot and
# per-address limits as signing) with the petition form's fields; its "keep me
# informed" box stands for the petition's. A dropdown takes one choice a line
# and is sent by position.
FORM_PAGE = """
import json
from django.urls import reverse
from django.utils import translation
from campaigns.models import FormField, FormPage
from home.models import HomePage
from petitions.countries import country_choices
home = HomePage.objects.filter(locale__language_code="en").order_by("depth").first()
with translation.override("en"):
    countries = [label for code, label in country_choices()]
page = FormPage(title="Sign up", slug="form-builder-sign-up", offer_updates=True,
    thank_you_text="<p>Thank you.</p>")
page.form_fields = [
    FormField(label=label, field_type=field_type, required=required, choices=choices)
    for label, field_type, required, choices in [
        ("Your name", "singleline", True, ""),
        ("Your email address", "email", True, ""),
        ("City or region", "singleline", False, ""),
        ("Country", "dropdown", True, "\\n".join(countries)),
    ]
]
home.add_child(instance=page)
page.save_revision().publish()
with translation.override("en"):
    submit = reverse("forms:submit", kwargs={"page_id": page.pk})
print(json.dumps({"submit_path": submit, "page_id": page.pk}))
"""

SUBMISSIONS = """
from campaigns.models import FormPageSubmission
print(FormPageSubmission.objects.filter(page_id={page_id}, suspect=False).count())
"""


def form_page_prepare(env: BenchEnvironment) -> dict:
    line = manage(env, "shell", "-c", FORM_PAGE).strip().splitlines()[-1]
    return json.loads(line)


def form_page_form(run: str, number: int) -> dict[str, str]:
    return {
        "your_name": f"Signer {run} {number}",
        "your_email_address": f"signer-{run}-{number}@example.org",
        "city_or_region": "Quetta",
        "country": "1",
        "keep_informed": "on" if number % 2 else "",
        "homepage_url": "",
    }


def form_page_acknowledged(status: int, headers: dict[str, str]) -> bool:
    """The redirect to the form's thank-you page."""
    return status == 302 and "/thanks/" in headers.get("Location", "")


def _rate_row(name: str, load: PostLoadResult, cpu_seconds: float) -> list[object]:
    per = cpu_seconds * 1000 / max(load.acknowledged, 1)
    return [
        name,
        f"{load.acknowledged_per_second:,.0f}",
        f"{load.p50_ms:.0f}",
        f"{load.p95_ms:.0f}",
        f"{load.p99_ms:.0f}",
        load.failed,
        f"{per:.2f}",
        f"{2000 / per:,.0f}" if per else "-",
    ]


def _combined(results: list[PostLoadResult]) -> PostLoadResult:
    """Several rounds as one: totals summed, percentiles the worst round's."""
    statuses: dict[int, int] = {}
    for result in results:
        for status, count in result.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    return PostLoadResult(
        sent=sum(r.sent for r in results),
        acknowledged=sum(r.acknowledged for r in results),
        failed=sum(r.failed for r in results),
        seconds=sum(r.seconds for r in results),
        p50_ms=max(r.p50_ms for r in results),
        p95_ms=max(r.p95_ms for r in results),
        p99_ms=max(r.p99_ms for r in results),
        statuses=statuses,
    )


def run(*, duration: int, concurrency: int, rounds: int) -> bool:
    header("Signing throughput")
    with bench_environment() as env:
        site_prepare(env)
        petition = petition_prepare(env)
        form_page = form_page_prepare(env)
        with servers_running(env, extra_env=PROXY_ENV) as (server,):
            return _measure(
                env, server, petition, form_page, duration, concurrency, rounds
            )


def _measure(env, server, petition, form_page, duration, concurrency, rounds) -> bool:
    loads = {
        "petition signing": {
            "urls": [server.url(petition.sign_path)],
            "form": signer_form,
            "acknowledged": signing_acknowledged,
        },
        "form page": {
            "urls": [server.url(form_page["submit_path"])],
            "form": form_page_form,
            "acknowledged": form_page_acknowledged,
        },
    }

    def load(name: str, tag: str, seconds: float) -> tuple[PostLoadResult, float]:
        spec = loads[name]
        with cpu_measured([server]) as used:
            result = post_load_run(
                spec["urls"],
                form=lambda n: spec["form"](tag, n),
                request_headers=signer_headers,
                acknowledged=spec["acknowledged"],
                duration=seconds,
                concurrency=concurrency,
            )
        return result, used.seconds

    # Every process imports, connects and answers both before the clock runs;
    # what the warm-up stores is checked with the rest.
    measured = {name: [] for name in loads}
    cpu = dict.fromkeys(loads, 0.0)
    warm_up = {name: load(name, "warm", 2)[0] for name in loads}
    for round_number in range(rounds):
        # Each round in the other order, so neither always goes first.
        order = list(loads) if round_number % 2 == 0 else list(reversed(loads))
        for name in order:
            result, seconds = load(name, f"r{round_number}", duration)
            measured[name].append(result)
            cpu[name] += seconds
    combined = {name: _combined(results) for name, results in measured.items()}

    print(
        f"{concurrency} clients, {rounds} rounds of {duration} s each, petition "
        "and form page in turn, through one gunicorn (the default processes and "
        "threads); the clients run on the same cores. Server CPU is gunicorn's "
        "and its PostgreSQL backends' per acknowledged post.\n"
    )
    print(
        table(
            [
                "what",
                "acknowledged/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "not acknowledged",
                "server CPU ms/post",
                "posts/s two idle cores could take",
            ],
            [_rate_row(name, combined[name], cpu[name]) for name in loads],
        )
    )
    print(
        "\nRounds (acknowledged/s): "
        + "; ".join(
            ", ".join(
                f"{name} {measured[name][index].acknowledged_per_second:,.0f}"
                for name in loads
            )
            for index in range(rounds)
        )
    )

    sign = _combined([warm_up["petition signing"], *measured["petition signing"]])
    form = _combined([warm_up["form page"], *measured["form page"]])
    checks = _verify_signatures(env, server, petition, sign)
    stored = int(
        manage(
            env, "shell", "-c", SUBMISSIONS.format(page_id=form_page["page_id"])
        ).split()[-1]
    )
    rate = combined["petition signing"].acknowledged_per_second
    ratio = rate / max(combined["form page"].acknowledged_per_second, 1e-9)
    checks += [
        (
            f"form submissions stored {stored:,} = acknowledged {form.acknowledged:,}",
            stored == form.acknowledged,
        ),
        (
            f"{rate:,.0f} signatures/s (target {TARGET_PER_SECOND})",
            rate >= TARGET_PER_SECOND,
        ),
        (
            f"signing at {ratio:.0%} of the form page's rate (target 100 %)",
            ratio >= 1,
        ),
    ]
    print()
    for text, met in checks:
        print(f"- {'met' if met else 'NOT MET'}: {text}")
    return all(met for _text, met in checks)


def _verify_signatures(env, server, petition, sign: PostLoadResult) -> list:
    states = signature_states(env, petition.petition_id)
    pending = states.get("pending", 0)
    checks = [
        (
            f"stored pending {pending:,} = acknowledged {sign.acknowledged:,} "
            f"(all states: {states})",
            pending == sign.acknowledged and sum(states.values()) == pending,
        ),
        (
            f"answers other than the thank-you redirect: {sign.failed} "
            f"(statuses {sign.statuses})",
            sign.failed == 0,
        ),
    ]
    # No worker runs: every signature's confirmation email is still in the
    # outbox, and a drain or two is queued for them all, not a task each.
    emails = database_query(
        env,
        "SELECT count(*) FROM petitions_pendingemail e "
        "JOIN petitions_signature s ON s.id = e.object_id "
        "WHERE e.kind = 'signature_confirm' AND s.petition_id = %s",
        petition.petition_id,
    )[0][0]
    drains = database_query(
        env,
        "SELECT count(*) FROM django_tasks_database_dbtaskresult "
        "WHERE task_path = 'supporters.emails.pending_emails_drain_task'",
    )[0][0]
    checks.append(
        (
            f"confirmation emails in the outbox {emails:,} = acknowledged "
            f"{sign.acknowledged:,} (drains queued for them: {drains:,})",
            emails == sign.acknowledged,
        )
    )
    links = confirm_paths(env, petition.petition_id)
    clicks = visit_all([server.url(link) for link in links], concurrency=16)
    redirected = clicks.statuses.get(302, 0)
    print(
        f"\nConfirmed {len(links):,} signatures through their links: "
        f"{clicks.answered / clicks.seconds:,.0f}/s, p50 {clicks.p50_ms:.0f} ms, "
        f"p99 {clicks.p99_ms:.0f} ms, statuses {clicks.statuses}."
    )
    body, _headers = fetch(server.url(petition.count_path))
    shown = json.loads(body)["count"]
    confirmed = database_query(
        env,
        "SELECT count(*) FROM petitions_signature WHERE petition_id = %s "
        "AND state = 'confirmed'",
        petition.petition_id,
    )[0][0]
    duplicates = duplicate_signers(env, petition.petition_id)
    checks += [
        (
            f"confirmation links answered with the confirmed page: {redirected:,} "
            f"of {len(links):,}",
            redirected == len(links),
        ),
        (
            f"count shown {shown:,} = confirmed rows {confirmed:,} = acknowledged "
            f"{sign.acknowledged:,}",
            shown == confirmed == sign.acknowledged,
        ),
        (f"duplicate signers stored: {duplicates}", duplicates == 0),
    ]
    return checks


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per round")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    return run(duration=args.duration, concurrency=args.concurrency, rounds=args.rounds)


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
