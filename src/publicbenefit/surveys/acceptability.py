"""The public acceptability module of a survey (``docs/acceptability.md``): the questions it
adds, how its answers are checked and stored, how they read on "check your answers", and how a
set of submitted answers becomes the core's :class:`publicbenefit.core.acceptability.Survey`.

The module is added to a survey linked to a proposal (:func:`module_add`) and asks, one page
each: how much each of the framework's elements matters (100 points or a ranking, the kind of the
first question says which), where the proposal stands on each element (one page per element,
after a plain-English description of the proposal), how confident the person is, and whether
the data sharing should go ahead, with the conditions they would want.

Answers are stored in each question's slot of ``Response.answers``:

- points or ranking: ``{"<element id>": <whole number>, ...}``
- where the proposal stands: the position as text (``"3"``) or ``"dont_know"``
- confidence: ``"1"`` (not at all) to ``"4"`` (very)
- the decision: ``{"decision": "yes_with_conditions", "conditions": "<their words>"}``

Every answer is checked by the core's :func:`read_participant`, so the page shows the core's
own messages beside the field at fault.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from publicbenefit.accounts.models import Membership
from publicbenefit.core.acceptability import (
    DONT_KNOW,
    RATING_PREFIX,
    WEIGHT_PREFIX,
    Decision,
    Elicitation,
    Participant,
    ResponsesInvalidError,
    read_participant,
)
from publicbenefit.core.acceptability import Survey as CoreSurvey
from publicbenefit.core.errors import Problem
from publicbenefit.core.framework import Element, Framework
from publicbenefit.data import default_framework
from publicbenefit.proposals.models import Proposal
from publicbenefit.surveys import rules
from publicbenefit.surveys.models import Survey, SurveyQuestion

Kind = SurveyQuestion.Kind

#: Which kind of first question asks in which way.
ELICITATION_KINDS: Mapping[str, Elicitation] = {
    Kind.ACCEPTABILITY_POINTS: Elicitation.POINTS,
    Kind.ACCEPTABILITY_RANKING: Elicitation.RANKING,
}
KIND_FOR = {elicitation: kind for kind, elicitation in ELICITATION_KINDS.items()}
MODULE_KINDS = frozenset(
    {
        *ELICITATION_KINDS,
        Kind.ACCEPTABILITY_RATING,
        Kind.ACCEPTABILITY_CONFIDENCE,
        Kind.ACCEPTABILITY_DECISION,
    }
)

#: How each position of a four-position scale reads to the public (lowest first).
FOUR_POSITIONS = (
    gettext_lazy("Not at all"),
    gettext_lazy("A little"),
    gettext_lazy("Mostly"),
    gettext_lazy("Fully"),
)
CONFIDENCE_CHOICES = (
    ("1", gettext_lazy("Not at all confident")),
    ("2", gettext_lazy("Not very confident")),
    ("3", gettext_lazy("Fairly confident")),
    ("4", gettext_lazy("Very confident")),
)
DECISION_CHOICES = (
    (Decision.YES.value, gettext_lazy("Yes")),
    (Decision.YES_WITH_CONDITIONS.value, gettext_lazy("Yes, with conditions")),
    (Decision.NO.value, gettext_lazy("No")),
    (Decision.DONT_KNOW.value, gettext_lazy("Don't know")),
)
ELICITATION_LABELS = {
    Elicitation.POINTS: gettext_lazy("Share 100 points between the five elements"),
    Elicitation.RANKING: gettext_lazy("Rank the five elements from 1 (matters most) to 5"),
}
DESCRIPTION_MAX = 3000


def framework() -> Framework:
    """The framework the module asks about (its elements and scale)."""
    return default_framework()


def element_title(element: Element) -> str:
    """An element as the public reads it: its number and its wording."""
    return f"{element.number}. {element.text}"


def position_choices(frame: Framework | None = None) -> list[dict[str, str]]:
    """The answers to "where does the proposal stand" on one element: the scale's positions
    (worded for four positions) then the framework's "don't know"."""
    scale = (frame or framework()).scale
    positions = scale.positions
    choices = []
    for index, position in enumerate(positions):
        if len(positions) == len(FOUR_POSITIONS):
            label = f"{position.value} \N{EN DASH} {FOUR_POSITIONS[index]}"
        else:
            label = _("%(number)s of %(count)s") % {
                "number": position.value,
                "count": len(positions),
            }
        choices.append({"value": str(position.value), "label": label})
    choices.append({"value": DONT_KNOW, "label": scale.dont_know.label})
    return choices


def proposal_description(proposal: Proposal) -> str:
    """A starting description of the proposal for the public: its summary and its purpose."""
    parts = [proposal.summary.strip(), proposal.purpose.strip()]
    return "\n\n".join(part for part in parts if part)[:DESCRIPTION_MAX]


# Reading the module of a survey.


@dataclass(frozen=True)
class Module:
    """A survey's acceptability questions."""

    elicitation: Elicitation
    weights: SurveyQuestion
    ratings: Mapping[str, SurveyQuestion]
    confidence: SurveyQuestion | None
    decision: SurveyQuestion | None
    description: str

    @property
    def questions(self) -> list[SurveyQuestion]:
        found = [self.weights, *self.ratings.values(), self.confidence, self.decision]
        return [question for question in found if question is not None]


def module_of(questions: Iterable[SurveyQuestion]) -> Module | None:
    """The acceptability module among ``questions`` (a survey's), or ``None`` if it has none."""
    weights = None
    ratings: dict[str, SurveyQuestion] = {}
    confidence = decision = None
    for question in questions:
        if question.kind in ELICITATION_KINDS and weights is None:
            weights = question
        elif question.kind == Kind.ACCEPTABILITY_RATING and question.rows:
            ratings.setdefault(question.rows[0]["value"], question)
        elif question.kind == Kind.ACCEPTABILITY_CONFIDENCE and confidence is None:
            confidence = question
        elif question.kind == Kind.ACCEPTABILITY_DECISION and decision is None:
            decision = question
    if weights is None:
        return None
    description = next((question.hint for question in ratings.values()), "")
    return Module(
        elicitation=ELICITATION_KINDS[weights.kind],
        weights=weights,
        ratings=ratings,
        confidence=confidence,
        decision=decision,
        description=description,
    )


def survey_module(survey: Survey) -> Module | None:
    """The survey's acceptability module, if it has one."""
    return module_of(survey.questions.order_by("order", "pk"))


# Building the module (staff).


def _check_settings(survey: Survey, elicitation: str, description: str) -> tuple[Elicitation, str]:
    if survey.proposal_id is None:
        raise ValidationError(
            _("Link the survey to a proposal before adding the acceptability module")
        )
    if elicitation not in {choice.value for choice in Elicitation}:
        raise ValidationError({"elicitation": _("Select how people say what matters to them")})
    description = description.strip()
    if not description:
        raise ValidationError({"description": _("Enter a description of the proposal")})
    if len(description) > DESCRIPTION_MAX:
        raise ValidationError(
            {
                "description": _("The description must be %(max)s characters or fewer")
                % {"max": DESCRIPTION_MAX}
            }
        )
    return Elicitation(elicitation), description


def _weights_question(elicitation: Elicitation) -> dict[str, Any]:
    frame = framework()
    rows = [{"value": element.id, "label": element_title(element)} for element in frame.elements]
    if elicitation is Elicitation.POINTS:
        text = _("How much does each of these matter to you?")
        hint = _(
            "Share 100 points between the five. Give more points to what matters more to you, "
            "and 0 to anything that does not matter to you. The points must add up to 100."
        )
    else:
        text = _("Which of these matters most to you?")
        hint = _(
            "Rank the five from 1 (matters most to you) to 5 (matters least). Use each number once."
        )
    return {"kind": KIND_FOR[elicitation], "text": text, "hint": hint, "rows": rows}


@transaction.atomic
def module_add(
    *, actor: Membership, survey: Survey, elicitation: str, description: str
) -> list[SurveyQuestion]:
    """Add the acceptability module at the end of ``survey`` (which must be linked to a
    proposal and have no module yet): the question of what matters (asked by ``elicitation``,
    ``"points"`` or ``"ranking"``), one page per element showing ``description`` (plain English)
    and asking where the proposal stands, how confident the person is, and whether the data
    sharing should go ahead with the conditions they would want."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not rules.can_change(actor, survey):
        raise PermissionDenied
    if rules.questions_locked(survey):
        raise ValidationError(
            _(
                "The questions can no longer change: people have already been invited to "
                "answer this survey"
            )
        )
    chosen, description = _check_settings(survey, elicitation, description)
    if survey_module(survey) is not None:
        raise ValidationError(_("This survey already has the acceptability module"))
    last = survey.questions.aggregate(last=Max("order"))["last"]
    order = 0 if last is None else last + 1
    specs: list[dict[str, Any]] = [_weights_question(chosen)]
    choices = position_choices()
    for element in framework().elements:
        specs.append(
            {
                "kind": Kind.ACCEPTABILITY_RATING,
                "text": _("How far does the proposal achieve this: %(element)s")
                % {"element": element.text},
                "hint": description,
                "rows": [{"value": element.id, "label": element_title(element)}],
                "choices": choices,
            }
        )
    specs.append(
        {
            "kind": Kind.ACCEPTABILITY_CONFIDENCE,
            "text": _("How confident are you in your answers about this proposal?"),
            "choices": [
                {"value": value, "label": str(label)} for value, label in CONFIDENCE_CHOICES
            ],
        }
    )
    specs.append(
        {
            "kind": Kind.ACCEPTABILITY_DECISION,
            "text": _("Should this data sharing go ahead?"),
            "choices": [{"value": value, "label": str(label)} for value, label in DECISION_CHOICES],
        }
    )
    created = [
        SurveyQuestion.objects.create(
            survey=survey, order=order + index, required=True, **{"hint": "", **spec}
        )
        for index, spec in enumerate(specs)
    ]
    survey.save(update_fields=["updated_at"])
    return created


@transaction.atomic
def module_update(
    *, actor: Membership, survey: Survey, elicitation: str, description: str
) -> Module:
    """Change how the module asks what matters, and the description of the proposal shown
    before each element."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not rules.can_change(actor, survey):
        raise PermissionDenied
    if rules.questions_locked(survey):
        raise ValidationError(
            _(
                "The questions can no longer change: people have already been invited to "
                "answer this survey"
            )
        )
    module = survey_module(survey)
    if module is None:
        raise ValidationError(_("This survey does not have the acceptability module"))
    chosen, description = _check_settings(survey, elicitation, description)
    if chosen is not module.elicitation:
        spec = _weights_question(chosen)
        for name, value in spec.items():
            setattr(module.weights, name, value)
        module.weights.save()
    SurveyQuestion.objects.filter(
        pk__in=[question.pk for question in module.ratings.values()]
    ).update(hint=description)
    survey.save(update_fields=["updated_at"])
    return Module(
        elicitation=chosen,
        weights=module.weights,
        ratings=module.ratings,
        confidence=module.confidence,
        decision=module.decision,
        description=description,
    )


@transaction.atomic
def module_remove(*, actor: Membership, survey: Survey) -> None:
    """Remove every question of the module. A ready survey left with no questions goes back
    to draft."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not rules.can_change(actor, survey):
        raise PermissionDenied
    if rules.questions_locked(survey):
        raise ValidationError(
            _(
                "The questions can no longer change: people have already been invited to "
                "answer this survey"
            )
        )
    survey.questions.filter(kind__in=MODULE_KINDS).delete()
    if not survey.questions.exists():
        survey.status = Survey.Status.DRAFT
    survey.save(update_fields=["status", "updated_at"])


# Checking one page's answer with the core.


def field_names(question: SurveyQuestion) -> list[str]:
    """The names of the page's fields, the same as the core's problem locations."""
    if question.kind in ELICITATION_KINDS:
        prefix = WEIGHT_PREFIX[ELICITATION_KINDS[question.kind]]
        return [f"{prefix}{row['value']}" for row in question.rows]
    if question.kind == Kind.ACCEPTABILITY_RATING:
        return [f"{RATING_PREFIX}{question.rows[0]['value']}"]
    if question.kind == Kind.ACCEPTABILITY_CONFIDENCE:
        return ["confidence"]
    if question.kind == Kind.ACCEPTABILITY_DECISION:
        return ["decision", "conditions"]
    return []


def page_problems(question: SurveyQuestion, values: Mapping[str, Any]) -> list[Problem]:
    """The core's problems with one page's answers (``values`` by field name, as typed), only
    those about this page's fields; the points' total is reported at ``"weights"``."""
    frame = framework()
    elements = frame.elements
    weights: dict[str, Any] = {element.id: 0 for element in elements}
    weights[elements[0].id] = 100
    ratings: dict[str, Any] = {element.id: DONT_KNOW for element in elements}
    elicitation = Elicitation.POINTS
    confidence = decision = None
    locations = set(field_names(question))
    if question.kind in ELICITATION_KINDS:
        elicitation = ELICITATION_KINDS[question.kind]
        prefix = WEIGHT_PREFIX[elicitation]
        weights = {
            element.id: values.get(f"{prefix}{element.id}")
            for element in elements
            if f"{prefix}{element.id}" in locations
        }
        locations.add("weights")
    elif question.kind == Kind.ACCEPTABILITY_RATING:
        element_id = question.rows[0]["value"]
        ratings[element_id] = values.get(f"{RATING_PREFIX}{element_id}")
    elif question.kind == Kind.ACCEPTABILITY_CONFIDENCE:
        confidence = values.get("confidence")
    elif question.kind == Kind.ACCEPTABILITY_DECISION:
        decision = values.get("decision")
    try:
        read_participant(
            frame,
            elicitation,
            participant_id="page",
            weights=weights,
            ratings=ratings,
            confidence=confidence,
            decision=decision,
        )
    except ResponsesInvalidError as error:
        return [problem for problem in error.problems if problem.location in locations]
    return []


def page_values(question: SurveyQuestion, answer: Any) -> dict[str, Any]:
    """A stored answer as the page's field values (the opposite of :func:`stored_answer`)."""
    if answer is None or answer in ("", {}, []):
        return {}
    if question.kind in ELICITATION_KINDS:
        if not isinstance(answer, dict):
            return {}
        prefix = WEIGHT_PREFIX[ELICITATION_KINDS[question.kind]]
        return {f"{prefix}{key}": value for key, value in answer.items()}
    if question.kind in (Kind.ACCEPTABILITY_RATING, Kind.ACCEPTABILITY_CONFIDENCE):
        return {field_names(question)[0]: answer}
    if question.kind == Kind.ACCEPTABILITY_DECISION and isinstance(answer, dict):
        return {"decision": answer.get("decision"), "conditions": answer.get("conditions", "")}
    return {}


def stored_answer(question: SurveyQuestion, values: Mapping[str, Any]) -> Any:
    """The page's checked field values in their stored form (empty when nothing was given)."""
    if question.kind in ELICITATION_KINDS:
        prefix = WEIGHT_PREFIX[ELICITATION_KINDS[question.kind]]
        given = {
            row["value"]: str(values.get(f"{prefix}{row['value']}") or "").strip()
            for row in question.rows
        }
        if not any(given.values()):
            return {}
        return {key: int(value) for key, value in given.items()}
    if question.kind in (Kind.ACCEPTABILITY_RATING, Kind.ACCEPTABILITY_CONFIDENCE):
        return str(values.get(field_names(question)[0]) or "").strip()
    if question.kind == Kind.ACCEPTABILITY_DECISION:
        decision = str(values.get("decision") or "").strip()
        conditions = str(values.get("conditions") or "").strip()
        if not decision and not conditions:
            return {}
        return {"decision": decision, "conditions": conditions}
    return ""


def _weights_shape(question: SurveyQuestion, answer: Any) -> str | None:
    if not isinstance(answer, dict) or not all(
        isinstance(value, int) and not isinstance(value, bool) for value in answer.values()
    ):
        return _("Enter a whole number for each element")
    if set(answer) != set(rules.values(question.rows)):
        return _("Answer for each of the five elements")
    return None


def _decision_shape(answer: Any) -> str | None:
    if not isinstance(answer, dict) or set(answer) - {"decision", "conditions"}:
        return _("Select whether this data sharing should go ahead")
    conditions = answer.get("conditions", "")
    if not isinstance(conditions, str) or len(conditions) > rules.FREE_TEXT_MAX:
        return _("Your conditions must be %(max)s characters or fewer") % {
            "max": rules.FREE_TEXT_MAX
        }
    if not str(answer.get("decision") or "").strip():
        return _("Select whether this data sharing should go ahead")
    return None


def _shape_problem(question: SurveyQuestion, answer: Any) -> str | None:
    """Why a stored answer has the wrong shape for its question (before the core reads it)."""
    if question.kind in ELICITATION_KINDS:
        return _weights_shape(question, answer)
    if question.kind == Kind.ACCEPTABILITY_DECISION:
        return _decision_shape(answer)
    return None if isinstance(answer, str) else _("Select one of the answers given")


def answer_problem(question: SurveyQuestion, answer: Any) -> str | None:
    """Why a stored answer is not a valid answer to a module question; ``None`` when it is."""
    problem = _shape_problem(question, answer)
    if problem:
        return problem
    problems = page_problems(question, page_values(question, answer))
    return problems[0].reason if problems else None


def answer_lines(question: SurveyQuestion, answer: Any) -> list[str]:
    """A module answer in words, for "check your answers"."""
    if answer is None or answer in ("", {}, []):
        return []
    if question.kind in ELICITATION_KINDS and isinstance(answer, dict):
        unit = (
            _("%(value)s points")
            if question.kind == Kind.ACCEPTABILITY_POINTS
            else _("ranked %(value)s")
        )
        rows = sorted(
            question.rows,
            key=lambda row: (
                answer.get(row["value"], 0)
                if question.kind == Kind.ACCEPTABILITY_RANKING
                else -answer.get(row["value"], 0)
            ),
        )
        return [f"{row['label']}: {unit % {'value': answer.get(row['value'], '')}}" for row in rows]
    if question.kind == Kind.ACCEPTABILITY_DECISION and isinstance(answer, dict):
        lines = [rules.label_for(question.choices, str(answer.get("decision", "")))]
        if answer.get("conditions"):
            lines.append(_("Conditions: %(conditions)s") % {"conditions": answer["conditions"]})
        return lines
    return [rules.label_for(question.choices, str(answer))]


# From submitted answers to the core's survey.


@dataclass(frozen=True)
class Answered:
    """One respondent's answers to the survey, with what is known about them."""

    respondent: str
    answers: Mapping[str, Any]
    attributes: Mapping[str, str] = field(default_factory=dict)


def participant(module: Module, answered: Answered) -> Participant | None:
    """The respondent's checked answers to the module, or ``None`` when they did not answer it
    in full (so their answers cannot be scored)."""

    def answer(question: SurveyQuestion | None) -> Any:
        return None if question is None else answered.answers.get(str(question.pk))

    weights = answer(module.weights)
    decided = answer(module.decision)
    decided = decided if isinstance(decided, dict) else {}
    try:
        return read_participant(
            framework(),
            module.elicitation,
            participant_id=answered.respondent,
            weights=weights if isinstance(weights, dict) else {},
            ratings={
                element_id: answer(question) for element_id, question in module.ratings.items()
            },
            confidence=answer(module.confidence),
            decision=decided.get("decision"),
            conditions=str(decided.get("conditions") or ""),
            attributes=answered.attributes,
        )
    except ResponsesInvalidError:
        return None


def core_survey(module: Module, answered: Iterable[Answered]) -> tuple[CoreSurvey, list[int]]:
    """The core's survey of everyone who answered the module in full, and the positions (in
    ``answered``) of those kept, to pick out their survey weights."""
    kept: list[Participant] = []
    positions: list[int] = []
    for index, item in enumerate(answered):
        read = participant(module, item)
        if read is not None:
            kept.append(read)
            positions.append(index)
    return CoreSurvey.for_framework(framework(), module.elicitation, kept), positions
