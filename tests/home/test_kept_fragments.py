"""Parts of pages kept rendered between publishes
(home.templatetags.fragment_tags): a publish anywhere shows at once on every
page that shows it, and a preview always shows the draft."""

import pytest

from tests.page_fixtures import fresh

pytestmark = pytest.mark.django_db


def test_a_goal_renamed_shows_on_its_campaigns_kept_cards_at_once(
    client, shared_site_pages
):
    campaign = shared_site_pages["haz"]["campaign"]
    goal = fresh(shared_site_pages["haz"]["goal"])
    before = client.get(campaign.url).text
    assert goal.title in before

    goal.title = "حساب‌دهی، همی حالی"
    goal.save_revision().publish()
    after = client.get(f"{campaign.url}?visit=2").text

    assert "حساب‌دهی، همی حالی" in after
    assert shared_site_pages["haz"]["goal"].title not in after


def test_a_menu_page_unpublished_leaves_every_pages_kept_header_at_once(
    client, shared_site_pages
):
    petition = shared_site_pages["ur"]["petition"]

    def header(path):
        return client.get(path).text.split("</header>")[0]

    assert 'href="/ur/after-mach/"' in header(petition.url)

    fresh(shared_site_pages["ur"]["appeal"]).unpublish()
    kept = header(f"{petition.url}?visit=2")

    assert 'href="/ur/after-mach/"' not in kept
    assert 'href="/en/after-mach/"' in kept


def test_a_preview_shows_the_drafts_blocks_and_visitors_the_published_ones(
    client, shared_site_pages
):
    appeal = fresh(shared_site_pages["ur"]["appeal"])
    appeal.body = [{"type": "text", "value": "<p>شائع شدہ متن</p>"}]
    appeal.save_revision().publish()
    assert "شائع شدہ متن" in client.get(appeal.url).text

    appeal.body = [{"type": "text", "value": "<p>مسودے کا متن</p>"}]
    appeal.save_revision()
    preview = appeal.get_latest_revision_as_object().make_preview_request()
    visitor = client.get(f"{appeal.url}?visit=2").text

    assert "مسودے کا متن" in preview.content.decode()
    assert "شائع شدہ متن" not in preview.content.decode()
    assert "شائع شدہ متن" in visitor
    assert "مسودے کا متن" not in visitor
