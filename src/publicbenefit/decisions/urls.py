"""URLs of the decisions app: the decision on a proposal under
``/o/<organisation>/proposals/<pk>/decision/``, and the organisation's reviews."""

from django.urls import path

from publicbenefit.decisions import views

app_name = "decisions"

PREFIX = "o/<slug:organisation>/proposals/<int:pk>/decision/"

urlpatterns = [
    path(PREFIX, views.detail, name="detail"),
    path(PREFIX + "draft/", views.draft, name="draft"),
    path(PREFIX + "conditions/", views.conditions, name="conditions"),
    path(
        PREFIX + "conditions/<int:condition_pk>/remove/",
        views.condition_remove,
        name="condition_remove",
    ),
    path(
        PREFIX + "conditions/<int:condition_pk>/move/",
        views.condition_move,
        name="condition_move",
    ),
    path(PREFIX + "evidence/", views.evidence, name="evidence"),
    path(PREFIX + "evidence/add/", views.evidence_add, name="evidence_add"),
    path(PREFIX + "evidence/<int:link_pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path(PREFIX + "publish/", views.publish, name="publish"),
    path(PREFIX + "amend/", views.amend, name="amend"),
    path(PREFIX + "review/", views.review_start, name="review_start"),
    path(PREFIX + "changes/", views.changes, name="changes"),
    path("o/<slug:organisation>/decision-reviews/", views.review_list, name="review_list"),
]
