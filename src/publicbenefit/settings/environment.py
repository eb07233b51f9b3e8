"""The one place that reads the process environment.

Every setting that an operator can change is read here, with its default, so that
``docs/operators.md`` can list them from one file. Settings modules import these values;
nothing else in the project reads ``os.environ``.
"""

import os
from pathlib import Path


def _text(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _flag(name: str, *, default: bool) -> bool:
    raw = _text(name)
    if not raw:
        return default
    return raw.lower() in {"1", "true", "yes", "on"}


def _words(name: str, default: str = "") -> list[str]:
    return [word for word in _text(name, default).replace(",", " ").split() if word]


def _whole_number(name: str, default: int) -> int:
    raw = _text(name)
    return int(raw) if raw else default


#: Where the working files live (the SQLite database, uploads, collected static files);
#: ``var/`` in the source checkout unless set.
VAR_DIR = Path(_text("PUBLICBENEFIT_VAR_DIR")) if _text("PUBLICBENEFIT_VAR_DIR") else None

SECRET_KEY = _text("SECRET_KEY")
#: The keys that encrypt the public's contact details at rest: Fernet keys, newest first,
#: separated by commas. The newest encrypts; every one listed decrypts (see docs/operators.md,
#: "Encryption keys", for adding a key and rotating).
ENCRYPTION_KEYS = _words("PUBLICBENEFIT_ENCRYPTION_KEYS")
DATABASE_URL = _text("DATABASE_URL")
ALLOWED_HOSTS = _words("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = _words("CSRF_TRUSTED_ORIGINS")
#: The address people reach the service at, used in links sent by email.
SITE_URL = _text("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

#: Set when a proxy in front of the app terminates TLS and sends X-Forwarded-Proto.
BEHIND_TLS_PROXY = _flag("BEHIND_TLS_PROXY", default=False)
SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", default=True)
HSTS_SECONDS = _whole_number("HSTS_SECONDS", 31_536_000)

EMAIL_HOST = _text("EMAIL_HOST", "localhost")
EMAIL_PORT = _whole_number("EMAIL_PORT", 587)
EMAIL_HOST_USER = _text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = _text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = _flag("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = _text("DEFAULT_FROM_EMAIL", "publicbenefit <no-reply@localhost>")

#: "immediate" runs background tasks inside the request's process; "database" queues them
#: for ``publicbenefit db_worker`` processes.
TASK_BACKEND = _text("TASK_BACKEND", "database")

LOG_LEVEL = _text("LOG_LEVEL", "INFO")
