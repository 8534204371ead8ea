"""Signing while PostgreSQL restarts: 32 clients sign the demo petition for a
fixed time through gunicorn with the production settings, and PostgreSQL is
restarted part-way through. Posts answered while it is away may fail (the
signer sees an error page and signs again), but none that the site
acknowledged (the redirect to "check your email") may be lost: afterwards
every acknowledged signer's address is a stored signature, and signing works
again once PostgreSQL is back.

Restarts the whole local cluster (`pg_ctlcluster 15 main restart` as root;
BENCH_PG_RESTART gives another command): run it where nothing else needs
that PostgreSQL at the time.

    python -m benchmarks.signing_restart --duration 15 --restart-after 5
"""

import argparse
import os
import shlex
import subprocess
import threading
import time

from benchmarks.harness import (
    bench_environment,
    header,
    post_load_run,
    servers_running,
    site_prepare,
    table,
)
from benchmarks.petition_data import (
    PROXY_ENV,
    database_query,
    petition_prepare,
    signer_form,
    signer_headers,
    signing_acknowledged,
)

RESTART = shlex.split(
    os.environ.get("BENCH_PG_RESTART", "pg_ctlcluster 15 main restart")
)


def _restart_later(seconds: float, done: dict) -> threading.Thread:
    def restart():
        time.sleep(seconds)
        started = time.monotonic()
        result = subprocess.run(RESTART, capture_output=True, text=True, check=False)
        done["seconds"] = time.monotonic() - started
        done["status"] = result.returncode
        done["output"] = (result.stdout + result.stderr).strip()

    thread = threading.Thread(target=restart)
    thread.start()
    return thread


def run(*, duration: int, restart_after: float, concurrency: int) -> bool:
    header("Signing while PostgreSQL restarts")
    with bench_environment() as env:
        site_prepare(env)
        petition = petition_prepare(env)
        with servers_running(env, extra_env=PROXY_ENV) as (server,):
            url = server.url(petition.sign_path)

            def sign(tag: str, seconds: float):
                return post_load_run(
                    [url],
                    form=lambda n: signer_form(tag, n),
                    request_headers=signer_headers,
                    acknowledged=signing_acknowledged,
                    duration=seconds,
                    concurrency=concurrency,
                )

            sign("warm", 2)
            restart: dict = {}
            thread = _restart_later(restart_after, restart)
            during = sign("restart", duration)
            thread.join()
            after = sign("after", 5)

        stored = {
            email
            for (email,) in database_query(
                env,
                "SELECT email FROM petitions_signature WHERE petition_id = %s",
                petition.petition_id,
            )
        }

    acknowledged = {
        signer_form("restart", number)["email"]
        for number in during.acknowledged_numbers
    }
    lost = acknowledged - stored
    sent = {signer_form("restart", n)["email"] for n in range(1, during.sent + 1)}
    stored_unacknowledged = len((stored & sent) - acknowledged)
    print(
        f"{concurrency} clients for {duration} s; PostgreSQL restarted after "
        f"{restart_after} s (`{shlex.join(RESTART)}`: exit {restart.get('status')}, "
        f"{restart.get('seconds', 0):.1f} s).\n"
    )
    print(
        table(
            ["run", "sent", "acknowledged", "not acknowledged", "statuses"],
            [
                [
                    name,
                    result.sent,
                    result.acknowledged,
                    result.failed,
                    ", ".join(f"{s}: {n}" for s, n in sorted(result.statuses.items())),
                ]
                for name, result in (("during the restart", during), ("after", after))
            ],
        )
    )
    checks = [
        (
            f"PostgreSQL restarted (exit {restart.get('status')})",
            restart.get("status") == 0,
        ),
        (
            f"acknowledged signatures lost: {len(lost)} of {len(acknowledged):,}",
            not lost and bool(acknowledged),
        ),
        (
            f"signing works again afterwards: {after.acknowledged:,} acknowledged, "
            f"{after.failed} not",
            after.acknowledged > 0 and after.failed == 0,
        ),
    ]
    print(
        f"\nStored but not acknowledged (the answer was lost with the "
        f"connection; the signer signs again and is told to check their email): "
        f"{stored_unacknowledged}.\n"
    )
    for text, met in checks:
        print(f"- {'met' if met else 'NOT MET'}: {text}")
    if restart.get("status"):
        print(restart.get("output", ""))
    return all(met for _text, met in checks)


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds of signing")
    parser.add_argument(
        "--restart-after", type=float, default=5, help="seconds before the restart"
    )
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args(argv)
    return run(
        duration=args.duration,
        restart_after=args.restart_after,
        concurrency=args.concurrency,
    )


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
