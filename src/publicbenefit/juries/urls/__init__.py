"""URLs for Citizens' Juries: staff pages under ``/o/<organisation>/juries/``, public pages (the
volunteer form, jurors' own pages) under ``/jury/``."""

from publicbenefit.juries.urls import process, selection

app_name = "juries"

urlpatterns = [
    *selection.urlpatterns,
    *process.urlpatterns,
]
