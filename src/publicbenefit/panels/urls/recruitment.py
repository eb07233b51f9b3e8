"""URLs for the panel's recruitment pages: staff pages under
``/o/<organisation>/panels/<panel_pk>/`` (addresses, letters, members), the public sign-up under
``/panel/join/`` and members' own pages under ``/panel/me/<token>/``."""

from django.urls import URLPattern, path

from publicbenefit.panels.views import recruitment as views

PANEL = "o/<slug:organisation>/panels/<int:panel_pk>/"
BATCH = PANEL + "addresses/<int:batch_pk>/"
MEMBER = PANEL + "members/<int:member_pk>/"

urlpatterns: list[URLPattern] = [
    path(PANEL + "addresses/", views.address_batches, name="address_batches"),
    path(PANEL + "addresses/upload/", views.address_upload, name="address_upload"),
    path(BATCH, views.address_batch, name="address_batch"),
    path(BATCH + "letters/", views.letters_make, name="letters_make"),
    path(BATCH + "letters.pdf", views.letters_download, name="letters_download"),
    path(PANEL + "members/", views.member_list, name="member_list"),
    path(PANEL + "members/add/", views.member_add, name="member_add"),
    path(MEMBER, views.member_detail, name="member_detail"),
    path(MEMBER + "change/", views.member_change, name="member_change"),
    path(MEMBER + "erase/", views.member_erase, name="member_erase"),
    path(MEMBER + "data/", views.member_data_download, name="member_data_download"),
    # The fixed pages come before the code: a code is any 8 characters from the QR code.
    path("panel/join/", views.join_start, name="join_start"),
    path("panel/join/about/", views.join_about, name="join_about"),
    path("panel/join/questions/<slug:step>/", views.join_step, name="join_step"),
    path("panel/join/check/", views.join_check, name="join_check"),
    path("panel/join/done/", views.join_done, name="join_done"),
    path("panel/join/p/<str:token>/", views.join_partner, name="join_partner"),
    path("panel/join/<str:code>/", views.join_code, name="join_code"),
    path("panel/me/", views.me_help, name="me_help"),
    path("panel/me/link-sent/", views.me_link_sent, name="me_link_sent"),
    path("panel/me/erased/", views.me_erased, name="me_erased"),
    path("panel/me/<str:token>/", views.me, name="me"),
    path("panel/me/<str:token>/change/", views.me_change, name="me_change"),
    path("panel/me/<str:token>/leave/", views.me_leave, name="me_leave"),
    path("panel/me/<str:token>/erase/", views.me_erase, name="me_erase"),
    path("panel/me/<str:token>/your-details.json", views.me_data_download, name="me_data_download"),
]
