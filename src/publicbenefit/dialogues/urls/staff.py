"""Staff URLs for dialogues, under ``/o/<organisation>/dialogues/``."""

from django.urls import URLPattern, path

from publicbenefit.dialogues.views import events, staff, themes

DIALOGUES = "o/<slug:organisation>/dialogues/"
DIALOGUE = DIALOGUES + "<int:pk>/"
EVENT = DIALOGUE + "events/<int:event_pk>/"
HOST = DIALOGUE + "hosts/<int:host_pk>/"

urlpatterns: list[URLPattern] = [
    path(DIALOGUES, staff.dialogue_list, name="dialogue_list"),
    path(DIALOGUES + "new/", staff.dialogue_create, name="dialogue_create"),
    path(DIALOGUE, staff.dialogue_detail, name="dialogue_detail"),
    path(DIALOGUE + "edit/", staff.dialogue_edit, name="dialogue_edit"),
    path(DIALOGUE + "status/", staff.dialogue_status, name="dialogue_status"),
    path(DIALOGUE + "kit/", staff.kit, name="kit"),
    path(DIALOGUE + "kit.pdf", staff.kit_pdf, name="kit_pdf"),
    path(DIALOGUE + "questions/", staff.question_list, name="question_list"),
    path(DIALOGUE + "questions/add/", staff.question_add, name="question_add"),
    path(DIALOGUE + "questions/from-plan/", staff.question_from_plan, name="question_from_plan"),
    path(DIALOGUE + "questions/<int:question_pk>/edit/", staff.question_edit, name="question_edit"),
    path(DIALOGUE + "questions/<int:question_pk>/move/", staff.question_move, name="question_move"),
    path(DIALOGUE + "areas/", staff.area_list, name="area_list"),
    path(DIALOGUE + "areas/add/", staff.area_add, name="area_add"),
    path(DIALOGUE + "areas/<int:area_pk>/edit/", staff.area_edit, name="area_edit"),
    path(DIALOGUE + "communities/add/", staff.community_add, name="community_add"),
    path(
        DIALOGUE + "communities/<int:community_pk>/edit/",
        staff.community_edit,
        name="community_edit",
    ),
    path(DIALOGUE + "coverage/", staff.coverage, name="coverage"),
    path(DIALOGUE + "coverage/boundaries/", staff.boundary_upload, name="boundary_upload"),
    path(DIALOGUE + "write-ups/", staff.write_up_list, name="write_up_list"),
    path(DIALOGUE + "themes/", themes.themes, name="themes"),
    path(DIALOGUE + "themes/run/", themes.themes_run, name="themes_run"),
    path(DIALOGUE + "themes/rename/", themes.theme_rename, name="theme_rename"),
    path(DIALOGUE + "themes/merge/", themes.theme_merge, name="theme_merge"),
    path(DIALOGUE + "themes/split/", themes.theme_split, name="theme_split"),
    path(DIALOGUE + "themes/move/", themes.theme_move, name="theme_move"),
    path(DIALOGUE + "themes/undo/", themes.theme_undo, name="theme_undo"),
    path(DIALOGUE + "outcome/", staff.outcome, name="outcome"),
    path(DIALOGUE + "outcome/send/", staff.outcome_send, name="outcome_send"),
    path(DIALOGUE + "outcome.pdf", staff.outcome_pdf, name="outcome_pdf"),
    path(DIALOGUE + "events/", events.event_list, name="event_list"),
    path(EVENT, events.event_detail, name="event_detail"),
    path(EVENT + "approve/", events.event_approve, name="event_approve"),
    path(EVENT + "decline/", events.event_decline, name="event_decline"),
    path(EVENT + "new-link/", events.event_link_resend, name="event_link_resend"),
    path(EVENT + "cancel/", events.event_cancel, name="event_cancel"),
    path(EVENT + "write-up/", events.write_up_detail, name="write_up_detail"),
    path(EVENT + "write-up/reopen/", events.write_up_reopen, name="write_up_reopen"),
    path(HOST + "data/", events.host_data_download, name="host_data_download_staff"),
    path(HOST + "erase/", events.host_erase, name="host_erase_staff"),
]
