import re
import uuid
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError

from home.blocks import ActionBlock, ButtonBlock, NavLinkBlock
from home.links import link_validate
from tests.page_fixtures import document_create, fresh, image_create

pytestmark = pytest.mark.django_db


def block_id():
    return str(uuid.uuid4())


def items(*values):
    return [{"type": "item", "id": block_id(), "value": value} for value in values]


def action(kind, title, page=None, document=None, link=""):
    return {
        "kind": kind,
        "title": title,
        "text": "",
        "page": page,
        "document": document,
        "link": link,
    }


@pytest.mark.parametrize(
    "link",
    [
        "https://example.org/give",
        "mailto:info@example.org",
        "tel:+12407861947",
        "/en/donate/",
        "#contact",
    ],
)
def test_link_accepts_web_mail_phone_and_site_addresses(link):
    link_validate(link)


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "//evil.example/",
        "/\\evil.example/",
        "ftp://example.org/",
        "donate",
        "mailto:",
    ],
)
def test_link_refuses_anything_else_with_a_clear_message(link):
    with pytest.raises(ValidationError) as error:
        link_validate(link)

    assert "https://" in error.value.messages[0]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ({"label": "Give", "page": None, "link": ""}, False),
        ({"label": "Give", "page": None, "link": "https://example.org/"}, True),
    ],
)
def test_button_needs_a_page_or_a_link(value, valid):
    block = ButtonBlock()
    if valid:
        block.clean(block.to_python(value))
    else:
        with pytest.raises(ValidationError):
            block.clean(block.to_python(value))


def test_action_with_two_targets_is_refused(shared_site_pages):
    block = ActionBlock()
    value = block.to_python(
        action(
            "sign",
            "Sign",
            page=shared_site_pages["en"]["petition"].pk,
            link="https://example.org/",
        )
    )

    with pytest.raises(ValidationError) as error:
        block.clean(value)

    assert "exactly one" in str(error.value.non_block_errors.as_data()[0].messages)


def test_menu_link_to_another_site_needs_a_label():
    block = NavLinkBlock()
    value = block.to_python({"page": None, "link": "https://example.org/", "label": ""})

    with pytest.raises(ValidationError):
        block.clean(value)


@pytest.fixture
def urdu_appeal_html(client, shared_site_pages):
    """The Urdu appeal with one block of each kind in its body."""
    en = shared_site_pages["en"]
    ur = fresh(shared_site_pages["ur"]["appeal"])
    kit = document_create(
        title="Campaign kit", name="kit.pdf", data=b"%PDF" + b"x" * 3000
    )
    ur.body = [
        {
            "type": "heading",
            "id": block_id(),
            "value": {"text": "دو دہائیاں", "level": "h2"},
        },
        {"type": "text", "id": block_id(), "value": "<p>متن</p>"},
        {
            "type": "image",
            "id": block_id(),
            "value": {"image": image_create().pk, "alt_text": "پہاڑ", "caption": "شام"},
        },
        {
            "type": "quote",
            "id": block_id(),
            "value": {"quote": "ان کا جرم کیا تھا؟", "attribution": "ایک رشتہ دار"},
        },
        {
            "type": "fact",
            "id": block_id(),
            "value": {
                "figure": "11",
                "description": "کان کن",
                "source": "ڈرائیو ٹو تھرائیو",
                "source_link": "",
            },
        },
        {
            "type": "button",
            "id": block_id(),
            "value": {"label": "عطیہ", "page": en["donate"].pk, "link": ""},
        },
        {
            "type": "document",
            "id": block_id(),
            "value": {"document": kit.pk, "label": "", "description": "خطوط"},
        },
        {
            "type": "cards",
            "id": block_id(),
            "value": {
                "heading": "پروگرام",
                "pages": items(en["program"].pk, en["goal"].pk),
            },
        },
        {
            "type": "actions",
            "id": block_id(),
            "value": {
                "heading": "آپ کیا کر سکتے ہیں",
                "actions": items(
                    action("sign", "دستخط کریں", page=en["petition"].pk),
                    action("forward", "آگے بھیجیں", page=en["petition"].pk),
                    action("download", "کِٹ", document=kit.pk),
                    action("volunteer", "رابطہ", link="#contact"),
                    action("read", "رپورٹ", page=en["report"].pk),
                ),
            },
        },
    ]
    ur.save_revision().publish()
    return lambda: client.get(ur.url).content.decode()


def test_every_block_renders_its_content(urdu_appeal_html):
    html = urdu_appeal_html()

    assert '<h2 class="block-heading">دو دہائیاں</h2>' in html
    assert re.search(r'<img alt="پہاڑ"[^>]*>', html)
    assert "<figcaption>شام</figcaption>" in html
    assert "<blockquote><p>ان کا جرم کیا تھا؟</p></blockquote>" in html
    assert "<figcaption>ایک رشتہ دار</figcaption>" in html
    assert '<p class="block-fact__figure">11</p>' in html
    assert "ماخذ: ڈرائیو ٹو تھرائیو" in html
    assert re.search(r'<a class="button" href="/ur/donate/">', html)
    assert "Campaign kit</span></a>" in html
    assert '(<bdi dir="ltr">PDF, ' in html


def test_cards_and_actions_lead_to_the_pages_in_the_visitors_language(
    urdu_appeal_html, shared_site_pages
):
    html = urdu_appeal_html()

    cards = html[html.index('class="block-cards"') :]
    assert 'href="/ur/programs/education/"' in cards
    assert 'href="/ur/stand-up/accountability/"' in cards
    assert shared_site_pages["ur"]["program"].title in cards
    actions = html[html.index('class="actions"') :]
    assert '<a class="action__link" href="/ur/stand-up/petition/"' in actions
    assert '<a class="action__link" href="#contact"' in actions
    assert re.search(
        r'<a class="action__link" href="/documents/\d+/kit[^"]*\.pdf"', actions
    )


def test_forward_action_opens_an_email_with_the_pages_address(urdu_appeal_html):
    html = urdu_appeal_html()

    mailto = re.search(r'href="(mailto:\?subject=[^"]+)"', html).group(1)
    assert "http://testserver/ur/stand-up/petition/" in unquote(mailto)
    assert "اردو Justice for Quetta" in unquote(mailto)


def test_action_whose_page_is_live_nowhere_is_left_out(
    urdu_appeal_html, shared_site_pages
):
    for code in ("en", "ur", "haz"):
        fresh(shared_site_pages[code]["report"]).unpublish()

    html = urdu_appeal_html()

    assert "stand-up/report/" not in html
    assert "رپورٹ" not in html[html.index('class="actions"') :]


def test_action_whose_page_has_no_translation_links_to_the_original(
    urdu_appeal_html, shared_site_pages
):
    fresh(shared_site_pages["ur"]["report"]).unpublish()

    html = urdu_appeal_html()

    assert '<a class="action__link" href="/en/stand-up/report/" hreflang="en">' in html
