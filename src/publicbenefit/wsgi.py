"""The WSGI application for gunicorn or any other WSGI server (production settings by default)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "publicbenefit.settings.production")

application = get_wsgi_application()
