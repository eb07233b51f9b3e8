"""URLs for an organisation's assessment of a proposal, under
``/o/<organisation>/proposals/<pk>/assessment/``."""

from django.urls import path

from publicbenefit.assessments import views

app_name = "assessments"

PREFIX = "o/<slug:organisation>/proposals/<int:pk>/assessment/"

urlpatterns = [
    path(PREFIX, views.overview, name="overview"),
    path(PREFIX + "result/", views.result, name="result"),
    path(PREFIX + "submit/", views.submit, name="submit"),
    path(PREFIX + "reopen/", views.reopen, name="reopen"),
    path(PREFIX + "revisions/", views.revisions_compare, name="revisions"),
    path(PREFIX + "export.<str:file_format>", views.export, name="export"),
    path(PREFIX + "import/", views.answers_import, name="import"),
    path(PREFIX + "questions/<str:question_id>/", views.question, name="question"),
    path(PREFIX + "questions/<str:question_id>/evidence/", views.evidence_add, name="evidence_add"),
    path(PREFIX + "questions/<str:question_id>/comments/", views.comment_add, name="comment_add"),
    path(
        PREFIX + "questions/<str:question_id>/evidence/<int:evidence_pk>/",
        views.evidence_file,
        name="evidence_file",
    ),
]
