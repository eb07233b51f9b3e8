"""Fixtures for the dialogues tests: the engagement lead, an open dialogue with two framing
questions, two areas and a community, and an approved event with a host's link."""

import pytest

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.dialogues.tests.factories import (
    AreaFactory,
    CommunityFactory,
    DialogueFactory,
    EventFactory,
    QuestionFactory,
)

HOST_TOKEN = "a-host-token-for-tests-that-is-long-enough-0123456789"


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def outsider():
    return MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)


@pytest.fixture
def dialogue(organisation, lead):
    dialogue = DialogueFactory(organisation=organisation, created_by=lead.user)
    QuestionFactory(dialogue=dialogue, text="Should the council share discharge dates?", order=1)
    QuestionFactory(dialogue=dialogue, text="What safeguards would you want?", order=2)
    AreaFactory(dialogue=dialogue, name="Millbrook", code="CB06", target_events=2)
    AreaFactory(dialogue=dialogue, name="Eastgate", code="CB03", target_events=1)
    CommunityFactory(dialogue=dialogue, name="Young carers")
    return dialogue


@pytest.fixture
def event(dialogue):
    return EventFactory(
        dialogue=dialogue,
        area=dialogue.areas.get(code="CB06"),
        community=dialogue.communities.first(),
        token=HOST_TOKEN,
    )
