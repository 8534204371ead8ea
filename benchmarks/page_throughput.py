"""Page throughput: a page answered from the page cache, the same page
rendered on every request, and a static file of exactly the same size served by
the same gunicorn (WhiteNoise) in the same run.

The pages people load: the demo site (`manage.py demo`), by default its home
page and its petition in Urdu, with their real blocks, pictures and counts.

Targets: cached at 80 % or more of the static file's rate; uncached median
render within 25 ms (measured over one connection, so no request waits behind
another) and at most 6 ms of server CPU per uncached page.

    python -m benchmarks.page_throughput --path /en/some-petition/
"""

import argparse
import secrets

from benchmarks.harness import (
    STATIC_ROOT,
    bench_environment,
    cpu_measured,
    fetch,
    header,
    manage,
    servers_running,
    site_prepare,
    table,
    wrk_run,
)

# The demo's home page and petition, in Urdu.
DEMO_PATHS = ["/ur/", "/ur/stand-up-for-quetta/petition/"]
UNCACHED_CPU_MS = 6

# Every request gets a query string of its own, so every one misses the
# page cache and renders (and is stored, as a real miss would be). Each wrk
# run has its own prefix: wrk numbers threads and requests from 1 in every
# run, so without it a later run would ask for pages an earlier one stored.
UNIQUE_QUERY_LUA = """
local made = 0
setup = function(thread)
  made = made + 1
  thread:set("id", made)
end
local counter = 0
request = function()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  local query = "uncached=RUN-" .. id .. "-" .. counter
  return wrk.format(nil, wrk.path .. separator .. query)
end
"""


def unique_query_lua() -> str:
    return UNIQUE_QUERY_LUA.replace("RUN", secrets.token_hex(4))


STATIC_COPY = STATIC_ROOT / "benchmarks" / "page-copy.html"


def run(*, paths: list[str], duration: int, connections: int) -> bool:
    header("Page throughput")
    met = True
    with bench_environment() as env:
        site_prepare(env)
        manage(env, "demo")
        for path in paths:
            # WhiteNoise indexes the static files at start-up: learn the
            # page's size from a first server, then start the measured one
            # with a static copy of the page in place.
            with servers_running(env) as (server,):
                page, _headers = fetch(server.url(path))
            STATIC_COPY.parent.mkdir(parents=True, exist_ok=True)
            STATIC_COPY.write_bytes(page)
            try:
                with servers_running(env) as (server,):
                    met &= _measure(server, path, len(page), duration, connections)
            finally:
                STATIC_COPY.unlink(missing_ok=True)
    return met


def _measure(server, path, size, duration, connections) -> bool:
    static_url = server.url("/static/benchmarks/page-copy.html")
    static_body, _headers = fetch(static_url)
    assert len(static_body) == size, "the static copy must match the page's size"
    fetch(server.url(path))
    _body, headers = fetch(server.url(path))
    assert headers.get("X-Page-Cache") == "hit", "the second view must be cached"

    # A short warm-up so every worker has imported and connected.
    wrk_run(server.url(path), duration=2, connections=connections)
    runs = {
        "static file": (static_url, ""),
        "page, cached": (server.url(path), ""),
        "page, uncached": (server.url(path), unique_query_lua()),
    }
    loads, cpu_ms = {}, {}
    for name, (url, script) in runs.items():
        with cpu_measured([server]) as cpu:
            loads[name] = wrk_run(
                url, duration=duration, connections=connections, script=script
            )
        cpu_ms[name] = cpu.seconds * 1000 / max(loads[name].requests, 1)
    single = {
        "page, cached": wrk_run(server.url(path), duration=5, connections=1, threads=1),
        "page, uncached": wrk_run(
            server.url(path),
            duration=5,
            connections=1,
            threads=1,
            script=unique_query_lua(),
        ),
    }

    print(
        f"Page {path}, {size} bytes; {connections} connections for {duration} s "
        "each; wrk runs on the same cores as the server. Server CPU is gunicorn's "
        "and its PostgreSQL backends' (not Redis's, not wrk's), whatever else "
        "the machine runs.\n"
    )
    print(
        table(
            [
                "what",
                "requests/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "errors",
                "server CPU ms/request",
                "requests/s two idle cores could serve",
            ],
            [
                [
                    name,
                    f"{load.requests_per_second:,.0f}",
                    f"{load.p50_ms:.1f}",
                    f"{load.p95_ms:.1f}",
                    f"{load.p99_ms:.1f}",
                    load.errors,
                    f"{cpu_ms[name]:.2f}",
                    f"{2000 / cpu_ms[name]:,.0f}" if cpu_ms[name] else "-",
                ]
                for name, load in loads.items()
            ],
        )
    )
    print("\nOne connection at a time (the time one view takes):\n")
    print(
        table(
            ["what", "requests/s", "p50 ms", "p95 ms", "p99 ms"],
            [
                [
                    name,
                    f"{load.requests_per_second:,.0f}",
                    f"{load.p50_ms:.2f}",
                    f"{load.p95_ms:.2f}",
                    f"{load.p99_ms:.2f}",
                ]
                for name, load in single.items()
            ],
        )
    )

    ratio = (
        loads["page, cached"].requests_per_second
        / loads["static file"].requests_per_second
    )
    median = single["page, uncached"].p50_ms
    uncached_cpu = cpu_ms["page, uncached"]
    errors = sum(load.errors for load in [*loads.values(), *single.values()])
    checks = [
        (
            f"cached rate is {ratio:.0%} of the static file's (target 80 %)",
            ratio >= 0.8,
        ),
        (f"uncached median render {median:.1f} ms (target 25 ms)", median <= 25),
        (
            f"uncached page {uncached_cpu:.1f} ms of server CPU "
            f"(target {UNCACHED_CPU_MS} ms)",
            uncached_cpu <= UNCACHED_CPU_MS,
        ),
        (f"{errors} errors (target 0)", errors == 0),
    ]
    print()
    for text, met in checks:
        print(f"- {'met' if met else 'NOT MET'}: {text}")
    return all(met for _text, met in checks)


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--path",
        action="append",
        help="a page to load (more than once for several; default: the demo's "
        f"{' and '.join(DEMO_PATHS)})",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args(argv)
    return run(
        paths=args.path or DEMO_PATHS,
        duration=args.duration,
        connections=args.connections,
    )


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
