import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page, PageViewRestriction, Site

from home.models import HomePage
from home.page_cache import page_cache_purge
from tests.conftest import cache_clear

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 30


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password="password"
    )


def test_second_visit_is_answered_from_cache_without_touching_the_database(
    client, home_page, django_assert_num_queries
):
    first = client.get("/en/")

    with django_assert_num_queries(0):
        second = client.get("/en/")

    assert second.status_code == 200
    assert second.content == first.content
    assert second["X-Page-Cache"] == "hit"


def test_each_language_is_cached_under_its_own_address(client, home_page):
    client.get("/en/")

    urdu = client.get("/ur/")

    assert urdu["X-Page-Cache"] == "miss"
    assert 'lang="ur"' in urdu.content.decode()


def test_publishing_a_page_shows_the_change_at_once(client, home_page, campaign):
    assert "Stand with the Hazara" in client.get("/en/stand-with-hazara/").text

    campaign.title = "Justice for Mach"
    campaign.save_revision().publish()

    response = client.get("/en/stand-with-hazara/")
    assert "Justice for Mach" in response.text
    assert response["X-Page-Cache"] == "miss"


def test_publishing_one_page_purges_the_others_that_may_show_it(
    client, home_page, campaign
):
    client.get("/en/")

    campaign.save_revision().publish()

    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_unpublished_page_disappears_at_once(client, home_page, campaign):
    assert client.get("/en/stand-with-hazara/").status_code == 200

    campaign.unpublish()

    assert client.get("/en/stand-with-hazara/").status_code == 404


def test_page_cache_purge_makes_every_cached_page_stale(client, home_page):
    client.get("/en/")
    client.get("/ur/")

    page_cache_purge()

    assert client.get("/en/")["X-Page-Cache"] == "miss"
    assert client.get("/ur/")["X-Page-Cache"] == "miss"


def test_logged_in_editor_sees_the_page_as_it_is_not_as_cached(
    client, home_page, editor
):
    client.get("/en/")
    # A change that no publish announced: only an uncached render shows it.
    HomePage.objects.filter(pk=home_page.pk).update(title="Changed quietly")
    client.force_login(editor)

    response = client.get("/en/")

    assert "Changed quietly" in response.text
    assert "X-Page-Cache" not in response


def test_editors_view_is_never_stored_for_visitors(client, home_page, editor):
    client.force_login(editor)
    client.get("/en/")
    client.logout()

    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_post_is_never_answered_from_cache(client, home_page):
    client.get("/en/")
    HomePage.objects.filter(pk=home_page.pk).update(title="Changed quietly")

    response = client.post("/en/", {})

    assert "X-Page-Cache" not in response
    assert "Changed quietly" in response.text


def test_page_with_a_csrf_token_is_never_cached(client, home_page, campaign):
    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=campaign.pk),
        restriction_type=PageViewRestriction.PASSWORD,
        password="solidarity",
    )

    first = client.get("/en/stand-with-hazara/")
    client.cookies.clear()
    second = client.get("/en/stand-with-hazara/")

    assert "csrfmiddlewaretoken" in first.text
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second


def test_admin_and_health_check_are_never_cached(client, home_page):
    for path in ("/admin/login/", "/health/"):
        client.get(path)

        assert "X-Page-Cache" not in client.get(path)


def test_cached_page_carries_the_security_headers(client, home_page):
    client.get("/en/")

    response = client.get("/en/")

    assert response["X-Page-Cache"] == "hit"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_shared_caches_in_front_may_keep_the_page_as_long_as_the_server_does(
    client, home_page
):
    response = client.get("/en/")

    assert "public" in response["Cache-Control"]
    assert "s-maxage=30" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]


def test_page_cache_is_off_when_seconds_is_zero(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/")

    response = client.get("/en/")

    assert "X-Page-Cache" not in response
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_changing_the_site_record_purges_cached_pages(client, home_page):
    client.get("/en/")
    site = Site.objects.get(is_default_site=True)

    site.site_name = "Hazara Rights Network"
    site.save()

    assert client.get("/en/")["X-Page-Cache"] == "miss"


def test_preview_shows_the_draft_and_never_reaches_visitors(client, home_page, editor):
    client.get("/en/")
    home_page.title = "Draft title"
    home_page.save_revision()
    editor_client = Client()
    editor_client.force_login(editor)

    preview = editor_client.get(f"/admin/pages/{home_page.pk}/view_draft/")

    assert "Draft title" in preview.text
    assert "Draft title" not in client.get("/en/").text


def test_preview_without_an_editors_request_still_renders_the_draft(client, home_page):
    # Wagtail previews on a dummy request for the public URL, with no cookies
    # when it has no editor's request to copy them from.
    client.get("/en/", HTTP_HOST="localhost")
    home_page.title = "Draft title"
    home_page.save_revision()

    draft = home_page.get_latest_revision_as_object()
    preview = draft.make_preview_request()

    assert "Draft title" in preview.content.decode()
    assert "Draft title" not in client.get("/en/", HTTP_HOST="localhost").text


@pytest.fixture
def process_pages(settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    page_cache_purge()
    yield
    page_cache_purge()


def test_busy_page_is_answered_from_process_memory_without_the_shared_cache(
    client, home_page, process_pages
):
    client.get("/en/")
    # Even with the shared cache emptied, this process still has its copy.
    cache_clear()

    response = client.get("/en/")

    assert response["X-Page-Cache"] == "hit"


def test_publishing_clears_this_processs_copies_too(
    client, home_page, campaign, process_pages
):
    client.get("/en/stand-with-hazara/")

    campaign.title = "Justice for Mach"
    campaign.save_revision().publish()

    assert "Justice for Mach" in client.get("/en/stand-with-hazara/").text


def test_head_is_answered_from_cache_with_the_pages_length(client, home_page):
    page = client.get("/en/")

    response = client.head("/en/")

    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Length"] == str(len(page.content))


def test_publishing_still_works_when_the_cache_is_down(home_page, campaign, settings):
    # Nothing listens on port 1 of loopback: a real connection failure.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    campaign.title = "Justice for Mach"

    campaign.save_revision().publish()

    campaign.refresh_from_db()
    assert campaign.live and campaign.title == "Justice for Mach"


def test_visitors_from_a_shared_link_with_click_ids_share_one_cached_page(
    client, home_page
):
    first = client.get("/en/?fbclid=IwAR0first&utm_source=facebook")

    second = client.get("/en/?fbclid=IwAR0second&utm_medium=social")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_click_id_reaches_no_page_and_no_later_visitor(client, home_page):
    shared = client.get("/en/search/?q=Quetta&fbclid=IwAR0secret").text
    other = client.get("/en/search/?q=Mach")

    assert "IwAR0secret" not in shared
    assert "/ur/search/?q=Quetta" in shared
    assert other["X-Page-Cache"] == "miss"
    assert "/ur/search/?q=Mach" in other.text
