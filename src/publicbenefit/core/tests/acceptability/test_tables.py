"""Sub-group scores with small-cell suppression, the decision and confidence shares, and the
recurring conditions."""

import numpy as np
import pytest

from publicbenefit.core.acceptability import (
    NOT_GIVEN,
    Elicitation,
    Participant,
    Phrase,
    Survey,
    confidence_shares,
    decision_shares,
    phrases_of,
    recurring_conditions,
    scores_by,
)
from publicbenefit.core.tests.acceptability.scenarios import (
    EXAMPLE_WEIGHTS,
    FRAMEWORK,
    example_survey,
    participant,
)


def _grouped(sizes: dict[str, int]) -> Survey:
    participants: list[Participant] = []
    for value, size in sizes.items():
        for _ in range(size):
            index = len(participants)
            participants.append(
                participant(
                    index,
                    [20] * 5,
                    [index % 4 + 1, 2, 3, 4, 1],
                    attributes={"area": value} if value else {},
                )
            )
    return Survey.for_framework(FRAMEWORK, Elicitation.POINTS, participants)


def test_each_group_has_its_own_score_and_interval() -> None:
    groups = scores_by(
        example_survey(),
        "age",
        rng=np.random.default_rng(1),
        survey_weights=EXAMPLE_WEIGHTS,
        min_count=0,
    )
    assert [group.value for group in groups.groups] == ["16-34", "35+"]
    # 16-34: p1 (70, weight 1.2) and p4 (90, weight 0.5): (84 + 45) / 1.7.
    assert groups.group("16-34").score == pytest.approx(129 / 1.7)
    # 35+: p2 (40, 0.8), p3 (25, 1.5), p5 (30, 1.0): (32 + 37.5 + 30) / 3.3.
    assert groups.group("35+").score == pytest.approx(99.5 / 3.3)
    assert groups.group("35+").respondents == 3


def test_a_small_group_is_hidden_and_so_is_the_next_smallest() -> None:
    survey = _grouped({"north": 30, "south": 12, "east": 11, "west": 4})
    groups = scores_by(survey, "area", rng=np.random.default_rng(1))
    west, east = groups.group("west"), groups.group("east")
    assert west.score is None
    assert west.suppression == "small"
    assert west.respondents is None
    assert west.reason is not None
    assert west.reason.startswith("Fewer than 10 participants")
    assert east.score is None
    assert east.suppression == "complementary"
    assert east.reason is not None
    assert "could be worked out" in east.reason
    assert groups.group("north").score is not None
    assert groups.group("south").respondents == 12


def test_participants_without_the_attribute_form_their_own_group() -> None:
    survey = _grouped({"north": 12, "": 12})
    groups = scores_by(survey, "area", rng=np.random.default_rng(1))
    assert [group.value for group in groups.groups] == ["north", NOT_GIVEN]
    assert groups.group(NOT_GIVEN).respondents == 12


def test_group_streams_do_not_depend_on_other_groups() -> None:
    survey = _grouped({"north": 15, "south": 15})
    first = scores_by(survey, "area", rng=np.random.default_rng(5), min_count=0)
    again = scores_by(survey, "area", rng=np.random.default_rng(5), min_count=0)
    assert first == again


def test_the_decision_shares_of_the_example() -> None:
    table = decision_shares(example_survey(), survey_weights=EXAMPLE_WEIGHTS, min_count=0)
    # yes: p1 + p4 = (1.2 + 0.5) / 5; with conditions: p2 + p5 = 1.8 / 5; no: p3 = 1.5 / 5.
    assert [cell.category for cell in table.cells] == [
        "yes",
        "yes_with_conditions",
        "no",
        "dont_know",
    ]
    assert [cell.percent for cell in table.cells] == pytest.approx([34, 36, 30, 0])
    assert [cell.count for cell in table.cells] == [2, 2, 1, 0]
    conditions = table.cell("yes_with_conditions")
    assert conditions.low is not None
    assert conditions.high is not None
    assert conditions.low < 36 < conditions.high
    assert table.effective_base == pytest.approx(25 / 5.58)


def test_the_decision_shares_are_suppressed_like_any_table() -> None:
    table = decision_shares(example_survey(), survey_weights=EXAMPLE_WEIGHTS)
    assert table.suppressed
    assert table.base is None


def test_the_confidence_distribution_of_the_example() -> None:
    table = confidence_shares(example_survey(), survey_weights=EXAMPLE_WEIGHTS, min_count=0)
    # 1: p5 (1.0); 2: p2 (0.8); 3: p1 (1.2); 4: p3 + p4 (2.0); over 5.
    assert [cell.percent for cell in table.cells] == pytest.approx([20, 16, 24, 40])


def test_phrases_are_words_and_pairs_without_stop_words() -> None:
    assert phrases_of("Data must NOT be sold to companies; opt-out offered.") == {
        "data",
        "not",
        "sold",
        "companies",
        "data not",
        "not sold",
        "sold companies",
        "opt-out",
        "offered",
        "opt-out offered",
    }


def test_recurring_conditions_count_participants_and_hide_rare_phrases() -> None:
    texts = [
        "Not sold to companies.",
        "It must not be sold, not sold at all!",
        "Never sold to companies",
        "Deleted after use; not sold",
        "Only anonymised data",
        "",
    ]
    # "not" (3) is left out: "not sold" says the same with the same count.
    assert recurring_conditions(texts) == (Phrase("sold", 4), Phrase("not sold", 3))
    assert recurring_conditions(texts, min_mentions=2, top=3) == (
        Phrase("sold", 4),
        Phrase("not sold", 3),
        Phrase("sold companies", 2),
    )
    assert recurring_conditions(texts, min_mentions=5) == ()
