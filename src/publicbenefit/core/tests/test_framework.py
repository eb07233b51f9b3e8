"""Loading a framework: the shipped one loads; a broken one is refused whole, each problem with
its line and reason."""

from fractions import Fraction

import pytest

from publicbenefit.core import (
    FrameworkInvalidError,
    Problem,
    YamlSyntaxError,
    framework_from_dict,
    framework_from_yaml,
)
from publicbenefit.core.tests.scenarios import small_framework_dict
from publicbenefit.core.yamltext import parse_yaml
from publicbenefit.data import framework_schema, framework_text, load_framework

SHIPPED = framework_text()


def _line(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``needle``."""
    found = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    return found[occurrence - 1]


def _edit(old: str, new: str, count: int = 1) -> str:
    assert SHIPPED.count(old) >= count, old
    return SHIPPED.replace(old, new, count)


def _refusal(text: str) -> tuple[Problem, ...]:
    with pytest.raises(FrameworkInvalidError) as refused:
        framework_from_yaml(text, schema=framework_schema())
    return refused.value.problems


def test_the_shipped_framework_loads_with_its_scoring_rule() -> None:
    framework = framework_from_yaml(SHIPPED, schema=framework_schema())
    assert (framework.id, framework.version) == ("data-for-public-benefit", "2019.1")
    assert [threshold.min_score for threshold in framework.scoring.thresholds] == [2, 3]
    assert framework.scoring.dont_know_counts_as == 1
    assert framework.scoring.not_applicable_counts_as is None
    assert [cap.id for cap in framework.scoring.caps] == ["serious_concern"]
    assert {framework.scoring.weight(element.id) for element in framework.elements} == {1}


def test_a_question_missing_its_left_anchor_is_refused_at_the_question() -> None:
    text = _edit('    left_anchor: "Wide data sets shared without filtering"\n', "")
    (problem,) = _refusal(text)
    assert problem.line == _line(text, '- id: "3.1"')
    assert problem.location == "questions[7]"
    assert "'left_anchor' is missing" in problem.reason


def test_a_scale_missing_its_right_anchor_is_refused_at_the_position() -> None:
    text = _edit("      anchor: right\n", "")
    (problem,) = _refusal(text)
    assert problem.line == _line(text, "- value: 4")
    assert "missing its right anchor" in problem.reason


def test_a_duplicate_question_id_is_refused_at_the_second_with_the_first() -> None:
    text = _edit('  - id: "1.2"', '  - id: "1.1"')
    (problem,) = _refusal(text)
    assert problem.line == _line(text, '- id: "1.1"', occurrence=2)
    first = _line(text, '- id: "1.1"')
    assert problem.reason == f"duplicate question id '1.1' (first at line {first})"


def test_thresholds_out_of_order_are_refused_at_the_threshold() -> None:
    text = _edit("      min_score: 3\n", "      min_score: 1.5\n")
    (problem,) = _refusal(text)
    assert problem.line == _line(text, "min_score: 1.5")
    assert "thresholds are out of order" in problem.reason
    assert "(2)" in problem.reason


def test_an_unknown_element_is_refused_at_the_reference() -> None:
    text = _edit("    element: public_resources\n", "    element: public_resource\n")
    (problem,) = _refusal(text)
    assert problem.line == _line(text, "element: public_resource\n".strip())
    assert "unknown element 'public_resource'" in problem.reason


def test_every_problem_is_reported_in_line_order() -> None:
    text = _edit('  - id: "1.2"', '  - id: "1.1"').replace(
        "      min_score: 3\n", "      min_score: 9\n"
    )
    problems = _refusal(text)
    assert [problem.line for problem in problems] == sorted(
        problem.line or 0 for problem in problems
    )
    assert len(problems) == 2
    assert "at most 4" in problems[1].reason


@pytest.mark.parametrize(
    ("old", "new", "needle", "reason"),
    # ``needle`` finds the line of the problem: its last occurrence in the edited text.
    [
        ('version: "2019.1"', "version: 2019.1", "version: 2019.1", "is not of type 'string'"),
        ("    number: 5\n", "    number: 4\n", "number: 4", "duplicate element number '4'"),
        ("  dont_know: 1\n", "  dont_know: 5\n", "dont_know: 5", "not on the scale of 1 to 4"),
        ("    - value: 3\n", "    - value: 3\n      anchor: left\n", "anchor: left", "only"),
        (
            "      max_outcome: some_issues\n",
            "      max_outcome: likely_public_benefit\n",
            "max_outcome: likely",
            "would change nothing",
        ),
        (
            "      at_most_position: 1\n",
            "      at_most_position: 4\n",
            "at_most_position: 4",
            "would cap every proposal",
        ),
        (
            "    - outcome: some_issues\n",
            "    - outcome: likely_public_benefit\n",
            "thresholds:",
            "one threshold for each outcome after the first, in order",
        ),
        (
            "    visible_benefits: 1\n",
            "    visible_benefit: 1\n",
            "visible_benefit: 1",
            "unknown element 'visible_benefit'",
        ),
        (
            '    text: "Are the benefits tangible and measurable?"',
            '    text: ""',
            'text: ""',
            "empty",
        ),
    ],
)
def test_each_rule_is_refused_with_its_line(old: str, new: str, needle: str, reason: str) -> None:
    text = _edit(old, new)
    problems = _refusal(text)
    line = _line(text, needle, occurrence=text.count(needle))
    assert any(problem.line == line and reason in problem.reason for problem in problems), problems


def test_text_that_is_not_yaml_is_refused_with_its_line() -> None:
    text = _edit('title: "Framework', 'title: ["Framework')
    with pytest.raises(YamlSyntaxError) as refused:
        framework_from_yaml(text, schema=framework_schema())
    assert refused.value.problems[0].line is not None
    assert "not valid YAML" in str(refused.value)


def test_a_key_written_twice_is_refused_with_its_line() -> None:
    text = _edit("    number: 1\n", "    number: 1\n    number: 1\n")
    with pytest.raises(YamlSyntaxError) as refused:
        framework_from_yaml(text, schema=framework_schema())
    (problem,) = refused.value.problems
    assert problem.line == _line(text, "number: 1", occurrence=2)
    assert problem.reason == "the key 'number' appears twice"


def test_a_mapping_is_refused_naming_the_place_in_the_document() -> None:
    data = small_framework_dict(element_sizes=[1, 1])
    del data["scale"]["positions"][0]["anchor"]
    with pytest.raises(FrameworkInvalidError) as refused:
        framework_from_dict(data, schema=framework_schema())
    (problem,) = refused.value.problems
    assert problem.line is None
    assert problem.location == "scale.positions[0]"
    assert str(problem).startswith("scale.positions[0]: the scale is missing its left anchor")
    assert refused.value.error_code == "framework_invalid"
    assert refused.value.error_params["problems"] == [str(problem)]


def test_decimal_thresholds_and_weights_are_exact() -> None:
    data = small_framework_dict(element_sizes=[1, 1], thresholds=(2.1, 3.3), weights=(0.1, 0.2))
    framework = framework_from_dict(data, schema=framework_schema())
    assert framework.scoring.thresholds[1].min_score == Fraction(33, 10)
    assert framework.scoring.weight("e1") == Fraction(1, 10)


def test_question_ids_keep_the_text_written() -> None:
    document = parse_yaml("answers:\n  1.10: 3\n  1.1: 2\n")
    assert document.data == {"answers": {"1.10": 3, "1.1": 2}}
    assert document.line_of(("answers", "1.1")) == 3
    assert document.line_of(("answers", "9.9")) == 1


def test_an_alias_bomb_is_refused() -> None:
    layers = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    layers += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 6)]
    with pytest.raises(YamlSyntaxError, match="more than"):
        parse_yaml("\n".join(layers))


def test_a_version_number_ending_in_a_newline_is_refused() -> None:
    text = framework_text().replace('version: "2019.1"', 'version: "nl-1\\n"')
    assert text != framework_text()
    with pytest.raises(FrameworkInvalidError) as refused:
        load_framework(text)
    assert "line 11" in str(refused.value)
