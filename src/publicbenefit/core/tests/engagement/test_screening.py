"""Screening: each shipped rule fires on its fact or answer and not without it, adding a risk never
lowers the required depth, bad input is refused and malformed rule files are refused with the
line and the reason."""

from collections.abc import Mapping
from dataclasses import dataclass, field

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from publicbenefit.core import Special
from publicbenefit.core.engagement import (
    Depth,
    FactKind,
    ScreeningInputError,
    ScreeningRules,
    ScreeningRulesInvalidError,
    screen,
)
from publicbenefit.core.engagement.conditions import AnswerValue, FactValue
from publicbenefit.core.errors import YamlSyntaxError
from publicbenefit.data import (
    default_framework,
    default_screening_rules,
    load_screening_rules,
    screening_rules_schema,
    screening_rules_text,
)


@dataclass(frozen=True)
class Case:
    facts: Mapping[str, FactValue] = field(default_factory=dict)
    answers: Mapping[str, AnswerValue] = field(default_factory=dict)
    band: str | None = None


# For each rule: an input that fires it, and a near miss that does not.
CASES: dict[str, tuple[Case, Case]] = {
    "special_category_data": (
        Case({"special_category_data": True}),
        Case({"special_category_data": False, "childrens_data": True}),
    ),
    "criminal_offence_data": (
        Case({"criminal_offence_data": True}),
        Case({"criminal_offence_data": False}),
    ),
    "childrens_data": (Case({"childrens_data": True}), Case({"childrens_data": False})),
    "linking_datasets": (Case({"links_datasets": True}), Case({"links_datasets": False})),
    "individual_prediction_or_automated_decisions": (
        Case({"automated_decisions": "supports_a_person"}),
        Case({"automated_decisions": "none", "individual_predictive_modelling": False}),
    ),
    "at_risk_groups_heard": (
        Case({"targets_at_risk_groups": True}),
        Case({"targets_at_risk_groups": False, "stigma_risk": True}),
    ),
    "at_risk_groups_stigma": (
        Case({"targets_at_risk_groups": True}, {"1.4": 2}),
        Case({"targets_at_risk_groups": True, "stigma_risk": False}, {"1.4": 3}),
    ),
    "without_consent": (Case({"without_consent": True}), Case({"without_consent": False})),
    "punitive_use": (Case({"punitive_use": True}), Case({"punitive_use": False})),
    "large_scale": (Case({"people_affected": 100_000}), Case({"people_affected": 99_999})),
    "new_technology": (Case({"new_technology": True}), Case({"new_technology": False})),
    "incompatible_purpose": (
        Case(answers={"3.5": 2}),
        Case({"incompatible_purpose": False}, {"3.5": 3}),
    ),
    "punitive_answer": (
        Case(answers={"1.3": Special.DONT_KNOW}),
        Case(answers={"1.3": Special.NOT_APPLICABLE}),
    ),
    "stigma_answer": (Case(answers={"1.4": 1}), Case(answers={"1.4": 2})),
    "band_may_not_be_public_benefit": (
        Case(band="may_not_be_public_benefit"),
        Case(band="some_issues"),
    ),
    "band_some_issues": (Case(band="some_issues"), Case(band="likely_public_benefit")),
}


def fired(rules: ScreeningRules, case: Case) -> set[str]:
    result = screen(rules, case.facts, case.answers, case.band)
    return {rule.rule_id for rule in result.fired}


def test_every_shipped_rule_has_a_case() -> None:
    assert sorted(rule.id for rule in default_screening_rules().rules) == sorted(CASES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_each_rule_fires_on_its_fact_and_not_on_the_near_miss(rule_id: str) -> None:
    rules = default_screening_rules()
    firing, near_miss = CASES[rule_id]
    assert rule_id in fired(rules, firing)
    assert rule_id not in fired(rules, near_miss)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_a_fired_rule_says_why_citing_what_fired_it(rule_id: str) -> None:
    rules = default_screening_rules()
    result = screen(
        rules, CASES[rule_id][0].facts, CASES[rule_id][0].answers, CASES[rule_id][0].band
    )
    rule = next(rule for rule in result.fired if rule.rule_id == rule_id)
    assert rule.evidence
    assert "{" not in rule.why
    assert rule.minimum_depth is rules.rule(rule_id).minimum_depth
    assert result.minimum_depth.rank >= rule.minimum_depth.rank
    assert result.dpia_required or not rule.dpia_required


# A rule that fires in more than one way (an `any`) is shown firing each other way too, with the
# evidence it cites; and a rule that needs two things at once (an `all`) is not fired by one alone.
OTHER_WAYS: list[tuple[str, Case, str]] = [
    (
        "individual_prediction_or_automated_decisions",
        Case({"individual_predictive_modelling": True}),
        "individual predictive modelling: yes",
    ),
    (
        "individual_prediction_or_automated_decisions",
        Case({"automated_decisions": "solely_automated"}),
        "automated decisions: solely automated",
    ),
    (
        "at_risk_groups_stigma",
        Case({"targets_at_risk_groups": True, "stigma_risk": True}),
        "stigma risk: yes",
    ),
    (
        "incompatible_purpose",
        Case({"incompatible_purpose": True}),
        "incompatible purpose: yes",
    ),
]
OTHER_NEAR_MISSES: list[tuple[str, Case]] = [
    # Stigma without targeting an "at risk" group is the stigma_answer rule's, not this one's.
    ("at_risk_groups_stigma", Case({"stigma_risk": True}, {"1.4": 1})),
    ("incompatible_purpose", Case(answers={"3.5": Special.NOT_APPLICABLE})),
    ("individual_prediction_or_automated_decisions", Case({"automated_decisions": "none"})),
]


@pytest.mark.parametrize(
    ("rule_id", "case", "evidence"),
    OTHER_WAYS,
    ids=[f"{rule_id}-{evidence}" for rule_id, _, evidence in OTHER_WAYS],
)
def test_a_rule_fires_each_way_it_can_citing_what_fired_it(
    rule_id: str, case: Case, evidence: str
) -> None:
    result = screen(default_screening_rules(), case.facts, case.answers, case.band)
    rule = next((rule for rule in result.fired if rule.rule_id == rule_id), None)
    assert rule is not None, rule_id
    assert evidence in rule.evidence
    assert evidence in rule.why


@pytest.mark.parametrize(("rule_id", "case"), OTHER_NEAR_MISSES)
def test_a_rule_does_not_fire_on_its_other_near_misses(rule_id: str, case: Case) -> None:
    assert rule_id not in fired(default_screening_rules(), case)


def test_the_bands_are_the_framework_outcomes_left_to_right() -> None:
    assert default_screening_rules().bands == tuple(
        outcome.id for outcome in default_framework().outcomes
    )


def test_nothing_risky_needs_only_the_baseline_and_no_dpia() -> None:
    result = screen(default_screening_rules(), {}, None, None)
    assert result.minimum_depth is Depth.INFORM
    assert not result.dpia_required
    assert result.fired == ()
    assert "special_category_data" in result.facts_not_given


def test_a_predictive_modelling_proposal_needs_deliberation_and_a_dpia() -> None:
    result = screen(
        default_screening_rules(),
        {"individual_predictive_modelling": True, "childrens_data": True, "people_affected": 5000},
        {"1.4": 2},
        "some_issues",
    )
    assert result.minimum_depth is Depth.DELIBERATE
    assert result.dpia_required
    assert [rule.rule_id for rule in result.deciding] == [
        "individual_prediction_or_automated_decisions"
    ]
    assert "individual predictive modelling: yes" in result.deciding[0].why


def test_the_large_scale_why_cites_the_number() -> None:
    result = screen(default_screening_rules(), {"people_affected": 250_000})
    (rule,) = result.fired
    assert "250,000 people" in rule.why
    assert rule.evidence == ("people affected: 250,000 (at least 100,000)",)


def test_bad_input_is_refused_with_every_problem() -> None:
    with pytest.raises(ScreeningInputError) as raised:
        screen(
            default_screening_rules(),
            {
                "special_category_data": "yes",
                "people_affected": -1,
                "unknown": True,
                "automated_decisions": "sometimes",
            },
            {"1.1": 0},
            "great",
        )
    locations = {problem.location for problem in raised.value.problems}
    assert locations == {
        "facts.special_category_data",
        "facts.people_affected",
        "facts.unknown",
        "facts.automated_decisions",
        "answers.1.1",
        "band",
    }


# --- adding a risk never lowers the required depth -------------------------------------------

RULES = default_screening_rules()
QUESTION_IDS = ["1.1", "1.3", "1.4", "3.2", "3.5"]
ANSWERS = st.one_of(st.integers(1, 4), st.sampled_from(list(Special)))


def fact_value(name: str) -> st.SearchStrategy[FactValue]:
    fact = RULES.fact(name)
    if fact.kind is FactKind.YES_NO:
        return st.booleans()
    if fact.kind is FactKind.COUNT:
        return st.sampled_from([0, 5_000, 99_999, 100_000, 2_000_000])
    return st.sampled_from(fact.choices)


PROPOSALS = st.fixed_dictionaries(
    {},
    optional={fact.name: fact_value(fact.name) for fact in RULES.facts},
)


def riskier(facts: dict[str, FactValue], name: str) -> dict[str, FactValue]:
    fact = RULES.fact(name)
    value = facts.get(name)
    if fact.kind is FactKind.YES_NO:
        return {**facts, name: True}
    if fact.kind is FactKind.COUNT:
        return {**facts, name: int(value or 0) * 2 + 100_000}
    index = fact.choices.index(str(value)) if value is not None else 0
    return {**facts, name: fact.choices[min(index + 1, len(fact.choices) - 1)]}


def lower(answer: AnswerValue | None) -> AnswerValue:
    if isinstance(answer, int) and answer > 1:
        return answer - 1
    return Special.DONT_KNOW if answer is Special.NOT_APPLICABLE or answer is None else 1


@settings(max_examples=300, deadline=None)
@given(
    facts=PROPOSALS,
    answers=st.dictionaries(st.sampled_from(QUESTION_IDS), ANSWERS),
    band=st.sampled_from([None, *RULES.bands]),
    change=st.one_of(
        st.tuples(st.just("fact"), st.sampled_from([fact.name for fact in RULES.facts])),
        st.tuples(st.just("answer"), st.sampled_from(QUESTION_IDS)),
        st.tuples(st.just("band"), st.just("")),
    ),
)
def test_adding_a_risk_never_lowers_the_depth_or_removes_the_dpia(
    facts: dict[str, FactValue],
    answers: dict[str, AnswerValue],
    band: str | None,
    change: tuple[str, str],
) -> None:
    before = screen(RULES, facts, answers, band)
    kind, name = change
    if kind == "fact":
        facts = riskier(facts, name)
    elif kind == "answer":
        answers = {**answers, name: lower(answers.get(name))}
    else:
        band = RULES.bands[max(RULES.bands.index(band) - 1, 0)] if band else RULES.bands[-1]
    after = screen(RULES, facts, answers, band)
    assert after.minimum_depth.rank >= before.minimum_depth.rank
    assert after.dpia_required or not before.dpia_required
    assert {rule.rule_id for rule in before.fired} <= {rule.rule_id for rule in after.fired}


# --- malformed rule files are refused with the line and the reason ----------------------------


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def refused(text: str) -> ScreeningRulesInvalidError:
    with pytest.raises(ScreeningRulesInvalidError) as raised:
        load_screening_rules(text)
    return raised.value


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (
            "when: {fact: criminal_offence_data, equals: true}",
            "when: {fact: criminal_offence_data, equals: false}",
            "'equals' may only test for true",
        ),
        (
            "when: {fact: childrens_data, equals: true}",
            "when: {fact: children, equals: true}",
            "'children' is not a declared fact",
        ),
        (
            "when: {fact: new_technology, equals: true}",
            "when: {fact: new_technology, at_least: 1}",
            "'at_least' tests a count fact, but 'new_technology' is a yes_no fact",
        ),
        (
            "when: {fact: without_consent, equals: true}",
            "when: {fact: without_consent, is: true}",
            "it must be one of",
        ),
        (
            "when: {fact: punitive_use, equals: true}",
            'when: {answer: "9.9", at_most: 1}',
            "'9.9' is not a question of the framework",
        ),
        (
            "when: {band_at_most: some_issues}",
            "when: {band_at_most: middling}",
            "'middling' is not one of the bands",
        ),
        (
            "- {fact: automated_decisions, any_of: [supports_a_person, solely_automated]}",
            "- {fact: automated_decisions, any_of: [supports_a_person]}",
            "'any_of' must list every choice from its least risky one to the riskiest",
        ),
        (
            "- {fact: automated_decisions, any_of: [supports_a_person, solely_automated]}",
            "- {fact: automated_decisions, any_of: [none, supports_a_person, solely_automated]}",
            "'any_of' includes 'none', the least risky choice",
        ),
        (
            "minimum_depth: consult\n    dpia_required: false",
            "minimum_depth: engage\n    dpia_required: false",
            "'engage' is not one of",
        ),
        (
            "(links datasets: {links_datasets})",
            "(links datasets: {linked})",
            "the why names '{linked}'",
        ),
    ],
)
def test_a_malformed_rule_is_refused_with_its_line_and_reason(
    old: str, new: str, reason: str
) -> None:
    text = screening_rules_text()
    assert old in text
    changed = text.replace(old, new, 1)
    error = refused(changed)
    (problem,) = error.problems
    assert reason in problem.reason
    assert problem.line == line_of(changed, new.split("\n", maxsplit=1)[0])
    assert f"line {problem.line}" in str(error)


def test_the_rules_file_is_versioned_and_checked_against_its_schema() -> None:
    text = screening_rules_text()
    schema = screening_rules_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(text), schema)
    assert default_screening_rules().version == "2026.1"
    unversioned = text.replace('version: "2026.1"\n', "", 1)
    (problem,) = refused(unversioned).problems
    assert problem.reason == "'version' is missing"
    assert problem.line is not None
    (problem,) = refused(text.replace("baseline: inform", "baseline: inform\nsurprise: 1")).problems
    assert "'surprise' was unexpected" in problem.reason
    assert problem.line is not None


def test_a_repeated_rule_id_names_both_lines() -> None:
    text = screening_rules_text().replace("- id: new_technology", "- id: punitive_use", 1)
    (problem,) = refused(text).problems
    first = line_of(text, "- id: punitive_use")
    assert f"(first at line {first})" in problem.reason
    assert problem.line is not None
    assert problem.line > first


def test_a_file_that_is_not_yaml_is_refused_with_its_line() -> None:
    text = screening_rules_text().replace("baseline: inform", "baseline: [inform", 1)
    with pytest.raises(YamlSyntaxError) as raised:
        load_screening_rules(text)
    assert raised.value.problems[0].line is not None


def test_a_missing_field_is_refused_at_the_rule() -> None:
    text = screening_rules_text()
    changed = text.replace('    source: "ICO list (innovative technology); depth ours"\n', "", 1)
    (problem,) = refused(changed).problems
    assert problem.reason == "'source' is missing"
    assert problem.line == line_of(changed, "- id: new_technology")
