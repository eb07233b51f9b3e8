"""The method chooser: options ranked with quoted reasons and trade-offs, options ruled out with
every constraint that rules them out (never an empty answer), and the cost model."""

from decimal import Decimal

import pytest

from publicbenefit.core.engagement import (
    ChooserInputError,
    Constraints,
    Control,
    Depth,
    MethodCatalogue,
    Quote,
    QuoteSource,
    Recommendation,
    choose,
    estimate_cost,
    record_choice,
)
from publicbenefit.data import default_methods

ALL_OPTIONS = {
    "citizens_jury",
    "citizens_panel",
    "distributed_dialogue",
    "panel_and_jury",
    "dialogue_and_panel",
    "dialogue_and_jury",
}


def generous(**changes: object) -> Constraints:
    values: dict[str, object] = {
        "weeks_available": 52,
        "budget": Decimal(200_000),
        "population": 250_000,
        "control": Control.A_LOT,
    }
    values.update(changes)
    return Constraints(**values)  # type: ignore[arg-type]


def quotes_of(recommendation: Recommendation) -> list[Quote]:
    found = [
        quote
        for option in recommendation.ranked
        for reason in (*option.reasons, *option.trade_offs)
        for quote in reason.quotes
    ]
    found += [
        quote
        for entry in recommendation.ruled_out
        for obstacle in entry.obstacles
        for quote in obstacle.reason.quotes
    ]
    return found


def is_verbatim(methods: MethodCatalogue, quote: Quote) -> bool:
    method = methods.method(quote.method_id)
    texts = {
        QuoteSource.APPENDIX_C_PRO: method.pros,
        QuoteSource.APPENDIX_C_CON: method.cons,
        QuoteSource.APPENDIX_D_POSITIVE: method.positives,
        QuoteSource.APPENDIX_D_NEGATIVE: method.negatives,
        QuoteSource.WORKSHOP_CONCLUSION: (method.workshop_conclusion,),
    }
    if quote.source is QuoteSource.DESCRIPTION:
        return any(quote.text in paragraph for paragraph in method.description)
    return quote.text in texts[quote.source]


def test_every_option_is_either_ranked_or_ruled_out() -> None:
    recommendation = choose(default_methods(), Depth.CONSULT, generous())
    ranked = {option.option.id for option in recommendation.ranked}
    ruled_out = {entry.option.id for entry in recommendation.ruled_out}
    assert ranked | ruled_out == ALL_OPTIONS
    assert not ranked & ruled_out
    assert [option.rank for option in recommendation.ranked] == list(
        range(1, len(recommendation.ranked) + 1)
    )


@pytest.mark.parametrize("depth", list(Depth))
@pytest.mark.parametrize("control", list(Control))
def test_every_quote_is_the_source_word_for_word(depth: Depth, control: Control) -> None:
    methods = default_methods()
    recommendation = choose(
        methods, depth, generous(control=control, representative=True, group_to_hear="Young carers")
    )
    quotes = quotes_of(recommendation)
    assert quotes
    assert all(is_verbatim(methods, quote) for quote in quotes)


def test_a_deliberative_need_with_a_specific_group_and_representative_results() -> None:
    recommendation = choose(
        default_methods(),
        Depth.DELIBERATE,
        generous(
            weeks_available=20,
            budget=Decimal(70_000),
            representative=True,
            group_to_hear="Families with young children",
            control=Control.SOME,
        ),
    )
    best = recommendation.best
    assert best is not None
    assert best.option.id == "panel_and_jury"
    assert "Citizens' Panel + Citizens' Jury fits best" in recommendation.summary
    texts = [str(reason) for reason in (*best.reasons, *best.trade_offs)]
    assert any("“Allows you to target specific groups if large enough;”" in text for text in texts)
    assert any("“Can exclude non-native speakers;”" in text for text in texts)
    assert any("£60,900 of the £70,000 budget" in text for text in texts)
    ruled_out = {entry.option.id: entry for entry in recommendation.ruled_out}
    jury = ruled_out["citizens_jury"]
    assert [obstacle.constraint for obstacle in jury.obstacles] == ["group"]
    assert "Small number of jurors means it is hard" in str(jury.obstacles[0].reason)
    panel = ruled_out["citizens_panel"]
    assert [obstacle.constraint for obstacle in panel.obstacles] == ["minimum_depth"]


def test_a_body_sharing_no_control_gets_the_panel() -> None:
    recommendation = choose(default_methods(), Depth.CONSULT, generous(control=Control.NONE))
    assert [option.option.id for option in recommendation.ranked] == ["citizens_panel"]
    for entry in recommendation.ruled_out:
        assert "control" in [obstacle.constraint for obstacle in entry.obstacles]


def test_representative_results_rule_out_the_dialogue_alone_with_its_cons() -> None:
    recommendation = choose(default_methods(), Depth.DELIBERATE, generous(representative=True))
    entry = next(e for e in recommendation.ruled_out if e.option.id == "distributed_dialogue")
    (obstacle,) = entry.obstacles
    assert obstacle.constraint == "representative"
    assert "“Question of lack of control may make results less robust.”" in str(obstacle.reason)


def test_impossible_budget_and_dates_explain_every_option() -> None:
    recommendation = choose(
        default_methods(),
        Depth.DELIBERATE,
        Constraints(weeks_available=2, budget=Decimal(1000), population=50, control=Control.NONE),
    )
    assert recommendation.best is None
    assert recommendation.ranked == ()
    assert {entry.option.id for entry in recommendation.ruled_out} == ALL_OPTIONS
    for entry in recommendation.ruled_out:
        constraints = [obstacle.constraint for obstacle in entry.obstacles]
        assert "time" in constraints
        assert "budget" in constraints
        assert entry.option.name in recommendation.summary
    assert recommendation.summary.startswith("No method or mix fits these constraints.")
    dialogue = next(e for e in recommendation.ruled_out if e.option.id == "distributed_dialogue")
    time = next(o for o in dialogue.obstacles if o.constraint == "time")
    assert "needs about 20 weeks; 2 are available" in time.reason.text
    assert "“Can take a long time to organise; not suitable when fast action is needed;”" in str(
        time.reason
    )


def test_only_the_budget_rules_everything_out() -> None:
    recommendation = choose(default_methods(), Depth.INFORM, generous(budget=Decimal(0)))
    assert recommendation.ranked == ()
    for entry in recommendation.ruled_out:
        assert [obstacle.constraint for obstacle in entry.obstacles] == ["budget"]
        assert "the budget is £0" in entry.obstacles[0].reason.text


def test_a_small_population_rules_out_the_panel() -> None:
    recommendation = choose(default_methods(), Depth.CONSULT, generous(population=300))
    panel = next(e for e in recommendation.ruled_out if e.option.id == "citizens_panel")
    assert [obstacle.constraint for obstacle in panel.obstacles] == ["population"]
    assert "at least 2,000" in panel.obstacles[0].reason.text


def test_an_existing_panel_is_quicker_and_cheaper() -> None:
    methods = default_methods()
    new = choose(methods, Depth.CONSULT, generous(weeks_available=6))
    existing = choose(methods, Depth.CONSULT, generous(weeks_available=6, panel_exists=True))
    assert "citizens_panel" not in {option.option.id for option in new.ranked}
    panel = next(option for option in existing.ranked if option.option.id == "citizens_panel")
    assert panel.option.weeks == 4
    assert panel.option.cost == Decimal(19_600)


def test_the_ranking_is_ordered_by_score_then_cost() -> None:
    recommendation = choose(default_methods(), Depth.CONSULT, generous())
    keys = [(-option.score, option.option.cost) for option in recommendation.ranked]
    assert keys == sorted(keys)


def test_the_cost_model_defaults_and_working() -> None:
    jury = estimate_cost(default_methods().method("citizens_jury"))
    assert jury.total == Decimal(29_300)
    incentives = next(line for line in jury.lines if line.item_id == "incentives")
    assert incentives.working() == "£100 \u00d7 18 jurors \u00d7 4 days = £7,200"
    assert not incentives.overridden


def test_every_cost_figure_can_be_overridden() -> None:
    jury = default_methods().method("citizens_jury")
    estimate = estimate_cost(jury, {"jurors": 24, "incentives.unit_cost": Decimal("112.50")})
    incentives = next(line for line in estimate.lines if line.item_id == "incentives")
    assert incentives.amount == Decimal("10800.00")
    assert incentives.overridden
    recommendation = choose(
        default_methods(),
        Depth.DELIBERATE,
        generous(cost_overrides={"citizens_jury": {"staff_days": 0}}),
    )
    option = next(o for o in recommendation.ranked if o.option.id == "citizens_jury")
    assert option.option.cost == Decimal(29_300 - 10_500)


#: The figure that counts each method's participants.
PARTICIPANTS = {
    "citizens_jury": "jurors",
    "citizens_panel": "members",
    "distributed_dialogue": "participants_per_event",
}


@pytest.mark.parametrize("method_id", sorted(PARTICIPANTS))
def test_each_cost_model_costs_participants_incentives_facilitation_venues_and_staff_time(
    method_id: str,
) -> None:
    model = default_methods().method(method_id).cost_model
    items = {item.id: item for item in model.items}
    assert {"incentives", "facilitation", "venues", "staff_time"} <= set(items)
    assert PARTICIPANTS[method_id] in dict(model.parameters)
    assert any(PARTICIPANTS[method_id] in item.per for item in model.items)
    assert "staff_days" in items["staff_time"].per


def _every_figure() -> list[tuple[str, str, Decimal]]:
    """(method id, figure, its default) for every parameter and unit cost of every method."""
    return [
        (method.id, key, default)
        for method in default_methods().methods
        for key, default in (
            *method.cost_model.parameters,
            *((f"{item.id}.unit_cost", item.unit_cost) for item in method.cost_model.items),
        )
    ]


@pytest.mark.parametrize(("method_id", "figure", "default"), _every_figure())
def test_every_figure_of_every_cost_model_is_editable(
    method_id: str, figure: str, default: Decimal
) -> None:
    method = default_methods().method(method_id)
    before = estimate_cost(method)
    after = estimate_cost(method, {figure: Decimal(default) + 7})
    assert after.total != before.total, figure
    assert any(line.overridden for line in after.lines)
    assert not any(line.overridden for line in before.lines)


def test_bad_constraints_are_refused_with_every_problem() -> None:
    with pytest.raises(ChooserInputError) as raised:
        choose(
            default_methods(),
            Depth.CONSULT,
            generous(
                budget=Decimal(-1),
                cost_overrides={
                    "citizens_jury": {"jurors": -3, "pizza": 1},
                    "town_hall": {"days": 1},
                },
            ),
        )
    locations = [problem.location for problem in raised.value.problems]
    assert locations == [
        "budget",
        "cost_overrides.citizens_jury.jurors",
        "cost_overrides.citizens_jury.pizza",
        "cost_overrides.town_hall",
    ]


def test_taking_the_recommendation_needs_no_reason() -> None:
    recommendation = choose(default_methods(), Depth.CONSULT, generous())
    assert recommendation.best is not None
    choice = record_choice(recommendation, recommendation.best.option.id)
    assert choice.followed
    assert choice.reason is None
    assert choice.breaks == ()


def test_overriding_the_recommendation_needs_a_reason_and_keeps_what_it_breaks() -> None:
    recommendation = choose(default_methods(), Depth.DELIBERATE, generous(control=Control.NONE))
    with pytest.raises(ChooserInputError) as raised:
        record_choice(recommendation, "citizens_jury", reason="  ")
    assert raised.value.problems[0].location == "reason"
    choice = record_choice(
        recommendation, "citizens_jury", reason="The cabinet agreed to act on a jury's verdict."
    )
    assert not choice.followed
    assert [obstacle.constraint for obstacle in choice.breaks] == ["control"]
    with pytest.raises(ChooserInputError):
        record_choice(recommendation, "town_meeting", reason="Tradition.")


def test_a_mix_adds_its_costs_and_runs_its_parts_as_the_file_says() -> None:
    recommendation = choose(default_methods(), Depth.INFORM, generous())
    options = {entry.option.id: entry.option for entry in recommendation.ranked}
    assert options["dialogue_and_jury"].weeks == 20 + 10  # one after the other
    assert options["panel_and_jury"].weeks == 16  # side by side
    assert options["panel_and_jury"].cost == Decimal(31_600 + 29_300)
