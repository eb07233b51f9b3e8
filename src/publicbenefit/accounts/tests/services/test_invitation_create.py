"""Inviting someone to an organisation: who may, which addresses are refused, and the email
with its link (only a hash of which is stored)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from publicbenefit.accounts import services
from publicbenefit.accounts.models import Invitation
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
)
from publicbenefit.accounts.tests.helpers import link_in, token_in
from publicbenefit.accounts.tokens import token_hash

pytestmark = pytest.mark.django_db


def test_invitation_is_stored_and_emailed_with_a_working_link(administrator, mailoutbox):
    invitation = services.invitation_create(
        actor=administrator, email="new.colleague@calderbrook.example", role=Role.ASSESSOR
    )

    invitation.refresh_from_db()
    assert invitation.organisation == administrator.organisation
    assert invitation.email == "new.colleague@calderbrook.example"
    assert invitation.role == Role.ASSESSOR
    assert invitation.invited_by == administrator.user
    assert invitation.is_open
    assert invitation.sent_at is not None
    assert invitation.expires_at == invitation.sent_at + settings.INVITATION_VALID_FOR

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["new.colleague@calderbrook.example"]
    assert "Calderbrook City Council" in email.subject
    assert "Priya Shah has invited you" in email.body
    assert "as Assessor" in email.body
    assert link_in(email).startswith(f"{settings.SITE_URL}/invitations/")
    assert services.invitation_usable(token=token_in(email)) == invitation


def test_only_a_hash_of_the_token_is_stored(administrator, mailoutbox):
    invitation = services.invitation_create(
        actor=administrator, email="new.colleague@calderbrook.example", role=Role.VIEWER
    )

    token = token_in(mailoutbox[0])
    row = Invitation.objects.filter(pk=invitation.pk).values().get()
    assert row["token_hash"] == token_hash(token)
    assert all(token not in str(value) for value in row.values())


def test_email_address_is_stored_in_lower_case_without_spaces(administrator, mailoutbox):
    invitation = services.invitation_create(
        actor=administrator, email="  New.Colleague@Calderbrook.EXAMPLE ", role=Role.VIEWER
    )

    assert invitation.email == "new.colleague@calderbrook.example"
    assert mailoutbox[0].to == ["new.colleague@calderbrook.example"]


@pytest.mark.parametrize("email", ["viewer@calderbrook.example", "Viewer@Calderbrook.Example"])
def test_an_address_that_is_already_a_member_is_refused(administrator, viewer, mailoutbox, email):
    with pytest.raises(ValidationError) as refused:
        services.invitation_create(actor=administrator, email=email, role=Role.ASSESSOR)

    assert refused.value.message_dict == {
        "email": ["viewer@calderbrook.example is already a member of Calderbrook City Council"]
    }
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_a_member_of_another_organisation_can_be_invited(administrator, mailoutbox):
    elsewhere = MembershipFactory(user__email="helen@westmarch.example")

    invitation = services.invitation_create(
        actor=administrator, email="helen@westmarch.example", role=Role.ASSESSOR
    )

    assert invitation.organisation != elsewhere.organisation
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("email", ["waiting@calderbrook.example", "WAITING@calderbrook.example"])
def test_a_second_open_invitation_to_the_same_address_is_refused(administrator, mailoutbox, email):
    waiting = services.invitation_create(
        actor=administrator, email="waiting@calderbrook.example", role=Role.VIEWER
    )
    mailoutbox.clear()

    with pytest.raises(ValidationError) as refused:
        services.invitation_create(actor=administrator, email=email, role=Role.ASSESSOR)

    assert "already waiting" in refused.value.message_dict["email"][0]
    assert list(Invitation.objects.all()) == [waiting]
    assert mailoutbox == []


def test_the_same_address_can_be_invited_to_another_organisation(administrator, mailoutbox):
    InvitationFactory(email="waiting@calderbrook.example")  # another organisation's

    services.invitation_create(
        actor=administrator, email="waiting@calderbrook.example", role=Role.VIEWER
    )

    assert Invitation.objects.filter(email="waiting@calderbrook.example").count() == 2
    assert len(mailoutbox) == 1


def test_an_expired_open_invitation_is_replaced(administrator, mailoutbox):
    expired = InvitationFactory(
        organisation=administrator.organisation,
        email="late@calderbrook.example",
        token="the-expired-link",
        expired=True,
    )

    replacement = services.invitation_create(
        actor=administrator, email="late@calderbrook.example", role=Role.PROPOSER
    )

    expired.refresh_from_db()
    assert expired.withdrawn_at is not None
    assert replacement.pk != expired.pk
    assert replacement.is_open
    assert not replacement.has_expired
    assert replacement.role == Role.PROPOSER
    assert len(mailoutbox) == 1
    assert services.invitation_usable(token=token_in(mailoutbox[0])) == replacement
    with pytest.raises(services.InvitationUnusableError):
        services.invitation_usable(token="the-expired-link")


def test_an_accepted_or_withdrawn_invitation_does_not_block_a_new_one(administrator, mailoutbox):
    InvitationFactory(
        organisation=administrator.organisation, email="again@calderbrook.example", withdrawn=True
    )

    services.invitation_create(
        actor=administrator, email="again@calderbrook.example", role=Role.VIEWER
    )

    assert Invitation.objects.filter(email="again@calderbrook.example").count() == 2
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("email", ["", "not-an-address", "two@at@example.org"])
def test_an_address_in_the_wrong_format_is_refused(administrator, mailoutbox, email):
    with pytest.raises(ValidationError) as refused:
        services.invitation_create(actor=administrator, email=email, role=Role.VIEWER)

    assert refused.value.message_dict == {
        "email": ["Enter an email address in the correct format, like name@example.com"]
    }
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_an_unknown_role_is_refused(administrator, mailoutbox):
    with pytest.raises(ValidationError) as refused:
        services.invitation_create(
            actor=administrator, email="someone@calderbrook.example", role="superuser"
        )

    assert refused.value.message_dict == {"role": ["Select a role"]}
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.parametrize("role", [Role.ASSESSOR, Role.PROPOSER, Role.ENGAGEMENT_LEAD, Role.VIEWER])
def test_a_role_that_cannot_manage_members_may_not_invite(organisation, mailoutbox, role):
    actor = MembershipFactory(organisation=organisation, role=role)

    with pytest.raises(PermissionDenied):
        services.invitation_create(
            actor=actor, email="someone@calderbrook.example", role=Role.ADMINISTRATOR
        )

    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_the_first_administrator_is_invited_by_nobody(mailoutbox):
    organisation = OrganisationFactory(name="Westmarch Police")

    invitation = services.invitation_create_first_administrator(
        organisation=organisation, email="Chief@Westmarch.example"
    )

    assert invitation.role == Role.ADMINISTRATOR
    assert invitation.invited_by is None
    assert invitation.email == "chief@westmarch.example"
    assert mailoutbox[0].body.startswith("You have been invited to join Westmarch Police")


def test_sending_skips_an_invitation_closed_before_its_turn(mailoutbox):
    # A queued email whose invitation was withdrawn meanwhile must not send a working link.
    invitation = InvitationFactory(withdrawn=True)

    link = services.invitation_email_send(invitation_id=invitation.pk)

    invitation.refresh_from_db()
    assert link is None
    assert invitation.token_hash is None
    assert mailoutbox == []


def test_sending_restarts_the_time_the_invitation_is_valid_for(mailoutbox):
    invitation = InvitationFactory(token="old", expires_at=timezone.now() + timedelta(hours=1))

    services.invitation_email_send(invitation_id=invitation.pk)

    invitation.refresh_from_db()
    assert invitation.expires_at > timezone.now() + settings.INVITATION_VALID_FOR - timedelta(
        minutes=1
    )
