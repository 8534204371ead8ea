"""A translator cannot plant a link that runs script: every value that reaches
a page or snippet through wagtail-localize (overrides of URLs and rich-text
links, uploaded PO files, publishing) passes the editor's own link rule, and a
page shown inside the admin runs under the public site's policy."""

from urllib.parse import urlencode

import polib
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.models import OverridableSegment, SegmentOverride
from wagtail_localize.operations import translate_object

from campaigns.models import CampaignPage, DonatePage
from home.models import Footer, NavigationMenu, Organisation
from home.site_setup import site_tree_ensure
from tests.conftest import built_once
from tests.home.translation_steps import (
    locale,
    make_user,
    publish_snippet_translation,
    publish_translation,
    translation_of,
)

pytestmark = pytest.mark.django_db

PLANTED = "javascript:fetch('/admin/petitions/signatures/export/?format=csv')"
# What browsers still run, or read as another host.
HOSTILE = [
    PLANTED,
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/",
    "/\\evil.example/",
]
ALLOWED = ["https://example.org/ur/", "mailto:info@example.org", "tel:+922000", "/ur/"]

# Every place a translator can override a link, by the English value there.
PAGE_LINKS = {
    "button link": "https://example.org/act",
    "fact's source link": "https://example.org/source",
    "rich-text link": "https://example.org/report",
    "action link": "https://example.org/forward",
}
DONATE_LINK = "https://pay.example.org/give"
SNIPPET_LINKS = {
    "organisation": "https://social.example.org/hazara",
    "menu": "https://example.org/menu",
    "footer text": "https://example.org/footer-text",
    "footer link": "https://example.org/footer-link",
}


def rich_text(href: str) -> str:
    return f'<p>Read <a href="{href}">the report</a> today.</p>'


def linked_build(home_page):
    """A campaign page, a donate page and the site-wide snippets with a link
    in every kind of field, each translated into Urdu, nothing overridden."""
    campaign = home_page.add_child(
        instance=CampaignPage(
            title="Stand with the Hazara",
            slug="stand-with-hazara",
            body=[
                {
                    "type": "button",
                    "value": {"label": "Act", "link": PAGE_LINKS["button link"]},
                },
                {
                    "type": "fact",
                    "value": {
                        "figure": "11",
                        "description": "miners killed at Mach",
                        "source": "Police",
                        "source_link": PAGE_LINKS["fact's source link"],
                    },
                },
                {"type": "text", "value": rich_text(PAGE_LINKS["rich-text link"])},
            ],
            actions=[
                {
                    "type": "action",
                    "value": {
                        "kind": "read",
                        "title": "Read more",
                        "text": "Why it matters.",
                        "link": PAGE_LINKS["action link"],
                    },
                }
            ],
        )
    )
    campaign.save_revision().publish()
    donate = home_page.add_child(
        instance=DonatePage(
            title="Donate",
            slug="donate",
            payment_links=[
                {
                    "type": "payment_link",
                    "value": {
                        "label": "Give by card",
                        "url": DONATE_LINK,
                        "description": "By card.",
                    },
                }
            ],
        )
    )
    donate.save_revision().publish()
    snippets = {
        "organisation": Organisation.objects.create(
            name="Drive to Thrive",
            social_links=[
                {
                    "type": "account",
                    "value": {
                        "network": "x",
                        "url": SNIPPET_LINKS["organisation"],
                        "label": "Our account",
                    },
                }
            ],
        ),
        "menu": NavigationMenu.objects.create(
            name="Main menu",
            links=[
                {
                    "type": "link",
                    "value": {"link": SNIPPET_LINKS["menu"], "label": "News"},
                }
            ],
        ),
        "footer": Footer.objects.create(
            name="Footer",
            text=rich_text(SNIPPET_LINKS["footer text"]),
            links=[
                {
                    "type": "link",
                    "value": {"link": SNIPPET_LINKS["footer link"], "label": "More"},
                }
            ],
        ),
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        for instance in (campaign, donate, *snippets.values()):
            translate_object(instance, [locale("ur")])
    return {"campaign": campaign, "donate": donate, **snippets}


@pytest.fixture(scope="module")
def shared_linked(django_db_setup, django_db_blocker):
    """Built once for the module; each test changes it only inside its own
    transaction, and it is rolled back when the module ends."""
    with built_once(
        django_db_blocker, lambda: linked_build(site_tree_ensure())
    ) as linked:
        yield linked


@pytest.fixture
def linked(shared_linked):
    return {
        name: type(instance).objects.get(pk=instance.pk)
        for name, instance in shared_linked.items()
    }


@pytest.fixture
def urdu_translator(client):
    client.force_login(make_user("saima", "Urdu translators"))
    return client


def override_put(client, instance, english: str, value: str):
    """What the translation editor sends when a link is changed."""
    translation = translation_of(instance, "ur")
    segment = OverridableSegment.objects.get(
        source=translation.source, data_json__contains=english.split("//")[1]
    )
    return client.put(
        reverse("wagtail_localize:edit_override", args=[translation.id, segment.id]),
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )


def every_link():
    for where, english in PAGE_LINKS.items():
        yield pytest.param("campaign", english, id=f"page {where}")
    yield pytest.param("donate", DONATE_LINK, id="donate page payment link")
    for where, english in SNIPPET_LINKS.items():
        owner = "footer" if where.startswith("footer") else where
        yield pytest.param(owner, english, id=f"snippet {where}")


@pytest.mark.parametrize("owner, english", list(every_link()))
def test_translator_cannot_override_a_link_with_script(
    urdu_translator, linked, owner, english
):
    for value in HOSTILE:
        response = override_put(urdu_translator, linked[owner], english, value)
        assert response.status_code == 400, value
        assert "https://" in response.json()["error"]
    assert not SegmentOverride.objects.exists()


@pytest.mark.parametrize("owner, english", list(every_link()))
def test_translator_may_override_a_link_with_a_safe_one(
    urdu_translator, linked, owner, english
):
    for value in ALLOWED:
        response = override_put(urdu_translator, linked[owner], english, value)
        if owner == "organisation" or owner == "donate":
            # A social account and a payment page are full web addresses.
            expected = 201 if value.startswith("https://") else 400
        else:
            expected = 201 if value == ALLOWED[0] else 200
        assert response.status_code == expected, value


def test_refusal_is_in_the_translators_language(client, linked):
    translator = make_user("saima", "Urdu translators")
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "ur"
    profile.save()
    client.force_login(translator)
    response = override_put(
        client, linked["campaign"], PAGE_LINKS["button link"], PLANTED
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert "https://" in error and "Enter a web address" not in error


def plant(instance, english: str, value: str) -> None:
    """An override stored without the translation editor's check, as one
    saved before the check existed would be."""
    translation = translation_of(instance, "ur")
    segment = OverridableSegment.objects.get(
        source=translation.source, data_json__contains=english.split("//")[1]
    )
    SegmentOverride.objects.create(
        locale=locale("ur"), context=segment.context, data_json=f'"{value}"'
    )


def test_a_planted_link_in_a_page_is_never_published(urdu_translator, linked):
    campaign = linked["campaign"]
    urdu = campaign.get_translation(locale("ur"))
    for english in PAGE_LINKS.values():
        plant(campaign, english, PLANTED)

    response = publish_translation(urdu_translator, urdu)

    assert any(
        "validation errors" in str(message)
        for message in get_messages(response.wsgi_request)
    )
    urdu.refresh_from_db()
    assert "javascript:" not in urdu_translator.get(urdu.url).content.decode()
    assert "javascript:" not in str(urdu.get_latest_revision().content)


@pytest.mark.parametrize("owner", ["organisation", "menu", "footer"])
def test_a_planted_link_in_a_snippet_is_never_published(urdu_translator, linked, owner):
    snippet = linked[owner]
    for where, english in SNIPPET_LINKS.items():
        if where.startswith(owner):
            plant(snippet, english, PLANTED)
    urdu = snippet.get_translation(locale("ur"))

    publish_snippet_translation(urdu_translator, urdu)

    urdu.refresh_from_db()
    stored = str(urdu.social_links if owner == "organisation" else urdu.links)
    assert "javascript:" not in stored
    assert "javascript:" not in str(getattr(urdu, "text", ""))


def test_a_po_file_cannot_carry_a_link(urdu_translator, linked):
    campaign = linked["campaign"]
    translation = translation_of(campaign, "ur")
    po = translation.export_po()
    for entry in po:
        entry.msgstr = f'<a href="{PLANTED}">{entry.msgid}</a>'
    po_file = polib.pofile(str(po))
    urdu_translator.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]),
        {
            "file": SimpleUploadedFile("ur.po", str(po_file).encode()),
            "next": "/admin/",
        },
    )
    urdu = campaign.get_translation(locale("ur"))
    publish_translation(urdu_translator, urdu)

    urdu.refresh_from_db()
    assert "javascript:" not in urdu_translator.get(urdu.url).content.decode()


def test_no_save_stores_a_script_link(linked):
    """The rule holds below the admin too: a script or import that saves a
    page or snippet with such a link is refused."""
    campaign = CampaignPage.objects.get(id=linked["campaign"].id)
    campaign.body = [{"type": "text", "value": rich_text(PLANTED)}]
    with pytest.raises(ValidationError) as refused:
        campaign.save()
    assert "body" in refused.value.message_dict
    footer = linked["footer"]
    footer.text = rich_text("javascript:alert(1)")
    with pytest.raises(ValidationError):
        footer.full_clean()


def csp(response) -> dict[str, str]:
    """The response's Content-Security-Policy by directive (the header lists
    them in no fixed order)."""
    directives = (
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )
    return dict(directives)


def test_pages_shown_in_the_admin_run_under_the_public_policy(admin_client, linked):
    campaign = linked["campaign"]
    urdu = campaign.get_translation(locale("ur"))
    shown_in_admin = [
        reverse("wagtailadmin_pages:view_draft", args=[campaign.id]),
        reverse("wagtailadmin_pages:view_draft", args=[urdu.id]),
        reverse(
            "wagtailadmin_pages:revisions_view",
            args=[campaign.id, campaign.latest_revision_id],
        ),
        reverse(
            "wagtail_localize:preview_translation",
            args=[translation_of(campaign, "ur").id],
        ),
    ]
    for address in shown_in_admin:
        response = admin_client.get(address)
        assert response.status_code == 200, address
        policy = csp(response)
        assert policy["script-src"] == "'self'", address
        assert not any(
            "unsafe-inline" in value or "unsafe-eval" in value
            for value in policy.values()
        ), address
        # The admin's preview panel frames it; nobody else may.
        assert policy["frame-ancestors"] == "'self'", address

    admin_screen = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[campaign.id])
    )
    assert "'unsafe-inline'" in csp(admin_screen)["script-src"]
