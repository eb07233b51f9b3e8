"""Accepting an invitation, as a new or an existing person, and every reason a link cannot be
used: each refusal leaves people, memberships and invitations as they were."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts import services
from publicbenefit.accounts.models import Invitation, Membership, User
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import (
    InvitationFactory,
    MembershipFactory,
    UserFactory,
)
from publicbenefit.accounts.tests.helpers import token_in

pytestmark = pytest.mark.django_db

TOKEN = "a-secret-from-an-email"
NEW_PASSWORD = "correct horse battery staple"


@pytest.fixture
def invitation(organisation):
    return InvitationFactory(
        organisation=organisation,
        email="new.starter@calderbrook.example",
        role=Role.ENGAGEMENT_LEAD,
        token=TOKEN,
    )


def _snapshot() -> tuple[list, list, list]:
    """Everything accepting an invitation could change."""
    return (
        list(User.objects.values()),
        list(Membership.objects.values()),
        list(Invitation.objects.values()),
    )


def test_accepting_as_a_new_user_creates_the_account_and_the_membership(invitation):
    membership = services.invitation_accept_as_new_user(
        token=TOKEN, full_name="  Megan Rees ", password=NEW_PASSWORD
    )

    user = User.objects.get()
    assert user.email == "new.starter@calderbrook.example"
    assert user.full_name == "Megan Rees"
    assert user.check_password(NEW_PASSWORD)
    assert membership.user == user
    assert membership.organisation == invitation.organisation
    assert membership.role == Role.ENGAGEMENT_LEAD
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by == user


def test_accepting_as_an_existing_user_adds_the_membership(invitation):
    user = UserFactory(email="new.starter@calderbrook.example")
    MembershipFactory(user=user, role=Role.ADMINISTRATOR)  # in another organisation

    membership = services.invitation_accept_as_user(token=TOKEN, user=user)

    assert membership.organisation == invitation.organisation
    assert membership.role == Role.ENGAGEMENT_LEAD
    assert user.memberships.count() == 2
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


def test_email_addresses_match_whatever_their_case(organisation, administrator, mailoutbox):
    user = UserFactory(email="Helen.Price@Calderbrook.example")
    services.invitation_create(
        actor=administrator, email="HELEN.PRICE@calderbrook.EXAMPLE", role=Role.ASSESSOR
    )

    membership = services.invitation_accept_as_user(token=token_in(mailoutbox[0]), user=user)

    assert membership.user == user
    assert membership.organisation == organisation


def test_accepting_with_the_wrong_account_is_refused(invitation):
    someone_else = UserFactory(email="someone.else@calderbrook.example")
    before = _snapshot()

    with pytest.raises(PermissionDenied):
        services.invitation_accept_as_user(token=TOKEN, user=someone_else)

    assert _snapshot() == before


def test_a_new_account_is_refused_when_the_address_already_has_one(invitation):
    UserFactory(email="new.starter@calderbrook.example", full_name="Already Here")
    before = _snapshot()

    with pytest.raises(ValidationError) as refused:
        services.invitation_accept_as_new_user(
            token=TOKEN, full_name="Impostor", password=NEW_PASSWORD
        )

    assert refused.value.messages == [
        (
            "There is already an account for new.starter@calderbrook.example. "
            "Sign in to accept the invitation"
        )
    ]
    assert _snapshot() == before


def test_someone_who_is_already_a_member_cannot_join_twice(invitation):
    member = MembershipFactory(
        organisation=invitation.organisation, user__email="new.starter@calderbrook.example"
    )
    before = _snapshot()

    with pytest.raises(ValidationError) as refused:
        services.invitation_accept_as_user(token=TOKEN, user=member.user)

    assert refused.value.messages == ["You are already a member of Calderbrook City Council"]
    assert _snapshot() == before


UNUSABLE = pytest.mark.parametrize(
    ("state", "code"),
    [
        ({"expired": True}, "expired"),
        ({"accepted": True}, "accepted"),
        ({"withdrawn": True}, "withdrawn"),
        ({"token": "a-different-secret"}, "unknown"),
    ],
    ids=["expired", "accepted", "withdrawn", "unknown"],
)


@UNUSABLE
def test_an_unusable_link_creates_no_account(organisation, state, code):
    InvitationFactory(organisation=organisation, **{"token": TOKEN} | state)
    before = _snapshot()

    with pytest.raises(services.InvitationUnusableError) as unusable:
        services.invitation_accept_as_new_user(
            token=TOKEN, full_name="New Starter", password=NEW_PASSWORD
        )

    assert unusable.value.code == code
    assert _snapshot() == before


@UNUSABLE
def test_an_unusable_link_adds_no_membership(organisation, state, code):
    invitation = InvitationFactory(organisation=organisation, **{"token": TOKEN} | state)
    user = UserFactory(email=invitation.email)
    before = _snapshot()

    with pytest.raises(services.InvitationUnusableError) as unusable:
        services.invitation_accept_as_user(token=TOKEN, user=user)

    assert unusable.value.code == code
    assert _snapshot() == before


def test_a_link_works_only_once(invitation):
    services.invitation_accept_as_new_user(token=TOKEN, full_name="First", password=NEW_PASSWORD)
    before = _snapshot()

    with pytest.raises(services.InvitationUnusableError) as unusable:
        services.invitation_accept_as_new_user(
            token=TOKEN, full_name="Second", password=NEW_PASSWORD
        )

    assert unusable.value.code == "accepted"
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("state", "code", "message"),
    [
        ({}, "unknown", "This invitation link is not valid"),
        ({"withdrawn": True}, "withdrawn", "This invitation has been withdrawn"),
        ({"accepted": True}, "accepted", "This invitation has already been used"),
        ({"expired": True}, "expired", "This invitation has expired"),
    ],
    ids=["unknown", "withdrawn", "accepted", "expired"],
)
def test_invitation_usable_says_why_a_link_cannot_be_used(organisation, state, code, message):
    if state:
        InvitationFactory(organisation=organisation, token=TOKEN, **state)

    with pytest.raises(services.InvitationUnusableError) as unusable:
        services.invitation_usable(token=TOKEN)

    assert unusable.value.code == code
    assert unusable.value.messages == [message]


def test_an_invitation_that_was_never_sent_has_no_working_link(organisation):
    InvitationFactory(organisation=organisation)  # not sent: no token hash stored

    with pytest.raises(services.InvitationUnusableError) as unusable:
        services.invitation_usable(token="")

    assert unusable.value.code == "unknown"
