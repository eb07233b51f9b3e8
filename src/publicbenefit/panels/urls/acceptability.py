"""URLs for the public acceptability score: a wave's score page and its exports under
``/o/<organisation>/panels/<panel_pk>/waves/<wave_pk>/acceptability/``, and the page that adds
the acceptability module to a survey (or changes it), beside the survey's own pages at
``/o/<organisation>/surveys/<pk>/acceptability/``, and how the score is worked out."""

from django.urls import URLPattern, path

from publicbenefit.panels.views import acceptability as views

WAVE = "o/<slug:organisation>/panels/<int:panel_pk>/waves/<int:wave_pk>/"

urlpatterns: list[URLPattern] = [
    path(WAVE + "acceptability/", views.wave_acceptability, name="wave_acceptability"),
    path(
        WAVE + "acceptability.<str:file_format>",
        views.wave_acceptability_export,
        name="wave_acceptability_export",
    ),
    path(
        "o/<slug:organisation>/surveys/<int:pk>/acceptability/",
        views.module_edit,
        name="acceptability_module",
    ),
    path(
        "o/<slug:organisation>/panels/acceptability-method/",
        views.method,
        name="acceptability_method",
    ),
]
