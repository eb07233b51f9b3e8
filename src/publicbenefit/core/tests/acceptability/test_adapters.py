"""Reading responses and survey weights from CSV text: the hand-worked example read whole, and
every problem refused with its line, nothing half-read."""

import numpy as np
import pytest

from publicbenefit.core.acceptability import (
    Decision,
    Elicitation,
    ResponsesInvalidError,
    acceptability_report,
    participant_scores,
    responses_from_csv,
    survey_weights_from_csv,
    weights_for,
)
from publicbenefit.core.tests.acceptability.scenarios import ELEMENTS, FRAMEWORK

HEADER = (
    "id,"
    + ",".join(f"weight_{e}" for e in ELEMENTS)
    + ","
    + ",".join(f"rating_{e}" for e in ELEMENTS)
    + ",confidence,decision,conditions,age\n"
)
EXAMPLE = HEADER + (
    "p1,40,20,20,10,10,4,3,3,2,1,3,yes,,16-34\n"
    'p2,20,20,20,20,20,3,3,2,2,1,2,yes_with_conditions,"Data must not be sold, ever.",35+\n'
    "p3,10,20,50,10,10,4,dont_know,1,2,3,4,no,Never sold; deleted after use,35+\n"
    "\n"
    "p4,0,10,70,0,20,2,1,4,1,4,4,yes,,16-34\n"
    "p5,30,30,10,10,20,2,1,1,1,4,1,yes_with_conditions,Not sold to companies,35+\n"
)
WEIGHTS = "id,weight\np1,1.2\np2,0.8\np3,1.5\np4,0.5\np5,1.0\nsomeone-else,2\n"


def _problems(raised: pytest.ExceptionInfo[ResponsesInvalidError]) -> list[str]:
    return [str(problem) for problem in raised.value.problems]


def test_the_example_is_read_and_scored() -> None:
    survey = responses_from_csv(EXAMPLE, FRAMEWORK, Elicitation.POINTS)
    assert survey.ids == ("p1", "p2", "p3", "p4", "p5")
    assert [participant.line for participant in survey.participants] == [2, 3, 4, 6, 7]
    assert survey.participants[1].decision is Decision.YES_WITH_CONDITIONS
    assert survey.participants[1].conditions == "Data must not be sold, ever."
    assert survey.participants[2].ratings[ELEMENTS[1]] is None
    assert survey.participants[3].attributes == {"age": "16-34"}
    assert participant_scores(survey).tolist() == pytest.approx([70, 40, 25, 90, 30])
    weights = weights_for(survey, survey_weights_from_csv(WEIGHTS))
    assert weights == (1.2, 0.8, 1.5, 0.5, 1.0)
    report = acceptability_report(
        survey, rng=np.random.default_rng(1), survey_weights=weights, by=["age"], min_count=0
    )
    assert report.score.score == pytest.approx(45.7)
    assert report.subgroups[0].attribute == "age"
    assert report.comparison is None
    assert [phrase.text for phrase in report.conditions] == ["sold"]


def test_a_ranking_survey_reads_rank_columns() -> None:
    header = HEADER.replace("weight_", "rank_")
    good = responses_from_csv(
        header + "p1,2,1,3,5,4,4,3,3,2,1,,,,\n", FRAMEWORK, Elicitation.RANKING
    )
    assert good.participants[0].weights[ELEMENTS[1]] == pytest.approx(137 / 300)
    with pytest.raises(ResponsesInvalidError) as raised:
        responses_from_csv(header + "p1,1,1,3,5,4,4,3,3,2,1,,,,\n", FRAMEWORK, Elicitation.RANKING)
    assert _problems(raised) == [
        (
            "line 2: Element 2 (wider public outcomes) has the same rank as element 1 (service "
            "outcomes): give each element a different rank from 1 to 5"
        )
    ]


def test_every_problem_in_a_responses_file_is_listed_with_its_line() -> None:
    text = HEADER + (
        "p1,40,20,20,10,0,4,3,3,2,1,3,yes,,16-34\n"
        "p1,20,20,20,20,20,3,3,2,2,1,2,maybe,,35+\n"
        "p3,10,20,50,10,10,4,dont_know,1,2,9,4,no,,35+\n"
        "p4,0,10,70\n"
    )
    with pytest.raises(ResponsesInvalidError) as raised:
        responses_from_csv(text, FRAMEWORK, Elicitation.POINTS)
    assert _problems(raised) == [
        "line 2: The points must add up to 100, but they add up to 90",
        "line 3: the id 'p1' is repeated (first at line 2)",
        (
            "line 3: Choose yes, yes with conditions, no or don't know for whether this data "
            "sharing should go ahead"
        ),
        (
            "line 4: Where the proposal stands on element 5 (visible benefits) must be a "
            "position from 1 to 4, or don't know, not '9'"
        ),
        "line 5: the row has 4 fields, the header 15",
    ]
    assert raised.value.problems[0].location == "weights"


def test_header_problems_are_refused_on_line_1() -> None:
    text = HEADER.replace("weight_visible_benefits", "rank_visible_benefits").replace(
        "rating_service_outcomes", "rating_service"
    )
    with pytest.raises(ResponsesInvalidError) as raised:
        responses_from_csv(text + "p1\n", FRAMEWORK, Elicitation.POINTS)
    assert _problems(raised) == [
        ("line 1: the header lacks the columns weight_visible_benefits, rating_service_outcomes"),
        (
            "line 1: the column rank_visible_benefits belongs to a ranking survey, but this "
            "survey uses points"
        ),
        (
            "line 1: the column rating_service names no element of the framework (its "
            "elements are service_outcomes, wider_public_outcomes, respects_individual, "
            "public_resources, visible_benefits)"
        ),
    ]


def test_an_empty_file_and_a_file_without_responses_are_refused() -> None:
    with pytest.raises(ResponsesInvalidError) as raised:
        responses_from_csv("", FRAMEWORK, Elicitation.POINTS)
    assert _problems(raised) == ["line 1: the file is empty"]
    with pytest.raises(ResponsesInvalidError) as raised:
        responses_from_csv(HEADER, FRAMEWORK, Elicitation.POINTS)
    assert _problems(raised) == ["line 2: the file has a header but no responses"]


def test_bad_weights_files_and_missing_weights_are_refused() -> None:
    with pytest.raises(ResponsesInvalidError) as raised:
        survey_weights_from_csv("id,weight\np1,0\np1,1\n,2\np4,x\np5\n")
    assert _problems(raised) == [
        "line 2: the weight '0' is not a positive number",
        "line 3: the id 'p1' is repeated (first at line 2)",
        "line 4: the id is blank",
        "line 5: the weight 'x' is not a positive number",
        "line 6: the row has 1 fields, the header 2",
    ]
    with pytest.raises(ResponsesInvalidError) as raised:
        survey_weights_from_csv("id,w\n")
    assert _problems(raised) == ["line 1: the header lacks the column weight"]
    survey = responses_from_csv(EXAMPLE, FRAMEWORK, Elicitation.POINTS)
    with pytest.raises(ResponsesInvalidError) as raised:
        weights_for(survey, {"p1": 1.0, "p2": 1.0, "p3": 1.0})
    assert _problems(raised) == [
        "line 6: participant 'p4' has no weight in the weights file",
        "line 7: participant 'p5' has no weight in the weights file",
    ]
