"""App configuration for Citizens' Panels."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "publicbenefit.panels"
    label = "panels"
    verbose_name = _("Citizens' Panels")
