"""Where partner organisations' assessments of one proposal diverge: "the point to negotiate".

Several organisations answer the same framework version independently. For every question this
module sets out where each organisation stands and measures how far apart they are, then ranks
the questions so that the largest disagreement comes first; it does the same for each element's
position.

The measure, in order of the ranking:

1. the *spread*: the distance between the leftmost and the rightmost organisation, on the
   positions the answers count as in the score (a "don't know" counts as the framework says; an
   answer the score leaves out takes no part);
2. then the variance of those positions (the population variance, exact; its square root is
   reported as the standard deviation), so that two organisations far apart with the rest
   between rank above one outlier against a block;
3. then whether the organisations disagree on whether the question applies at all (some answer
   "not applicable" where the score leaves it out, others give a position);
4. then the framework's order.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TypeVar

from publicbenefit.core.answers import Answers
from publicbenefit.core.errors import NoOrganisationsError
from publicbenefit.core.framework import Framework, Special
from publicbenefit.core.scoring import score

_Ranked = TypeVar("_Ranked", "QuestionDivergence", "ElementDivergence")


@dataclass(frozen=True)
class OrganisationAnswer:
    """One organisation's answer to a question, and the position it counts as (``None`` when
    the score leaves it out)."""

    organisation: str
    value: int | Special
    counts_as: int | None


@dataclass(frozen=True)
class QuestionDivergence:
    """How far apart the organisations are on one question; ``rank`` 1 is the widest apart."""

    rank: int
    question_id: str
    element_id: str
    answers: tuple[OrganisationAnswer, ...]
    spread: int
    variance: Fraction
    applicability_differs: bool

    @property
    def standard_deviation(self) -> float:
        """The square root of the variance."""
        return math.sqrt(self.variance)


@dataclass(frozen=True)
class OrganisationPosition:
    """One organisation's position on an element (``None`` when all its answers are left out)."""

    organisation: str
    position: Fraction | None


@dataclass(frozen=True)
class ElementDivergence:
    """How far apart the organisations are on one element; ``rank`` 1 is the widest apart."""

    rank: int
    element_id: str
    positions: tuple[OrganisationPosition, ...]
    spread: Fraction
    variance: Fraction

    @property
    def standard_deviation(self) -> float:
        """The square root of the variance."""
        return math.sqrt(self.variance)


@dataclass(frozen=True)
class OrganisationOutcome:
    """One organisation's overall outcome and score."""

    organisation: str
    outcome_id: str
    score: Fraction


@dataclass(frozen=True)
class Divergence:
    """The partnership view of one framework version's answers from several organisations."""

    framework_id: str
    framework_version: str
    outcomes: tuple[OrganisationOutcome, ...]
    questions: tuple[QuestionDivergence, ...]
    """Every question, the widest disagreement first."""
    elements: tuple[ElementDivergence, ...]
    """Every element, the widest disagreement first."""

    @property
    def points_to_negotiate(self) -> tuple[QuestionDivergence, ...]:
        """The questions on which the organisations do not all agree, widest apart first."""
        return tuple(
            question
            for question in self.questions
            if question.spread or question.applicability_differs
        )


def divergence(framework: Framework, answers_by_organisation: Mapping[str, Answers]) -> Divergence:
    """Compare organisations' complete answers to the same framework version.

    Organisations appear in the order given. Raises ``NoOrganisationsError`` for an empty
    mapping, and what ``score`` raises for answers that cannot be scored.
    """
    if not answers_by_organisation:
        raise NoOrganisationsError("A divergence view needs at least one organisation's answers")
    results = {
        organisation: score(framework, answers)
        for organisation, answers in answers_by_organisation.items()
    }
    order = {question.id: index for index, question in enumerate(framework.questions)}
    questions = []  # ranked once sorted
    for question in framework.questions:
        answers = tuple(
            OrganisationAnswer(
                organisation=organisation,
                value=scored.value,
                counts_as=scored.counts_as,
            )
            for organisation, result in results.items()
            for scored in result.answers
            if scored.question_id == question.id
        )
        counted = [answer.counts_as for answer in answers if answer.counts_as is not None]
        questions.append(
            QuestionDivergence(
                rank=0,
                question_id=question.id,
                element_id=question.element_id,
                answers=answers,
                spread=max(counted) - min(counted) if counted else 0,
                variance=_variance(counted),
                applicability_differs=0 < len(counted) < len(answers),
            )
        )
    questions.sort(
        key=lambda item: (
            -item.spread,
            -item.variance,
            not item.applicability_differs,
            order[item.question_id],
        )
    )
    elements = []  # ranked once sorted
    for element_index, element in enumerate(framework.elements):
        positions = tuple(
            OrganisationPosition(
                organisation=organisation, position=result.elements[element_index].position
            )
            for organisation, result in results.items()
        )
        values = [item.position for item in positions if item.position is not None]
        elements.append(
            ElementDivergence(
                rank=0,
                element_id=element.id,
                positions=positions,
                spread=max(values) - min(values) if values else Fraction(0),
                variance=_variance(values),
            )
        )
    element_order = {element.id: index for index, element in enumerate(framework.elements)}
    elements.sort(key=lambda item: (-item.spread, -item.variance, element_order[item.element_id]))
    return Divergence(
        framework_id=framework.id,
        framework_version=framework.version,
        outcomes=tuple(
            OrganisationOutcome(
                organisation=organisation, outcome_id=result.outcome.id, score=result.score
            )
            for organisation, result in results.items()
        ),
        questions=_ranked(questions),
        elements=_ranked(elements),
    )


def _variance(values: Sequence[int | Fraction]) -> Fraction:
    """The population variance, exactly (0 for fewer than two values)."""
    if len(values) < 2:
        return Fraction(0)
    mean = Fraction(sum(values, Fraction(0)), len(values))
    return sum(((value - mean) ** 2 for value in values), Fraction(0)) / len(values)


def _ranked(items: list[_Ranked]) -> tuple[_Ranked, ...]:
    """The items, already in order, with their ranks (0 until now) set from 1."""
    return tuple(replace(item, rank=rank) for rank, item in enumerate(items, start=1))
