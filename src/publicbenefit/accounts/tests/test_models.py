"""Email addresses are compared without case, in the models and in the database constraints."""

import pytest
from django.contrib.auth import authenticate
from django.db import IntegrityError, transaction

from publicbenefit.accounts.models import User, axes_username, normalise_email
from publicbenefit.accounts.tests.factories import (
    PASSWORD,
    InvitationFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_email_addresses_are_normalised():
    assert normalise_email("  Helen.Price@Westmarch.EXAMPLE\n") == "helen.price@westmarch.example"


def test_an_account_is_saved_with_its_address_in_lower_case():
    user = User.objects.create_user(email="Helen.Price@Calderbrook.example", full_name="Helen")

    user.refresh_from_db()
    assert user.email == "helen.price@calderbrook.example"
    assert not user.has_usable_password()


def test_two_accounts_cannot_share_an_address_in_different_cases():
    UserFactory(email="helen.price@calderbrook.example")

    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="HELEN.PRICE@calderbrook.example")


def test_sign_in_finds_the_account_whatever_the_case(rf):
    user = UserFactory(email="helen.price@calderbrook.example")

    found = authenticate(
        rf.post("/"), username="Helen.Price@Calderbrook.example", password=PASSWORD
    )

    assert found == user


def test_failed_sign_ins_are_counted_against_the_normalised_address():
    assert axes_username(None, {"username": " Helen.Price@X.example "}) == "helen.price@x.example"
    assert axes_username(None, None) == ""


def test_the_database_allows_one_open_invitation_per_address_and_organisation():
    # The service checks first; the constraint stops two requests that check at the same time.
    organisation = OrganisationFactory()
    InvitationFactory(organisation=organisation, email="new@calderbrook.example")

    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(organisation=organisation, email="NEW@calderbrook.example")


def test_closed_invitations_do_not_count_against_the_constraint():
    organisation = OrganisationFactory()
    InvitationFactory(organisation=organisation, email="new@calderbrook.example", withdrawn=True)
    InvitationFactory(organisation=organisation, email="new@calderbrook.example", accepted=True)

    InvitationFactory(organisation=organisation, email="new@calderbrook.example")
