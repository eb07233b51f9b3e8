"""Fixtures for survey tests: an engagement lead, a survey with one question of every kind, the
same survey marked ready, and an invitation to answer it (with its link's secret)."""

import datetime
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.surveys import services
from publicbenefit.surveys.models import Invitation, Survey

LIKERT = list(services.LIKERT_DEFAULT)


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    """The letter-code throttle counts in the cache: each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def engagement_lead(organisation: Organisation) -> Membership:
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


def in_two_weeks() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=14)


@pytest.fixture
def survey(engagement_lead: Membership) -> Survey:
    """A draft survey with one question of every kind, in this order: single choice, multiple
    choice, Likert, the framework's scale, number (1 to 20), free text (optional), grid."""
    survey = services.survey_create(
        actor=engagement_lead,
        title="Sharing data to plan services",
        introduction="It takes about 5 minutes.",
    )
    add = {"actor": engagement_lead, "survey": survey}
    services.question_add(
        **add,
        kind="single",
        text="How often do you use the library?",
        choices=["Every week", "Every month", "Less often", "Never"],
    )
    services.question_add(
        **add,
        kind="multiple",
        text="Which services have you used this year?",
        choices=["Libraries", "Parks", "Leisure centres"],
    )
    services.question_add(
        **add,
        kind="likert",
        text="The council should use data to plan services",
        choices=LIKERT,
    )
    services.question_add(
        **add,
        kind="framework_scale",
        text="Where should the line be drawn?",
        left_anchor="Only to help the family",
        right_anchor="Could be used against the family",
    )
    services.question_add(
        **add,
        kind="number",
        text="How many people live in your home?",
        minimum=Decimal(1),
        maximum=Decimal(20),
    )
    services.question_add(
        **add, kind="free_text", text="Is there anything else to tell us?", required=False
    )
    services.question_add(
        **add,
        kind="grid",
        text="How far do you agree with each statement?",
        rows=["Data about me is kept safe", "I am told how data is used"],
        choices=LIKERT,
    )
    return survey


@pytest.fixture
def ready_survey(engagement_lead: Membership, survey: Survey) -> Survey:
    return services.survey_mark_ready(actor=engagement_lead, survey=survey)


@pytest.fixture
def invited(ready_survey: Survey) -> tuple[Invitation, str]:
    """An invitation to answer ``ready_survey`` for respondent ``M-0001``, and its secret."""
    return services.invitation_issue(
        survey=ready_survey, respondent="M-0001", closes_at=in_two_weeks()
    )
