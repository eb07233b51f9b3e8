"""Settings for a developer's machine and for ``make demo``: SQLite, debug pages, email
printed to the console, background tasks run immediately."""

import dj_database_url

from publicbenefit.common.crypto.keys import DEVELOPMENT_ONLY_KEY
from publicbenefit.settings import environment
from publicbenefit.settings.base import *

DEBUG = True
SECRET_KEY = environment.SECRET_KEY or "django-insecure-local-development-only-never-deploy-this"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# The contact details' keys from the environment, or a fixed, public development-only key.
ENCRYPTION_KEYS = environment.ENCRYPTION_KEYS or [DEVELOPMENT_ONLY_KEY]

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        environment.DATABASE_URL or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the lock when their transaction begins, so that two processes sending panel
    # messages at once wait for each other instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The demo's administrator and engagement lead sign in with their password alone; anyone may
# still turn two-factor authentication on from "Your account". Never relaxed in production.
TWO_FACTOR_REQUIRED = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
