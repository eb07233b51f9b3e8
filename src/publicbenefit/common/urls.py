"""Public pages every visitor can reach."""

from django.urls import path

from publicbenefit.common import views

app_name = "common"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
]
