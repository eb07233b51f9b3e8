"""App configuration for telling participants what happened: the "hear what happened" emails
sent when a decision is published."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "publicbenefit.feedback"
    label = "feedback"
    verbose_name = _("Telling participants what happened")
