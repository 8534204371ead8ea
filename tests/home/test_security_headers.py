import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from csp.middleware import CSPMiddleware
from django.contrib.auth import get_user_model
from django.http import HttpResponse

from home.csp import SiteCSPMiddleware

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ALLOWED_SOURCES = {"'self'", "'none'", "data:"}


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.parametrize("path", ["/en/", "/ur/", "/haz/", "/en/no-such-page/"])
def test_public_pages_allow_only_this_site_and_no_inline_script(
    client, home_page, path
):
    directives = policy(client.get(path))

    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    every_source = {source for sources in directives.values() for source in sources}
    assert every_source <= ALLOWED_SOURCES


def test_public_pages_forbid_sniffing_framing_and_leaking_referrers(client, home_page):
    response = client.get("/en/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_public_pages_have_no_inline_script_or_style(client, home_page):
    html = client.get("/en/").text

    assert "<script>" not in html and "<style" not in html and "style=" not in html


def test_admin_gets_its_own_policy_and_still_works(client, home_page):
    editor = get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password="password"
    )
    client.force_login(editor)

    response = client.get(f"/admin/pages/{home_page.pk}/edit/")

    assert response.status_code == 200
    directives = policy(response)
    assert "'unsafe-inline'" in directives["script-src"]
    assert directives["frame-ancestors"] == ["'self'"]
    every_source = {source for sources in directives.values() for source in sources}
    assert not any(source.startswith(("http", "//")) for source in every_source)


def test_admin_page_preview_can_be_framed_by_the_admin_only(client, home_page):
    editor = get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password="password"
    )
    client.force_login(editor)

    response = client.get(f"/admin/pages/{home_page.pk}/view_draft/")

    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == ["'self'"]


def deployment_environ() -> dict[str, str]:
    # The browser tests allow synchronous database calls beside Playwright's
    # event loop; a deployment never does.
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_production_settings_pass_the_deployment_checks():
    env = {
        **deployment_environ(),
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "campaign.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_shared_cache_fails_the_deployment_checks():
    env = {
        **{k: v for k, v in deployment_environ().items() if k != "REDIS_URL"},
        "DJANGO_SETTINGS_MODULE": "settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "campaign.example.org",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "home.W001" in result.stderr


def test_public_headers_built_once_are_the_ones_django_csp_builds(rf):
    # The public policy is built once per process (home.csp); a response that
    # asks for a nonce or changes its policy still gets django-csp's own.
    def with_nonce(request):
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    def with_update(request):
        response = HttpResponse("")
        response._csp_update = {"img-src": ["https://maps.example"]}
        return response

    def plain(request):
        return HttpResponse("")

    for view in (plain, with_nonce, with_update):
        ours = SiteCSPMiddleware(view)(rf.get("/ur/"))
        theirs = CSPMiddleware(view)(rf.get("/ur/"))
        assert ours["Content-Security-Policy"] == theirs["Content-Security-Policy"]
    updated = SiteCSPMiddleware(with_update)(rf.get("/en/"))
    assert "https://maps.example" in policy(updated)["img-src"]
