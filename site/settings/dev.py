"""Local development: debug on, a throw-away key, tasks run at once."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "development-only-not-secret"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
if not env_bool("TASKS_WORKER", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Templates change under the developer's hands: no page cache unless asked.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))

# Serve static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# One process and a local-memory cache: django-axes' warning that failed
# sign-ins are not shared between processes does not apply (production uses
# Redis).
SILENCED_SYSTEM_CHECKS = ["axes.W001"]
