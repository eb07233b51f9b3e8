"""App configuration for framework versions. After every migration, the shipped framework's
current version is recorded (once), so that it is always there to assess with."""

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _record_shipped_framework(sender: AppConfig, **kwargs: Any) -> None:
    from publicbenefit.frameworks.services import framework_version_shipped  # noqa: PLC0415

    framework_version_shipped()


class FrameworksConfig(AppConfig):
    name = "publicbenefit.frameworks"
    label = "frameworks"
    verbose_name = _("Framework versions")

    def ready(self) -> None:
        post_migrate.connect(_record_shipped_framework, sender=self)
