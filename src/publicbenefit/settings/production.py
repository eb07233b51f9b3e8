"""Settings for a deployed service: PostgreSQL (or any database ``DATABASE_URL`` names),
secrets and hosts from the environment, secure cookies, HSTS, SMTP email and a database-backed
task queue worked by ``publicbenefit db_worker`` processes."""

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from publicbenefit.common.crypto.keys import DEVELOPMENT_ONLY_KEY, check_keys
from publicbenefit.settings import environment
from publicbenefit.settings.base import *

DEBUG = False

if not environment.SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value (50 characters or more).")
if not environment.DATABASE_URL:
    raise ImproperlyConfigured(
        "Set DATABASE_URL, for example postgres://user@host:5432/publicbenefit."
    )
SECRET_KEY = environment.SECRET_KEY
# The public's contact details are encrypted with these: refuse to start without valid ones.
ENCRYPTION_KEYS = list(check_keys(environment.ENCRYPTION_KEYS))
if DEVELOPMENT_ONLY_KEY in ENCRYPTION_KEYS:
    raise ImproperlyConfigured(
        "PUBLICBENEFIT_ENCRYPTION_KEYS holds the public development-only key: generate a real one."
    )
ALLOWED_HOSTS = environment.ALLOWED_HOSTS
CSRF_TRUSTED_ORIGINS = environment.CSRF_TRUSTED_ORIGINS

DATABASES = {
    "default": dj_database_url.parse(
        environment.DATABASE_URL, conn_max_age=600, conn_health_checks=True
    )
}

# Shared by every web process, so that limits on public pages (wrong sign-up or survey codes)
# hold across the processes: create the table once with `publicbenefit createcachetable`.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "publicbenefit_cache",
    }
}

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = environment.SECURE_SSL_REDIRECT
SECURE_HSTS_SECONDS = environment.HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if environment.BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Count sign-in failures against the visitor's address, not the proxy's, so that nobody can
    # lock every account out at once from behind the same proxy.
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = environment.EMAIL_HOST
EMAIL_PORT = environment.EMAIL_PORT
EMAIL_HOST_USER = environment.EMAIL_HOST_USER
EMAIL_HOST_PASSWORD = environment.EMAIL_HOST_PASSWORD
EMAIL_USE_TLS = environment.EMAIL_USE_TLS
SERVER_EMAIL = environment.DEFAULT_FROM_EMAIL

if environment.TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
