import re

import pytest

from tests.page_fixtures import document_create, fresh

pytestmark = pytest.mark.django_db


def download_box(html):
    start = html.index('class="report-download"')
    return html[start : html.index("</aside>", start)]


def test_report_offers_its_own_languages_document(client, shared_site_pages):
    report = fresh(shared_site_pages["ur"]["report"])
    report.document = document_create(title="رپورٹ", name="report-ur.pdf")
    report.save_revision().publish()

    box = download_box(client.get(report.url).content.decode())

    assert re.search(r'href="/documents/\d+/report-ur[^"]*\.pdf"><svg', box)
    # The other languages' own documents are offered too, named in themselves.
    assert re.search(
        r'<li lang="en"><a class="document-link" href="/documents/\d+/report-en', box
    )


def test_report_without_a_document_of_its_own_offers_the_originals(
    client, shared_site_pages
):
    report = fresh(shared_site_pages["haz"]["report"])
    report.document = None
    report.save_revision().publish()

    box = download_box(client.get(report.url).content.decode())

    assert re.search(r'href="/documents/\d+/report-en[^"]*\.pdf"><svg', box)
    assert "The report" in box
    assert '(<bdi dir="ltr">PDF, ' in box


def test_report_can_be_read_online(client, shared_site_pages):
    report = fresh(shared_site_pages["en"]["report"])
    report.body = [{"type": "text", "id": "b1", "value": "<p>On 3 January 2021…</p>"}]
    report.save_revision().publish()

    html = client.get(report.url).content.decode()

    assert "On 3 January 2021…" in html[html.index('class="report-body"') :]


def test_donate_page_shows_payment_links_and_bank_details_but_takes_no_card(
    client, shared_site_pages
):
    page = fresh(shared_site_pages["ur"]["donate"])
    page.payment_links = [
        {
            "type": "payment_link",
            "id": "p1",
            "value": {
                "label": "کارڈ سے عطیہ",
                "url": "https://pay.example.org/d2t",
                "description": "",
            },
        }
    ]
    page.bank_accounts = [
        {
            "type": "bank_account",
            "id": "b1",
            "value": {
                "title": "بینک ٹرانسفر",
                "details": "Drive to Thrive\nIBAN PK00 0000",
                "reference": "ہزارہ",
            },
        }
    ]
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert (
        '<a class="button" href="https://pay.example.org/d2t" rel="noopener">' in html
    )
    assert "کارڈ سے عطیہ" in html
    assert "Drive to Thrive<br>IBAN PK00 0000" in html
    assert "<form" not in html.split("<main", 1)[1] and "<input" not in html


def test_appeal_ends_with_a_donation_call_to_the_donate_page_in_its_language(
    client, shared_site_pages
):
    html = client.get(shared_site_pages["haz"]["appeal"].url).content.decode()

    call = html[html.index('class="donate-call"') :]
    assert "Help the families" in call
    assert 'href="/haz/donate/"' in call


def test_campaign_shows_its_petition_goals_actions_and_reports(
    client, shared_site_pages
):
    campaign = fresh(shared_site_pages["ur"]["campaign"])
    campaign.actions = [
        {
            "type": "action",
            "id": "a1",
            "value": {
                "kind": "sign",
                "title": "دستخط کریں",
                "text": "",
                "page": shared_site_pages["en"]["petition"].pk,
                "document": None,
                "link": "",
            },
        }
    ]
    campaign.save_revision().publish()

    html = client.get(campaign.url).content.decode()

    assert "Minority Support Pakistan" in html
    assert shared_site_pages["ur"]["petition"].title in html
    assert 'href="/ur/stand-up/accountability/"' in html
    assert '<a class="action__link" href="/ur/stand-up/petition/">' in html
    assert 'href="/ur/stand-up/report/"' in html


def test_goal_links_back_to_its_campaign(client, shared_site_pages):
    html = client.get(shared_site_pages["ur"]["goal"].url).content.decode()

    assert 'href="/ur/stand-up/"' in html[html.index("<main") :]


def closing_action(html):
    """The goal page's last part, where the campaign's main action stands."""
    article = html[html.index("<article") : html.index("</article>")]
    return article[article.index("campaign-action") :]


def test_goal_ends_with_the_campaigns_petition_in_its_language(
    client, shared_site_pages
):
    html = client.get(shared_site_pages["ur"]["goal"].url).content.decode()

    action = closing_action(html)
    assert shared_site_pages["ur"]["petition"].title in action
    assert 'href="/ur/stand-up/petition/"' in action


def test_goal_of_a_campaign_without_a_petition_ends_with_its_first_action(
    client, shared_site_pages
):
    for code in ("en", "ur", "haz"):
        fresh(shared_site_pages[code]["petition"]).unpublish()
    campaign = fresh(shared_site_pages["en"]["campaign"])
    campaign.actions = [
        {
            "type": "action",
            "id": "a1",
            "value": {
                "kind": "read",
                "title": "Read the report",
                "text": "",
                "page": shared_site_pages["en"]["report"].pk,
                "document": None,
                "link": "",
            },
        },
        {
            "type": "action",
            "id": "a2",
            "value": {
                "kind": "donate",
                "title": "Donate",
                "text": "",
                "page": shared_site_pages["en"]["donate"].pk,
                "document": None,
                "link": "",
            },
        },
    ]
    campaign.save_revision().publish()
    urdu_campaign = fresh(shared_site_pages["ur"]["campaign"])
    urdu_campaign.actions = campaign.actions
    urdu_campaign.save_revision().publish()

    html = client.get(shared_site_pages["ur"]["goal"].url).content.decode()

    action = closing_action(html)
    assert '<a class="action__link" href="/ur/stand-up/report/">' in action
    assert "/donate/" not in action
