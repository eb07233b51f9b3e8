"""URLs for privacy: the retention reports, under ``/o/<organisation>/privacy/``."""

from django.urls import URLPattern, path

from publicbenefit.privacy import views

app_name = "privacy"

urlpatterns: list[URLPattern] = [
    path(
        "o/<slug:organisation>/privacy/retention/",
        views.retention_reports,
        name="retention_reports",
    ),
]
