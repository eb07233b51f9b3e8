"""URLs for an organisation's proposals, under ``/o/<organisation>/proposals/``."""

from django.urls import path

from publicbenefit.proposals import views

app_name = "proposals"

PREFIX = "o/<slug:organisation>/proposals/"

urlpatterns = [
    path(PREFIX, views.proposal_list, name="list"),
    path(PREFIX + "new/", views.proposal_create, name="create"),
    path(PREFIX + "<int:pk>/", views.proposal_detail, name="detail"),
    path(PREFIX + "<int:pk>/edit/", views.proposal_edit, name="edit"),
    path(PREFIX + "<int:pk>/status/", views.status_change, name="status"),
    path(PREFIX + "<int:pk>/organisations/add/", views.party_add, name="party_add"),
    path(
        PREFIX + "<int:pk>/organisations/<int:party_pk>/remove/",
        views.party_remove,
        name="party_remove",
    ),
    path(PREFIX + "<int:pk>/data/add/", views.data_item_add, name="data_item_add"),
    path(
        PREFIX + "<int:pk>/data/<int:item_pk>/remove/",
        views.data_item_remove,
        name="data_item_remove",
    ),
]
