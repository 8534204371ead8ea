"""petition_pages from a build shared by the module (shared_petition_pages in
tests/petitions/conftest.py). A module whose tests sign, confirm and read but
never change the pages uses it by importing it:

    from tests.petitions.shared_pages import petition_pages_shared  # noqa: F401
"""

import pytest


@pytest.fixture(name="petition_pages")
def petition_pages_shared(shared_petition_pages):
    """Each test its own copies of the shared pages, read from the database:
    what one test changes in memory never reaches the next."""
    return {
        code: type(page).objects.get(pk=page.pk)
        for code, page in shared_petition_pages.items()
    }
