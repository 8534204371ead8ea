import re

import pytest
from django.core import mail
from wagtail.models import Locale

from campaigns.models import CampaignPage
from petitions.models import PetitionPage

LINK = re.compile(r"https?://[^\s\"<>]+/petitions/confirm/[^\s\"<>]+/")

TITLES = {
    "en": "Justice for the Hazara of Quetta",
    "ur": "کوئٹہ کے ہزارہ کے لیے انصاف",
    "haz": "عدالت بلدے هزاره‌های کویته",
}


def translate(page, code, title):
    translation = page.copy_for_translation(
        Locale.objects.get(language_code=code), copy_parents=True
    )
    translation.title = title
    translation.save_revision().publish()
    return translation


@pytest.fixture
def campaign(home_page):
    page = home_page.add_child(
        instance=CampaignPage(title="Stand with the Hazara", slug="stand-with-hazara")
    )
    page.save_revision().publish()
    for code, title in (("ur", "ہزارہ کے ساتھ کھڑے ہوں"), ("haz", "قد هزاره‌ها")):
        translate(page, code, title)
    return page


@pytest.fixture
def petition_pages(campaign):
    """The petition in English, Urdu and Hazaragi: {language: live page}."""
    english = campaign.add_child(
        instance=PetitionPage(
            title=TITLES["en"],
            slug="petition",
            intro="<p>Bring the killers to justice.</p>",
            target=100,
            share_text="I signed. Will you?",
        )
    )
    english.save_revision().publish()
    pages = {"en": english}
    for code in ("ur", "haz"):
        pages[code] = translate(english, code, TITLES[code])
    return pages


@pytest.fixture
def petition(petition_pages):
    from petitions.selectors import petition_for_page

    return petition_for_page(page=petition_pages["en"])


def sign_data(**overrides):
    data = {
        "name": "Ali Hazara",
        "email": "ali@example.com",
        "city": "Quetta",
        "country": "PK",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def sign(client, page, language="en", ip="203.0.113.7", **overrides):
    return client.post(
        f"/{language}/petitions/{page.pk}/sign/",
        sign_data(**overrides),
        HTTP_SEC_FETCH_SITE="same-origin",
        REMOTE_ADDR=ip,
    )


def confirm_links(outbox=None):
    messages = mail.outbox if outbox is None else outbox
    return [LINK.search(message.body).group(0) for message in messages]


def shown_count(client, path):
    """The count a visitor reads on a page, as written there."""
    html = client.get(path).content.decode()
    match = re.search(
        r'class="petition-progress__count"[^>]*>\s*<strong>([^<]+)<', html
    )
    return match.group(1)
