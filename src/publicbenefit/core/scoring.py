"""Scoring a complete set of answers into an outcome band that explains itself.

The rule is the framework's, read from its ``scoring`` block (``docs/framework-scoring.md``
explains and defends the default):

- each answer counts as its position (1 is the left anchor); a special answer counts as the
  position the framework gives it, or is left out;
- an element's position is the mean of its counted answers; an element with none is left out;
- the score is the weighted mean of the element positions, so it runs from the left anchor to the
  right anchor;
- the score reaches the highest outcome whose threshold it meets, and every cap that an answer
  triggers (an answer counted at or left of the cap's position) holds the outcome at or below the
  cap's outcome.

All arithmetic is exact (fractions), so a score exactly on a threshold meets it.

The explanation is the answers that keep the proposal out of the next band: those counted left
of the next band's threshold and those triggering a cap that holds the outcome where it is,
ordered by how far each pulls the score down. An answer's *pull* is how much the score would rise
if that answer alone moved to the right anchor; the pulls of all answers add up to exactly the
distance between the score and the right anchor.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from publicbenefit.core.answers import Answer, Answers
from publicbenefit.core.errors import (
    FrameworkMismatchError,
    IncompleteAnswersError,
    NothingToScoreError,
)
from publicbenefit.core.framework import Framework, Outcome, Special, Threshold


@dataclass(frozen=True)
class ScoredAnswer:
    """One answer as the score used it."""

    question_id: str
    element_id: str
    value: int | Special
    counts_as: int | None
    """The position the answer counts as in the score, or ``None`` when it is left out."""
    pull: Fraction
    """How much the score would rise if this answer alone were at the right anchor."""
    caps: tuple[str, ...]
    """The ids of the caps this answer triggers."""


@dataclass(frozen=True)
class ElementScore:
    """One element's position: the mean of its counted answers, or ``None`` if none counts."""

    element_id: str
    position: Fraction | None
    weight: Fraction
    counted: int


@dataclass(frozen=True)
class TriggeredCap:
    """A cap that some answers trigger; ``binding`` when it lowers the band the score reaches."""

    cap_id: str
    max_outcome_id: str
    question_ids: tuple[str, ...]
    binding: bool


@dataclass(frozen=True)
class Result:
    """The outcome of scoring, with everything needed to explain it."""

    framework_id: str
    framework_version: str
    outcome: Outcome
    score: Fraction
    score_outcome_id: str
    """The band the score alone reaches, before any cap."""
    next_threshold: Threshold | None
    """The threshold of the band to the right, or ``None`` in the top band."""
    elements: tuple[ElementScore, ...]
    answers: tuple[ScoredAnswer, ...]
    caps: tuple[TriggeredCap, ...]
    explanation: tuple[ScoredAnswer, ...]
    """The answers keeping the proposal out of the next band, the strongest pull first."""

    @property
    def is_top_band(self) -> bool:
        """Whether no band lies further to the right."""
        return self.next_threshold is None


def score(framework: Framework, answers: Answers) -> Result:
    """Score a complete set of answers against the framework they were given to.

    Raises ``FrameworkMismatchError`` for answers given to another framework version,
    ``IncompleteAnswersError`` while a question has no answer, and ``NothingToScoreError`` when
    every answer is left out.
    """
    if (answers.framework_id, answers.framework_version) != (framework.id, framework.version):
        raise FrameworkMismatchError(
            f"These answers were given to {answers.framework_id} {answers.framework_version}, "
            f"not {framework.id} {framework.version}",
            error_params={
                "answers_framework": f"{answers.framework_id} {answers.framework_version}",
                "framework": f"{framework.id} {framework.version}",
            },
        )
    unanswered = answers.unanswered(framework)
    if unanswered:
        raise IncompleteAnswersError(unanswered)
    by_question = {answer.question_id: answer for answer in answers.items}
    counted = {
        question.id: _counts_as(framework, by_question[question.id])
        for question in framework.questions
    }
    elements = _element_scores(framework, counted)
    total_weight = sum((element.weight for element in elements if element.counted), Fraction(0))
    if not total_weight:
        raise NothingToScoreError(
            "Every answer is one the scoring rule leaves out, so there is nothing to score"
        )
    overall = (
        sum(
            (
                element.weight * element.position
                for element in elements
                if element.position is not None
            ),
            Fraction(0),
        )
        / total_weight
    )
    score_index = _threshold_index(framework, overall)
    triggered = _triggered_caps(framework, counted, score_index)
    index = min([score_index, *(framework.outcome_index(cap.max_outcome_id) for cap in triggered)])
    scored = _scored_answers(
        framework,
        by_question=by_question,
        counted=counted,
        elements=elements,
        total_weight=total_weight,
        triggered=triggered,
    )
    next_threshold = (
        framework.scoring.thresholds[index] if index < len(framework.outcomes) - 1 else None
    )
    return Result(
        framework_id=framework.id,
        framework_version=framework.version,
        outcome=framework.outcomes[index],
        score=overall,
        score_outcome_id=framework.outcomes[score_index].id,
        next_threshold=next_threshold,
        elements=elements,
        answers=scored,
        caps=triggered,
        explanation=_explanation(framework, scored, index, next_threshold),
    )


def _counts_as(framework: Framework, answer: Answer) -> int | None:
    if isinstance(answer.value, Special):
        return framework.scoring.counts_as(answer.value)
    return answer.value


def _element_scores(
    framework: Framework, counted: dict[str, int | None]
) -> tuple[ElementScore, ...]:
    scores = []
    for element in framework.elements:
        values = [
            value
            for question in framework.questions_of(element.id)
            if (value := counted[question.id]) is not None
        ]
        scores.append(
            ElementScore(
                element_id=element.id,
                position=Fraction(sum(values), len(values)) if values else None,
                weight=framework.scoring.weight(element.id),
                counted=len(values),
            )
        )
    return tuple(scores)


def _threshold_index(framework: Framework, overall: Fraction) -> int:
    index = 0
    for position, threshold in enumerate(framework.scoring.thresholds, start=1):
        if overall >= threshold.min_score:
            index = position
    return index


def _triggered_caps(
    framework: Framework, counted: dict[str, int | None], score_index: int
) -> tuple[TriggeredCap, ...]:
    triggered = []
    for cap in framework.scoring.caps:
        question_ids = tuple(
            question.id
            for question in framework.questions
            if cap.watches(question.id)
            and (value := counted[question.id]) is not None
            and value <= cap.at_most_position
        )
        if question_ids:
            triggered.append(
                TriggeredCap(
                    cap_id=cap.id,
                    max_outcome_id=cap.max_outcome_id,
                    question_ids=question_ids,
                    binding=framework.outcome_index(cap.max_outcome_id) < score_index,
                )
            )
    return tuple(triggered)


def _scored_answers(
    framework: Framework,
    *,
    by_question: dict[str, Answer],
    counted: dict[str, int | None],
    elements: Sequence[ElementScore],
    total_weight: Fraction,
    triggered: Sequence[TriggeredCap],
) -> tuple[ScoredAnswer, ...]:
    element_scores = {element.element_id: element for element in elements}
    scored = []
    for question in framework.questions:
        value = counted[question.id]
        element = element_scores[question.element_id]
        pull = (
            element.weight * (framework.scale.highest - value) / (total_weight * element.counted)
            if value is not None
            else Fraction(0)
        )
        scored.append(
            ScoredAnswer(
                question_id=question.id,
                element_id=question.element_id,
                value=by_question[question.id].value,
                counts_as=value,
                pull=pull,
                caps=tuple(cap.cap_id for cap in triggered if question.id in cap.question_ids),
            )
        )
    return tuple(scored)


def _explanation(
    framework: Framework,
    scored: Sequence[ScoredAnswer],
    index: int,
    next_threshold: Threshold | None,
) -> tuple[ScoredAnswer, ...]:
    if next_threshold is None:
        return ()
    holding_caps = {
        cap.id
        for cap in framework.scoring.caps
        if framework.outcome_index(cap.max_outcome_id) <= index
    }
    holding = [
        answer
        for answer in scored
        if answer.counts_as is not None
        and (answer.counts_as < next_threshold.min_score or holding_caps.intersection(answer.caps))
    ]
    order = {question.id: number for number, question in enumerate(framework.questions)}
    return tuple(sorted(holding, key=lambda answer: (-answer.pull, order[answer.question_id])))
