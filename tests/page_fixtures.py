"""Pages, pictures and documents for tests of the page types, imported into
the conftest of tests/home and tests/campaigns."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import override_settings
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from campaigns.models import (
    AppealPage,
    CampaignPage,
    DonatePage,
    GoalPage,
    ProgramIndexPage,
    ProgramPage,
    ReportPage,
)
from home.models import Footer, NavigationMenu, Organisation, SiteSettings
from petitions.models import PetitionPage
from tests.conftest import built_once

LANGUAGE_PREFIX = {"en": "", "ur": "اردو ", "haz": "هزارگی "}


@pytest.fixture(scope="module", autouse=True)
def _media_root(tmp_path_factory):
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


def image_create(title="A picture", size=(64, 36)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, (138, 28, 28)).save(buffer, "PNG")
    image = get_image_model()(title=title)
    image.file = ImageFile(buffer, name="picture.png")
    image._set_image_file_metadata()
    image.save()
    return image


def document_create(title="A document", name="document.pdf", data=b"%PDF-1.4\n"):
    document = get_document_model()(title=title)
    document.file = ContentFile(data, name=name)
    document._set_document_file_metadata()
    document.save()
    return document


def fresh(page):
    """The page as it is in the database: tests sharing a module's pages
    change them only inside their own transaction."""
    return type(page).objects.get(pk=page.pk)


def page_add(parent, model, *, title, slug, **fields):
    page = model(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def page_translate(page, code, **fields):
    """A published translation of a page, its title marked with the language
    (the parent must be translated already)."""
    translation = page.copy_for_translation(Locale.objects.get(language_code=code))
    translation.title = LANGUAGE_PREFIX[code] + page.title
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return type(translation).objects.get(pk=translation.pk)


def site_pages_build(home_page):
    """One page of every type under the English home page, each translated
    into Urdu and Hazaragi: {"en": {key: page}, "ur": {...}, "haz": {...}}."""
    image = image_create()
    document = document_create(title="The report", name="report-en.pdf")
    en = {"home": home_page}
    en["donate"] = page_add(home_page, DonatePage, title="Donate", slug="donate")
    en["programs"] = page_add(
        home_page, ProgramIndexPage, title="Our programs", slug="programs"
    )
    en["program"] = page_add(
        en["programs"],
        ProgramPage,
        title="Education",
        slug="education",
        intro="Scholarships for children.",
        image=image,
    )
    en["appeal"] = page_add(
        home_page,
        AppealPage,
        title="After Mach",
        slug="after-mach",
        intro="Help the families.",
        image=image,
        image_alt="Mountains at dusk",
        donate_heading="Help the families",
        donate_page=en["donate"],
    )
    en["campaign"] = page_add(
        home_page,
        CampaignPage,
        title="Stand up for Quetta",
        slug="stand-up",
        organiser="Minority Support Pakistan",
    )
    en["goal"] = page_add(
        en["campaign"],
        GoalPage,
        title="Accountability, now",
        slug="accountability",
        intro="Police must investigate.",
    )
    en["petition"] = page_add(
        en["campaign"], PetitionPage, title="Justice for Quetta", slug="petition"
    )
    en["report"] = page_add(
        en["campaign"],
        ReportPage,
        title="The report",
        slug="report",
        intro="What happened.",
        document=document,
    )
    home_page.featured_appeal = en["appeal"]
    home_page.featured_petition = en["petition"]
    home_page.featured_campaign = en["campaign"]
    home_page.featured_programs = en["programs"]
    home_page.save_revision().publish()
    pages = {"en": en}
    for code in ("ur", "haz"):
        home = home_page.get_translation(Locale.objects.get(language_code=code))
        # As wagtail-localize would: page choices are synchronised.
        home.featured_appeal = en["appeal"]
        home.featured_petition = en["petition"]
        home.featured_campaign = en["campaign"]
        home.featured_programs = en["programs"]
        home.save_revision().publish()
        translated = {"home": home}
        for key in (
            "donate",
            "programs",
            "program",
            "appeal",
            "campaign",
            "goal",
            "petition",
            "report",
        ):
            translated[key] = page_translate(en[key], code)
        pages[code] = translated
    site_chrome_build(pages)
    return pages


def menu_links(*pages):
    return [
        {"type": "link", "value": {"page": page.pk, "link": "", "label": ""}}
        for page in pages
    ]


def site_chrome_build(pages):
    """The organisation, menu and footer in English, translated into Urdu and
    Hazaragi, and chosen in the site settings."""
    en = pages["en"]
    organisation = Organisation.objects.create(
        name="Drive to Thrive",
        description="Help for Hazara families.",
        address="18566 Office Park\nMontgomery Village, MD 20886",
        phone="+1 240-786-1947",
        email="info@example.org",
        social_links=[
            {
                "type": "account",
                "value": {"network": "x", "url": "https://x.example/d2t", "label": ""},
            }
        ],
    )
    menu = NavigationMenu.objects.create(
        name="Main menu", links=menu_links(en["appeal"], en["campaign"], en["donate"])
    )
    footer = Footer.objects.create(
        name="Footer",
        text="<p>Standing with the Hazara.</p>",
        links=menu_links(en["report"]),
    )
    for code in ("ur", "haz"):
        locale = Locale.objects.get(language_code=code)
        for snippet, field in (
            (organisation, "name"),
            (menu, "name"),
            (footer, "name"),
        ):
            translation = snippet.copy_for_translation(locale)
            setattr(translation, field, LANGUAGE_PREFIX[code] + getattr(snippet, field))
            translation.save()
    SiteSettings.objects.update_or_create(
        defaults={"organisation": organisation, "main_menu": menu, "footer": footer}
    )


@pytest.fixture
def site_pages(home_page):
    return site_pages_build(home_page)


@pytest.fixture(scope="module")
def shared_site_pages(django_db_setup, django_db_blocker):
    """site_pages built once for a module whose tests only read them; each
    test still runs in its own transaction, and the pages are rolled back
    when the module ends."""
    from home.site_setup import site_tree_ensure

    with built_once(
        django_db_blocker, lambda: site_pages_build(site_tree_ensure())
    ) as pages:
        yield pages
