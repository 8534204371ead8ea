import re

import pytest
from wagtail.models import Locale

pytestmark = pytest.mark.django_db


def result_links(html):
    if 'class="search-results"' not in html:
        return []
    results = html[html.index('class="search-results"') : html.index("</ol>")]
    return re.findall(r'<a href="([^"]+)"', results)


@pytest.mark.parametrize("code", ["en", "ur", "haz"])
def test_search_finds_pages_of_its_own_language_only(client, shared_site_pages, code):
    # Every translation keeps the English word in its title.
    links = result_links(client.get(f"/{code}/search/?q=Education").content.decode())

    assert links == [f"/{code}/programs/education/"]


def test_search_finds_translated_text(client, shared_site_pages):
    links = result_links(client.get("/ur/search/?q=اردو").content.decode())

    assert "/ur/programs/education/" in links
    assert all(link.startswith("/ur/") for link in links)


def test_search_shows_the_introduction_of_each_result(client, shared_site_pages):
    html = client.get("/en/search/?q=Education").content.decode()

    assert "Scholarships for children." in html


@pytest.mark.parametrize(
    "query", ["", "   ", "x" * 1000, "nothing-matches-this", "%_'\"<script>"]
)
def test_search_with_odd_input_answers_without_error(client, shared_site_pages, query):
    response = client.get("/ur/search/", {"q": query, "page": "999"})

    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_search_renders_with_a_bounded_number_of_queries(
    client, shared_site_pages, django_assert_max_num_queries
):
    client.get("/ur/search/?q=Education")

    with django_assert_max_num_queries(14):
        client.get("/ur/search/?q=Education")


def test_search_leaves_out_untranslated_copies_of_english_pages(
    client, shared_site_pages
):
    from campaigns.models import CampaignPage
    from tests.page_fixtures import page_add

    english = page_add(
        shared_site_pages["en"]["home"],
        CampaignPage,
        title="Winter clothing drive",
        slug="winter",
    )
    # As locale synchronisation does for a page created in the admin.
    for code in ("ur", "haz"):
        english.copy_for_translation(Locale.objects.get(language_code=code), alias=True)

    assert result_links(client.get("/en/search/?q=Winter").content.decode()) == [
        "/en/winter/"
    ]
    for code in ("ur", "haz"):
        html = client.get(f"/{code}/search/?q=Winter").content.decode()
        assert result_links(html) == []
