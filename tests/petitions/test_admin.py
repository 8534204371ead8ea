import re

import pytest

from supporters.models import BlockedEmailDomain

pytestmark = pytest.mark.django_db


def test_editors_can_edit_the_petition_page(admin_client, petition_pages):
    response = admin_client.get(f"/admin/pages/{petition_pages['en'].pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    for field in ("addressee", "target", "deadline", "closed", "share_text"):
        assert f'name="{field}"' in html
    assert re.search(r'<input[^>]*name="target"(?![^>]*disabled)[^>]*>', html)


def test_translators_edit_text_but_not_the_shared_settings(
    admin_client, petition_pages
):
    response = admin_client.get(f"/admin/pages/{petition_pages['ur'].pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="share_text"' in html
    for field in ("target", "deadline", "closed"):
        assert re.search(rf'<input[^>]*name="{field}"[^>]*disabled', html)


def test_staff_can_block_an_email_domain(admin_client):
    response = admin_client.post(
        "/admin/snippets/supporters/blockedemaildomain/add/",
        {"domain": " @Throwaway.Example. ", "note": "disposable"},
    )

    assert response.status_code == 302
    assert BlockedEmailDomain.objects.get().domain == "throwaway.example"


def test_translation_editor_offers_the_texts_but_not_the_shared_settings(
    admin_client, campaign
):
    import html as html_lib
    import json

    from wagtail.models import Locale
    from wagtail_localize.models import Translation, TranslationSource

    from petitions.models import PetitionPage

    page = campaign.add_child(
        instance=PetitionPage(
            title="Justice", slug="justice", addressee="The PM", share_text="Sign!"
        )
    )
    page.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(page)
    Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="ur")
    ).save_target(publish=True)
    urdu = PetitionPage.objects.get(locale__language_code="ur", slug="justice")

    html = admin_client.get(f"/admin/pages/{urdu.pk}/edit/").content.decode()

    props = json.loads(
        html_lib.unescape(re.search(r'data-props="([^"]+)"', html).group(1))
    )
    fields = {segment["location"]["field"] for segment in props["segments"]}
    assert {"Title", "Addressed to", "Share text"} <= fields
    assert not fields & {"Signatures aimed for", "Last day to sign", "Closed now"}
    assert urdu.target == page.target
