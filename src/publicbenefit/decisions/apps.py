"""App configuration for decisions: the decision record, its evidence and its reviews."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "publicbenefit.decisions"
    label = "decisions"
    verbose_name = _("Decisions and reviews")
