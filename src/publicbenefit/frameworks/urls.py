"""URLs for an organisation's framework versions, under ``/o/<organisation>/frameworks/``."""

from django.urls import path

from publicbenefit.frameworks import views

app_name = "frameworks"

PREFIX = "o/<slug:organisation>/frameworks/"

urlpatterns = [
    path(PREFIX, views.framework_list, name="list"),
    path(PREFIX + "upload/", views.framework_upload, name="upload"),
    path(PREFIX + "<int:pk>/", views.framework_detail, name="detail"),
    path(PREFIX + "<int:pk>/download/", views.framework_download, name="download"),
    path(PREFIX + "<int:pk>/tailor/", views.framework_tailor, name="tailor"),
    path(PREFIX + "<int:pk>/replace/", views.framework_replace, name="replace"),
]
