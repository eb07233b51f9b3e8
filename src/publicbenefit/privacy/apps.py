"""App configuration for privacy: people's rights and retention."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "publicbenefit.privacy"
    label = "privacy"
    verbose_name = _("Privacy and rights")
