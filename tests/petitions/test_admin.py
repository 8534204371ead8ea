import re

import pytest

from petitions.models import BlockedEmailDomain

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
        "/admin/snippets/petitions/blockedemaildomain/add/",
        {"domain": " @Throwaway.Example. ", "note": "disposable"},
    )

    assert response.status_code == 302
    assert BlockedEmailDomain.objects.get().domain == "throwaway.example"
