"""URLs of the register app: the public register and its open data at ``/register/``, and the
staff page that publishes a proposal on it."""

from django.urls import path

from publicbenefit.register import views

app_name = "register"

urlpatterns = [
    path("register/", views.register_list, name="list"),
    path("register/register.csv", views.register_csv, name="csv"),
    path("register/register.json", views.register_json, name="json"),
    path("register/register.schema.json", views.schema, name="schema"),
    path("register/decisions.atom", views.feed, name="feed"),
    path("register/<int:pk>/", views.proposal_page, name="proposal"),
    path("register/<int:pk>.json", views.proposal_json, name="proposal_json"),
    path("register/<int:pk>/you-said-we-did/", views.you_said_we_did, name="you_said_we_did"),
    path("o/<slug:organisation>/proposals/<int:pk>/register/", views.manage, name="manage"),
]
