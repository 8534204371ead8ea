"""Test runs: fast hashing, tasks at once, emails kept in memory unless a test
points them at a real SMTP server."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The public address: the test client's, or the browser tests' server.
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://testserver")
# Off, so a test sees its own changes; the page cache's tests switch it on.
PAGE_CACHE_SECONDS = 0
PAGE_CACHE_LOCAL_SECONDS = 0

# Serve static files straight from the apps, no collectstatic needed: looked
# up on each request (a test client's middleware never pays for indexing
# them all), except by the browser tests' server, which indexes them once and
# lets the browser keep them for a minute, as a deployment would
# (STATIC_FILES_INDEXED, tests/e2e/site_server.py).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = not os.environ.get("STATIC_FILES_INDEXED")

# One process and a local-memory cache: django-axes' warning that failed
# sign-ins are not shared between processes does not apply (production uses
# Redis).
SILENCED_SYSTEM_CHECKS = ["axes.W001"]

# Parallel test workers (pytest-xdist) share one Redis database: each keeps
# its keys under a prefix of its own, and tests empty only their own
# (tests/conftest.py: cache_clear).
if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER"):  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] += "-" + os.environ["PYTEST_XDIST_WORKER"]  # noqa: F405
