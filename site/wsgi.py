"""WSGI entry point. Run with `site/` on the import path, e.g.
`gunicorn --pythonpath site wsgi:application`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.production")

application = get_wsgi_application()
