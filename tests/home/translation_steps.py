"""What the translation tests share: accounts, pages and the steps a
translator takes in wagtail-localize's admin views."""

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from campaigns.models import CampaignPage


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


def make_user(username: str, *groups: str, superuser: bool = False):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="pw"
    )
    user.is_superuser = user.is_staff = superuser
    user.save()
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def add_campaign(
    parent,
    *,
    title: str = "Stand with the Hazara",
    slug: str = "stand-with-hazara",
    intro: str = "Justice for the families of Mach.",
):
    page = parent.add_child(instance=CampaignPage(title=title, slug=slug, intro=intro))
    page.save_revision().publish()
    return page


def submit_translation(client, page, code: str):
    """What a translator's click on "Translate this page" does."""
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.id]),
        {"locales": [locale(code).id]},
    )


def translation_of(page, code: str) -> Translation:
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locale(code)
    )


def translate_string(client, translation: Translation, path: str, value: str):
    """Save one string in the translation editor, as its JavaScript does."""
    segment = StringSegment.objects.get(source=translation.source, context__path=path)
    return client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.id, segment.id],
        ),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )


def publish_translation(client, page):
    """The translation editor's Publish button."""
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"}
    )


def snippet_edit_url(snippet) -> str:
    return reverse(snippet.snippet_viewset.get_url_name("edit"), args=[snippet.pk])


def submit_snippet_translation(client, snippet, code: str):
    """What a translator's click on "Translate" in a snippet listing does."""
    opts = snippet._meta
    return client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[opts.app_label, opts.model_name, snippet.pk],
        ),
        {"locales": [locale(code).id]},
    )


def translate_text(client, translation: Translation, english: str, value: str):
    """Save the translation of the English string `english`, wherever it is."""
    segment = StringSegment.objects.get(source=translation.source, string__data=english)
    return client.put(
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[translation.id, segment.id],
        ),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )


def publish_snippet_translation(client, snippet):
    """The translation editor's Publish button on a translated snippet."""
    return client.post(snippet_edit_url(snippet), {"action": "publish"})
