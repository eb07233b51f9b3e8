"""Loading the demo data on an empty database: what it creates and prints, and that loading
again adds nothing. The loaded demo's contents are tested in ``loaded/``."""

from io import StringIO

import pytest
from django.core.management import call_command

from publicbenefit.accounts.models import Membership, Organisation, User
from publicbenefit.accounts.roles import Role
from publicbenefit.demo import services
from publicbenefit.demo.engagement import ENGAGEMENTS
from publicbenefit.demo.people import DEMO_PASSWORD, ORGANISATIONS, PEOPLE
from publicbenefit.demo.proposals import PROPOSALS

pytestmark = pytest.mark.django_db


def _counts():
    return Organisation.objects.count(), User.objects.count(), Membership.objects.count()


def _demo_load() -> str:
    out = StringIO()
    call_command("demo_load", stdout=out)
    return out.getvalue()


def test_the_first_load_creates_the_demo_prints_how_to_sign_in_and_a_second_adds_nothing():
    # One test, because a load takes a while: the first load on an empty database, then again.
    output = _demo_load()

    memberships = sum(len(person.memberships) for person in PEOPLE)
    assert (
        f"Demo data ready ({len(ORGANISATIONS)} organisations, {len(PEOPLE)} people, "
        f"{memberships} memberships, {len(PROPOSALS)} proposals, {len(ENGAGEMENTS)} "
        "engagement plans, 1 Citizens' Panel, 1 Citizens' Jury, 1 Distributed Dialogue, "
        f"{len(PROPOSALS)} proposals on the public register and 1 published decision added "
        "this time)."
    ) in output
    assert "http://testserver/sign-in/" in output
    assert "admin@calderbrook.example" in output
    assert f"password: {DEMO_PASSWORD}" in output
    for person in PEOPLE:
        assert person.email in output
    assert _counts() == (len(ORGANISATIONS), len(PEOPLE), memberships)
    council = Organisation.objects.get(slug="calderbrook-city-council")
    assert council.name == "Calderbrook City Council"
    assert (
        Membership.objects.get(organisation=council, user__email="admin@calderbrook.example").role
        == Role.ADMINISTRATOR
    )

    again = services.demo_load()

    assert again == services.DemoLoaded(0, 0, 0, 0, 0, 0, 0, 0)
    assert _counts() == (len(ORGANISATIONS), len(PEOPLE), memberships)
    assert (
        "(0 organisations, 0 people, 0 memberships, 0 proposals, 0 engagement plans, 0 "
        "Citizens' Panels, 0 Citizens' Juries, 0 Distributed Dialogues, 0 proposals on the "
        "public register and 0 published decisions added this time)"
    ) in _demo_load()
