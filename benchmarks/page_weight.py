"""Page weight: every byte a first visit downloads for a page in each language,
measured by a real headless Chromium with an empty cache and a phone-sized
window, against gunicorn with the production settings. Chromium fetches only
what the page needs: the stylesheet, and of the fonts only those whose
unicode-range covers characters on the page.

Targets: English within 100 KB; Urdu and Hazaragi within 300 KB, fonts
included. Any request to another host is reported and fails the benchmark.

    python -m benchmarks.page_weight --path some-campaign/some-petition/

Needs Debian's chromium (apt-get install chromium) and the playwright package.
"""

import argparse
import http.client
from urllib.parse import urlsplit

from benchmarks.harness import (
    bench_environment,
    header,
    servers_running,
    site_prepare,
    table,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LANGUAGES = {"en": 100_000, "ur": 300_000, "haz": 300_000}


def first_visit(browser, url: str) -> list[dict]:
    """Load `url` in a fresh browser context (empty cache, no cookies) and
    return one row per response: its address, type and bytes on the wire."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2
    )
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    rows = []
    for request in finished:
        sizes = request.sizes()
        rows.append(
            {
                "url": request.url,
                "type": request.resource_type,
                "body": sizes["responseBodySize"],
                "headers": sizes["responseHeadersSize"],
            }
        )
    context.close()
    return rows


def favicon_visit(base_url: str) -> list[dict]:
    """Browsers ask every new site for /favicon.ico, outside the page's own
    requests (Playwright does not report it): follow it as Chromium would."""
    parts = urlsplit(base_url)
    path = "/favicon.ico"
    rows = []
    for _hop in range(5):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        connection.request("GET", path, headers={"Accept-Language": "en-US,en"})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        rows.append(
            {
                "url": base_url + path,
                "type": f"icon {response.status}",
                "body": len(body),
                "headers": len(str(response.headers)) + len("HTTP/1.1 200 OK\r\n"),
            }
        )
        if response.status not in (301, 302, 303, 307, 308):
            break
        path = urlsplit(response.getheader("Location")).path
    return rows


def run(*, path: str) -> bool:
    from playwright.sync_api import sync_playwright

    header("Page weight")
    results = {}
    with bench_environment() as env:
        site_prepare(env)
        with servers_running(env) as (server,), sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            for language in LANGUAGES:
                results[language] = first_visit(
                    browser, server.url(f"/{language}/{path}")
                ) + favicon_visit(server.base_url)
            browser.close()
        origin = urlsplit(server.base_url).netloc

    met = True
    print(f"First visit to /<language>/{path}, empty cache, 360 px wide.\n")
    summary = []
    for language, rows in results.items():
        body = sum(row["body"] for row in rows)
        total = body + sum(row["headers"] for row in rows)
        foreign = [row["url"] for row in rows if urlsplit(row["url"]).netloc != origin]
        target = LANGUAGES[language]
        ok = total <= target and not foreign
        met = met and ok
        summary.append(
            [
                language,
                len(rows),
                f"{body / 1000:.1f} KB",
                f"{total / 1000:.1f} KB",
                f"{target / 1000:.0f} KB",
                "met" if ok else "NOT MET",
            ]
        )
        print(f"{language}:")
        for row in rows:
            print(
                f"  {row['body'] + row['headers']:>8,} B  {row['type']:<10} "
                f"{urlsplit(row['url']).path}"
            )
        for url in foreign:
            print(f"  another host was contacted: {url}")
    print()
    print(
        table(
            ["language", "requests", "bodies", "with headers", "target", ""],
            summary,
        )
    )
    return met


def main(argv: list[str] | None = None) -> bool:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--path",
        default="",
        help="the page's path after the language prefix, e.g. campaign/petition/",
    )
    args = parser.parse_args(argv)
    return run(path=args.path)


if __name__ == "__main__":
    raise SystemExit(0 if main() else 1)
