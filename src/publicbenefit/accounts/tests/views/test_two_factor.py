"""Two-factor authentication for staff: setting up an authenticator app, signing in with a
code or a backup code, wrong codes refused and slowed down, and resetting it."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import PASSWORD, MembershipFactory
from publicbenefit.accounts.tests.helpers import error_summary, page_heading
from publicbenefit.accounts.tests.two_factor import totp_code, two_factor_device_for
from publicbenefit.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign_in")
VERIFY = reverse("accounts:two_factor_verify")
SETUP = reverse("accounts:two_factor_setup")
BACKUP_CODES = reverse("accounts:two_factor_backup_codes")
ACCOUNT = reverse("accounts:account")
RESET = reverse("accounts:two_factor_reset")
HOME = "/o/calderbrook/"
WRONG = (
    "The code is not correct. Enter the 6-digit code your authenticator app shows now, or one "
    "of your backup codes"
)


def _sign_in_with_password(client, user, next_url=HOME):
    response = client.post(
        f"{SIGN_IN}?next={next_url}", {"username": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client.get(response["Location"])


def _verified(client):
    return "otp_device_id" in client.session


def _codes_on(response):
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode())


def _fail_once_more(device):
    """Put the last failure far enough back that the next try is checked."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )


# Setting up, for a role that needs it ---------------------------------------------------------


def test_an_administrator_sets_up_an_app_at_first_sign_in_and_gets_backup_codes(
    client, administrator
):
    response = _sign_in_with_password(client, administrator.user)

    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fo%2Fcalderbrook%2F"

    page = client.get(response["Location"])
    assert page_heading(page.content) == "Set up two-factor authentication"
    content = page.content.decode()
    assert '<svg role="img"' in content
    device = TOTPDevice.objects.get(user=administrator.user)
    assert not device.confirmed
    secret = re.search(r'id="setup-key"><code>([A-Z2-7 ]+)</code>', content).group(1)
    assert len(secret.replace(" ", "")) == 32
    assert "otpauth" not in content.replace(device.config_url, "")
    # Reloading keeps the same secret, so a code from the app scanned first still works.
    assert secret in client.get(response["Location"]).content.decode()

    wrong = client.post(response["Location"], {"code": "000000"})
    assert error_summary(wrong.content) == [WRONG]
    assert not _verified(client)
    _fail_once_more(device)

    confirmed = client.post(response["Location"], {"code": totp_code(device)})
    assert confirmed["Location"] == BACKUP_CODES
    assert _verified(client)
    device.refresh_from_db()
    assert device.confirmed

    codes_page = client.get(BACKUP_CODES)
    codes = _codes_on(codes_page)
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=administrator.user).values_list("token", flat=True)
    )
    assert f'href="{HOME}"' in codes_page.content.decode()
    # Shown once only.
    assert client.get(BACKUP_CODES)["Location"] == ACCOUNT
    assert client.get(HOME).status_code == 200


def test_the_set_up_code_must_be_six_digits(client, administrator):
    _sign_in_with_password(client, administrator.user)

    response = client.post(SETUP, {"code": "abcdefgh"})

    assert error_summary(response.content) == [
        "Enter the 6-digit code your authenticator app shows"
    ]
    response = client.post(SETUP, {"code": ""})
    assert error_summary(response.content) == ["Enter the code from your authenticator app"]


def test_an_engagement_lead_must_set_it_up_too(client, organisation):
    lead = MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)

    response = _sign_in_with_password(client, lead.user)

    assert response["Location"].startswith(SETUP)


def test_someone_who_has_set_it_up_cannot_set_up_another_app_without_a_code(client, administrator):
    two_factor_device_for(administrator.user)
    _sign_in_with_password(client, administrator.user)

    response = client.get(SETUP)

    assert response["Location"] == f"{VERIFY}?next=%2F"
    assert TOTPDevice.objects.filter(user=administrator.user).count() == 1


# Signing in with a code -----------------------------------------------------------------------


def test_someone_with_an_app_enters_a_code_after_their_password(client, administrator):
    device = two_factor_device_for(administrator.user)

    response = _sign_in_with_password(client, administrator.user)

    assert response["Location"] == f"{VERIFY}?next=%2Fo%2Fcalderbrook%2F"
    page = client.get(response["Location"])
    assert page_heading(page.content) == "Enter the 6-digit code from your authenticator app"
    assert client.get(HOME)["Location"].startswith(VERIFY)

    done = client.post(response["Location"], {"code": totp_code(device)})

    assert done["Location"] == HOME
    assert _verified(client)
    assert client.get(HOME).status_code == 200


def test_the_code_page_does_not_go_on_to_another_site(client, administrator):
    device = two_factor_device_for(administrator.user)
    _sign_in_with_password(client, administrator.user)

    response = client.post(f"{VERIFY}?next=https://evil.example/", {"code": totp_code(device)})

    assert response["Location"] == "/"


def test_a_wrong_code_is_refused_and_the_next_try_must_wait(client, administrator):
    device = two_factor_device_for(administrator.user)
    _sign_in_with_password(client, administrator.user)

    wrong = client.post(VERIFY, {"code": "123456" if totp_code(device) != "123456" else "654321"})

    assert wrong.status_code == 200
    assert error_summary(wrong.content) == [WRONG]
    assert not _verified(client)

    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # Straight after a wrong code even the right one is not checked.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now())
    throttled = client.post(VERIFY, {"code": totp_code(device)})

    assert not _verified(client)
    [message] = error_summary(throttled.content)
    assert message.startswith("You have entered a wrong code too many times. For your security")
    assert client.get(HOME)["Location"].startswith(VERIFY)

    _fail_once_more(device)
    assert client.post(VERIFY, {"code": totp_code(device)})["Location"] == "/"
    assert _verified(client)


def test_each_wrong_code_doubles_the_wait(client, administrator):
    device = two_factor_device_for(administrator.user)
    _sign_in_with_password(client, administrator.user)
    for _ in range(6):
        _fail_once_more(device)
        client.post(VERIFY, {"code": "000000"})
    device.refresh_from_db()

    assert device.throttling_failure_count >= 5
    allowed, details = device.verify_is_allowed()
    assert not allowed
    assert details["locked_until"] - device.throttling_failure_timestamp >= timedelta(seconds=16)


def test_a_code_cannot_be_used_twice(client_for, client, administrator):
    device = two_factor_device_for(administrator.user)
    code = totp_code(device)
    _sign_in_with_password(client, administrator.user)
    client.post(VERIFY, {"code": code})
    assert _verified(client)
    client.post(reverse("accounts:sign_out"))
    _fail_once_more(device)

    _sign_in_with_password(client, administrator.user)
    response = client.post(VERIFY, {"code": code})

    assert error_summary(response.content) == [WRONG]
    assert not _verified(client)


def test_a_backup_code_works_once(client, administrator):
    two_factor_device_for(administrator.user)
    backup = StaticDevice.objects.create(user=administrator.user, name="Backup", confirmed=True)
    backup.token_set.create(token="abcd2345")
    backup.token_set.create(token="efgh6723")
    _sign_in_with_password(client, administrator.user)

    response = client.post(VERIFY, {"code": "ABCD-2345"}, follow=True)

    assert _verified(client)
    assert response.redirect_chain[0] == ("/", 302)
    assert "You have 1 backup code left" in response.content.decode()
    client.post(reverse("accounts:sign_out"))

    _sign_in_with_password(client, administrator.user)
    StaticDevice.objects.filter(pk=backup.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(hours=1)
    )
    again = client.post(VERIFY, {"code": "abcd2345"})

    assert error_summary(again.content) == [WRONG]
    assert not _verified(client)


def test_an_empty_code_is_asked_for(client, administrator):
    two_factor_device_for(administrator.user)
    _sign_in_with_password(client, administrator.user)

    response = client.post(VERIFY, {"code": "  "})

    assert error_summary(response.content) == ["Enter the code from your authenticator app"]


# Optional for other roles ---------------------------------------------------------------------


def test_an_assessor_need_not_set_it_up(client, organisation):
    assessor = MembershipFactory(organisation=organisation, role=Role.ASSESSOR)

    response = _sign_in_with_password(client, assessor.user)

    assert response.status_code == 200
    assert "Off." in client.get(ACCOUNT).content.decode()


def test_an_assessor_can_choose_to_use_it_and_then_needs_a_code(client, organisation):
    assessor = MembershipFactory(organisation=organisation, role=Role.ASSESSOR)
    _sign_in_with_password(client, assessor.user)
    assert f'href="{SETUP}"' in client.get(ACCOUNT).content.decode()

    client.get(SETUP)
    device = TOTPDevice.objects.get(user=assessor.user)
    client.post(SETUP, {"code": totp_code(device)})
    assert len(_codes_on(client.get(BACKUP_CODES))) == 10
    assert "10 backup codes left" in client.get(ACCOUNT).content.decode()
    client.post(reverse("accounts:sign_out"))

    response = _sign_in_with_password(client, assessor.user)

    assert response["Location"].startswith(VERIFY)


# Resetting ------------------------------------------------------------------------------------


def test_staff_reset_their_own_app_after_entering_a_code(client, administrator):
    device = two_factor_device_for(administrator.user)
    _sign_in_with_password(client, administrator.user)
    client.post(VERIFY, {"code": totp_code(device)})
    _fail_once_more(device)

    refused = client.post(RESET, {"code": "000000"})
    assert error_summary(refused.content) == [WRONG]
    assert TOTPDevice.objects.filter(user=administrator.user).exists()
    _fail_once_more(device)

    response = client.post(RESET, {"code": totp_code(device)})

    assert response["Location"] == SETUP
    assert not TOTPDevice.objects.filter(user=administrator.user, confirmed=True).exists()
    assert client.get(HOME)["Location"].startswith(SETUP)
    entry = AuditEntry.objects.get(action="accounts.two_factor.reset")
    assert entry.actor == administrator.user
    assert entry.summary == "Reset their own two-factor authentication"


def test_an_administrator_resets_a_colleagues_app_and_it_is_audited(
    administrator, client_for, organisation
):
    colleague = MembershipFactory(
        organisation=organisation, role=Role.ENGAGEMENT_LEAD, user__full_name="Megan Rees"
    )
    two_factor_device_for(colleague.user)
    StaticDevice.objects.create(user=colleague.user, name="Backup", confirmed=True)
    client = client_for(administrator.user)
    url = reverse(
        "accounts:member_two_factor_reset",
        kwargs={"organisation": organisation.slug, "pk": colleague.pk},
    )
    assert f'href="{url}"' in client.get(f"{HOME}members/").content.decode()
    assert page_heading(client.get(url).content) == "Reset two-factor authentication"

    response = client.post(url, {"submit": ""}, follow=True)

    assert "Megan Rees&#x27;s two-factor authentication has been reset" in (
        response.content.decode()
    )
    assert not TOTPDevice.objects.filter(user=colleague.user).exists()
    assert not StaticDevice.objects.filter(user=colleague.user).exists()
    entry = AuditEntry.objects.get(action="accounts.two_factor.reset")
    assert entry.actor == administrator.user
    assert entry.organisation == organisation
    assert entry.category == "access"
    assert entry.summary == "Reset Megan Rees's two-factor authentication"
    assert f'href="{url}"' not in client.get(f"{HOME}members/").content.decode()


def test_a_colleague_whose_app_was_reset_sets_up_a_new_one(administrator, client_for, organisation):
    colleague = MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)
    colleague_client = client_for(colleague.user)
    assert colleague_client.get(HOME).status_code == 200
    url = reverse(
        "accounts:member_two_factor_reset",
        kwargs={"organisation": organisation.slug, "pk": colleague.pk},
    )

    client_for(administrator.user).post(url, {"submit": ""})

    assert colleague_client.get(HOME)["Location"].startswith(SETUP)


def test_only_administrators_reset_a_colleagues_app(organisation, administrator, client_for):
    lead = MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)
    two_factor_device_for(administrator.user)
    url = reverse(
        "accounts:member_two_factor_reset",
        kwargs={"organisation": organisation.slug, "pk": administrator.pk},
    )

    response = client_for(lead.user).post(url, {"submit": ""})

    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=administrator.user).exists()
    assert not AuditEntry.objects.filter(action="accounts.two_factor.reset").exists()


def test_resetting_someone_without_an_app_says_so(organisation, administrator, client_for):
    viewer = MembershipFactory(organisation=organisation, role=Role.VIEWER)
    url = reverse(
        "accounts:member_two_factor_reset",
        kwargs={"organisation": organisation.slug, "pk": viewer.pk},
    )

    response = client_for(administrator.user).post(url, {"submit": ""})

    assert response.status_code == 200
    assert error_summary(response.content) == [
        f"{viewer.user.full_name} has not set up two-factor authentication"
    ]
