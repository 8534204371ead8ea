"""Peak memory of exporting signatures, to show that exports stream in
constant memory.

Fills a database with N signatures, then downloads them through the admin's
export view (CSV and XLSX), each in a fresh process, and reports each
process's peak resident memory (ru_maxrss) next to that of a process that
only starts Django. Run by hand:

    .venv/bin/python benchmarks/export_memory.py                 # 1,000,000 rows
    .venv/bin/python benchmarks/export_memory.py --rows 20000    # a quick check

Without --database it uses a throw-away SQLite file; with
--database postgres://postgres@127.0.0.1:5432/hazara_bench it fills (and
empties first) that PostgreSQL database, which must exist. The target: every
export under 150 MB peak, and about the same for 20,000 rows as for 1,000,000.
"""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_MB = 150
BATCH = 10_000


def django_setup(database: str) -> None:
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.test")
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()


def fill(rows: int) -> None:
    """Migrate, then store `rows` confirmed signatures on one petition."""
    import uuid

    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from petitions.models import Petition, Signature

    call_command("migrate", verbosity=0)
    Signature.objects.all().delete()
    Petition.objects.all().delete()
    user_model = get_user_model()
    if not user_model.objects.filter(username="bench").exists():
        user_model.objects.create_superuser("bench", "bench@example.com", None)
    petition = Petition.objects.create(
        translation_key=uuid.uuid4(), title="Benchmark petition"
    )
    now = timezone.now()
    languages = ("en", "ur", "haz")
    for start in range(0, rows, BATCH):
        Signature.objects.bulk_create(
            Signature(
                petition=petition,
                name=f"علی رضا {n}" if n % 3 else f"Signer number {n}",
                name_key=f"signer {n}",
                email=f"signer{n}@example.com",
                email_canonical=f"signer{n}@example.com",
                city="Quetta",
                country="PK",
                language=languages[n % 3],
                state=Signature.State.CONFIRMED,
                consent_to_updates=bool(n % 2),
                consent_text="Email me about more actions." if n % 2 else "",
                consent_at=now if n % 2 else None,
                created_at=now,
                confirmed_at=now,
            )
            for n in range(start, min(start + BATCH, rows))
        )


def export(file_format: str) -> None:
    """Download every signature through the admin, reading the response as a
    browser would and throwing it away."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench"))
    started = time.monotonic()
    total = 0
    if file_format != "none":
        response = client.get(f"/admin/signatures/export/?format={file_format}")
        assert response.status_code == 200, response.status_code
        for chunk in response.streaming_content:
            total += len(chunk)
        response.close()
    print(f"{total} {time.monotonic() - started:.1f}")


def run_child(database: str, *args: str) -> tuple[float, str]:
    """Run this script in a new process; its peak RSS in MB and its output."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--database", database, *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.stdout.close()
    if status != 0:
        raise SystemExit(f"{' '.join(args)} failed with status {status}")
    # ru_maxrss is in kilobytes on Linux.
    return usage.ru_maxrss / 1024, output.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database", help="DATABASE_URL (default: temporary SQLite)")
    parser.add_argument("--child", choices=["fill", "none", "csv", "xlsx"])
    options = parser.parse_args()

    if options.child:
        django_setup(options.database)
        if options.child == "fill":
            fill(options.rows)
        else:
            export(options.child)
        return

    with tempfile.TemporaryDirectory() as scratch:
        database = options.database or f"sqlite:///{scratch}/bench.sqlite3"
        started = time.monotonic()
        run_child(database, "--child", "fill", "--rows", str(options.rows))
        print(
            f"{options.rows:,} signatures stored in {time.monotonic() - started:.0f} s"
        )
        baseline, _output = run_child(database, "--child", "none")
        print(f"Django alone: {baseline:.0f} MB peak")
        failed = False
        for file_format in ("csv", "xlsx"):
            peak, output = run_child(database, "--child", file_format)
            size, seconds = output.split()
            print(
                f"{file_format.upper()}: {peak:.0f} MB peak "
                f"({peak - baseline:+.0f} MB over Django alone), "
                f"{int(size) / 1e6:.0f} MB file in {seconds} s"
            )
            failed |= peak > LIMIT_MB
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this driver: {own:.0f} MB)")
    if failed:
        raise SystemExit(f"An export went over {LIMIT_MB} MB.")


if __name__ == "__main__":
    main()
