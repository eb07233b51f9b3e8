"""App configuration for engagement planning."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "publicbenefit.engagement"
    label = "engagement"
    verbose_name = _("Engagement planning")
