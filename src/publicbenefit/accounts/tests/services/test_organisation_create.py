"""Creating an organisation, by the service and by the operators' command that also invites its
first administrator."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from publicbenefit.accounts import services
from publicbenefit.accounts.models import Invitation, Organisation
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import OrganisationFactory
from publicbenefit.accounts.tests.helpers import token_in

pytestmark = pytest.mark.django_db


def test_an_organisation_is_created_with_a_slug_from_its_name():
    organisation = services.organisation_create(
        name="  Calderbrook Teaching Hospitals NHS Trust ", kind=Organisation.Kind.NHS
    )

    organisation.refresh_from_db()
    assert organisation.name == "Calderbrook Teaching Hospitals NHS Trust"
    assert organisation.slug == "calderbrook-teaching-hospitals-nhs-trust"
    assert organisation.kind == Organisation.Kind.NHS


def test_a_chosen_slug_is_kept():
    organisation = services.organisation_create(
        name="Westmarch Police", kind=Organisation.Kind.POLICE, slug="wmp"
    )

    assert organisation.slug == "wmp"


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValidationError) as refused:
        services.organisation_create(name="Somewhere", kind="company")

    assert refused.value.message_dict == {"kind": ["Select the kind of organisation"]}
    assert not Organisation.objects.exists()


def test_a_name_already_taken_is_refused_whatever_its_case():
    OrganisationFactory(name="Calderbrook Homes", slug="homes")

    with pytest.raises(ValidationError) as refused:
        services.organisation_create(name="CALDERBROOK HOMES", kind=Organisation.Kind.HOUSING)

    assert refused.value.message_dict == {
        "name": ["An organisation called CALDERBROOK HOMES already exists"]
    }
    assert Organisation.objects.count() == 1


def test_a_slug_already_taken_is_refused():
    OrganisationFactory(name="Calderbrook Homes", slug="calderbrook")

    with pytest.raises(ValidationError) as refused:
        services.organisation_create(
            name="Calderbrook Council", kind=Organisation.Kind.COUNCIL, slug="calderbrook"
        )

    assert refused.value.message_dict == {"slug": ["The short name calderbrook is already taken"]}
    assert Organisation.objects.count() == 1


def test_the_command_creates_the_organisation_and_invites_its_administrator(mailoutbox):
    out = StringIO()

    call_command(
        "organisation_create",
        "--name=Westmarch Police",
        "--kind=police",
        "--administrator=Chief@Westmarch-Police.example",
        stdout=out,
    )

    organisation = Organisation.objects.get()
    assert organisation.slug == "westmarch-police"
    invitation = Invitation.objects.get()
    assert invitation.organisation == organisation
    assert invitation.role == Role.ADMINISTRATOR
    assert mailoutbox[0].to == ["chief@westmarch-police.example"]
    assert services.invitation_usable(token=token_in(mailoutbox[0])) == invitation
    assert "Created Westmarch Police (/o/westmarch-police/)" in out.getvalue()


def test_the_command_creates_nothing_when_the_invitation_is_refused(mailoutbox):
    with pytest.raises(CommandError, match="Enter an email address in the correct format"):
        call_command(
            "organisation_create",
            "--name=Westmarch Police",
            "--kind=police",
            "--administrator=not-an-address",
            stdout=StringIO(),
        )

    assert not Organisation.objects.exists()
    assert not Invitation.objects.exists()
    assert mailoutbox == []
