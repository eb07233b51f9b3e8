"""The page an invitation link opens: create an account, accept as the person signed in, or
say clearly why the link cannot be used."""

import pytest
from django.urls import reverse

from publicbenefit.accounts.models import Membership, User
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import (
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)
from publicbenefit.accounts.tests.helpers import (
    BUTTON,
    error_summary,
    field_errors,
    page_heading,
    page_title,
)

pytestmark = pytest.mark.django_db

TOKEN = "a-secret-from-an-email"
URL = reverse("accounts:invitation_accept", kwargs={"token": TOKEN})
NEW_PASSWORD = "correct horse battery staple"
MISMATCH = "The two password fields didn\N{RIGHT SINGLE QUOTATION MARK}t match."


@pytest.fixture
def invitation(administrator):
    return InvitationFactory(
        organisation=administrator.organisation,
        email="megan.rees@calderbrook.example",
        role=Role.ENGAGEMENT_LEAD,
        invited_by=administrator.user,
        token=TOKEN,
    )


def _account_form(**fields):
    return {
        "full_name": "Megan Rees",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    } | fields


def _counts():
    return User.objects.count(), Membership.objects.count()


def test_someone_new_sees_the_create_account_form(client, invitation):
    response = client.get(URL)

    assert response.status_code == 200
    assert page_heading(response.content) == "Create your account"
    assert (
        "You have been invited to join Calderbrook City Council as Engagement lead."
        in response.content.decode()
    )


def test_someone_new_creates_an_account_joins_and_is_signed_in(client, invitation):
    response = client.post(URL, _account_form(), follow=True)

    # An engagement lead sets up two-factor authentication before the staff area opens.
    home = reverse("accounts:organisation_home", kwargs={"organisation": "calderbrook"})
    assert response.redirect_chain == [
        (home, 302),
        (f"{reverse('accounts:two_factor_setup')}?next=%2Fo%2Fcalderbrook%2F", 302),
    ]
    assert "You have joined Calderbrook City Council" in response.content.decode()
    user = User.objects.get(email="megan.rees@calderbrook.example")
    assert user.full_name == "Megan Rees"
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=user).role == Role.ENGAGEMENT_LEAD
    assert client.session["_auth_user_id"] == str(user.pk)
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"password2": "something else entirely"}, MISMATCH),
        (
            {"password1": "short", "password2": "short"},
            "This password is too short. It must contain at least 12 characters.",
        ),
        ({"full_name": ""}, "Enter your full name"),
        ({"password1": "", "password2": ""}, "Enter a password"),
    ],
    ids=["mismatch", "too-short", "no-name", "no-password"],
)
def test_account_form_errors_keep_nothing(client, invitation, fields, message):
    before = _counts()

    response = client.post(URL, _account_form(**fields))

    assert response.status_code == 200
    assert page_title(response.content).startswith("Error: Create your account")
    assert message in error_summary(response.content)
    assert message in field_errors(response.content)
    assert _counts() == before
    assert "_auth_user_id" not in client.session
    invitation.refresh_from_db()
    assert invitation.is_open


def test_a_password_like_the_email_address_is_refused(client, invitation):
    response = client.post(
        URL, _account_form(password1="megan.rees@calderbrook", password2="megan.rees@calderbrook")
    )

    assert response.status_code == 200
    assert "The password is too similar to the email address." in error_summary(response.content)
    assert not User.objects.filter(email=invitation.email).exists()


def test_someone_with_an_account_is_asked_to_sign_in(client, invitation):
    UserFactory(email="megan.rees@calderbrook.example")

    response = client.get(URL)

    assert response.status_code == 200
    assert page_heading(response.content) == "Sign in to accept the invitation"
    assert f'href="{reverse("accounts:sign_in")}?next={URL}"' in response.content.decode()


def test_someone_signed_in_accepts_and_joins(client_for, invitation):
    user = UserFactory(email="megan.rees@calderbrook.example")
    MembershipFactory(user=user, organisation__name="Westmarch Police")
    client = client_for(user)

    assert page_heading(client.get(URL).content) == "Accept the invitation"
    response = client.post(URL, BUTTON, follow=True)

    assert response.redirect_chain == [
        (reverse("accounts:organisation_home", kwargs={"organisation": "calderbrook"}), 302)
    ]
    assert "You have joined Calderbrook City Council" in response.content.decode()
    assert user.memberships.count() == 2


def test_someone_signed_in_as_someone_else_is_refused(client_for, invitation):
    user = UserFactory(email="megan.rees@calderbrook.example")
    other = UserFactory(email="someone.else@calderbrook.example")
    client = client_for(other)
    before = _counts()

    response = client.post(URL, BUTTON)

    assert response.status_code == 403
    assert page_heading(response.content) == "This invitation is for someone else"
    assert "You are signed in as someone.else@calderbrook.example" in response.content.decode()
    assert _counts() == before
    assert not user.memberships.exists()


def test_someone_signed_in_cannot_create_an_account_for_the_invited_address(client_for, invitation):
    client = client_for(UserFactory(email="someone.else@calderbrook.example"))
    before = _counts()

    response = client.post(URL, _account_form())

    assert response.status_code == 403
    assert _counts() == before


@pytest.mark.parametrize(
    ("state", "status", "heading"),
    [
        ({"token": "another-secret"}, 404, "This invitation link is not valid"),
        ({"withdrawn": True}, 410, "This invitation has been withdrawn"),
        ({"accepted": True}, 410, "This invitation has already been used"),
        ({"expired": True}, 410, "This invitation has expired"),
    ],
    ids=["unknown", "withdrawn", "accepted", "expired"],
)
def test_an_unusable_link_says_why(client, organisation, state, status, heading):
    InvitationFactory(organisation=organisation, **{"token": TOKEN} | state)
    before = _counts()

    for response in (client.get(URL), client.post(URL, _account_form())):
        assert response.status_code == status
        assert page_heading(response.content) == heading
        assert page_title(response.content).startswith(heading)

    assert _counts() == before


def test_a_link_cannot_be_used_twice(client, invitation):
    client.post(URL, _account_form())
    client.logout()

    response = client.get(URL)

    assert response.status_code == 410
    assert page_heading(response.content) == "This invitation has already been used"
