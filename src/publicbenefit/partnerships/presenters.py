"""Turns the core's divergence into the rows of the partnership page."""

from dataclasses import dataclass

from publicbenefit.assessments.presenters import core_value_label, number, value_label
from publicbenefit.core import Question
from publicbenefit.partnerships.models import AgreedPosition
from publicbenefit.partnerships.selectors import PartnershipView


@dataclass(frozen=True)
class DivergenceRow:
    rank: int
    question: Question
    cells: tuple[str, ...]
    spread: int
    deviation: str
    applicability_differs: bool
    agreed: str
    agreed_rationale: str


@dataclass(frozen=True)
class DivergenceTable:
    organisations: tuple[str, ...]
    outcomes: tuple[tuple[str, str, str], ...]
    rows: tuple[DivergenceRow, ...]
    elements: tuple[tuple[str, tuple[str, ...], str], ...]
    to_negotiate: int


def divergence_table(view: PartnershipView, agreed: dict[str, AgreedPosition]) -> DivergenceTable:
    framework, result = view.framework, view.divergence
    order = [outcome.organisation for outcome in result.outcomes]
    outcome_labels = {outcome.id: outcome.label for outcome in framework.outcomes}
    rows = []
    for item in result.questions:
        question = framework.question(item.question_id)
        by_organisation = {answer.organisation: answer for answer in item.answers}
        cells = tuple(
            core_value_label(framework, question, by_organisation[key].value) for key in order
        )
        settled = agreed.get(item.question_id)
        rows.append(
            DivergenceRow(
                rank=item.rank,
                question=question,
                cells=cells,
                spread=item.spread,
                deviation=f"{item.standard_deviation:.2f}",
                applicability_differs=item.applicability_differs,
                agreed=value_label(framework, question, settled.position, settled.special)
                if settled
                else "",
                agreed_rationale=settled.rationale if settled else "",
            )
        )
    elements = tuple(
        (
            "{0.number}. {0.text}".format(framework.element(item.element_id)),
            tuple(number(position.position) for position in item.positions),
            number(item.spread),
        )
        for item in result.elements
    )
    return DivergenceTable(
        organisations=tuple(view.organisation_names[key] for key in order),
        outcomes=tuple(
            (
                view.organisation_names[outcome.organisation],
                outcome_labels[outcome.outcome_id],
                number(outcome.score),
            )
            for outcome in result.outcomes
        ),
        rows=tuple(rows),
        elements=elements,
        to_negotiate=len(result.points_to_negotiate),
    )
