"""App configuration for data-sharing proposals."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "publicbenefit.proposals"
    label = "proposals"
    verbose_name = _("Data-sharing proposals")
