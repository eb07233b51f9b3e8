"""Settings for the test suite: SQLite by default, or the database ``DATABASE_URL`` names
(CI runs the suite on both); fast password hashing; tasks run immediately."""

import atexit
import shutil
import tempfile
from pathlib import Path

import dj_database_url

from publicbenefit.common.crypto.keys import DEVELOPMENT_ONLY_KEY
from publicbenefit.settings import environment
from publicbenefit.settings.base import *

DEBUG = False
SECRET_KEY = "test-only-secret-key-with-enough-length-and-variety-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# A fixed, public development-only key for the contact details: never used in production.
ENCRYPTION_KEYS = [DEVELOPMENT_ONLY_KEY]

DATABASES = {"default": dj_database_url.parse(environment.DATABASE_URL or "sqlite:///:memory:")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
SITE_URL = "http://testserver"

# Uploads made by the tests go to a scratch folder, never into the checkout: one per process, so
# that parallel test workers never see each other's files.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="publicbenefit-test-uploads-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
