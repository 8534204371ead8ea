import pytest
from django.apps import apps
from wagtail.models import Page
from wagtail_localize.fields import (
    SynchronizedField,
    TranslatableField,
    get_translatable_fields,
)

from tests.home.translation_steps import (
    add_campaign,
    locale,
    make_user,
    publish_translation,
    submit_translation,
    translate_string,
    translation_of,
)

pytestmark = pytest.mark.django_db


def page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page
    ]


@pytest.mark.parametrize("model", page_models(), ids=lambda model: model.__name__)
def test_every_page_type_keeps_its_slug_out_of_translation(model):
    fields = {field.field_name: field for field in get_translatable_fields(model)}

    slug = fields["slug"]

    assert isinstance(slug, SynchronizedField) and not slug.overridable
    assert isinstance(fields["title"], TranslatableField)


@pytest.mark.parametrize(
    ("code", "title"),
    [("ur", "ہزارہ کے ساتھ کھڑے ہوں"), ("haz", "قد هزاره‌ها ایستاده شوید")],
)
def test_translated_page_keeps_the_english_slug_and_translates_the_title(
    client, home_page, code, title, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    client.force_login(make_user("nargis", "Translators"))
    with django_capture_on_commit_callbacks(execute=True):
        submit_translation(client, campaign, code)
    translation = translation_of(campaign, code)
    translate_string(client, translation, "title", title)
    translated = campaign.get_translation(locale(code))
    with django_capture_on_commit_callbacks(execute=True):
        publish_translation(client, translated)

    translated.refresh_from_db()
    assert (translated.slug, translated.title) == ("stand-with-hazara", title)
    assert translated.url == f"/{code}/stand-with-hazara/"
    assert translated.url.isascii()
    response = client.get(f"/{code}/stand-with-hazara/")
    assert f"<h1>{title}</h1>" in response.content.decode()
    # Translators are never offered the slug, online or in a PO file.
    assert {entry.msgctxt for entry in translation.export_po()} == {"title", "intro"}


def test_slug_change_in_english_reaches_the_translation_on_sync(
    client, home_page, django_capture_on_commit_callbacks
):
    campaign = add_campaign(home_page)
    client.force_login(make_user("nargis", "Translators"))
    with django_capture_on_commit_callbacks(execute=True):
        submit_translation(client, campaign, "ur")
    translation = translation_of(campaign, "ur")

    campaign.slug = "justice-for-mach"
    campaign.save_revision().publish()
    translation.source.update_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    assert client.get("/ur/justice-for-mach/").status_code == 200
