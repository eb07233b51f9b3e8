"""URLs for Distributed Dialogues: staff pages under ``/o/<organisation>/dialogues/``, public
pages (the offer to host, the events list, the host's own page, the outcome) under
``/dialogue/``."""

from publicbenefit.dialogues.urls import public, staff

app_name = "dialogues"

urlpatterns = [*staff.urlpatterns, *public.urlpatterns]
