"""App configuration for staff accounts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "publicbenefit.accounts"
    label = "accounts"
    verbose_name = _("Staff accounts and organisations")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415

        from publicbenefit.accounts.middleware import session_started  # noqa: PLC0415

        user_logged_in.connect(session_started, dispatch_uid="publicbenefit-session-started")
