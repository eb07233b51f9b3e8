"""App configuration for the demo data."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "publicbenefit.demo"
    label = "demo"
