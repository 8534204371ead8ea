import re

import pytest
from django.core import mail
from wagtail.models import Locale

from campaigns.models import CampaignPage
from petitions.models import PetitionPage
from tests.conftest import built_once

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


def campaign_build(home_page):
    page = home_page.add_child(
        instance=CampaignPage(title="Stand with the Hazara", slug="stand-with-hazara")
    )
    page.save_revision().publish()
    for code, title in (("ur", "ہزارہ کے ساتھ کھڑے ہوں"), ("haz", "قد هزاره‌ها")):
        translate(page, code, title)
    return page


def petition_pages_build(campaign):
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
def campaign(home_page):
    return campaign_build(home_page)


@pytest.fixture
def petition_pages(campaign):
    """The petition in English, Urdu and Hazaragi: {language: live page}."""
    return petition_pages_build(campaign)


@pytest.fixture(scope="module")
def shared_petition_pages(django_db_setup, django_db_blocker):
    """petition_pages built once for a module (the build takes about a second,
    and most tests only sign, confirm or read); each test still runs in its
    own transaction, and the pages are rolled back when the module ends. Not
    for tests with `transaction=True`: their threads and processes see only
    what is committed."""
    from home.site_setup import site_tree_ensure

    def build():
        return petition_pages_build(campaign_build(site_tree_ensure()))

    with built_once(django_db_blocker, build) as pages:
        yield pages


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


def add_signature(petition, email, *, language="en", state="confirmed", **fields):
    """A stored signature, as if signed (and confirmed) through the site."""
    from django.utils import timezone

    from petitions.models import Signature
    from supporters.identity import email_canonical, name_key

    name = fields.pop("name", email.split("@")[0].title())
    now = timezone.now()
    return Signature.objects.create(
        petition=petition,
        name=name,
        name_key=name_key(name),
        email=email,
        email_canonical=email_canonical(email),
        country=fields.pop("country", "PK"),
        language=language,
        state=state,
        confirmed_at=fields.pop("confirmed_at", now if state == "confirmed" else None),
        **fields,
    )


def staff_user(*permissions, username="staff"):
    """A user who may use the admin, with these extra permissions
    ("app_label.codename")."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user(username=username, password="pw")
    for permission in ("wagtailadmin.access_admin", *permissions):
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user
