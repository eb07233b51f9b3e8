"""The smallest set of answer moves that would reach the next band to the right, computed exactly.

The source's middle outcome asks assessors to "think about whether there are ways to move answers
further to the right"; this module says which. A *move* takes one answer further right: a
position to a position right of it, or a "don't know" to a position right of the one it counts
as. A "not applicable" is a statement about the question, not a place on the scale, so it is never
moved; an answer already at the right anchor cannot move.

Among all sets of moves whose result reaches the next band (or beyond), the one returned has

1. the fewest answers changed, then
2. the fewest scale steps in total, then
3. the highest resulting score (the most margin above the threshold), then
4. the weakest answers moved first: taking the answers from the leftmost (and, among equals, in
   the framework's order), each is moved rather than left, and as far right as possible,
   whenever an optimal set allows it.

Exactness without trying every combination: the score is linear in the answers' positions
(each counted answer weighs its element's weight over the total weight and the element's count
of counted answers, and moves never change which answers count), so the search is a dynamic
programme over the movable answers, on states (answers changed, steps taken) keeping the largest
reachable gain in score, in integers after scaling by a common denominator. Caps are constraints
on single answers: every answer that triggers a cap holding the outcome below the target must
move right of the cap's position.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from publicbenefit.core.answers import Answers
from publicbenefit.core.framework import Framework, Special, Threshold
from publicbenefit.core.scoring import Result, score


class PathStatus(StrEnum):
    """Whether the next band can be reached."""

    REACHABLE = "reachable"
    TOP_BAND = "top_band"
    UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class Move:
    """One answer moved right: from its value to a position, ``steps`` positions further right
    (for a "don't know", counted from the position it counts as)."""

    question_id: str
    from_value: int | Special
    to_position: int
    steps: int


@dataclass(frozen=True)
class PathToNextBand:
    """The moves that reach the next band, or why there are none.

    ``reason`` says in plain English why the next band is out of reach (empty otherwise), and
    ``blocking_question_ids`` names the answers that keep it so.
    """

    status: PathStatus
    current_outcome_id: str
    target_outcome_id: str | None
    moves: tuple[Move, ...]
    reached_outcome_id: str | None
    reached_score: Fraction | None
    reason: str
    blocking_question_ids: tuple[str, ...]

    @property
    def total_steps(self) -> int:
        """The scale steps the moves take, added up."""
        return sum(move.steps for move in self.moves)


@dataclass(frozen=True)
class _Candidate:
    """An answer the search may move: the position it counts as, how much the score rises per
    step right (scaled to a whole number), the positions it may move to, and whether a cap forces
    it to move."""

    question_id: str
    from_value: int | Special
    counts_as: int
    gain_per_step: int
    targets: tuple[int, ...]
    forced: bool


@dataclass(frozen=True)
class _Blocked:
    """Why the target cannot be reached, and the answers that keep it so."""

    reason: str
    question_ids: tuple[str, ...]


def moves_to_next_band(framework: Framework, answers: Answers) -> PathToNextBand:
    """The minimal moves from these (complete) answers to the next band to the right.

    In the top band the status is ``TOP_BAND``; when no moves can reach the next band (an answer
    that cannot move holds it back) the status is ``UNREACHABLE`` with the reason. Raises what
    ``score`` raises for answers that cannot be scored.
    """
    result = score(framework, answers)
    if result.next_threshold is None:
        return _no_path(result, PathStatus.TOP_BAND, None, _Blocked("", ()))
    target_index = framework.outcome_index(result.outcome.id) + 1
    target = framework.outcomes[target_index]
    per_step = _gains_per_step(result)
    distance = result.next_threshold.min_score - result.score
    # Scaling by this common denominator makes every gain, and the distance, a whole number.
    scale = math.lcm(distance.denominator, *(gain.denominator for gain in per_step.values()))
    candidates = _candidates(framework, result, target_index, per_step, scale)
    if isinstance(candidates, _Blocked):
        return _no_path(result, PathStatus.UNREACHABLE, target.id, candidates)
    chosen = _search(candidates, needed=math.ceil(distance * scale))
    if chosen is None:
        return _no_path(
            result,
            PathStatus.UNREACHABLE,
            target.id,
            _out_of_reach(framework, result, result.next_threshold),
        )
    order = {question.id: index for index, question in enumerate(framework.questions)}
    moves = tuple(
        sorted(
            (
                Move(
                    question_id=candidate.question_id,
                    from_value=candidate.from_value,
                    to_position=to,
                    steps=to - candidate.counts_as,
                )
                for candidate, to in chosen
            ),
            key=lambda move: order[move.question_id],
        )
    )
    reached = score(framework, apply_moves(framework, answers, moves))
    return PathToNextBand(
        status=PathStatus.REACHABLE,
        current_outcome_id=result.outcome.id,
        target_outcome_id=target.id,
        moves=moves,
        reached_outcome_id=reached.outcome.id,
        reached_score=reached.score,
        reason="",
        blocking_question_ids=(),
    )


def apply_moves(framework: Framework, answers: Answers, moves: Sequence[Move]) -> Answers:
    """The answers with each move applied (reasons and justifications kept)."""
    return answers.with_values(framework, {move.question_id: move.to_position for move in moves})


def _no_path(
    result: Result, status: PathStatus, target: str | None, blocked: _Blocked
) -> PathToNextBand:
    return PathToNextBand(
        status=status,
        current_outcome_id=result.outcome.id,
        target_outcome_id=target,
        moves=(),
        reached_outcome_id=None,
        reached_score=None,
        reason=blocked.reason,
        blocking_question_ids=blocked.question_ids,
    )


def _gains_per_step(result: Result) -> dict[str, Fraction]:
    """For each element, how much the score rises when one of its answers moves one step right."""
    total_weight = sum(
        (element.weight for element in result.elements if element.counted), Fraction(0)
    )
    return {
        element.element_id: (
            element.weight / (total_weight * element.counted) if element.counted else Fraction(0)
        )
        for element in result.elements
    }


def _candidates(
    framework: Framework,
    result: Result,
    target_index: int,
    per_step: dict[str, Fraction],
    scale: int,
) -> list[_Candidate] | _Blocked:
    """The answers the search may move, or why the target is out of reach whatever moves."""
    holding_caps = [
        cap
        for cap in framework.scoring.caps
        if framework.outcome_index(cap.max_outcome_id) < target_index
    ]
    highest = framework.scale.highest
    candidates: list[_Candidate] = []
    blocked: list[str] = []
    reasons: list[str] = []
    for scored in result.answers:
        if scored.counts_as is None:
            continue
        must_pass = [
            cap
            for cap in holding_caps
            if cap.watches(scored.question_id) and scored.counts_as <= cap.at_most_position
        ]
        movable = scored.value is not Special.NOT_APPLICABLE and scored.counts_as < highest
        if must_pass and not movable:
            cap = must_pass[0]
            outcome = framework.outcomes[framework.outcome_index(cap.max_outcome_id)]
            blocked.append(scored.question_id)
            reasons.append(
                f"Question {scored.question_id} is answered not applicable, which this framework "
                f"counts as position {scored.counts_as}, and the cap '{cap.id}' holds the outcome "
                f"at '{outcome.label}' or below while any answer counts as position "
                f"{cap.at_most_position} or less"
            )
        elif movable:
            lowest_target = max((cap.at_most_position + 1 for cap in must_pass), default=1)
            candidates.append(
                _Candidate(
                    question_id=scored.question_id,
                    from_value=scored.value,
                    counts_as=scored.counts_as,
                    gain_per_step=int(per_step[scored.element_id] * scale),
                    targets=tuple(range(max(scored.counts_as + 1, lowest_target), highest + 1)),
                    forced=bool(must_pass),
                )
            )
    if blocked:
        return _Blocked(reasons[0], tuple(blocked))
    return candidates


def _out_of_reach(framework: Framework, result: Result, threshold: Threshold) -> _Blocked:
    """Why no moves reach the threshold: answers that cannot move hold the score down."""
    highest = framework.scale.highest
    immovable = [
        answer
        for answer in result.answers
        if answer.value is Special.NOT_APPLICABLE
        and answer.counts_as is not None
        and answer.counts_as < highest
    ]
    # With every other answer at the right anchor, only the immovable answers' pulls remain.
    best = highest - sum((answer.pull for answer in immovable), Fraction(0))
    target = framework.outcomes[framework.outcome_index(threshold.outcome_id)]
    return _Blocked(
        f"Even with every answer that can move at the right anchor the score would be "
        f"{float(best):.2f}, below the {float(threshold.min_score):g} needed for "
        f"'{target.label}': answers of not applicable count as positions left of the anchor "
        "and cannot move",
        tuple(answer.question_id for answer in immovable),
    )


def _search(candidates: list[_Candidate], needed: int) -> list[tuple[_Candidate, int]] | None:
    """The optimal moves (see the module docstring), or ``None`` if no moves reach ``needed``."""
    # Weakest answers first, so that the walk below prefers moving them.
    items = [
        candidate
        for _, candidate in sorted(
            enumerate(candidates), key=lambda pair: (pair[1].counts_as, pair[0])
        )
    ]
    # best[i][(changed, steps)]: the largest gain the items from i on can add with exactly that
    # many answers changed and steps taken (absent when impossible, e.g. a forced item left).
    best: list[dict[tuple[int, int], int]] = [{} for _ in range(len(items) + 1)]
    best[len(items)] = {(0, 0): 0}
    for index in range(len(items) - 1, -1, -1):
        layer: dict[tuple[int, int], int] = {}
        for (changed, steps), gain in best[index + 1].items():
            for step_count, added in _options(items[index]):
                key = (changed + (step_count > 0), steps + step_count)
                if layer.get(key, -1) < gain + added:
                    layer[key] = gain + added
        best[index] = layer
    feasible = [key for key, gain in best[0].items() if gain >= needed]
    if not feasible:
        return None
    changed, steps = min(feasible)
    target_gain = best[0][(changed, steps)]
    # Walk forward, taking at each item the most preferred choice that still allows the
    # optimum: this gives the first optimal set in the tie order.
    chosen: list[tuple[_Candidate, int]] = []
    gained = 0
    for index, item in enumerate(items):
        for step_count, added in _options(item):
            rest = (changed - (step_count > 0), steps - step_count)
            remaining = best[index + 1].get(rest)
            if remaining is not None and gained + added + remaining >= target_gain:
                if step_count:
                    chosen.append((item, item.counts_as + step_count))
                changed, steps, gained = rest[0], rest[1], gained + added
                break
    return chosen


def _options(item: _Candidate) -> list[tuple[int, int]]:
    """An item's choices as (steps, gain), in order of preference: furthest right first, and
    staying put last (and not at all when a cap forces the answer to move)."""
    moves = [
        (to - item.counts_as, (to - item.counts_as) * item.gain_per_step)
        for to in reversed(item.targets)
    ]
    return moves if item.forced else [*moves, (0, 0)]
