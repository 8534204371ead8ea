import json
import runpy
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation

from tests.home.translation_steps import (
    add_campaign,
    locale,
    make_user,
    submit_translation,
    translation_of,
)

BASE_SETTINGS = str(django_settings.BASE_DIR / "site" / "settings" / "base.py")


def base_settings(monkeypatch, **environ) -> dict:
    """site/settings/base.py as it reads the given environment."""
    for name in (
        "MACHINE_TRANSLATION",
        "MACHINE_TRANSLATION_URL",
        "MACHINE_TRANSLATION_API_KEY",
        "MACHINE_TRANSLATION_LANGUAGES",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(BASE_SETTINGS)


def test_machine_translation_is_off_by_default(monkeypatch):
    assert base_settings(monkeypatch)["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"] is None
    assert get_machine_translator() is None


def test_libretranslate_is_configured_from_the_environment(monkeypatch):
    config = base_settings(
        monkeypatch,
        MACHINE_TRANSLATION="libretranslate",
        MACHINE_TRANSLATION_URL="http://127.0.0.1:5000",
        MACHINE_TRANSLATION_API_KEY="key",
    )["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"]

    assert config["CLASS"] == "home.translation.machine.LanguageMappingTranslator"
    options = config["OPTIONS"]
    assert options["SERVICE"].endswith("libretranslate.LibreTranslator")
    assert options["SERVICE_OPTIONS"]["LIBRETRANSLATE_URL"] == "http://127.0.0.1:5000"
    assert options["SERVICE_OPTIONS"]["API_KEY"] == "key"
    assert options["LANGUAGE_MAP"] == {"haz": "fa"}


def test_language_map_can_be_changed(monkeypatch):
    config = base_settings(
        monkeypatch,
        MACHINE_TRANSLATION="deepl",
        MACHINE_TRANSLATION_API_KEY="key:fx",
        MACHINE_TRANSLATION_LANGUAGES="haz:fa, ur:ur",
    )["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"]

    assert config["OPTIONS"]["LANGUAGE_MAP"] == {"haz": "fa", "ur": "ur"}
    assert config["OPTIONS"]["SERVICE_OPTIONS"]["AUTH_KEY"] == "key:fx"


@pytest.mark.parametrize(
    "environ",
    [
        {"MACHINE_TRANSLATION": "babelfish"},
        {"MACHINE_TRANSLATION": "libretranslate"},
    ],
    ids=["unknown-service", "no-url"],
)
def test_incomplete_machine_translation_settings_stop_start_up(monkeypatch, environ):
    with pytest.raises(ImproperlyConfigured):
        base_settings(monkeypatch, **environ)


class FakeLibreTranslate(BaseHTTPRequestHandler):
    """A LibreTranslate server on loopback that records what it was asked."""

    requests: list = []

    def do_POST(self):  # noqa: N802 (the name http.server calls)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.requests.append(body)
        answer = {
            "translatedText": [f"[{body['target']}] {text}" for text in body["q"]]
        }
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def libretranslate(settings):
    FakeLibreTranslate.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeLibreTranslate)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "home.translation.machine.LanguageMappingTranslator",
        "OPTIONS": {
            "SERVICE": django_settings.MACHINE_TRANSLATION_SERVICES["libretranslate"][
                0
            ],
            "SERVICE_OPTIONS": {
                "LIBRETRANSLATE_URL": f"http://127.0.0.1:{server.server_port}",
                "API_KEY": "",
            },
            "LANGUAGE_MAP": {"haz": "fa"},
        },
    }
    yield FakeLibreTranslate.requests
    server.shutdown()
    server.server_close()


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "service_code"), [("haz", "fa"), ("ur", "ur")])
def test_machine_translation_asks_the_service_in_its_language_codes(
    client,
    home_page,
    libretranslate,
    code,
    service_code,
    django_capture_on_commit_callbacks,
):
    campaign = add_campaign(home_page)
    client.force_login(make_user("nargis", "Translators"))
    with django_capture_on_commit_callbacks(execute=True):
        submit_translation(client, campaign, code)
    translation = translation_of(campaign, code)

    response = client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id])
    )

    assert response.status_code == 302
    assert [(sent["source"], sent["target"]) for sent in libretranslate] == [
        ("en", service_code)
    ]
    assert set(
        StringTranslation.objects.filter(locale=locale(code)).values_list(
            "data", "translation_type"
        )
    ) == {
        (f"[{service_code}] Stand with the Hazara", "machine"),
        (f"[{service_code}] Justice for the families of Mach.", "machine"),
    }
