"""Builders for the acceptability tests: the five participants of the hand-worked example in
``docs/acceptability.md``, surveys built from plain lists, and Hypothesis strategies."""

from collections.abc import Sequence

from hypothesis import strategies as st

from publicbenefit.core.acceptability import Decision, Elicitation, Participant, Survey
from publicbenefit.data import default_framework

FRAMEWORK = default_framework()
ELEMENTS = tuple(element.id for element in FRAMEWORK.elements)

# The hand-worked example: points, ratings (None is "don't know") and survey weights.
EXAMPLE_POINTS = [
    [40, 20, 20, 10, 10],
    [20, 20, 20, 20, 20],
    [10, 20, 50, 10, 10],
    [0, 10, 70, 0, 20],
    [30, 30, 10, 10, 20],
]
EXAMPLE_RATINGS: list[list[int | None]] = [
    [4, 3, 3, 2, 1],
    [3, 3, 2, 2, 1],
    [4, None, 1, 2, 3],
    [2, 1, 4, 1, 4],
    [2, 1, 1, 1, 4],
]
EXAMPLE_WEIGHTS = [1.2, 0.8, 1.5, 0.5, 1.0]
EXAMPLE_DECISIONS = [
    Decision.YES,
    Decision.YES_WITH_CONDITIONS,
    Decision.NO,
    Decision.YES,
    Decision.YES_WITH_CONDITIONS,
]
EXAMPLE_CONFIDENCE = [3, 2, 4, 4, 1]
EXAMPLE_AGES = ["16-34", "35+", "35+", "16-34", "35+"]
EXAMPLE_ORGANISATION = dict(zip(ELEMENTS, [3, 4, 2, 3, 2], strict=True))


def participant(
    index: int,
    points: Sequence[float],
    ratings: Sequence[int | None],
    *,
    total: float = 100,
    decision: Decision | None = None,
    confidence: int | None = None,
    conditions: str = "",
    attributes: dict[str, str] | None = None,
) -> Participant:
    """A participant whose weights are ``points / total`` for the framework's elements."""
    return Participant(
        id=f"p{index + 1}",
        weights={e: value / total for e, value in zip(ELEMENTS, points, strict=True)},
        ratings=dict(zip(ELEMENTS, ratings, strict=True)),
        decision=decision,
        confidence=confidence,
        conditions=conditions,
        attributes=attributes or {},
    )


def survey_of(points: Sequence[Sequence[float]], ratings: Sequence[Sequence[int | None]]) -> Survey:
    """A points survey of participants with the given points and ratings."""
    return Survey.for_framework(
        FRAMEWORK,
        Elicitation.POINTS,
        [
            participant(index, p, r)
            for index, (p, r) in enumerate(zip(points, ratings, strict=True))
        ],
    )


def example_survey() -> Survey:
    """The five participants of the hand-worked example."""
    return Survey.for_framework(
        FRAMEWORK,
        Elicitation.POINTS,
        [
            participant(
                index,
                EXAMPLE_POINTS[index],
                EXAMPLE_RATINGS[index],
                decision=EXAMPLE_DECISIONS[index],
                confidence=EXAMPLE_CONFIDENCE[index],
                attributes={"age": EXAMPLE_AGES[index]},
            )
            for index in range(5)
        ],
    )


ratings_strategy = st.lists(
    st.one_of(st.none(), st.integers(1, 4)), min_size=len(ELEMENTS), max_size=len(ELEMENTS)
)
points_strategy = st.lists(
    st.integers(0, 50), min_size=len(ELEMENTS), max_size=len(ELEMENTS)
).filter(lambda points: sum(points) > 0)
weights_strategy = st.floats(0.05, 20.0, allow_nan=False, allow_infinity=False)


@st.composite
def surveys(
    draw: st.DrawFn, *, min_size: int = 1, max_size: int = 12
) -> tuple[Survey, list[float]]:
    """A survey of random participants (any weights, ratings with "don't know"s) and survey
    weights."""
    size = draw(st.integers(min_size, max_size))
    points = [draw(points_strategy) for _ in range(size)]
    ratings = [draw(ratings_strategy) for _ in range(size)]
    weights = [draw(weights_strategy) for _ in range(size)]
    survey = Survey.for_framework(
        FRAMEWORK,
        Elicitation.POINTS,
        [
            participant(index, p, r, total=sum(p))
            for index, (p, r) in enumerate(zip(points, ratings, strict=True))
        ],
    )
    return survey, weights
