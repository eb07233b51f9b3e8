"""Reading margins and respondents from CSV text: shares or counts, and every problem refused
with its line, nothing half-read."""

import pytest

from publicbenefit.core.weighting import (
    MarginsInvalidError,
    RespondentsInvalidError,
    fit_problems,
    margins_from_csv,
    respondents_from_csv,
)


def _problems(error: pytest.ExceptionInfo[MarginsInvalidError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def test_shares_are_read_and_scaled_to_sum_to_exactly_1() -> None:
    margins = margins_from_csv(
        "feature,value,share\nsex,female,0.511\nsex,male,0.490\nage,young,0.4\nage,old,0.6\n"
    )
    assert margins.features == ("sex", "age")
    assert margins.shares("sex") == pytest.approx({"female": 0.511 / 1.001, "male": 0.49 / 1.001})
    assert [margin.line for margin in margins.of("age")] == [4, 5]


def test_counts_become_shares_of_one_population() -> None:
    margins = margins_from_csv(
        "Feature,Value,Count\nsex,female,510\nsex,male,490\nage,young,399\nage,old,600\n"
    )
    assert margins.shares("sex") == {"female": 0.51, "male": 0.49}
    assert margins.shares("age") == pytest.approx({"young": 399 / 999, "old": 600 / 999})


def test_counts_of_different_populations_are_refused() -> None:
    with pytest.raises(MarginsInvalidError) as raised:
        margins_from_csv("feature,value,count\nsex,female,510\nsex,male,490\nage,young,400\n")
    assert _problems(raised) == [
        (
            "line 4: the counts of 'age' add up to 400 but those of 'sex' to 1000: the margins "
            "must describe one population"
        )
    ]


def test_every_problem_in_a_margins_file_is_listed_with_its_line() -> None:
    text = (
        "feature,value,share\n"
        "sex,female,0.5\n"
        "sex,male,0.6\n"
        "age,young,lots\n"
        "age,old,-0.2\n"
        "area,north,0.5\n"
        "area,north,0.5\n"
        ",south,0.5\n"
        "tenure,owner\n"
    )
    with pytest.raises(MarginsInvalidError) as raised:
        margins_from_csv(text)
    assert _problems(raised) == [
        "line 2: the shares of 'sex' sum to 1.1, not 1 (within 0.005)",
        "line 4: the share 'lots' is not a number",
        "line 5: the share -0.2 is negative",
        "line 7: area 'north' is repeated (first at line 6)",
        "line 8: the feature and the value must not be blank",
        "line 9: the row has 2 fields, the header 3",
    ]
    assert raised.value.error_code == "margins_invalid"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "line 1: the file is empty"),
        (
            "feature,value\nsex,female\n",
            "line 1: the header needs exactly one of the columns share and count",
        ),
        ("feature,value,share\n", "line 2: the file has a header but no margins"),
    ],
)
def test_a_margins_file_without_margins_is_refused(text: str, problem: str) -> None:
    with pytest.raises(MarginsInvalidError) as raised:
        margins_from_csv(text)
    assert _problems(raised) == [problem]


def test_respondents_are_read_with_their_lines() -> None:
    respondents = respondents_from_csv("sex,id,age\nfemale,r1,old\n\nmale,r2, young \n")
    assert respondents.ids == ("r1", "r2")
    assert respondents.features == ("sex", "age")
    assert respondents.columns["age"].values() == ("old", "young")
    assert respondents.lines == (2, 4)


def test_every_problem_in_a_respondents_file_is_listed_with_its_line() -> None:
    text = "id,sex,age\nr1,female,old\nr1,male,young\n,male,old\nr4,,\nr5,male\n"
    with pytest.raises(RespondentsInvalidError) as raised:
        respondents_from_csv(text)
    assert [str(problem) for problem in raised.value.problems] == [
        "line 3: the id 'r1' is repeated (first at line 2)",
        "line 4: the id is blank",
        "line 5: blank sex, age",
        "line 6: the row has 2 fields, the header 3",
    ]


def test_a_respondents_file_without_an_id_column_is_refused() -> None:
    with pytest.raises(RespondentsInvalidError) as raised:
        respondents_from_csv("name,sex\nAnn,female\n")
    assert [str(problem) for problem in raised.value.problems] == [
        "line 1: the header lacks the column id"
    ]


def test_respondents_that_do_not_fit_are_named_by_line_in_either_file() -> None:
    margins = margins_from_csv(
        "feature,value,share\nsex,female,0.5\nsex,male,0.5\nsex,other,0\nage,old,1\narea,north,1\n"
    )
    respondents = respondents_from_csv(
        "id,sex,age\nr1,female,old\nr2,other,old\nr3,x,old\nr4,x,young\nr5,x,old\nr6,x,old\n"
    )
    assert [str(problem) for problem in fit_problems(respondents, margins)] == [
        (
            "line 4: sex 'other' has a share of 0 but 1 respondent has it, and a weight must "
            "be positive"
        ),
        "line 4: sex 'x' is not a category in the margins (respondents r3, r4, r5 and 1 more)",
        "line 5: age 'young' is not a category in the margins (respondent r4)",
        "line 6: the feature 'area' is in the margins but the respondents have no column for it",
    ]
