"""URLs for the jury's process: staff pages under ``/o/<organisation>/juries/<pk>/`` (the
programme, witnesses and evidence, questions, jurors' attendance and expenses, recommendations
and votes, the verdict, forum and final report) and the juror's own pages under
``/jury/juror/<token>/``."""

from django.urls import URLPattern, path

from publicbenefit.juries.views import juror
from publicbenefit.juries.views import process as views

JURY = "o/<slug:organisation>/juries/<int:pk>/"
SESSION = JURY + "programme/<int:session_pk>/"
ITEM = JURY + "programme/agenda/<int:item_pk>/"
WITNESS = JURY + "witnesses/<int:witness_pk>/"
RECOMMENDATION = JURY + "recommendations/<int:rec_pk>/"
JUROR = "jury/juror/<str:token>/"

urlpatterns: list[URLPattern] = [
    path(JURY + "programme/", views.programme, name="programme"),
    path(JURY + "programme/add/", views.session_add, name="session_add"),
    path(SESSION + "change/", views.session_edit, name="session_edit"),
    path(SESSION + "remove/", views.session_remove, name="session_remove"),
    path(SESSION + "agenda/add/", views.agenda_item_add, name="agenda_item_add"),
    path(ITEM + "change/", views.agenda_item_edit, name="agenda_item_edit"),
    path(ITEM + "remove/", views.agenda_item_remove, name="agenda_item_remove"),
    path(SESSION + "attendance/", views.session_attendance, name="session_attendance"),
    path(JURY + "witnesses/", views.witness_list, name="witness_list"),
    path(JURY + "witnesses/add/", views.witness_add, name="witness_add"),
    path(WITNESS + "change/", views.witness_edit, name="witness_edit"),
    path(WITNESS + "remove/", views.witness_remove, name="witness_remove"),
    path(JURY + "evidence/", views.evidence_list, name="evidence_list"),
    path(JURY + "evidence/add/", views.evidence_add, name="evidence_add"),
    path(JURY + "evidence/<int:item_pk>/file/", views.evidence_file, name="evidence_file"),
    path(JURY + "evidence/<int:item_pk>/remove/", views.evidence_remove, name="evidence_remove"),
    path(JURY + "questions/", views.question_list, name="question_list"),
    path(JURY + "questions/add/", views.question_add, name="question_add"),
    path(
        JURY + "questions/<int:question_pk>/answer/",
        views.question_answer,
        name="question_answer",
    ),
    path(JURY + "facilitator/", views.facilitator, name="facilitator"),
    path(JURY + "attendance/", views.attendance, name="attendance"),
    path(JURY + "expenses/", views.expense_list, name="expense_list"),
    path(JURY + "expenses/<int:claim_pk>/decide/", views.expense_decide, name="expense_decide"),
    path(JURY + "recommendations/", views.recommendation_list, name="recommendation_list"),
    path(JURY + "recommendations/threshold/", views.threshold, name="threshold"),
    path(JURY + "recommendations/add/", views.recommendation_add, name="recommendation_add"),
    path(RECOMMENDATION + "change/", views.recommendation_edit, name="recommendation_edit"),
    path(RECOMMENDATION + "remove/", views.recommendation_remove, name="recommendation_remove"),
    path(RECOMMENDATION + "move/", views.recommendation_move, name="recommendation_move"),
    path(RECOMMENDATION + "open/", views.vote_open, name="vote_open"),
    path(RECOMMENDATION + "paper/", views.vote_paper, name="vote_paper"),
    path(RECOMMENDATION + "close/", views.vote_close, name="vote_close"),
    path(JURY + "results/", views.vote_results, name="vote_results"),
    path(JURY + "verdict/", views.verdict, name="verdict"),
    path(JURY + "verdict/publish/", views.verdict_publish, name="verdict_publish"),
    path(JURY + "forum/", views.forum, name="forum"),
    path(JURY + "report/", views.final_report, name="final_report"),
    path(JURY + "report.pdf", views.final_report_pdf, name="final_report_pdf"),
    path(JURY + "report/change/", views.final_report_edit, name="final_report_edit"),
    path(JURY + "report/publish/", views.final_report_publish, name="final_report_publish"),
    path("jury/<int:pk>/report/", views.report_public, name="report_public"),
    # Before the juror's pages: "details-deleted" is not a secret.
    path("jury/juror/details-deleted/", juror.juror_erased, name="juror_erased"),
    path(JUROR, juror.juror_home, name="juror_home"),
    path(JUROR + "your-details/", juror.juror_data, name="juror_data"),
    path(JUROR + "your-details.json", juror.juror_data_download, name="juror_data_download"),
    path(JUROR + "delete/", juror.juror_erase, name="juror_erase"),
    path(JUROR + "access/", juror.juror_access, name="juror_access"),
    path(JUROR + "expenses/", juror.juror_expense, name="juror_expense"),
    path(JUROR + "questions/", juror.juror_question, name="juror_question"),
    path(JUROR + "vote/<int:pk>/", juror.juror_vote, name="juror_vote"),
    path(JUROR + "evidence/<int:pk>/", juror.juror_evidence_file, name="juror_evidence_file"),
]
