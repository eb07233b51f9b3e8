"""Django settings for ``bench_sending.py`` and the workers it starts: the local settings (so the
throwaway database the benchmark names in ``DATABASE_URL``, with the project's own database
options), Django's real SMTP backend pointed
at the benchmark's sink through ``EMAIL_HOST`` and ``EMAIL_PORT`` (no TLS, no login), and no task
run inline when a wave is sent (the benchmark's worker processes do the sending)."""

from publicbenefit.settings import environment
from publicbenefit.settings.local import *  # noqa: F403

DEBUG = False

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = environment.EMAIL_HOST
EMAIL_PORT = environment.EMAIL_PORT
EMAIL_HOST_USER = ""
EMAIL_HOST_PASSWORD = ""
EMAIL_USE_TLS = False
EMAIL_TIMEOUT = 30

# Sending a wave enqueues the sending task; here it is dropped, so that only the benchmark's
# worker processes (``publicbenefit panel_send_due``) send.
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
