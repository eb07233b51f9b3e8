"""Checking one participant's answers and turning what matters to them into weights.

Two elicitations, chosen per survey (``docs/acceptability.md`` sets them out):

- **points**: the participant shares 100 points between the k elements, each a whole number
  from 0 to 100, adding up to exactly 100; element e's weight is its points over 100.
- **ranking**: the participant ranks the elements from 1 (matters most) to k, each rank used
  once (no ties); the element ranked r gets the *rank-order centroid* weight

      w_r = (1/k) * (1/r + 1/(r+1) + ... + 1/k)

  which for five elements gives 0.4567, 0.2567, 0.1567, 0.09 and 0.04: the centre of all the
  weightings that respect the ranking (Barron and Barrett, 1996).

Either way the weights sum to 1. Every problem is reported, not only the first, each as a
:class:`~publicbenefit.core.errors.Problem` whose ``location`` is the answer's field name
(``weight_<element id>``, ``rank_<element id>``, ``rating_<element id>``, ``confidence``,
``decision``, or ``weights`` for the points' total) and whose ``reason`` is written to be shown
on the survey page beside that field.
"""

from collections.abc import Mapping, Sequence
from fractions import Fraction

from publicbenefit.core.acceptability.errors import ResponsesInvalidError
from publicbenefit.core.acceptability.model import (
    CONFIDENCE_LABELS,
    DONT_KNOW,
    Decision,
    Elicitation,
    Participant,
)
from publicbenefit.core.errors import Problem
from publicbenefit.core.framework import Element, Framework

#: An answer as given: a whole number, text (a form field, a CSV cell) or nothing.
RawAnswer = int | str | None

TOTAL_POINTS = 100

#: The field names of each part of the answers, as in the CSV file and on the survey page.
WEIGHT_PREFIX = {Elicitation.POINTS: "weight_", Elicitation.RANKING: "rank_"}
RATING_PREFIX = "rating_"


def rank_order_centroid(k: int) -> tuple[Fraction, ...]:
    """The rank-order centroid weights of ranks 1 to ``k``, exactly: ``w_r = (1/k) Σ_{j=r..k}
    1/j``. They decrease with the rank and sum to 1."""
    if k < 1:
        message = f"a ranking needs at least one element, not {k}"
        raise ValueError(message)
    return tuple(
        sum((Fraction(1, j) for j in range(rank, k + 1)), Fraction(0)) / k
        for rank in range(1, k + 1)
    )


def element_name(element: Element) -> str:
    """How messages name an element: its number and its id in words."""
    return f"element {element.number} ({element.id.replace('_', ' ')})"


def weights_from_points(
    elements: Sequence[Element], points: Mapping[str, RawAnswer]
) -> dict[str, float]:
    """Each element's weight, its points over 100; raises :class:`ResponsesInvalidError`
    naming every element whose points are missing, not a whole number or outside 0 to 100,
    any points given to an element the framework lacks, and a total other than 100."""
    problems = _unknown(elements, points, WEIGHT_PREFIX[Elicitation.POINTS])
    read: dict[str, int] = {}
    for element in elements:
        field = f"{WEIGHT_PREFIX[Elicitation.POINTS]}{element.id}"
        name = element_name(element)
        raw = points.get(element.id)
        value = _whole(raw)
        if _blank(raw):
            problems.append(
                Problem(None, field, f"Enter the points you give {name}, from 0 to 100")
            )
        elif value is None:
            problems.append(
                Problem(None, field, f"The points for {name} must be a whole number, like 20")
            )
        elif not 0 <= value <= TOTAL_POINTS:
            problems.append(
                Problem(None, field, f"The points for {name} must be between 0 and 100")
            )
        else:
            read[element.id] = value
    if not problems and sum(read.values()) != TOTAL_POINTS:
        total = sum(read.values())
        problems.append(
            Problem(
                None,
                "weights",
                f"The points must add up to 100, but they add up to {total}",
            )
        )
    if problems:
        raise ResponsesInvalidError(problems)
    return {element_id: value / TOTAL_POINTS for element_id, value in read.items()}


def weights_from_ranking(
    elements: Sequence[Element], ranks: Mapping[str, RawAnswer]
) -> dict[str, float]:
    """Each element's rank-order centroid weight from its rank; raises
    :class:`ResponsesInvalidError` naming every element left unranked, ranked outside 1 to k
    or given a rank another element already has (ties are refused)."""
    prefix = WEIGHT_PREFIX[Elicitation.RANKING]
    problems = _unknown(elements, ranks, prefix)
    k = len(elements)
    read: dict[str, int] = {}
    first_with: dict[int, Element] = {}
    for element in elements:
        field = f"{prefix}{element.id}"
        name = element_name(element)
        raw = ranks.get(element.id)
        value = _whole(raw)
        if _blank(raw):
            problems.append(Problem(None, field, f"Give {name} a rank from 1 to {k}"))
        elif value is None or not 1 <= value <= k:
            problems.append(
                Problem(None, field, f"The rank of {name} must be a whole number from 1 to {k}")
            )
        elif value in first_with:
            problems.append(
                Problem(
                    None,
                    field,
                    f"{name[0].upper()}{name[1:]} has the same rank as "
                    f"{element_name(first_with[value])}: give each element a different rank "
                    f"from 1 to {k}",
                )
            )
        else:
            first_with[value] = element
            read[element.id] = value
    if problems:
        raise ResponsesInvalidError(problems)
    centroid = rank_order_centroid(k)
    return {element_id: float(centroid[rank - 1]) for element_id, rank in read.items()}


def elicited_weights(
    elicitation: Elicitation, elements: Sequence[Element], answers: Mapping[str, RawAnswer]
) -> dict[str, float]:
    """The weights from points or from ranks, as the survey asks."""
    if elicitation is Elicitation.POINTS:
        return weights_from_points(elements, answers)
    return weights_from_ranking(elements, answers)


def ratings_from_answers(
    framework: Framework, ratings: Mapping[str, RawAnswer]
) -> dict[str, int | None]:
    """Each element's position on the framework's scale, ``None`` for ``dont_know``; raises
    :class:`ResponsesInvalidError` naming every element not rated or rated off the scale."""
    problems = _unknown(framework.elements, ratings, RATING_PREFIX)
    low, high = framework.scale.lowest, framework.scale.highest
    positions = {position.value for position in framework.scale.positions}
    read: dict[str, int | None] = {}
    for element in framework.elements:
        field = f"{RATING_PREFIX}{element.id}"
        name = element_name(element)
        raw = ratings.get(element.id)
        value = _whole(raw)
        if _blank(raw):
            problems.append(
                Problem(
                    None,
                    field,
                    f"Choose where the proposal stands on {name}, from {low} to {high}, or "
                    "choose don't know",
                )
            )
        elif isinstance(raw, str) and raw.strip().lower() == DONT_KNOW:
            read[element.id] = None
        elif value is None or value not in positions:
            problems.append(
                Problem(
                    None,
                    field,
                    f"Where the proposal stands on {name} must be a position from {low} to "
                    f"{high}, or don't know, not '{str(raw).strip()}'",
                )
            )
        else:
            read[element.id] = value
    if problems:
        raise ResponsesInvalidError(problems)
    return read


def read_participant(
    framework: Framework,
    elicitation: Elicitation,
    *,
    participant_id: str,
    weights: Mapping[str, RawAnswer],
    ratings: Mapping[str, RawAnswer],
    confidence: RawAnswer = None,
    decision: RawAnswer = None,
    conditions: str = "",
    attributes: Mapping[str, str] | None = None,
    line: int | None = None,
) -> Participant:
    """One participant's answers, checked: ``weights`` (points or ranks, by element id) and
    ``ratings`` (positions or ``dont_know``) must be complete; ``confidence`` (1 to 4) and
    ``decision`` may be left unanswered (``None`` or blank) but not answered wrongly.

    Raises :class:`ResponsesInvalidError` with every problem, each with ``line`` set to
    ``line``."""
    problems: list[Problem] = []
    elicited: dict[str, float] = {}
    rated: dict[str, int | None] = {}
    try:
        elicited = elicited_weights(elicitation, framework.elements, weights)
    except ResponsesInvalidError as error:
        problems += error.problems
    try:
        rated = ratings_from_answers(framework, ratings)
    except ResponsesInvalidError as error:
        problems += error.problems
    read_confidence = _whole(confidence)
    if not _blank(confidence) and read_confidence not in CONFIDENCE_LABELS:
        problems.append(
            Problem(
                None,
                "confidence",
                "Choose how confident you are, from 1 (not at all confident) to 4 (very confident)",
            )
        )
    read_decision: Decision | None = None
    if not _blank(decision):
        text = str(decision).strip().lower()
        if text in {choice.value for choice in Decision}:
            read_decision = Decision(text)
        else:
            problems.append(
                Problem(
                    None,
                    "decision",
                    "Choose yes, yes with conditions, no or don't know for whether this data "
                    "sharing should go ahead",
                )
            )
    if not participant_id.strip():
        problems.append(Problem(None, "id", "Enter the participant's id"))
    if problems:
        raise ResponsesInvalidError(
            [Problem(line, problem.location, problem.reason) for problem in problems]
        )
    return Participant(
        id=participant_id.strip(),
        weights=elicited,
        ratings=rated,
        confidence=None if _blank(confidence) else read_confidence,
        decision=read_decision,
        conditions=conditions.strip(),
        attributes=dict(attributes or {}),
        line=line,
    )


def _blank(raw: RawAnswer) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _whole(raw: RawAnswer) -> int | None:
    """The answer as a whole number, or ``None`` if it is not one (``True`` is not 1)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        digits = text[1:] if text[:1] in "+-" else text
        if digits.isascii() and digits.isdigit():
            return int(text)
    return None


def _unknown(
    elements: Sequence[Element], answers: Mapping[str, RawAnswer], prefix: str
) -> list[Problem]:
    known = {element.id for element in elements}
    return [
        Problem(None, f"{prefix}{key}", f"There is no element '{key}' in the framework")
        for key in answers
        if key not in known
    ]
