"""URLs of the audit trail, under ``/o/<organisation>/audit/``."""

from django.urls import path

from publicbenefit.audit import views

app_name = "audit"

urlpatterns = [
    path("o/<slug:organisation>/audit/", views.entry_list, name="entry_list"),
    path("o/<slug:organisation>/audit/trail.csv", views.entry_export, name="entry_export"),
]
