"""URLs for planning engagement on a proposal, under
``/o/<organisation>/proposals/<pk>/engagement/``, and the organisation's question bank."""

from django.urls import path

from publicbenefit.engagement import views

app_name = "engagement"

PREFIX = "o/<slug:organisation>/proposals/<int:pk>/engagement/"
BANK = "o/<slug:organisation>/question-bank/"

urlpatterns = [
    path(PREFIX, views.overview, name="overview"),
    path(PREFIX + "screening/", views.screen, name="screen"),
    path(PREFIX + "constraints/", views.constraints, name="constraints"),
    path(PREFIX + "choose/", views.choose, name="choose"),
    path(PREFIX + "groups/add/", views.group_add, name="group_add"),
    path(PREFIX + "groups/<int:group_pk>/", views.group_change, name="group_change"),
    path(PREFIX + "groups/<int:group_pk>/remove/", views.group_remove, name="group_remove"),
    path(PREFIX + "questions/add/", views.question_pick, name="question_pick"),
    path(
        PREFIX + "questions/add/<str:question_id>/", views.question_tailor, name="question_tailor"
    ),
    path(
        PREFIX + "questions/<int:question_pk>/remove/",
        views.question_remove,
        name="question_remove",
    ),
    path(PREFIX + "milestones/add/", views.milestone_add, name="milestone_add"),
    path(
        PREFIX + "milestones/<int:milestone_pk>/remove/",
        views.milestone_remove,
        name="milestone_remove",
    ),
    path(PREFIX + "costs/", views.costs, name="costs"),
    path(PREFIX + "report/", views.report, name="report"),
    path(PREFIX + "timing-override/", views.timing_override, name="timing_override"),
    path(PREFIX + "plan.<str:file_format>", views.export, name="export"),
    path(BANK, views.bank, name="bank"),
    path(BANK + "add/", views.bank_add, name="bank_add"),
    path(BANK + "<int:question_pk>/remove/", views.bank_remove, name="bank_remove"),
]
