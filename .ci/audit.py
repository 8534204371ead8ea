"""Check the installed dependencies against published security advisories.

Runs pip-audit on the virtual environment that `make install` built from the
pinned requirements.txt (the pins and everything they pull in). Exit codes:

  0  no known vulnerability, apart from those explained in .ci/audit-ignore.txt;
     or no advisory service could be reached (said loudly: NOT AUDITED)
  1  a vulnerability was found, or the audit itself failed

Set AUDIT_REQUIRED=1 to make an unreachable advisory service fail too.
"""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / ".ci" / "audit-ignore.txt"
TIMEOUT = 15
# A release that certainly exists: if the service cannot describe it, the
# service is not there (a proxy that answers 404 to everything, no network).
PROBES = {
    "pypi": ("https://pypi.org/pypi/Django/5.2/json", None),
    "osv": (
        "https://api.osv.dev/v1/query",
        json.dumps(
            {"package": {"name": "django", "ecosystem": "PyPI"}, "version": "5.2"}
        ).encode(),
    ),
}


def service_reachable(name: str) -> tuple[bool, str]:
    url, body = PROBES[name]
    # Fixed https addresses above, never a URL from input.
    request = urllib.request.Request(  # noqa: S310
        url, data=body, method="POST" if body else "GET"
    )
    if body:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            json.load(response)
    except (urllib.error.URLError, OSError, ValueError) as error:
        return False, f"{url}: {error}"
    return True, url


def explained_ignores() -> list[tuple[str, str]]:
    """(advisory id, reason) from .ci/audit-ignore.txt: `ID  reason` a line."""
    if not IGNORE_FILE.exists():
        return []
    entries = []
    for line in IGNORE_FILE.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        advisory, _space, reason = line.partition(" ")
        if not reason.strip():
            sys.exit(f"{IGNORE_FILE.name}: {advisory} has no explanation")
        entries.append((advisory, reason.strip()))
    return entries


def main() -> int:
    reasons = []
    service = None
    for name in PROBES:
        reachable, detail = service_reachable(name)
        if reachable:
            service = name
            break
        reasons.append(detail)
    if service is None:
        print("NOT AUDITED: no vulnerability advisory service could be reached.")
        for reason in reasons:
            print(f"  {reason}")
        print("The dependencies were not checked; see SECURITY.md, 'Dependencies'.")
        return 1 if os.environ.get("AUDIT_REQUIRED") else 0

    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--strict",
        "--skip-editable",
        "--progress-spinner",
        "off",
        "--desc",
        "on",
        "--vulnerability-service",
        service,
    ]
    for advisory, reason in explained_ignores():
        print(f"Ignoring {advisory}: {reason}")
        command += ["--ignore-vuln", advisory]
    print(f"Auditing the installed dependencies against {service} advisories")
    return subprocess.run(command, cwd=ROOT, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
