"""App configuration for the shared pages and forms."""

from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "publicbenefit.common"
    label = "common"
