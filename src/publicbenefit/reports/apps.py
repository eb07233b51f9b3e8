"""App configuration for the evidence report and the DPIA input."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "publicbenefit.reports"
    label = "reports"
    verbose_name = _("Evidence report and DPIA input")
