"""App configuration for Citizens' Juries."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JuriesConfig(AppConfig):
    name = "publicbenefit.juries"
    label = "juries"
    verbose_name = _("Citizens' Juries")
