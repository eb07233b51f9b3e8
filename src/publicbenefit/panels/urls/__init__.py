"""URLs for Citizens' Panels: staff pages under ``/o/<organisation>/panels/``, public pages
(sign-up, members' control, feedback) under ``/panel/``."""

from publicbenefit.panels.urls import acceptability, recruitment, setup, themes, waves

app_name = "panels"

urlpatterns = [
    *setup.urlpatterns,
    *recruitment.urlpatterns,
    *waves.urlpatterns,
    *acceptability.urlpatterns,
    *themes.urlpatterns,
]
