"""URLs for staff accounts: public sign-in pages, invitation links, and each organisation's
members pages under ``/o/<organisation>/``."""

from django.urls import path

from publicbenefit.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("account/", views.account, name="account"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("account/two-factor/reset/", views.two_factor_reset, name="two_factor_reset"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/backup-codes/", views.two_factor_backup_codes, name="two_factor_backup_codes"),
    path("o/<slug:organisation>/", views.organisation_home, name="organisation_home"),
    path("o/<slug:organisation>/members/", views.member_list, name="member_list"),
    path("o/<slug:organisation>/members/invite/", views.member_invite, name="member_invite"),
    path(
        "o/<slug:organisation>/members/<int:pk>/role/",
        views.member_role_change,
        name="member_role_change",
    ),
    path(
        "o/<slug:organisation>/members/<int:pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "o/<slug:organisation>/members/<int:pk>/two-factor/reset/",
        views.member_two_factor_reset,
        name="member_two_factor_reset",
    ),
    path(
        "o/<slug:organisation>/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "o/<slug:organisation>/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
