"""URLs for a panel's survey waves: staff pages under
``/o/<organisation>/panels/<panel_pk>/waves/`` and the public prize draw page under
``/panel/draw/``."""

from django.urls import URLPattern, path

from publicbenefit.panels.views import waves as views

WAVES = "o/<slug:organisation>/panels/<int:panel_pk>/waves/"
WAVE = WAVES + "<int:wave_pk>/"

urlpatterns: list[URLPattern] = [
    path(WAVES, views.wave_list, name="wave_list"),
    path(WAVES + "new/", views.wave_create, name="wave_create"),
    path(WAVES + "attrition/", views.attrition, name="attrition"),
    path(WAVE, views.wave_detail, name="wave_detail"),
    path(WAVE + "review/", views.wave_review, name="wave_review"),
    path(WAVE + "close/", views.wave_close, name="wave_close"),
    path(WAVE + "letters.pdf", views.wave_letters, name="wave_letters"),
    path(WAVE + "results/", views.wave_results, name="wave_results"),
    path(
        WAVE + "results.<str:file_format>",
        views.wave_results_export,
        name="wave_results_export",
    ),
    path(WAVE + "feedback/", views.wave_feedback, name="wave_feedback"),
    path(WAVE + "prize-draw/", views.wave_prize_draw, name="wave_prize_draw"),
    path("panel/draw/<int:wave_pk>/", views.prize_draw_public, name="prize_draw_public"),
]
