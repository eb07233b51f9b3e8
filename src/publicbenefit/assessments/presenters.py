"""Turns assessments, results and revisions into what the pages show: progress per element,
labels for answers, the result's explanation and the side-by-side comparison."""

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.http import Http404, QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.assessments.models import Answer, Assessment, Revision
from publicbenefit.assessments.selectors import Scored, answers_by_question
from publicbenefit.core import Framework, PathStatus, Question, Special
from publicbenefit.proposals.models import Proposal


def question_or_404(framework: Framework, question_id: str) -> Question:
    for question in framework.questions:
        if question.id == question_id:
            return question
    raise Http404


def position_label(framework: Framework, question: Question, position: int) -> str:
    """How a position reads: the question's own words at the ends of the scale, the
    framework's label or which end it is nearer in between."""
    scale = framework.scale
    if position == scale.lowest:
        return f"{position}: {question.left_anchor}"
    if position == scale.highest:
        return f"{position}: {question.right_anchor}"
    label = next((p.label for p in scale.positions if p.value == position and p.label), None)
    if label:
        return f"{position}: {label}"
    if position * 2 < scale.lowest + scale.highest:
        return _("%(position)s: between the two, nearer the left") % {"position": position}
    return _("%(position)s: between the two, nearer the right") % {"position": position}


def value_label(
    framework: Framework, question: Question, position: int | None, special: str
) -> str:
    """How an answer reads, whether a position or a special answer."""
    if special:
        return framework.scale.special(Special(special)).label
    if position is None:
        return _("Not answered")
    return position_label(framework, question, position)


def core_value_label(framework: Framework, question: Question, value: int | Special) -> str:
    """How a value from the core (a position or a special answer) reads."""
    if isinstance(value, Special):
        return value_label(framework, question, None, value.value)
    return value_label(framework, question, value, "")


def answer_label(framework: Framework, question: Question, answer: Answer | None) -> str:
    if answer is None:
        return _("Not answered")
    return value_label(framework, question, answer.position, answer.special)


def answer_initial(answer: Answer | None) -> dict[str, str]:
    if answer is None:
        return {}
    return {
        "value": answer.special or str(answer.position),
        "reason": answer.reason,
        "justification": answer.justification,
    }


def number(value: Fraction | None, places: int = 2) -> str:
    return "-" if value is None else f"{float(value):.{places}f}"


@dataclass(frozen=True)
class QuestionRow:
    question: Question
    answer: Answer | None
    label: str


@dataclass(frozen=True)
class ElementProgress:
    number: int
    text: str
    answered: int
    total: int
    rows: tuple[QuestionRow, ...]


def progress(assessment: Assessment) -> tuple[ElementProgress, ...]:
    framework = assessment.framework_version.framework
    answers = answers_by_question(assessment=assessment)
    elements = []
    for element in framework.elements:
        rows = tuple(
            QuestionRow(
                question,
                answers.get(question.id),
                answer_label(framework, question, answers.get(question.id)),
            )
            for question in framework.questions_of(element.id)
        )
        elements.append(
            ElementProgress(
                number=element.number,
                text=element.text,
                answered=sum(row.answer is not None for row in rows),
                total=len(rows),
                rows=rows,
            )
        )
    return tuple(elements)


def after_answer_url(
    membership: Membership, proposal: Proposal, assessment: Assessment, question_id: str
) -> str:
    """The next unanswered question after this one, else the overview."""
    framework = assessment.framework_version.framework
    answered = set(answers_by_question(assessment=assessment))
    ids = [question.id for question in framework.questions]
    following = ids[ids.index(question_id) + 1 :] + ids[: ids.index(question_id)]
    kwargs: dict[str, Any] = {"organisation": membership.organisation.slug, "pk": proposal.pk}
    for candidate in following:
        if candidate not in answered:
            return reverse("assessments:question", kwargs=kwargs | {"question_id": candidate})
    return reverse("assessments:overview", kwargs=kwargs)


@dataclass(frozen=True)
class ExplainedAnswer:
    question: Question
    label: str
    pull: str
    caps: tuple[str, ...]


@dataclass(frozen=True)
class ProposedMove:
    question: Question
    from_label: str
    to_label: str
    steps: int


@dataclass(frozen=True)
class ResultView:
    outcome_label: str
    outcome_text: str
    outcome_index: int
    score: str
    lowest: int
    highest: int
    elements: tuple[tuple[int, str, str], ...]
    explanation: tuple[ExplainedAnswer, ...]
    binding_caps: tuple[tuple[str, tuple[Question, ...]], ...]
    is_top_band: bool
    next_outcome_label: str
    next_threshold: str
    moves: tuple[ProposedMove, ...]
    reached_label: str
    unreachable_reason: str


def result_view(framework: Framework, scored: Scored) -> ResultView:
    result, path = scored.result, scored.path
    by_id = {question.id: question for question in framework.questions}
    outcomes = {outcome.id: outcome for outcome in framework.outcomes}
    elements = tuple(
        (
            framework.element(element.element_id).number,
            framework.element(element.element_id).text,
            number(element.position),
        )
        for element in result.elements
    )
    binding = {cap.cap_id for cap in result.caps if cap.binding}
    explanation = tuple(
        ExplainedAnswer(
            question=by_id[answer.question_id],
            label=core_value_label(framework, by_id[answer.question_id], answer.value),
            pull=number(answer.pull, 3),
            caps=tuple(cap for cap in answer.caps if cap in binding),
        )
        for answer in result.explanation
    )
    caps = tuple(
        (outcomes[cap.max_outcome_id].label, tuple(by_id[q] for q in cap.question_ids))
        for cap in result.caps
        if cap.binding
    )
    moves = tuple(
        ProposedMove(
            question=by_id[move.question_id],
            from_label=core_value_label(framework, by_id[move.question_id], move.from_value),
            to_label=value_label(framework, by_id[move.question_id], move.to_position, ""),
            steps=move.steps,
        )
        for move in path.moves
    )
    target = outcomes.get(path.target_outcome_id or "")
    reached = outcomes.get(path.reached_outcome_id or "")
    return ResultView(
        outcome_label=result.outcome.label,
        outcome_text=result.outcome.text,
        outcome_index=framework.outcome_index(result.outcome.id),
        score=number(result.score),
        lowest=framework.scale.lowest,
        highest=framework.scale.highest,
        elements=elements,
        explanation=explanation,
        binding_caps=caps,
        is_top_band=result.is_top_band,
        next_outcome_label=target.label if target else "",
        next_threshold=number(result.next_threshold.min_score) if result.next_threshold else "",
        moves=moves,
        reached_label=reached.label if reached else "",
        unreachable_reason=path.reason if path.status == PathStatus.UNREACHABLE else "",
    )


def compared_numbers(query: QueryDict, revisions: list[Revision]) -> tuple[int, int]:
    """The two revision numbers to compare: as asked, else the last two."""
    available = [revision.number for revision in revisions]
    default_older = available[-2] if len(available) > 1 else available[-1]
    try:
        older = int(query.get("from", default_older))
        newer = int(query.get("to", available[-1]))
    except ValueError as error:
        raise Http404 from error
    return older, newer


@dataclass(frozen=True)
class CompareRow:
    question: Question
    older: str
    newer: str
    changed: bool
    older_justification: str
    newer_justification: str


def _snapshot_answers(revision: Revision) -> dict[str, dict[str, Any]]:
    return {item["question_id"]: item for item in revision.snapshot.get("answers", [])}


def compare_rows(framework: Framework, older: Revision, newer: Revision) -> tuple[CompareRow, ...]:
    before, after = _snapshot_answers(older), _snapshot_answers(newer)
    rows = []
    for question in framework.questions:
        old, new = before.get(question.id, {}), after.get(question.id, {})
        old_label = value_label(framework, question, old.get("position"), old.get("special", ""))
        new_label = value_label(framework, question, new.get("position"), new.get("special", ""))
        rows.append(
            CompareRow(
                question=question,
                older=old_label,
                newer=new_label,
                changed=(old.get("position"), old.get("special"))
                != (new.get("position"), new.get("special"))
                or old.get("justification") != new.get("justification"),
                older_justification=old.get("justification", ""),
                newer_justification=new.get("justification", ""),
            )
        )
    return tuple(rows)
