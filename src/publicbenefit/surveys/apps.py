"""App configuration for surveys."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "publicbenefit.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        # Survey links carry their secret in the path: keep it out of Django's request logs.
        from publicbenefit.surveys import logs  # noqa: PLC0415 (needs logging configured first)

        logs.install()
