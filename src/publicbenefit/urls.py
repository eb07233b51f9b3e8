"""The service's URLs: public pages at the top level, each organisation's staff area under
``/o/<organisation>/``."""

from django.urls import include, path

urlpatterns = [
    path("", include("publicbenefit.common.urls")),
    path("", include("publicbenefit.accounts.urls")),
    path("", include("publicbenefit.audit.urls")),
    path("", include("publicbenefit.proposals.urls")),
    path("", include("publicbenefit.assessments.urls")),
    path("", include("publicbenefit.partnerships.urls")),
    path("", include("publicbenefit.engagement.urls")),
    path("", include("publicbenefit.surveys.urls")),
    path("", include("publicbenefit.panels.urls")),
    path("", include("publicbenefit.juries.urls")),
    path("", include("publicbenefit.dialogues.urls")),
    path("", include("publicbenefit.privacy.urls")),
    path("", include("publicbenefit.decisions.urls")),
    path("", include("publicbenefit.register.urls")),
    path("", include("publicbenefit.reports.urls")),
    path("", include("publicbenefit.frameworks.urls")),
]

handler403 = "publicbenefit.common.views.permission_denied"
handler404 = "publicbenefit.common.views.page_not_found"
handler500 = "publicbenefit.common.views.server_error"
