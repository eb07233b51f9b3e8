"""The loaded demo: its proposals and administrators, loading again changing nothing, and its
people signing in. The demo is loaded once for the package (``demo_once``)."""

import pytest
from django.urls import reverse

from publicbenefit.accounts.models import Membership, Organisation, User
from publicbenefit.accounts.roles import Role
from publicbenefit.assessments.models import Revision
from publicbenefit.demo import services
from publicbenefit.demo.jury import DRAW_SEED, JURY_NAME, JURY_SIZE, POOL_SIZE
from publicbenefit.demo.panel import PANEL_PROPOSAL
from publicbenefit.demo.people import DEMO_PASSWORD
from publicbenefit.juries.models import Juror, Jury
from publicbenefit.partnerships.selectors import partnership_divergence
from publicbenefit.proposals.models import Proposal

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("demo_once"),
    pytest.mark.xdist_group("demo"),
]


def _counts():
    return Organisation.objects.count(), User.objects.count(), Membership.objects.count()


def test_the_three_proposals_are_at_different_bands_and_one_has_a_partner():
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
    for organisation in Organisation.objects.all():
        assert organisation.memberships.filter(role=Role.ADMINISTRATOR).exists(), organisation


def test_loading_again_creates_nothing():
    before = _counts()

    loaded = services.demo_load()

    assert loaded == services.DemoLoaded(0, 0, 0, 0, 0, 0, 0, 0)
    assert _counts() == before


def test_loading_again_keeps_changes_made_since():
    admin = User.objects.get(email="admin@calderbrook.example")
    admin.set_password("a password changed since")
    admin.save()

    services.demo_load()

    admin.refresh_from_db()
    assert admin.check_password("a password changed since")


def test_a_demo_person_signs_in_with_the_demo_password(client, settings):
    # As under `make demo`, whose local settings do not require two-factor authentication.
    settings.TWO_FACTOR_REQUIRED = False
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


def test_the_predictive_model_has_a_jury_drawn_by_lottery_that_reached_its_verdict():
    jury = Jury.objects.get(name=JURY_NAME)

    assert jury.proposal.title == PANEL_PROPOSAL
    assert jury.volunteers.count() == POOL_SIZE
    assert jury.jurors.filter(status=Juror.Status.SERVING).count() == JURY_SIZE
    assert jury.draws.get().seed == str(DRAW_SEED)
    assert jury.verdict.published_at is not None
    assert jury.final_report.published_at is not None
