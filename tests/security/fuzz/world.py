"""A small organisation with one of everything the importers write to: a panel whose margins a
member already holds, a jury with features, quotas and a volunteer, a jury with nothing yet, a
dialogue with an area, and a proposal under assessment with its assessment started."""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.assessments.models import Assessment
from publicbenefit.assessments.services import assessment_start
from publicbenefit.dialogues.models import Dialogue
from publicbenefit.dialogues.tests.factories import AreaFactory, DialogueFactory
from publicbenefit.juries.models import Jury, JuryFeature, JuryValue
from publicbenefit.juries.tests.factories import JuryFactory, VolunteerFactory
from publicbenefit.panels.models import Member, Panel, ProfileFeature, ProfileValue
from publicbenefit.proposals.models import Party, Status
from publicbenefit.proposals.tests.factories import (
    DataItemFactory,
    PartyFactory,
    ProposalFactory,
)

#: The features of the panel and the jury, with their values and shares.
FEATURES = {
    "age": {"16-29": "0.25", "30-64": "0.5", "65+": "0.25"},
    "sex": {"female": "0.5", "male": "0.5"},
}


@dataclass
class World:
    administrator: Membership
    assessor: Membership
    panel: Panel
    jury: Jury
    empty_jury: Jury
    dialogue: Dialogue
    assessment: Assessment


def _panel(administrator: Membership) -> Panel:
    panel = Panel.objects.create(
        organisation=administrator.organisation,
        name="Calderbrook People's Panel",
        area="Calderbrook",
        description="A panel",
        privacy_notice="We hold your details to run the panel.",
        created_by=administrator.user,
    )
    for order, (key, values) in enumerate(FEATURES.items()):
        feature = ProfileFeature.objects.create(
            panel=panel, key=key, label=key.title(), question=f"What is your {key}?", order=order
        )
        for value_order, (value, share) in enumerate(values.items()):
            ProfileValue.objects.create(
                feature=feature, value=value, label=value, share=share, order=value_order
            )
    Member.objects.create(
        panel=panel,
        pseudonym="M-FUZZ0001",
        name="Ann Example",
        email="ann@example.org",
        profile={"age": "30-64", "sex": "female"},
        source=Member.Source.STAFF,
        consented_at=timezone.now(),
        privacy_notice_version=1,
        manage_token_hash="fuzz",
    )
    return panel


def _jury(administrator: Membership, proposal: object) -> Jury:
    jury = JuryFactory(
        organisation=administrator.organisation,
        proposal=proposal,
        size=6,
        created_by=administrator.user,
    )
    for order, (key, values) in enumerate(FEATURES.items()):
        feature = JuryFeature.objects.create(jury=jury, key=key, label=key.title(), order=order)
        for value_order, (value, share) in enumerate(values.items()):
            JuryValue.objects.create(
                feature=feature,
                value=value,
                label=value,
                share=share,
                minimum=0,
                maximum=6,
                order=value_order,
            )
    VolunteerFactory(jury=jury, external_id="1", profile={"age": "65+", "sex": "male"})
    return jury


@pytest.fixture
def world() -> World:
    organisation = OrganisationFactory(name="Calderbrook City Council", slug="calderbrook")
    administrator = MembershipFactory(organisation=organisation, role=Role.ADMINISTRATOR)
    assessor = MembershipFactory(organisation=organisation, role=Role.ASSESSOR)
    proposal = ProposalFactory(
        organisation=organisation, owner=assessor.user, status=Status.UNDER_ASSESSMENT
    )
    PartyFactory(proposal=proposal, role=Party.Role.SHARES)
    DataItemFactory(proposal=proposal)
    dialogue = DialogueFactory(organisation=organisation, created_by=administrator.user)
    AreaFactory(dialogue=dialogue, name="Millbrook", code="CB06")
    return World(
        administrator=administrator,
        assessor=assessor,
        panel=_panel(administrator),
        jury=_jury(administrator, proposal),
        empty_jury=JuryFactory(
            organisation=organisation, proposal=proposal, size=6, created_by=administrator.user
        ),
        dialogue=dialogue,
        assessment=assessment_start(actor=assessor, proposal=proposal),
    )
