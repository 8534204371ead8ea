from tests.page_fixtures import *  # noqa: F403
