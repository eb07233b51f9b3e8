"""URLs for surveys: staff pages under ``/o/<organisation>/surveys/``, the public's answering
pages under ``/s/``."""

from django.urls import path

from publicbenefit.surveys import answer_views, event_views, views

app_name = "surveys"

STAFF = "o/<slug:organisation>/surveys/"
SURVEY = STAFF + "<int:pk>/"
QUESTION = SURVEY + "questions/<int:question_pk>/"
EVENT = SURVEY + "events/<int:batch_pk>/"
PUBLIC = "s/<str:token>/"

urlpatterns = [
    path(STAFF, views.survey_list, name="list"),
    path(STAFF + "new/", views.survey_create, name="create"),
    path(SURVEY, views.survey_detail, name="detail"),
    path(SURVEY + "edit/", views.survey_edit, name="edit"),
    path(SURVEY + "ready/", views.survey_ready, name="ready"),
    path(SURVEY + "preview/", views.survey_preview, name="preview"),
    path(SURVEY + "questions/add/", views.question_kind, name="question_kind"),
    path(SURVEY + "questions/add/<str:kind>/", views.question_add, name="question_add"),
    path(SURVEY + "questions/from-plan/", views.question_from_plan, name="question_from_plan"),
    path(QUESTION, views.question_edit, name="question_edit"),
    path(QUESTION + "remove/", views.question_remove, name="question_remove"),
    path(QUESTION + "move/", views.question_move, name="question_move"),
    path(SURVEY + "events/", event_views.batch_list, name="events"),
    path(SURVEY + "events/new/", event_views.batch_create, name="event_create"),
    path(SURVEY + "events/enter/", event_views.paper_entry, name="event_paper_entry"),
    path(EVENT, event_views.batch_detail, name="event_batch"),
    path(EVENT + "cards.pdf", event_views.batch_cards, name="event_cards"),
    path(EVENT + "paper.pdf", event_views.batch_paper, name="event_paper"),
    path(
        SURVEY + "acceptability-score/",
        event_views.acceptability_score,
        name="acceptability_score",
    ),
    # The public's pages. "code" comes first: a link's secret is never that short.
    path("s/code/", answer_views.letter_code, name="code"),
    path(PUBLIC, answer_views.start, name="start"),
    path(PUBLIC + "q/<int:number>/", answer_views.question, name="question"),
    path(PUBLIC + "check/", answer_views.check, name="check"),
    path(PUBLIC + "saved/", answer_views.saved, name="saved"),
    path(PUBLIC + "done/", answer_views.done, name="done"),
]
