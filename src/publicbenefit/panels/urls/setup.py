"""URLs for setting up a Citizens' Panel, under ``/o/<organisation>/panels/``: the panels, a
panel's hub page and settings, its margins, its community partners and how representative it
is."""

from django.urls import URLPattern, path

from publicbenefit.panels.views import setup as views

PANELS = "o/<slug:organisation>/panels/"
PANEL = PANELS + "<int:pk>/"

urlpatterns: list[URLPattern] = [
    path(PANELS, views.panel_list, name="panel_list"),
    path(PANELS + "new/", views.panel_create, name="panel_create"),
    path(PANELS + "margins-template.csv", views.margins_template, name="margins_template"),
    path(PANEL, views.panel_detail, name="panel_detail"),
    path(PANEL + "settings/", views.panel_settings, name="panel_settings"),
    path(PANEL + "margins/", views.margins, name="margins"),
    path(PANEL + "margins/import/", views.margins_import, name="margins_import"),
    path(PANEL + "margins.csv", views.margins_download, name="margins_download"),
    path(PANEL + "partners/", views.partner_list, name="partner_list"),
    path(PANEL + "partners/add/", views.partner_add, name="partner_add"),
    path(
        PANEL + "partners/<int:partner_pk>/stop/",
        views.partner_deactivate,
        name="partner_deactivate",
    ),
    path(PANEL + "representativeness/", views.representativeness, name="representativeness"),
]
