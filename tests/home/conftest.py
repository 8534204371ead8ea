import pytest

from campaigns.models import CampaignPage
from tests.page_fixtures import *  # noqa: F403


@pytest.fixture
def campaign(home_page):
    """A live English campaign under the home page."""
    page = home_page.add_child(
        instance=CampaignPage(title="Stand with the Hazara", slug="stand-with-hazara")
    )
    page.save_revision().publish()
    return page
