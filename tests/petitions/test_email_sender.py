"""Emails speak for the organisation that runs what they are about: the
petition's campaign, or the site's organisation for the supporter list."""

from email.utils import parseaddr

import pytest
from django.conf import settings
from wagtail.models import Locale

from campaigns.models import CampaignPage
from home.models import Organisation, SiteSettings

from .conftest import sign
from .test_supporters import join

pytestmark = pytest.mark.django_db

ADDRESS = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def bodies(message):
    return [message.get_body((kind,)).get_content() for kind in ("plain", "html")]


def test_signers_email_comes_from_the_organisation_running_the_campaign(
    client, smtp_server, petition_pages, campaign
):
    CampaignPage.objects.filter(translation_key=campaign.translation_key).update(
        organiser="Minority Support Pakistan"
    )

    sign(client, petition_pages["ur"], language="ur")

    message = smtp_server.messages[0]
    assert parseaddr(message["From"]) == ("Minority Support Pakistan", ADDRESS)
    for body in bodies(message):
        assert "Minority Support Pakistan" in body
        assert "Hazara Rights" not in body and "ہزارہ حقوق" not in body


def test_supporter_email_comes_from_the_sites_organisation_in_its_language(
    client, smtp_server
):
    english = Organisation.objects.create(name="Drive to Thrive")
    english.copy_for_translation(Locale.objects.get(language_code="haz")).save()
    SiteSettings.objects.update_or_create(defaults={"organisation": english})
    hazaragi = Organisation.objects.get(
        translation_key=english.translation_key, locale__language_code="haz"
    )
    hazaragi.name = "درایو تو تریو"
    hazaragi.save()

    join(client, "haz")

    message = smtp_server.messages[0]
    assert parseaddr(message["From"]) == ("درایو تو تریو", ADDRESS)
    for body in bodies(message):
        assert "درایو تو تریو" in body
