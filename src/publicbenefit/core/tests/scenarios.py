"""Builders for the core's tests: small frameworks as mappings, their answers, and Hypothesis
strategies that generate both.

Small frameworks keep a brute-force search over every combination of moves within a fraction of
a second, so that the exact search in ``moves.py`` can be checked against it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from publicbenefit.core import Answers, Framework, Special, answers_from_mapping
from publicbenefit.core.framework import framework_from_dict
from publicbenefit.data import framework_schema


@dataclass(frozen=True)
class CapSpec:
    """A cap to put in a small framework."""

    at_most_position: int
    max_outcome: int
    questions: tuple[str, ...] | None = None


def small_framework_dict(
    *,
    element_sizes: Sequence[int],
    positions: int = 4,
    outcomes: int = 3,
    thresholds: Sequence[float] = (2, 3),
    weights: Sequence[float] | None = None,
    dont_know: int = 1,
    not_applicable: int | str = "left_out",
    caps: Sequence[CapSpec] = (),
) -> dict[str, Any]:
    """A framework mapping with ``element_sizes[i]`` questions in element ``i + 1``, numbered
    like the source (``1.1``, ``1.2``, ``2.1``...)."""
    return {
        "id": "small",
        "version": "1",
        "title": "A small framework",
        "source": {"citation": "Written for the tests"},
        "scale": {
            "prompt": "Where does it lie?",
            "positions": [
                {"value": value, **_anchor(value, positions)} for value in range(1, positions + 1)
            ],
            "special_answers": {
                "dont_know": {"label": "Don't know", "reason_required": True},
                "not_applicable": {"label": "Not applicable", "reason_required": True},
            },
        },
        "elements": [
            {"id": f"e{number}", "number": number, "text": f"Element {number}"}
            for number in range(1, len(element_sizes) + 1)
        ],
        "questions": [
            {
                "id": f"{number}.{index}",
                "element": f"e{number}",
                "text": f"Question {number}.{index}?",
                "left_anchor": "Left",
                "right_anchor": "Right",
            }
            for number, size in enumerate(element_sizes, start=1)
            for index in range(1, size + 1)
        ],
        "outcomes": [
            {"id": f"band_{index}", "label": f"Band {index}", "text": f"Outcome {index}"}
            for index in range(outcomes)
        ],
        "scoring": {
            "rule": "weighted_mean_of_element_means",
            "dont_know": dont_know,
            "not_applicable": not_applicable,
            "element_weights": {
                f"e{number}": weight for number, weight in enumerate(weights or (), start=1)
            },
            "thresholds": [
                {"outcome": f"band_{index}", "min_score": value}
                for index, value in enumerate(thresholds, start=1)
            ],
            "caps": [
                {
                    "id": f"cap_{index}",
                    "description": "A cap for the tests",
                    "at_most_position": cap.at_most_position,
                    "max_outcome": f"band_{cap.max_outcome}",
                    **({"questions": list(cap.questions)} if cap.questions else {}),
                }
                for index, cap in enumerate(caps)
            ],
        },
    }


def _anchor(value: int, positions: int) -> dict[str, str]:
    if value == 1:
        return {"anchor": "left"}
    if value == positions:
        return {"anchor": "right"}
    return {}


def build(data: dict[str, Any]) -> Framework:
    """The framework from a mapping, checked against the shipped schema."""
    return framework_from_dict(data, schema=framework_schema())


def answers_of(framework: Framework, values: dict[str, int | str]) -> Answers:
    """Answers from plain values, giving each special answer the reason it needs."""
    return answers_from_mapping(
        framework,
        {
            question_id: (
                {"answer": value, "reason": "Given in a test"} if isinstance(value, str) else value
            )
            for question_id, value in values.items()
        },
    )


@dataclass(frozen=True)
class Scenario:
    """A small framework and a complete, scoreable set of answers to it."""

    framework: Framework
    answers: Answers


@st.composite
def scenarios(draw: st.DrawFn, max_combinations: int = 800) -> Scenario:
    """A random small framework (2 to 3 elements of 1 to 3 questions, 3 or 4 positions, 2 or 3
    outcomes, random weights, thresholds, special-answer rules and caps) with random complete
    answers."""
    positions = draw(st.sampled_from([3, 4]))
    sizes = draw(st.lists(st.integers(1, 3), min_size=2, max_size=3))
    outcome_count = draw(st.sampled_from([2, 3]))
    steps = [1 + quarter / 4 for quarter in range(1, 4 * (positions - 1) + 1)]
    thresholds = sorted(
        draw(
            st.sets(st.sampled_from(steps), min_size=outcome_count - 1, max_size=outcome_count - 1)
        )
    )
    question_ids = [
        f"{number}.{index}" for number, size in enumerate(sizes, 1) for index in range(1, size + 1)
    ]
    caps = draw(
        st.lists(
            st.builds(
                CapSpec,
                at_most_position=st.integers(1, positions - 1),
                max_outcome=st.integers(0, outcome_count - 2),
                questions=st.one_of(
                    st.none(),
                    st.lists(st.sampled_from(question_ids), min_size=1, unique=True).map(tuple),
                ),
            ),
            max_size=2,
        )
    )
    framework = build(
        small_framework_dict(
            element_sizes=sizes,
            positions=positions,
            outcomes=outcome_count,
            thresholds=thresholds,
            weights=draw(st.lists(st.integers(1, 3), min_size=len(sizes), max_size=len(sizes))),
            dont_know=draw(st.integers(1, positions)),
            not_applicable=draw(st.one_of(st.just("left_out"), st.integers(1, positions))),
            caps=caps,
        )
    )
    value = st.one_of(
        st.integers(1, positions),
        st.sampled_from([str(Special.DONT_KNOW), str(Special.NOT_APPLICABLE)]),
    )
    values = {question_id: draw(value) for question_id in question_ids}
    # At least one answer must count, or there is nothing to score.
    counted = [
        v
        for v in values.values()
        if v != Special.NOT_APPLICABLE or framework.scoring.not_applicable_counts_as is not None
    ]
    if not counted:
        values[question_ids[0]] = draw(st.integers(1, positions))
    # Keeps the brute force that checks the search quick: while there are too many
    # combinations of moves, the answer with the most room moves to the right anchor.
    while _combinations(framework, values) > max_combinations:
        roomiest = max(question_ids, key=lambda question_id: _room(framework, values[question_id]))
        values[roomiest] = positions
    return Scenario(framework=framework, answers=answers_of(framework, values))


def _room(framework: Framework, value: int | str) -> int:
    """How many positions lie right of where an answer counts (0 if it cannot move)."""
    if value == Special.NOT_APPLICABLE:
        return 0
    start = framework.scoring.dont_know_counts_as if value == Special.DONT_KNOW else int(value)
    return framework.scale.highest - start


def _combinations(framework: Framework, values: dict[str, int | str]) -> int:
    combinations = 1
    for value in values.values():
        combinations *= 1 + _room(framework, value)
    return combinations
