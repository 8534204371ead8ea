"""What every benchmark needs: a fresh PostgreSQL database and a private corner
of Redis, the site migrated into them, gunicorn servers started with the
production settings and configuration on free loopback ports, a load generator
(wrk for pages, an asyncio client for form posts, whose every answer is
counted) whose figures come back as numbers, and a description of the machine.

Everything runs on this machine only and cleans up after itself: the database
is dropped and the Redis keys (all under one random prefix) deleted.

    with bench_environment() as env:
        site_prepare(env)
        with servers_running(env, count=2) as (first, second):
            result = wrk_run(first.url("/en/"), duration=10, connections=32)
"""

import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
STATIC_ROOT = ROOT / "staticfiles"

PG_SERVER = os.environ.get("BENCH_PG_SERVER", "postgres://postgres@127.0.0.1:5432")
BENCH_DATABASE = os.environ.get("BENCH_DATABASE", "hazara_bench")
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14")
REPORT_LUA = Path(__file__).with_name("wrk") / "report.lua"


@dataclass(frozen=True)
class BenchEnvironment:
    """One benchmark's database, Redis key prefix and secret key."""

    database_url: str
    redis_url: str
    cache_prefix: str
    secret_key: str = field(repr=False)

    def variables(self, **extra: str) -> dict[str, str]:
        """The process environment for manage.py and gunicorn: production
        settings over plain HTTP on loopback."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "settings.production",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "CACHE_KEY_PREFIX": self.cache_prefix,
            "SECRET_KEY": self.secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "off",
            "LOG_LEVEL": "ERROR",
            "GUNICORN_LOG_LEVEL": "warning",
            **extra,
        }


def _admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)


@contextmanager
def bench_environment(database: str = BENCH_DATABASE) -> Iterator[BenchEnvironment]:
    """A fresh, empty PostgreSQL database and a fresh Redis key prefix, both
    removed afterwards."""
    _admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    _admin_sql(f'CREATE DATABASE "{database}"')
    env = BenchEnvironment(
        database_url=f"{PG_SERVER}/{database}",
        redis_url=BENCH_REDIS_URL,
        cache_prefix=f"bench-{secrets.token_hex(4)}",
        secret_key=secrets.token_urlsafe(50),
    )
    try:
        yield env
    finally:
        _admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        _redis_keys_delete(env.redis_url, env.cache_prefix)


def _redis_keys_delete(redis_url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    # Django's keys are "<prefix>:<version>:<key>"; only ours are touched.
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)
    client.close()


def manage(
    env: BenchEnvironment,
    *args: str,
    quiet: bool = True,
    extra_env: dict[str, str] | None = None,
) -> str:
    """Run a manage.py command with the benchmark's production settings."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env.variables(**(extra_env or {})),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
    if not quiet:
        print(result.stdout, end="")
    return result.stdout


def site_prepare(env: BenchEnvironment) -> None:
    """Migrate, collect the static files and set up the site tree (with the
    demo content, where site_setup loads it), as a deployment would."""
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "site_setup")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """One gunicorn master with its workers, on one loopback port."""

    port: int
    process: subprocess.Popen = field(repr=False)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path


def _wait_healthy(server: Server, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"gunicorn on port {server.port} exited at start-up")
        try:
            with urllib.request.urlopen(server.url("/health/"), timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"gunicorn on port {server.port} never became healthy")


def _stop(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=35)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


@contextmanager
def servers_running(
    env: BenchEnvironment,
    count: int = 1,
    *,
    workers: int | None = None,
    threads: int | None = None,
    extra_env: dict[str, str] | None = None,
) -> Iterator[list[Server]]:
    """Start `count` gunicorn servers (gunicorn.conf.py, production settings)
    on different free ports against the same database and Redis, wait until
    each answers /health/, and stop them all afterwards."""
    overrides = dict(extra_env or {})
    if workers is not None:
        overrides["WEB_CONCURRENCY"] = str(workers)
    if threads is not None:
        overrides["GUNICORN_THREADS"] = str(threads)
    started: list[Server] = []
    try:
        for _ in range(count):
            port = free_port()
            process = subprocess.Popen(
                [GUNICORN, "-c", str(ROOT / "gunicorn.conf.py")],
                cwd=ROOT,
                env=env.variables(GUNICORN_BIND=f"127.0.0.1:{port}", **overrides),
            )
            started.append(Server(port=port, process=process))
        for server in started:
            _wait_healthy(server)
        yield started
    finally:
        for server in started:
            _stop(server)


def _proc_stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in brackets and may hold spaces: split after it.
    return text[text.rindex(")") + 2 :].split()


def _cpu_ticks(pid: int) -> int:
    fields = _proc_stat(pid)
    # utime and stime are the 14th and 15th fields of /proc/<pid>/stat.
    return int(fields[11]) + int(fields[12]) if fields else 0


def _serving_pids(servers: list[Server], database: str) -> set[int]:
    """The gunicorn masters and workers, and the PostgreSQL backends
    connected to the benchmark's database (their titles name it)."""
    masters = {server.process.pid for server in servers}
    found = set(masters)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _proc_stat(int(entry.name))
        if fields and int(fields[1]) in masters:
            found.add(int(entry.name))
            continue
        try:
            title = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            found.add(int(entry.name))
    return found


@contextmanager
def cpu_measured(servers: list[Server], database: str = BENCH_DATABASE):
    """CPU seconds the servers and their database backends spend inside the
    block, whatever else runs on the machine: `with cpu_measured(servers) as
    cpu: ...; cpu.seconds`. Redis and the load generator are not counted."""

    @dataclass
    class Cpu:
        seconds: float = 0.0

    cpu = Cpu()
    before = {pid: _cpu_ticks(pid) for pid in _serving_pids(servers, database)}
    yield cpu
    after = {pid: _cpu_ticks(pid) for pid in _serving_pids(servers, database)}
    ticks = sum(after[pid] - before.get(pid, 0) for pid in after)
    cpu.seconds = ticks / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class LoadResult:
    """What one load run measured. Latencies in milliseconds."""

    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    bytes_read: int

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def wrk_run(
    url: str,
    *,
    duration: int,
    connections: int,
    threads: int = 2,
    script: str = "",
    headers: dict[str, str] | None = None,
) -> LoadResult:
    """Load `url` with wrk for `duration` seconds over `connections` kept-alive
    connections. `script` is extra Lua (a `request` function, say) run before
    the reporter in benchmarks/wrk/report.lua. 4xx and 5xx answers and socket
    errors count as errors."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed: apt-get install wrk")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script + "\n" + REPORT_LUA.read_text())
    command = [
        "wrk",
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=10s",
        f"--script={lua.name}",
    ]
    for name, value in (headers or {}).items():
        command += ["--header", f"{name}: {value}"]
    try:
        output = subprocess.run(
            [*command, url],
            capture_output=True,
            text=True,
            check=True,
            timeout=duration + 60,
        ).stdout
    finally:
        os.unlink(lua.name)
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    return LoadResult(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        errors=figures["http_errors"]
        + figures["connect_errors"]
        + figures["read_errors"]
        + figures["write_errors"]
        + figures["timeouts"],
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        max_ms=figures["max_us"] / 1000,
        bytes_read=figures["bytes"],
    )


@dataclass(frozen=True)
class PostLoadResult:
    """What one form-posting run measured. Every request sent was answered
    before the run ended, so `acknowledged` is exact: the number of posts the
    site confirmed, to compare with what it stored and counts."""

    sent: int
    acknowledged: int
    failed: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    statuses: dict[int, int]
    # The numbers (form(n)) of the posts the site confirmed.
    acknowledged_numbers: list[int] = field(default_factory=list)

    @property
    def acknowledged_per_second(self) -> float:
        return self.acknowledged / self.seconds if self.seconds else 0.0


def percentile(sorted_values: list[float], percent: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(percent / 100 * (len(sorted_values) - 1)))
    return sorted_values[index]


def post_load_run(
    urls: list[str],
    *,
    form: Callable[[int], dict[str, str]],
    duration: float,
    concurrency: int,
    acknowledged: Callable[[int, dict[str, str]], bool],
    headers: dict[str, str] | None = None,
    request_headers: Callable[[int], dict[str, str]] | None = None,
) -> PostLoadResult:
    """Post distinct forms for `duration` seconds from `concurrency` clients,
    each with its own kept-alive connection, spread over `urls` in turn (one
    per app server, say). `form(n)` gives the fields of the n-th post, unique
    across the run, and `request_headers(n)` any headers of its own (the
    X-Forwarded-For of its sender, say); `acknowledged(status,
    headers)` says whether an answer confirms the post. Clients stop sending at
    the deadline and wait for the answers in flight, so nothing sent goes
    uncounted. The site's forms carry no CSRF token (their origin is checked
    instead), so clients post without loading the page first."""
    import asyncio

    import aiohttp

    latencies: list[float] = []
    statuses: dict[int, int] = {}
    totals = {"sent": 0, "acknowledged": 0, "failed": 0}
    acknowledged_numbers: list[int] = []
    numbers = iter(range(1, 2**62))

    async def client(index: int, deadline: float) -> None:
        url = urls[index % len(urls)]
        connector = aiohttp.TCPConnector(limit=1, force_close=False)
        async with aiohttp.ClientSession(
            connector=connector,
            headers=headers or {},
            cookie_jar=aiohttp.DummyCookieJar(),
        ) as session:
            while time.monotonic() < deadline:
                number = next(numbers)
                fields = form(number)
                own = request_headers(number) if request_headers else {}
                started = time.perf_counter()
                totals["sent"] += 1
                try:
                    async with session.post(
                        url,
                        data=fields,
                        headers=own,
                        allow_redirects=False,
                    ) as answer:
                        await answer.read()
                        status = answer.status
                        confirmed = acknowledged(status, dict(answer.headers))
                except aiohttp.ClientError:
                    status, confirmed = 0, False
                latencies.append((time.perf_counter() - started) * 1000)
                statuses[status] = statuses.get(status, 0) + 1
                totals["acknowledged" if confirmed else "failed"] += 1
                if confirmed:
                    acknowledged_numbers.append(number)

    async def run_all() -> float:
        started = time.monotonic()
        deadline = started + duration
        await asyncio.gather(*(client(index, deadline) for index in range(concurrency)))
        return time.monotonic() - started

    seconds = asyncio.run(run_all())
    latencies.sort()
    return PostLoadResult(
        sent=totals["sent"],
        acknowledged=totals["acknowledged"],
        failed=totals["failed"],
        seconds=seconds,
        p50_ms=percentile(latencies, 50),
        p95_ms=percentile(latencies, 95),
        p99_ms=percentile(latencies, 99),
        statuses=statuses,
        acknowledged_numbers=acknowledged_numbers,
    )


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.read(), dict(answer.headers.items())


def machine() -> str:
    """The machine the figures were taken on, for the README."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {memory_gib:.0f} GiB, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A Markdown table, ready to paste into the README."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def header(title: str) -> None:
    # Other work on a shared machine takes cores from the server: say how much.
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\n## {title}\n\nMachine: {machine()}; load average before: {load}\n")
