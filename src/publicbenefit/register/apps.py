"""App configuration for the public register of decisions and its open data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegisterConfig(AppConfig):
    name = "publicbenefit.register"
    label = "register"
    verbose_name = _("Public register")
