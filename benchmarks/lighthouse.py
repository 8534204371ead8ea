"""Lighthouse: Google Lighthouse's mobile scores for accessibility, best
practices and SEO of the demo site's home, campaign and petition pages in each
language, against gunicorn with the production settings (demo pictures served
by Django, SERVE_MEDIA, as make prod-local does).

Target: 100 in every category on every page. Each audit that fails is named
with its id and title, and the run fails.

    python -m benchmarks.lighthouse --language ur --page petition --reports /tmp/lh

Needs Node with npx, which fetches lighthouse@12.8.2 from the npm registry on
first use (BENCH_LIGHTHOUSE gives another command, e.g. an installed copy's
bin/lighthouse), and Debian's chromium (apt-get install chromium). Lighthouse
loads nothing but the pages and their files: no audit of these three
categories needs another host.
"""

import argparse
import json
import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from benchmarks.harness import (
    BenchEnvironment,
    bench_environment,
    header,
    manage,
    servers_running,
    site_prepare,
    table,
)
from benchmarks.page_weight import CHROMIUM, CHROMIUM_ARGS

LIGHTHOUSE = shlex.split(
    os.environ.get("BENCH_LIGHTHOUSE", "npx --yes lighthouse@12.8.2")
)
CATEGORIES = {
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}
LANGUAGES = ("en", "ur", "haz")
PAGE_KINDS = ("home", "campaign", "petition")
TARGET = 100

# Each language's demo pages, looked up rather than spelled out so that a
# translated slug is followed: the home page, the demo petition and the
# campaign it belongs to.
PATHS = """
import json
from urllib.parse import urlsplit
from campaigns.models import CampaignPage
from home.models import HomePage
from petitions.models import PetitionPage
paths = {}
for code in %r:
    home = HomePage.objects.live().get(locale__language_code=code, depth=2)
    petition = PetitionPage.objects.live().filter(locale__language_code=code).first()
    campaign = CampaignPage.objects.live().ancestor_of(petition).first()
    paths[code] = {kind: urlsplit(page.get_url()).path for kind, page in
        (("home", home), ("campaign", campaign), ("petition", petition))}
print(json.dumps(paths))
"""


def demo_paths(env: BenchEnvironment, media: dict[str, str]) -> dict:
    """Load the demo site (after site_prepare); its pages' paths by language
    and kind."""
    manage(env, "demo", extra_env=media)
    output = manage(env, "shell", "-c", PATHS % (LANGUAGES,), extra_env=media)
    return json.loads(output.strip().splitlines()[-1])


def lighthouse_version() -> str:
    """Fetch Lighthouse once, outside the timed runs, and say which it is."""
    result = subprocess.run(
        [*LIGHTHOUSE, "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{shlex.join(LIGHTHOUSE)} failed:\n{result.stderr}")
    return result.stdout.strip()


def lighthouse_run(url: str, report: Path) -> dict:
    """One Lighthouse run on `url` as a phone; its report (the LHR)."""
    command = [
        *LIGHTHOUSE,
        url,
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--form-factor=mobile",
        "--screenEmulation.mobile",
        "--quiet",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    result = subprocess.run(
        command,
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    lhr = json.loads(report.read_text()) if report.exists() else {}
    problem = lhr.get("runtimeError", {}).get("message")
    if result.returncode != 0 or not lhr or problem:
        raise RuntimeError(f"Lighthouse failed on {url}: {problem}\n{result.stderr}")
    return lhr


def failing_audits(lhr: dict) -> list[tuple[str, str, str, str]]:
    """(category, audit id, title, what it found) for every audit of the
    categories that did not pass, those that weigh in the score first."""
    found = []
    for category_id in CATEGORIES:
        for ref in lhr["categories"][category_id]["auditRefs"]:
            audit = lhr["audits"][ref["id"]]
            if audit["scoreDisplayMode"] == "error":
                detail = "could not run: " + audit.get("errorMessage", "")
            elif audit["score"] is None or audit["score"] >= 1:
                continue
            else:
                detail = audit.get("displayValue") or audit.get("explanation") or ""
            if not ref["weight"]:
                detail = ("not in the score; " + detail).rstrip("; ")
            found.append((category_id, ref["id"], audit["title"], detail))
    return found


def what_failed(audit: dict) -> list[str]:
    """The elements or addresses an audit points at, a few of them."""
    items = (audit.get("details") or {}).get("items") or []
    lines = []
    for item in items[:5]:
        node = item.get("node") or {}
        # Elements have a node; console errors and issues a source location.
        location = item.get("sourceLocation") or item.get("source") or {}
        where = (
            node.get("selector")
            or item.get("url")
            or (location.get("url") if isinstance(location, dict) else "")
            or ""
        )
        description = item.get("description") or item.get("issueType") or ""
        snippet = node.get("snippet", "")
        explanation = " ".join(node.get("explanation", "").split())
        parts = (where, snippet, explanation, description)
        line = " ".join(part for part in parts if isinstance(part, str) and part)
        if line:
            lines.append(line)
    if len(items) > 5:
        lines.append(f"… and {len(items) - 5} more")
    return lines


def run(*, languages: list[str], kinds: list[str], reports: Path | None) -> bool:
    header("Lighthouse")
    version = lighthouse_version()
    results = {}
    with (
        bench_environment() as env,
        tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as scratch,
    ):
        # The demo's pictures go to a media folder of the run's own, which the
        # servers serve, so the repository's media/ is left alone.
        media = {"MEDIA_ROOT": str(Path(scratch) / "media"), "SERVE_MEDIA": "on"}
        site_prepare(env)
        paths = demo_paths(env, media)
        with servers_running(env, extra_env=media) as (server,):
            for kind in kinds:
                for language in languages:
                    path = paths[language][kind]
                    report = (reports or Path(scratch)) / f"{kind}-{language}.json"
                    results[kind, language] = (
                        path,
                        lighthouse_run(server.url(path), report),
                    )

    met = True
    rows = []
    failures = []
    for (kind, language), (path, lhr) in results.items():
        scores = {
            category: lhr["categories"][category]["score"] for category in CATEGORIES
        }
        shown = [
            "error" if score is None else round(score * 100)
            for score in scores.values()
        ]
        ok = all(isinstance(score, int) and score >= TARGET for score in shown)
        met = met and ok
        rows.append([kind, language, path, *shown, "met" if ok else "NOT MET"])
        for category, audit_id, title, detail in failing_audits(lhr):
            failures.append((kind, language, category, audit_id, title, detail, lhr))

    print(
        f"Lighthouse {version}, mobile (form factor and screen emulation), "
        f"Chromium {CHROMIUM}; target {TARGET} in each category.\n"
    )
    print(
        table(
            ["page", "language", "path", *CATEGORIES.values(), ""],
            rows,
        )
    )
    if failures:
        print("\nAudits that did not pass:\n")
    for kind, language, category, audit_id, title, detail, lhr in failures:
        print(f"- {kind} ({language}), {category}: `{audit_id}`: {title}")
        if detail:
            print(f"  {detail}")
        for line in what_failed(lhr["audits"][audit_id]):
            print(f"    {line}")
    warnings = {
        warning for _path, lhr in results.values() for warning in lhr["runWarnings"]
    }
    for warning in sorted(warnings):
        print(f"\nLighthouse warned: {warning}")
    return met


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--language",
        action="append",
        choices=LANGUAGES,
        help="a language to measure (repeat for more; all three by default)",
    )
    parser.add_argument(
        "--page",
        action="append",
        choices=PAGE_KINDS,
        help="a page to measure (repeat for more; all three by default)",
    )
    parser.add_argument(
        "--reports",
        type=Path,
        help="a folder to keep the JSON reports in (for Lighthouse's viewer)",
    )
    args = parser.parse_args(argv)
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    return run(
        languages=args.language or list(LANGUAGES),
        kinds=args.page or list(PAGE_KINDS),
        reports=args.reports,
    )


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
