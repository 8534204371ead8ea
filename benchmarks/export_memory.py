"""Export memory: 1,000,000 signatures downloaded through the admin's export
view, as CSV and as XLSX, each in a fresh process with the production settings
against PostgreSQL, with that process's peak resident memory (ru_maxrss) next
to a process that only starts Django and logs in. Exports stream, so the peak
must not grow with the rows.

Target: every export under 150 MB peak.

    python -m benchmarks.export_memory --rows 20000    # a quick check
"""

import argparse
import os
import subprocess
import time

from benchmarks.harness import (
    PYTHON,
    ROOT,
    BenchEnvironment,
    bench_environment,
    header,
    manage,
    table,
)
from benchmarks.petition_data import signatures_fill

LIMIT_MB = 150

PETITION = """
import uuid
from django.contrib.auth import get_user_model
from petitions.models import Petition
get_user_model().objects.create_superuser("bench", "bench@example.com", None)
print(Petition.objects.create(translation_key=uuid.uuid4(), title="Benchmark").pk)
"""

# Reads the download as a browser would and throws it away.
EXPORT = """
import time
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(username="bench"))
started = time.monotonic()
size = 0
if "{file_format}" != "none":
    response = client.get("/admin/signatures/export/?format={file_format}")
    assert response.status_code == 200, response.status_code
    for chunk in response.streaming_content:
        size += len(chunk)
    response.close()
print("EXPORTED", size, time.monotonic() - started)
"""


def export_measured(
    env: BenchEnvironment, file_format: str
) -> tuple[float, int, float]:
    """Peak RSS in MB, bytes and seconds of one export in a fresh process."""
    process = subprocess.Popen(
        [PYTHON, "manage.py", "shell", "-c", EXPORT.format(file_format=file_format)],
        cwd=ROOT,
        env=env.variables(ALLOWED_HOSTS="testserver"),
        stdout=subprocess.PIPE,
        text=True,
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.stdout.close()
    if status != 0:
        raise RuntimeError(f"export as {file_format} failed with status {status}")
    line = next(line for line in output.splitlines() if line.startswith("EXPORTED "))
    _word, size, seconds = line.split()
    # ru_maxrss is in kilobytes on Linux.
    return usage.ru_maxrss / 1024, int(size), float(seconds)


def run(*, rows: int) -> bool:
    header("Export memory")
    with bench_environment() as env:
        manage(env, "migrate", "--noinput")
        petition_id = int(manage(env, "shell", "-c", PETITION).split()[-1])
        started = time.monotonic()
        signatures_fill(env, petition_id, rows)
        filled = time.monotonic() - started
        baseline, _size, _seconds = export_measured(env, "none")
        exports = {name: export_measured(env, name) for name in ("csv", "xlsx")}
    print(
        f"{rows:,} signatures stored in {filled:.0f} s (one INSERT … SELECT); "
        "each export in a fresh process (Django's test client, production "
        "settings, PostgreSQL).\n"
    )
    print(
        table(
            ["export", "peak MB", "over Django alone", "file MB", "seconds"],
            [["none (Django alone, logged in)", f"{baseline:.0f}", "-", "-", "-"]]
            + [
                [
                    name.upper(),
                    f"{peak:.0f}",
                    f"{peak - baseline:+.0f} MB",
                    f"{size / 1e6:.0f}",
                    f"{seconds:.0f}",
                ]
                for name, (peak, size, seconds) in exports.items()
            ],
        )
    )
    print()
    checks = [
        (
            f"{name.upper()} export peak {peak:.0f} MB (target {LIMIT_MB} MB)",
            peak < LIMIT_MB,
        )
        for name, (peak, _size, _seconds) in exports.items()
    ]
    for text, met in checks:
        print(f"- {'met' if met else 'NOT MET'}: {text}")
    return all(met for _text, met in checks)


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    return run(rows=args.rows)


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
