"""URLs for a proposal's partnership, under ``/o/<organisation>/proposals/<pk>/partnership/``."""

from django.urls import path

from publicbenefit.partnerships import views

app_name = "partnerships"

PREFIX = "o/<slug:organisation>/proposals/<int:pk>/partnership/"

urlpatterns = [
    path(PREFIX, views.overview, name="overview"),
    path(PREFIX + "invite/", views.invite, name="invite"),
    path(PREFIX + "agree/<str:question_id>/", views.agree, name="agree"),
    path(PREFIX + "decisions/add/", views.decision_add, name="decision_add"),
    path(PREFIX + "decisions/<int:decision_pk>/", views.decision_status, name="decision_status"),
]
