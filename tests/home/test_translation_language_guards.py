"""A translator of one language sending wagtail-localize's requests by hand
against the other language's translation: each is refused, nothing changes."""

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import (
    OverridableSegment,
    SegmentOverride,
    StringSegment,
    StringTranslation,
    TranslationLog,
)
from wagtail_localize.operations import translate_object

from home.models import Organisation
from tests.home.test_translation_access import denied
from tests.home.translation_steps import (
    add_campaign,
    locale,
    make_user,
    publish_snippet_translation,
    publish_translation,
    submit_snippet_translation,
    submit_translation,
    translation_of,
)

pytestmark = pytest.mark.django_db

GROUP = {"ur": "Urdu translators", "haz": "Hazaragi translators"}
# (translator's language, the other language whose translation they attack)
CROSSINGS = [("haz", "ur"), ("ur", "haz")]


@pytest.fixture
def translated(home_page, django_capture_on_commit_callbacks):
    """An organisation and a campaign page, each translated into Urdu and
    Hazaragi with wagtail-localize, nothing translated yet."""
    organisation = Organisation.objects.create(
        name="Drive to Thrive", phone="+1 240-786-1947"
    )
    campaign = add_campaign(home_page)
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(organisation, [locale("ur"), locale("haz")])
        translate_object(campaign, [locale("ur"), locale("haz")])
    return {"snippet": organisation, "page": campaign}


def string_edit(client, translation):
    segment = StringSegment.objects.filter(source=translation.source).first()
    return client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.id, segment.id],
        ),
        urlencode({"value": "نوشته"}),
        content_type="application/x-www-form-urlencoded",
    )


def override_edit(client, translation):
    segment = OverridableSegment.objects.get(source=translation.source)
    return client.put(
        reverse("wagtail_localize:edit_override", args=[translation.id, segment.id]),
        urlencode({"value": "+92 81 000 0000"}),
        content_type="application/x-www-form-urlencoded",
    )


def po_upload(client, translation):
    po = translation.export_po()
    for entry in po:
        entry.msgstr = "نوشته"
    return client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {"file": SimpleUploadedFile("t.po", str(po).encode()), "next": "/admin/"},
    )


def po_download(client, translation):
    return client.get(
        reverse("wagtail_localize:download_pofile", args=[translation.id])
    )


def machine_translate(client, translation):
    return client.post(
        reverse("wagtail_localize:machine_translate", args=[translation.id])
    )


def stop(client, translation):
    return client.post(
        reverse("wagtail_localize:stop_translation", args=[translation.id])
    )


def publish(client, translation):
    target = translation.get_target_instance()
    if translation.source.specific_content_type.model == "organisation":
        return publish_snippet_translation(client, target)
    return publish_translation(client, target)


REQUESTS = [string_edit, po_upload, po_download, machine_translate, stop, publish]


def state(translation) -> tuple:
    """What a change to a translation would leave behind."""
    translation.refresh_from_db()
    where = {"locale": translation.target_locale}
    return (
        translation.enabled,
        str(translation.get_target_instance()),
        StringTranslation.objects.filter(**where).count(),
        SegmentOverride.objects.filter(**where).count(),
        TranslationLog.objects.filter(source=translation.source, **where).count(),
    )


@pytest.mark.parametrize(("own", "other"), CROSSINGS)
def test_translator_cannot_change_the_other_languages_translation(
    client, translated, own, other
):
    client.force_login(make_user("nargis", GROUP[own]))

    for kind in ("snippet", "page"):
        translation = translation_of(translated[kind], other)
        before = state(translation)
        for request in REQUESTS:
            response = request(client, translation)

            assert denied(response), (kind, request.__name__, response.status_code)
            assert state(translation) == before, (kind, request.__name__)


@pytest.mark.parametrize(("own", "other"), CROSSINGS)
def test_translator_cannot_override_the_other_languages_phone(
    client, translated, own, other
):
    translation = translation_of(translated["snippet"], other)
    before = state(translation)
    client.force_login(make_user("nargis", GROUP[own]))

    assert denied(override_edit(client, translation))
    assert state(translation) == before


@pytest.mark.parametrize(("own", "other"), CROSSINGS)
def test_translator_cannot_start_a_translation_into_the_other_language(
    client, home_page, own, other, django_capture_on_commit_callbacks
):
    organisation = Organisation.objects.create(name="Drive to Thrive")
    campaign = add_campaign(home_page)
    client.force_login(make_user("nargis", GROUP[own]))

    with django_capture_on_commit_callbacks(execute=True):
        snippet_response = submit_snippet_translation(client, organisation, other)
        page_response = submit_translation(client, campaign, other)

    assert denied(snippet_response)
    assert denied(page_response)
    assert not Organisation.objects.filter(locale=locale(other)).exists()
    assert not campaign.get_translations().filter(
        locale=locale(other), alias_of__isnull=True
    )


def test_translator_of_both_languages_edits_both(client, translated):
    client.force_login(make_user("nargis", "Translators"))

    for code in ("ur", "haz"):
        translation = translation_of(translated["snippet"], code)
        assert string_edit(client, translation).status_code == 201
        assert override_edit(client, translation).status_code == 201
        assert po_download(client, translation).status_code == 200
        page_translation = translation_of(translated["page"], code)
        preview = client.get(
            reverse("wagtail_localize:preview_translation", args=[page_translation.id])
        )
        assert preview.status_code == 200
        assert "Stand with the Hazara" in preview.content.decode()
