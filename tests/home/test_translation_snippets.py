import polib
import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from home.models import Footer, NavigationMenu, Organisation, SiteSettings
from tests.home.test_translation_access import denied
from tests.home.translation_steps import (
    locale,
    make_user,
    publish_snippet_translation,
    snippet_edit_url,
    submit_snippet_translation,
    translate_text,
    translation_of,
)

pytestmark = pytest.mark.django_db

GROUP = {"ur": "Urdu translators", "haz": "Hazaragi translators"}
TRANSLATED = {
    "ur": {
        "Drive to Thrive": "ڈرائیو ٹو تھرائیو",
        "Give now": "ابھی عطیہ دیں",
        "Standing with the Hazara.": "ہزارہ کے ساتھ کھڑے ہیں۔",
    },
    "haz": {
        "Drive to Thrive": "درایو تو ترایو",
        "Give now": "آلی کمک کنید",
        "Standing with the Hazara.": "قد هزاره‌ها ایستاده ایم.",
    },
}


@pytest.fixture
def chrome(home_page):
    """The organisation, menu and footer in English only, chosen in the site
    settings."""
    snippets = {
        "organisation": Organisation.objects.create(
            name="Drive to Thrive", phone="+1 240-786-1947"
        ),
        "menu": NavigationMenu.objects.create(
            name="Main menu",
            links=[
                {
                    "type": "link",
                    "value": {
                        "page": None,
                        "link": "https://example.org/give",
                        "label": "Give now",
                    },
                }
            ],
        ),
        "footer": Footer.objects.create(
            name="Footer", text="<p>Standing with the Hazara.</p>"
        ),
    }
    SiteSettings.objects.update_or_create(
        defaults={
            "organisation": snippets["organisation"],
            "main_menu": snippets["menu"],
            "footer": snippets["footer"],
        }
    )
    return snippets


def translate_and_publish(client, snippet, english: str, code: str, capture):
    with capture(execute=True):
        response = submit_snippet_translation(client, snippet, code)
    assert response.status_code == 302
    translation = translation_of(snippet, code)
    assert (
        translate_text(
            client, translation, english, TRANSLATED[code][english]
        ).status_code
        == 201
    )
    translated = snippet.get_translation(locale(code))
    with capture(execute=True):
        response = publish_snippet_translation(client, translated)
    assert response.status_code == 302
    return translated


@pytest.mark.parametrize("code", ["ur", "haz"])
def test_translator_translates_the_site_wide_snippets_for_visitors(
    client, chrome, code, django_capture_on_commit_callbacks
):
    client.force_login(make_user("nargis", GROUP[code]))

    for key, english in (
        ("organisation", "Drive to Thrive"),
        ("menu", "Give now"),
        ("footer", "Standing with the Hazara."),
    ):
        translate_and_publish(
            client, chrome[key], english, code, django_capture_on_commit_callbacks
        )

    html = client.get(f"/{code}/").content.decode()
    for text in TRANSLATED[code].values():
        assert text in html
    for english in TRANSLATED[code]:
        assert english not in html
    english_html = client.get("/en/").content.decode()
    assert all(english in english_html for english in TRANSLATED[code])
    other = "haz" if code == "ur" else "ur"
    assert (
        TRANSLATED[code]["Drive to Thrive"]
        not in client.get(f"/{other}/").content.decode()
    )


@pytest.mark.parametrize("code", ["ur", "haz"])
def test_translator_cannot_edit_the_english_snippet(client, chrome, code):
    organisation = chrome["organisation"]
    client.force_login(make_user("nargis", GROUP[code]))
    edit_url = snippet_edit_url(organisation)

    assert denied(client.get(edit_url))
    response = client.post(edit_url, {"name": "Changed", "phone": "+1"})

    assert denied(response)
    organisation.refresh_from_db()
    assert organisation.name == "Drive to Thrive"
    assert "Drive to Thrive" in client.get("/en/").content.decode()


def test_po_round_trip_translates_a_snippet(
    client, chrome, django_capture_on_commit_callbacks
):
    organisation = chrome["organisation"]
    client.force_login(make_user("nargis", "Hazaragi translators"))
    with django_capture_on_commit_callbacks(execute=True):
        submit_snippet_translation(client, organisation, "haz")
    translation = translation_of(organisation, "haz")

    response = client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.id])
    )
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    assert [entry.msgid for entry in po] == ["Drive to Thrive"]
    po[0].msgstr = TRANSLATED["haz"]["Drive to Thrive"]
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {
            "file": SimpleUploadedFile("organisation.po", str(po).encode()),
            "next": "/admin/",
        },
    )
    messages = [str(message).strip() for message in get_messages(response.wsgi_request)]
    assert messages[-1] == "Successfully imported translations from PO File."
    with django_capture_on_commit_callbacks(execute=True):
        publish_snippet_translation(client, organisation.get_translation(locale("haz")))

    html = client.get("/haz/").content.decode()
    assert TRANSLATED["haz"]["Drive to Thrive"] in html
    assert "Drive to Thrive" not in html
