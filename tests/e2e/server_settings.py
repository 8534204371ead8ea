"""Settings of the server the browser tests visit: the test settings (debug
off, so visitors get the site's own error pages), with email from EMAIL_URL
and the uploaded pictures served by the app (server_urls)."""

import os

from settings.test import *  # noqa: F403

ROOT_URLCONF = "tests.e2e.server_urls"
WAGTAILADMIN_BASE_URL = os.environ["WAGTAILADMIN_BASE_URL"]
