import re
from html import unescape

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import TranslationLog

from home.demo.build import demo_catalog, demo_site_ensure
from home.demo.content import QUOTE, QUOTE_ATTRIBUTION
from home.demo.ensure import DemoCatalogError, demo_translation_ensure
from home.models import Footer, NavigationMenu, Organisation
from petitions import demo as petition_demo
from petitions.models import Petition
from tests.conftest import built_once

pytestmark = pytest.mark.django_db

CATALOGS = {"ur": demo_catalog("ur"), "haz": demo_catalog("haz")}
ENGLISH_WORDS = re.compile(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,} [a-z]{3,}")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, built once for this module and rolled back after it."""
    with built_once(django_db_blocker, demo_site_ensure) as demo:
        yield demo


@pytest.fixture(scope="module")
def rendered(demo):
    """A page of the demo site as a visitor gets it (answered 200), by path:
    rendered once for this module, whose tests only read the pages."""
    visitor, pages = Client(), {}

    def html(path: str) -> str:
        if path not in pages:
            response = visitor.get(path)
            assert response.status_code == 200, path
            pages[path] = response.content.decode()
        return pages[path]

    return html


def demo_paths(demo):
    """Every demo page's path under its language prefix, by page key."""
    prefix = len(demo.home.url_path)
    return {key: page.url_path[prefix:] for key, page in demo.pages.items()}


def heading(html):
    return unescape(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip())


def site_snapshot():
    return {
        "pages": sorted(
            Page.objects.values_list(
                "pk",
                "locale__language_code",
                "url_path",
                "title",
                "live",
                "latest_revision_id",
            )
        ),
        "revisions": Revision.objects.count(),
        "documents": sorted(
            get_document_model().objects.values_list("pk", "title", "file_hash")
        ),
        "images": sorted(get_image_model().objects.values_list("pk", "file_hash")),
        "snippets": [
            sorted(model.objects.values_list("pk", "locale_id", "name"))
            for model in (Organisation, NavigationMenu, Footer)
        ],
        "translation_logs": TranslationLog.objects.count(),
    }


@pytest.mark.parametrize("code", ["en", "ur", "haz"])
def test_every_demo_page_is_live_in_each_language(rendered, demo, code):
    assert {"home", "campaign", "petition"} <= set(demo.pages)
    for key, path in demo_paths(demo).items():
        assert f'<html lang="{code}"' in rendered(f"/{code}/{path}"), key


@pytest.mark.parametrize("code", ["ur", "haz"])
def test_translated_demo_pages_show_translated_text_not_english(rendered, demo, code):
    for key, path in demo_paths(demo).items():
        html = rendered(f"/{code}/{path}")

        english_title = Page.objects.get(pk=demo.pages[key].pk).title
        assert heading(html) == CATALOGS[code][english_title], key
        main = html[html.index("<main") : html.index("</main>")]
        # No run of English words is left in the page's content.
        assert not ENGLISH_WORDS.search(main), (key, ENGLISH_WORDS.search(main))


def test_running_the_demo_again_changes_nothing_and_says_so(demo, capsys):
    before = site_snapshot()

    call_command("demo")

    assert "already up to date" in capsys.readouterr().out
    assert site_snapshot() == before


@pytest.mark.parametrize("code", ["en", "ur", "haz"])
def test_report_and_kit_are_offered_in_each_languages_own_document(
    rendered, demo, code
):
    paths = demo_paths(demo)

    report = rendered(f"/{code}/{paths['report']}")
    campaign = rendered(f"/{code}/{paths['campaign']}")

    box = report[report.index('class="report-download"') :]
    assert re.search(rf'href="/documents/\d+/report-{code}[^"]*\.pdf"><svg', box)
    assert re.search(rf'href="/documents/\d+/campaign-kit-{code}[^"]*\.pdf"', campaign)


PROGRAMS = ("education", "clinic", "business", "food")
# Details of a running service that no source gives.
INVENTED = re.compile(
    r"\b(fees?|books|uniforms?|doctors?|medicines?|grants?|training|we provide)\b",
    re.I,
)


def main_text(html):
    return " ".join(BeautifulSoup(html, "html.parser").main.get_text(" ").split())


def test_demo_programs_are_written_as_the_plans_of_their_source(rendered, demo):
    paths = demo_paths(demo)
    for key in (*PROGRAMS, "programs", "appeal", "donate", "home"):
        text = main_text(rendered(f"/en/{paths[key]}"))

        assert not INVENTED.search(text), (key, INVENTED.search(text))
    for key in PROGRAMS:
        text = main_text(rendered(f"/en/{paths[key]}"))

        assert re.search(r"Drive to Thrive (is planning to|will) ", text), key
    appeal = main_text(rendered(f"/en/{paths['appeal']}"))
    assert "Drive to Thrive is planning to offer scholarships" in appeal


@pytest.mark.parametrize("code", ["en", "ur", "haz"])
def test_demo_quote_is_the_appeals_words_with_the_speakers_name(rendered, demo, code):
    paths = demo_paths(demo)
    quote = QUOTE if code == "en" else CATALOGS[code][QUOTE]
    attribution = (
        QUOTE_ATTRIBUTION if code == "en" else CATALOGS[code][QUOTE_ATTRIBUTION]
    )
    for key in ("appeal", "petition"):
        page = BeautifulSoup(rendered(f"/{code}/{paths[key]}"), "html.parser")
        figures = page.main.select("figure.block-quote")

        assert [figure.blockquote.get_text(strip=True) for figure in figures] == [
            quote
        ], key
        assert figures[0].figcaption.get_text(strip=True) == attribution, key
    assert QUOTE == "What was his crime?"
    assert QUOTE_ATTRIBUTION.startswith("Masooma Bibi, ")
    if code != "en":
        # The name is given, and the quotation is said to be a translation.
        assert "معصوم" in attribution
        assert "ترجمہ" in attribution or "ترجمه" in attribution


def test_demo_documents_are_real_pdfs(demo):
    for document in get_document_model().objects.filter(tags__name__startswith="demo-"):
        with document.open_file() as handle:
            assert handle.read(5) == b"%PDF-"


def test_demo_menu_and_footer_are_in_the_visitors_language(rendered, demo):
    html = rendered("/haz/")

    header = html[html.index('<a class="site-name" href="/haz/">') :]
    header = header[: header.index("</a>")]
    assert 'alt="درایو تو تریو"' in header
    assert '<span aria-hidden="true">درایو تو تریو</span>' in header
    assert '<a href="/haz/after-mach/">اپیل</a>' in html
    assert "18566 Office Park" in html[html.index("<footer") :]


def test_a_missing_translation_stops_the_demo_with_the_missing_text(demo):
    page = Page.objects.get(
        locale__language_code="en", url_path__endswith="/programs/"
    ).specific
    catalog = dict(CATALOGS["ur"])
    del catalog["Our programs"]

    with pytest.raises(DemoCatalogError) as error:
        demo_translation_ensure(
            instance=page,
            locale=Locale.objects.get(language_code="ur"),
            catalog=catalog,
        )

    assert '"Our programs"' in str(error.value)
    assert "ur.po" in str(error.value)


def demo_page_in(demo, key, code):
    """The live page of the demo's `key` in a language."""
    english = demo.pages[key]
    return (
        english.specific_class.objects.live()
        .filter(translation_key=english.translation_key, locale__language_code=code)
        .get()
    )


@pytest.mark.parametrize("code", ["ur", "haz"])
def test_demo_petition_is_translated_with_a_target_of_ten_thousand(
    rendered, demo, code
):
    page = demo_page_in(demo, "petition", code)
    html = rendered(page.url)

    assert page.slug == "petition"
    assert page.addressee == CATALOGS[code][petition_demo.ADDRESSEE]
    assert page.share_text == CATALOGS[code][petition_demo.SHARE_TEXT]
    why = [block.value for block in page.why]
    assert why[0]["text"] == CATALOGS[code]["Killings without justice"]
    assert why[-1]["quote"] == CATALOGS[code][QUOTE]
    assert CATALOGS[code][QUOTE] in html
    assert Petition.objects.get(translation_key=page.translation_key).target == 10000


@pytest.mark.parametrize("code", ["en", "ur", "haz"])
def test_demo_home_and_campaign_show_the_petitions_progress(rendered, demo, code):
    petition = demo_page_in(demo, "petition", code)
    paths = demo_paths(demo)

    for key in ("home", "campaign"):
        html = rendered(f"/{code}/{paths[key]}")

        assert f'id="petition-count-{petition.pk}"' in html, key
        assert '<progress class="petition-progress__bar" max="10000"' in html, key
        assert petition.title in html, key


@pytest.mark.parametrize("code", ["en", "ur", "haz"])
def test_demo_campaign_actions_lead_to_the_petition_and_the_sign_up_page(
    client, rendered, demo, code
):
    paths = demo_paths(demo)
    html = rendered(f"/{code}/{paths['campaign']}")

    sign = html[html.index('class="action action--sign"') :]
    assert sign.split("</li>")[0].count(f'href="/{code}/{paths["petition"]}"') == 1
    notify = html[html.index('class="action action--notify"') :]
    assert f'href="/{code}/supporters/join/"' in notify.split("</li>")[0]
    assert client.get(f"/{code}/supporters/join/").status_code == 200


@pytest.mark.parametrize("code", ["en", "ur", "haz"])
def test_each_demo_page_names_the_organisation_that_runs_it(rendered, demo, code):
    def name(english):
        return english if code == "en" else CATALOGS[code][english]

    paths = demo_paths(demo)
    runs = {
        "Minority Support Pakistan": (
            "campaign",
            "petition",
            "goal_justice",
            "report",
            "coordinator",
        ),
        "Drive to Thrive": ("home", "appeal", "programs", "donate", "volunteer"),
    }
    for organisation, keys in runs.items():
        for key in keys:
            page = BeautifulSoup(rendered(f"/{code}/{paths[key]}"), "html.parser")

            assert page.select_one(".site-name").get_text() == name(organisation), key
    petition = BeautifulSoup(rendered(f"/{code}/{paths['petition']}"), "html.parser")
    privacy = petition.select_one(".site-form__privacy").get_text()
    assert name("Minority Support Pakistan") in privacy
