"""App configuration for Distributed Dialogues."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "publicbenefit.dialogues"
    label = "dialogues"
    verbose_name = _("Distributed Dialogues")
