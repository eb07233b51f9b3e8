"""URLs of the evidence report and the DPIA input on a proposal, under
``/o/<organisation>/proposals/<pk>/``."""

from django.urls import path

from publicbenefit.reports import views

app_name = "reports"

PREFIX = "o/<slug:organisation>/proposals/<int:pk>/"

urlpatterns = [
    path(PREFIX + "evidence-report/", views.evidence_report_page, name="evidence_report"),
    path(PREFIX + "evidence-report/pdf/", views.evidence_report_pdf, name="evidence_report_pdf"),
    path(PREFIX + "dpia/", views.dpia_page, name="dpia"),
    path(PREFIX + "dpia/docx/", views.dpia_docx, name="dpia_docx"),
    path(PREFIX + "dpia/pdf/", views.dpia_pdf, name="dpia_pdf"),
]
