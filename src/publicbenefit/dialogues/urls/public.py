"""Public URLs for dialogues, under ``/dialogue/``: the dialogue's page (by its public token),
and the host's own pages (by the secret of their private link)."""

from django.urls import URLPattern, path

from publicbenefit.dialogues.views import public as views

HOST = "dialogue/host/<str:token>/"
DIALOGUE = "dialogue/<str:token>/"

urlpatterns: list[URLPattern] = [
    # Before the host's and the dialogue's pages: "details-deleted" is not a secret.
    path("dialogue/host/details-deleted/", views.host_erased, name="host_erased"),
    path(HOST, views.host_home, name="host_home"),
    path(HOST + "your-details/", views.host_data, name="host_data"),
    path(HOST + "your-details.json", views.host_data_download, name="host_data_download"),
    path(HOST + "delete/", views.host_erase, name="host_erase"),
    path(HOST + "kit.pdf", views.host_kit_pdf, name="host_kit_pdf"),
    path(HOST + "write-up/", views.host_write_up, name="host_write_up"),
    path(DIALOGUE, views.dialogue_public, name="dialogue_public"),
    path(DIALOGUE + "offered/", views.offer_done, name="offer_done"),
    path(DIALOGUE + "events/", views.events_public, name="events_public"),
    path(DIALOGUE + "outcome/", views.outcome_public, name="outcome_public"),
    path(DIALOGUE + "outcome.pdf", views.outcome_public_pdf, name="outcome_public_pdf"),
]
