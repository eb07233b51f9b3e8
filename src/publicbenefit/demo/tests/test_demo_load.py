"""Loading the demo data: what it creates, that loading again changes nothing, and that its
people can sign in."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from publicbenefit.accounts.models import Membership, Organisation, User
from publicbenefit.accounts.roles import Role
from publicbenefit.assessments.models import Revision
from publicbenefit.demo import services
from publicbenefit.demo.engagement import ENGAGEMENTS
from publicbenefit.demo.people import DEMO_PASSWORD, ORGANISATIONS, PEOPLE
from publicbenefit.demo.proposals import PROPOSALS
from publicbenefit.partnerships.selectors import partnership_divergence
from publicbenefit.proposals.models import Proposal

pytestmark = pytest.mark.django_db


def _counts():
    return Organisation.objects.count(), User.objects.count(), Membership.objects.count()


def _demo_load() -> str:
    out = StringIO()
    call_command("demo_load", stdout=out)
    return out.getvalue()


def test_loading_creates_the_demo_organisations_people_and_memberships():
    loaded = services.demo_load()

    memberships = sum(len(person.memberships) for person in PEOPLE)
    assert loaded == services.DemoLoaded(
        len(ORGANISATIONS), len(PEOPLE), memberships, len(PROPOSALS), len(ENGAGEMENTS), 1
    )
    assert _counts() == (len(ORGANISATIONS), len(PEOPLE), memberships)
    council = Organisation.objects.get(slug="calderbrook-city-council")
    assert council.name == "Calderbrook City Council"
    assert (
        Membership.objects.get(organisation=council, user__email="admin@calderbrook.example").role
        == Role.ADMINISTRATOR
    )


def test_the_three_proposals_are_at_different_bands_and_one_has_a_partner():
    services.demo_load()

    bands = {
        revision.assessment.proposal.title: revision.outcome_id
        for revision in Revision.objects.filter(
            assessment__organisation__slug="calderbrook-city-council"
        ).select_related("assessment__proposal")
    }
    assert sorted(bands.values()) == [
        "likely_public_benefit",
        "may_not_be_public_benefit",
        "some_issues",
    ]
    housing = Proposal.objects.get(title="Linking housing and hospital-discharge data")
    view = partnership_divergence(proposal=housing)
    assert view is not None
    assert view.divergence.points_to_negotiate[0].question_id == "3.2"


def test_every_demo_organisation_has_an_administrator():
    services.demo_load()

    for organisation in Organisation.objects.all():
        assert organisation.memberships.filter(role=Role.ADMINISTRATOR).exists(), organisation


def test_loading_again_creates_nothing():
    services.demo_load()
    before = _counts()

    loaded = services.demo_load()

    assert loaded == services.DemoLoaded(0, 0, 0, 0, 0, 0)
    assert _counts() == before


def test_loading_again_keeps_changes_made_since():
    services.demo_load()
    admin = User.objects.get(email="admin@calderbrook.example")
    admin.set_password("a password changed since")
    admin.save()

    services.demo_load()

    admin.refresh_from_db()
    assert admin.check_password("a password changed since")


def test_the_command_prints_how_to_sign_in():
    output = _demo_load()

    memberships = sum(len(person.memberships) for person in PEOPLE)
    assert (
        f"Demo data ready ({len(ORGANISATIONS)} organisations, {len(PEOPLE)} people, "
        f"{memberships} memberships, {len(PROPOSALS)} proposals, {len(ENGAGEMENTS)} "
        "engagement plans and 1 Citizens' Panel added this time)."
    ) in output
    assert "http://testserver/sign-in/" in output
    assert "admin@calderbrook.example" in output
    assert f"password: {DEMO_PASSWORD}" in output
    for person in PEOPLE:
        assert person.email in output


def test_the_command_run_again_says_nothing_was_added():
    _demo_load()

    output = _demo_load()

    assert (
        "(0 organisations, 0 people, 0 memberships, 0 proposals, 0 engagement plans and 0 "
        "Citizens' Panels added this time)"
    ) in output


def test_a_demo_person_signs_in_with_the_demo_password(client):
    _demo_load()

    response = client.post(
        reverse("accounts:sign_in"),
        {"username": "admin@calderbrook.example", "password": DEMO_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1] == (
        reverse("accounts:organisation_home", kwargs={"organisation": "calderbrook-city-council"}),
        302,
    )
    assert "Priya Shah" in response.content.decode()
