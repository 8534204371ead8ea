import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    cache.clear()
    yield
    translation.activate("en")


@pytest.fixture
def home_page(db):
    """The English home page with its Urdu and Hazaragi translations, live."""
    from home.site_setup import site_tree_ensure

    return site_tree_ensure()
