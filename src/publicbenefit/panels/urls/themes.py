"""URLs for the themes in a wave's free-text answers, a staff page under
``/o/<organisation>/panels/<panel_pk>/waves/<wave_pk>/themes/``."""

from django.urls import URLPattern, path

from publicbenefit.panels.urls.waves import WAVE
from publicbenefit.panels.views import themes as views

urlpatterns: list[URLPattern] = [
    path(WAVE + "themes/", views.wave_themes, name="wave_themes"),
]
