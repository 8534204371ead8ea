"""Scale-out: two gunicorn servers on different ports against the same
PostgreSQL and Redis, clients signing through both at once. Every other signer
sends the same form to both servers at the same moment (a double click that a
load balancer spread over two machines); the others go to one server or the
other in turn. Then every signature is confirmed through its link, the links of
every other signer clicked on both servers at once.

It ends with exact counts or exits non-zero: one stored signature per signer
whose post was acknowledged, no address stored twice, every one confirmed
once, and both servers showing a count equal to the number of signers.

    python -m benchmarks.scale_out --duration 10 --concurrency 32
"""

import argparse
import asyncio
import json
import time

from benchmarks.harness import (
    bench_environment,
    fetch,
    header,
    percentile,
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
)


def sign_through_both(
    servers, sign_path: str, *, duration: float, concurrency: int
) -> dict:
    """`concurrency` clients, each with a connection to each server, signing
    for `duration` seconds. Returns per-signer acknowledgements and timings."""
    import aiohttp

    numbers = iter(range(1, 2**62))
    signers: dict[int, list[bool]] = {}
    latencies: list[float] = []
    statuses: dict[int, int] = {}

    async def post(session, url, number):
        started = time.perf_counter()
        try:
            async with session.post(
                url,
                data=signer_form("both", number),
                headers=signer_headers(number),
                allow_redirects=False,
            ) as answer:
                await answer.read()
                status = answer.status
                confirmed = signing_acknowledged(status, dict(answer.headers))
        except aiohttp.ClientError:
            status, confirmed = 0, False
        latencies.append((time.perf_counter() - started) * 1000)
        statuses[status] = statuses.get(status, 0) + 1
        return confirmed

    async def client(deadline: float) -> None:
        sessions = [
            aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=1),
                cookie_jar=aiohttp.DummyCookieJar(),
            )
            for _ in servers
        ]
        urls = [server.url(sign_path) for server in servers]
        try:
            while time.monotonic() < deadline:
                number = next(numbers)
                if number % 2:
                    signers[number] = [
                        await post(
                            sessions[number // 2 % 2], urls[number // 2 % 2], number
                        )
                    ]
                else:
                    signers[number] = list(
                        await asyncio.gather(
                            *(
                                post(session, url, number)
                                for session, url in zip(sessions, urls, strict=True)
                            )
                        )
                    )
        finally:
            for session in sessions:
                await session.close()

    async def run_all() -> float:
        started = time.monotonic()
        await asyncio.gather(*(client(started + duration) for _ in range(concurrency)))
        return time.monotonic() - started

    seconds = asyncio.run(run_all())
    latencies.sort()
    return {
        "signers": signers,
        "seconds": seconds,
        "statuses": statuses,
        "posts": len(latencies),
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
    }


def confirm_through_both(servers, links: list[str], concurrency: int) -> dict:
    """Click every link: every other one on both servers at the same moment."""
    import aiohttp

    queue = list(enumerate(links))
    statuses: dict[int, int] = {}

    async def click(session, url):
        try:
            # The button on the link's page: opening the link acts on nothing.
            async with session.post(
                url, allow_redirects=False, headers={"Sec-Fetch-Site": "same-origin"}
            ) as answer:
                await answer.read()
                status = answer.status
        except aiohttp.ClientError:
            status = 0
        statuses[status] = statuses.get(status, 0) + 1

    async def worker():
        sessions = [
            aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=1),
                cookie_jar=aiohttp.DummyCookieJar(),
            )
            for _ in servers
        ]
        try:
            while queue:
                index, link = queue.pop()
                if index % 2:
                    server = index // 2 % 2
                    await click(sessions[server], servers[server].url(link))
                else:
                    await asyncio.gather(
                        *(
                            click(session, server.url(link))
                            for session, server in zip(sessions, servers, strict=True)
                        )
                    )
        finally:
            for session in sessions:
                await session.close()

    async def run_all():
        await asyncio.gather(*(worker() for _ in range(concurrency)))

    asyncio.run(run_all())
    return statuses


def run(*, duration: int, concurrency: int) -> bool:
    header("Scale-out: two app servers, one PostgreSQL and Redis")
    with bench_environment() as env:
        site_prepare(env)
        petition = petition_prepare(env)
        with servers_running(env, count=2, extra_env=PROXY_ENV) as servers:
            for server in servers:
                for _ in range(10):
                    fetch(server.url(petition.path))
            signing = sign_through_both(
                servers, petition.sign_path, duration=duration, concurrency=concurrency
            )
            signers = signing["signers"]
            acknowledged = sum(1 for acks in signers.values() if any(acks))
            unacknowledged = sum(1 for acks in signers.values() if not all(acks))
            twins = sum(1 for acks in signers.values() if len(acks) == 2)
            states = signature_states(env, petition.petition_id)
            duplicates = duplicate_signers(env, petition.petition_id)

            links = confirm_paths(env, petition.petition_id)
            clicks = confirm_through_both(servers, links, concurrency=16)
            shown = [
                json.loads(fetch(server.url(petition.count_path))[0])["count"]
                for server in servers
            ]
            confirmed = database_query(
                env,
                "SELECT count(*) FROM petitions_signature WHERE petition_id = %s "
                "AND state = 'confirmed'",
                petition.petition_id,
            )[0][0]

    print(
        f"Servers on ports {', '.join(str(s.port) for s in servers)} (the default "
        f"processes and threads each); {concurrency} clients for {duration} s.\n"
    )
    print(
        table(
            [
                "signers",
                "of them sent to both servers at once",
                "posts",
                "posts/s",
                "p50 ms",
                "p99 ms",
                "statuses",
            ],
            [
                [
                    f"{len(signers):,}",
                    f"{twins:,}",
                    f"{signing['posts']:,}",
                    f"{signing['posts'] / signing['seconds']:,.0f}",
                    f"{signing['p50']:.0f}",
                    f"{signing['p99']:.0f}",
                    signing["statuses"],
                ]
            ],
        )
    )
    print(f"\nConfirmation clicks ({len(links):,} links): statuses {clicks}.\n")
    checks = [
        (f"posts not acknowledged: {unacknowledged}", unacknowledged == 0),
        (
            f"stored {sum(states.values()):,} signatures ({states}) = signers "
            f"acknowledged {acknowledged:,}",
            states.get("pending", 0) == sum(states.values()) == acknowledged,
        ),
        (f"addresses stored twice: {duplicates}", duplicates == 0),
        (
            f"confirmed rows {confirmed:,} = signers {acknowledged:,}",
            confirmed == acknowledged,
        ),
        (
            f"count shown by each server {shown} = signers {acknowledged:,}",
            all(count == acknowledged for count in shown),
        ),
        (
            "every click answered with the confirmed page "
            f"({clicks.get(302, 0):,} of {sum(clicks.values()):,})",
            clicks.get(302, 0) == sum(clicks.values()),
        ),
    ]
    for text, met in checks:
        print(f"- {'met' if met else 'NOT MET'}: {text}")
    return all(met for _text, met in checks)


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of signing")
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args(argv)
    return run(duration=args.duration, concurrency=args.concurrency)


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
