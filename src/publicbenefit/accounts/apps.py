"""App configuration for staff accounts."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "publicbenefit.accounts"
    label = "accounts"
    verbose_name = _("Staff accounts and organisations")
