import pytest
from django.contrib.auth import get_user_model

from home.models import Footer, NavigationMenu, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "key",
    ["home", "appeal", "campaign", "goal", "programs", "program", "report", "donate"],
)
def test_editor_can_open_every_page_type_in_the_admin(
    editor_client, shared_site_pages, key
):
    page = shared_site_pages["en"][key]

    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200
    # The link-preview fields are on the promote tab of every page type.
    assert 'name="share_image"' in response.content.decode()


@pytest.mark.parametrize(
    ("model", "parent_key"),
    [
        ("campaigns/appealpage", "home"),
        ("campaigns/campaignpage", "home"),
        ("campaigns/goalpage", "campaign"),
        ("campaigns/reportpage", "campaign"),
        ("campaigns/programpage", "programs"),
    ],
)
def test_editor_can_start_a_new_page_where_it_belongs(
    editor_client, shared_site_pages, model, parent_key
):
    parent = shared_site_pages["en"][parent_key]

    response = editor_client.get(f"/admin/pages/add/{model}/{parent.pk}/")

    assert response.status_code == 200


def test_editor_can_open_site_settings_and_site_wide_snippets(
    editor_client, shared_site_pages
):
    settings_page = editor_client.get("/admin/settings/home/sitesettings/", follow=True)
    assert settings_page.status_code == 200
    assert 'name="organisation"' in settings_page.content.decode()
    for model in (Organisation, NavigationMenu, Footer):
        name = model._meta.model_name
        snippet = model.objects.get(locale__language_code="en")
        assert editor_client.get(f"/admin/snippets/home/{name}/").status_code == 200
        edit = editor_client.get(f"/admin/snippets/home/{name}/edit/{snippet.pk}/")
        assert edit.status_code == 200
