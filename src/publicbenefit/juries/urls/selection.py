"""URLs for choosing a jury: staff pages under ``/o/<organisation>/juries/`` (the jury, its
quotas, pool, letters, lotteries, draw and jurors) and the public volunteer form under
``/jury/<token>/volunteer/``."""

from django.urls import URLPattern, path

from publicbenefit.juries.views import selection as views
from publicbenefit.juries.views import volunteer

JURIES = "o/<slug:organisation>/juries/"
JURY = JURIES + "<int:pk>/"
BATCH = JURY + "letters/<int:batch_pk>/"
LOTTERY = JURY + "lotteries/<int:lottery_pk>/"
DRAW = JURY + "draws/<int:draw_pk>/"
JUROR = JURY + "jurors/<int:juror_pk>/"

urlpatterns: list[URLPattern] = [
    path(JURIES, views.jury_list, name="jury_list"),
    path(JURIES + "new/", views.jury_create, name="jury_create"),
    path(JURY, views.jury_detail, name="jury_detail"),
    path(JURY + "settings/", views.jury_settings, name="jury_settings"),
    path(JURY + "quotas/", views.quotas, name="quotas"),
    path(JURY + "quotas/accept/", views.quotas_accept, name="quotas_accept"),
    path(JURY + "quotas/margins/", views.margins_import, name="margins_import"),
    path(JURY + "quotas/import/", views.quotas_import, name="quotas_import"),
    path(JURY + "quotas.csv", views.quotas_download, name="quotas_download"),
    path(JURY + "pool/", views.pool, name="pool"),
    path(JURY + "pool/import/", views.pool_import, name="pool_import"),
    path(JURY + "pool/<int:volunteer_pk>/", views.volunteer_detail, name="volunteer_detail"),
    path(
        JURY + "pool/<int:volunteer_pk>/data/",
        views.volunteer_data_download,
        name="volunteer_data_download",
    ),
    path(JURY + "pool/<int:volunteer_pk>/erase/", views.volunteer_erase, name="volunteer_erase"),
    path(JURY + "letters/", views.letter_batches, name="letter_batches"),
    path(JURY + "letters/upload/", views.letter_batch_upload, name="letter_batch_upload"),
    path(BATCH, views.letter_batch, name="letter_batch"),
    path(BATCH + "make/", views.letters_make, name="letters_make"),
    path(BATCH + "letters.pdf", views.letters_download, name="letters_download"),
    path(JURY + "lotteries/", views.lottery_list, name="lottery_list"),
    path(JURY + "lotteries/new/", views.lottery_create, name="lottery_create"),
    path(LOTTERY, views.lottery_detail, name="lottery_detail"),
    path(LOTTERY + "draw/", views.draw_create, name="draw_create"),
    path(DRAW, views.draw_detail, name="draw_detail"),
    path(DRAW + "audit.json", views.draw_audit_json, name="draw_audit_json"),
    path(DRAW + "people.csv", views.draw_people_csv, name="draw_people_csv"),
    path(DRAW + "quotas.csv", views.draw_quotas_csv, name="draw_quotas_csv"),
    path(JURY + "jurors/", views.juror_list, name="juror_list"),
    path(JUROR + "drop/", views.juror_drop, name="juror_drop"),
    path(JUROR + "replace/", views.juror_replace, name="juror_replace"),
    path("jury/<str:token>/volunteer/", volunteer.volunteer, name="volunteer"),
    path("jury/<str:token>/volunteer/done/", volunteer.volunteer_done, name="volunteer_done"),
]
