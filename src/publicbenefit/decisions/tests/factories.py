"""factory_boy factories for decisions, their conditions, evidence links and reviews."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from publicbenefit.decisions.models import Condition, Decision, EvidenceKind, EvidenceLink, Outcome
from publicbenefit.proposals.tests.factories import ProposalFactory


class DecisionFactory(DjangoModelFactory):
    """A draft decision; pass ``status=Decision.Status.PUBLISHED`` (with ``published_at``) for
    a published one, or use ``PublishedDecisionFactory``."""

    class Meta:
        model = Decision

    proposal = factory.SubFactory(ProposalFactory)
    version = 1
    outcome = Outcome.GO_AHEAD_WITH_CONDITIONS
    rationale = "The public supported the share if the data is kept for no longer than needed."
    decision_maker = "Cabinet Member for Adult Social Care"
    decided_on = datetime.date(2026, 10, 1)
    review_date = datetime.date(2027, 10, 1)
    public_summary = "We will share the data. We will keep it safe. We will check again next year."
    created_by = factory.SelfAttribute("proposal.owner")


class PublishedDecisionFactory(DecisionFactory):
    status = Decision.Status.PUBLISHED
    published_by = factory.SelfAttribute("created_by")
    published_at = factory.LazyFunction(timezone.now)


class ConditionFactory(DjangoModelFactory):
    class Meta:
        model = Condition

    decision = factory.SubFactory(DecisionFactory)
    text = "Data is deleted after two years."


class EvidenceLinkFactory(DjangoModelFactory):
    class Meta:
        model = EvidenceLink

    decision = factory.SubFactory(DecisionFactory)
    kind = EvidenceKind.SURVEY_RESULT
    source = "wave:1/question:1"
    title = "Should this data sharing go ahead? (Citizens' Panel, wave 1)"
    finding = "64% (95% interval 58% to 70%) said yes, weighted to the area's population."
    question_ids = ["purpose-1"]
