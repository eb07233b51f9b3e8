"""The demo jury: 300 synthetic volunteers, the proposed quotas accepted, a leximin lottery and a
jury of 18 drawn with a published seed that meets every quota; made once."""

import pytest

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.demo.jury import DRAW_SEED, JURY_NAME, POOL_SIZE, load_jury
from publicbenefit.juries.models import Juror, JuryValue, Lottery
from publicbenefit.proposals.tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def test_the_demo_jury_is_drawn_and_made_once():
    lead = MembershipFactory(role=Role.ENGAGEMENT_LEAD)
    proposal = ProposalFactory(organisation=lead.organisation)
    jury = load_jury(lead, proposal)
    assert jury.name == JURY_NAME
    assert jury.proposal == proposal
    assert jury.volunteers.count() == POOL_SIZE
    assert all(v.email.endswith(".example") for v in jury.volunteers.all())
    assert jury.features.count() == 4
    lottery = jury.lotteries.get()
    assert lottery.status == Lottery.Status.DONE
    assert lottery.algorithm == "leximin"
    draw = jury.draws.get()
    assert draw.seed == str(DRAW_SEED)
    jurors = Juror.objects.filter(jury=jury)
    assert jurors.count() == 18
    profiles = [juror.volunteer.profile for juror in jurors]
    for value in JuryValue.objects.filter(feature__jury=jury).select_related("feature"):
        count = sum(profile[value.feature.key] == value.value for profile in profiles)
        assert value.minimum <= count <= value.maximum
    assert len({juror.volunteer.household for juror in jurors}) == 18
    assert load_jury(lead, proposal) is None
