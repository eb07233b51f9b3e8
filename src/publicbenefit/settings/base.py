"""Settings shared by every environment. Environment-specific modules override a few."""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from publicbenefit.settings import environment

PACKAGE_DIR = Path(__file__).resolve().parent.parent
#: The source checkout (or the working directory of an installed copy), where built assets live.
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = environment.VAR_DIR or PROJECT_DIR / "var"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Before crispy_forms_gds, so that its error summary template is replaced by ours.
    "publicbenefit.common",
    "crispy_forms",
    "crispy_forms_gds",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "publicbenefit.accounts",
    "publicbenefit.audit",
    "publicbenefit.proposals",
    "publicbenefit.frameworks",
    "publicbenefit.assessments",
    "publicbenefit.partnerships",
    "publicbenefit.engagement",
    "publicbenefit.surveys",
    "publicbenefit.panels",
    "publicbenefit.juries",
    "publicbenefit.dialogues",
    "publicbenefit.decisions",
    "publicbenefit.register",
    "publicbenefit.reports",
    "publicbenefit.feedback",
    "publicbenefit.privacy",
    "publicbenefit.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "publicbenefit.audit.context.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages, so that a timed-out session can say why; before the two-factor guard.
    "publicbenefit.accounts.middleware.SessionTimeoutMiddleware",
    "publicbenefit.accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so that it sees the view's own 404s: expired links (410) and wrong secrets (429).
    "publicbenefit.common.public_links.PublicLinkMiddleware",
]

ROOT_URLCONF = "publicbenefit.urls"
WSGI_APPLICATION = "publicbenefit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "publicbenefit.common.context_processors.service",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first, so that a locked-out account is refused before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "common:home"
LOGOUT_REDIRECT_URL = "accounts:signed_out"
PASSWORD_RESET_TIMEOUT = int(timedelta(hours=2).total_seconds())

#: A signed-in session ends after this long without a request...
STAFF_SESSION_IDLE_TIMEOUT = timedelta(minutes=30)
#: ...and in any case this long after signing in.
STAFF_SESSION_MAX_AGE = timedelta(hours=8)
SESSION_COOKIE_AGE = int(STAFF_SESSION_MAX_AGE.total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "publicbenefit.common.views.csrf_failure"

#: How many days each personal public link keeps working after the moment it counts from
#: (``common/public_links.py``; docs/security.md section 6). Links not listed stop with state
#: alone: a partner's sign-up link and a jury's volunteer form while sign-up or volunteering is
#: open, a survey invitation when its survey closes, and a dialogue's public page (an advertised
#: page that reports the outcome back, holding nothing personal) while the dialogue is published.
PUBLIC_LINK_LIFETIMES = {
    # A panel member's manage link: while they are a member, and this long after they leave
    # (to see, download or erase what is held). Erasure ends it at once.
    "panel_member": 90,
    # A juror's page: this long after the later of the jury's last session and the publication
    # of its final report (expenses, the report, their rights). Dropping out ends it at once.
    "juror": 90,
    # A dialogue host's page: this long after the event (to send the write-up and see the
    # outcome). Cancelling the event or sending a new link ends it at once.
    "event_host": 90,
}
#: Wrong secrets one client address may try at public links in 15 minutes before every public
#: link answers "Too many tries" (429) until the 15 minutes are up.
PUBLIC_LINK_WRONG_TRIES = 20

# Lock an account out for a while after repeated failed sign-ins from the same address.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "publicbenefit.accounts.views.sign_in_locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "publicbenefit.accounts.models.axes_username"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2", "new_password1", "new_password2"]

# Two-factor authentication (django-otp): an authenticator app (TOTP) and single-use backup
# codes. Administrators and engagement leads must use it (accounts.rules.two_factor_required);
# anyone else may choose to. Only a developer's machine may turn the requirement off.
TWO_FACTOR_REQUIRED = True
TWO_FACTOR_BACKUP_CODES = 10
OTP_TOTP_ISSUER = "Data for Public Benefit"
# Each wrong code doubles the wait before the next is checked: 1, 2, 4, 8... seconds.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

#: Invitations to join an organisation stop working after this long.
INVITATION_VALID_FOR = timedelta(days=7)

LANGUAGE_CODE = "en-gb"
# Welsh joins this list when its translations ship.
LANGUAGES = [("en-gb", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("govuk", PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    PROJECT_DIR / "build" / "static",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "uploads"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

SITE_URL = environment.SITE_URL
#: Fernet keys, newest first, for the public's contact details (``common.crypto``). Production
#: refuses to start without them; local and test settings fall back to a development-only key.
ENCRYPTION_KEYS = environment.ENCRYPTION_KEYS
DEFAULT_FROM_EMAIL = environment.DEFAULT_FROM_EMAIL
SERVICE_NAME = "Data for Public Benefit"
#: How many days before a decision's review date its proposal's owner is reminded (once).
DECISION_REVIEW_REMINDER_DAYS = 30

# A strict policy: everything from this origin, nothing inline, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}

#: How long personal data is kept, in days, before ``publicbenefit retention_apply`` erases it
#: (``privacy/retention.py`` says from when each period counts). ``None`` turns one off.
PERSONAL_DATA_RETENTION: dict[str, int | None] = {
    "panel_leavers": 30,
    "jury_pool": 180,
    "dialogue_hosts": 180,
    "sampled_addresses": 365,
}

#: How long audit-trail entries are kept, in days (6 years), before the same retention run
#: deletes them; ``None`` keeps them for ever.
AUDIT_RETENTION_DAYS: int | None = 2190

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": environment.LOG_LEVEL},
    # Axes logs every sign-in with the address typed; keep only its warnings.
    "loggers": {"axes": {"level": "WARNING"}},
}
