"""A wave's weighted results: the submitted responses joined to the members' profiles by
pseudonym, raked to the panel's margins (``publicbenefit.core.weighting``), with the convergence
report, the design effect and effective sample size; then, for each closed question, weighted
percentages with 95% intervals beside unweighted counts, optionally cross-tabulated by a profile
feature; weighted means for numeric questions; a count for free text. Small cells are suppressed
by the core (primary and complementary) and every table here, on the page or exported, shows only
what the core returned. Exports: CSV (cells made safe for spreadsheets) and JSON.

When respondents do not fit the margins (a profile lacks a feature, has a value the margins lack,
or a margin has no respondents), the results are shown unweighted and ``Weighting.problems`` says
which and how many, instead of failing.
"""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np

from publicbenefit.common.csv_safety import csv_text
from publicbenefit.core.weighting import (
    Cell,
    ImpossibleMarginError,
    Margins,
    PercentageTable,
    Respondents,
    WeightingProblemsError,
    crosstab,
    design_effect,
    effective_sample_size,
    fit_problems,
    rake,
    weighted_percentages,
)
from publicbenefit.core.weighting.statistics import z_value
from publicbenefit.panels.models import Member, ProfileFeature, Wave
from publicbenefit.panels.selectors.margins import core_margins, features
from publicbenefit.surveys.acceptability import MODULE_KINDS
from publicbenefit.surveys.models import Response, SurveyQuestion

Kind = SurveyQuestion.Kind
#: The trimming cap used unless the page asks for another.
DEFAULT_TRIM_MAX = 5.0
CONFIDENCE = 0.95
NOT_GIVEN_LABEL = "Not given"
_CHOSEN, _NOT_CHOSEN = "chosen", "not chosen"
_PERCENT = 100.0


@dataclass(frozen=True)
class Weighting:
    """How the respondents were weighted, or why they could not be."""

    respondents: int
    weighted: bool
    problems: tuple[str, ...]
    iterations: int | None
    converged: bool | None
    max_margin_error: float | None
    trim_max: float | None
    trimmed: int
    design_effect: float
    effective_sample_size: float


@dataclass(frozen=True)
class Line:
    """One row of a table and one bar of its chart."""

    label: str
    cell: Cell


@dataclass(frozen=True)
class Block:
    """A table of percentages: overall (``group`` is ``None``) or one group of a cross-tab."""

    group: str | None
    lines: tuple[Line, ...]
    base: int | None
    effective_base: float | None
    design_effect: float | None

    @property
    def suppressed(self) -> bool:
        return self.base is None


@dataclass(frozen=True)
class Mean:
    """A weighted mean with its 95% interval, or ``None`` for each when suppressed."""

    group: str | None
    base: int | None
    mean: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class Part:
    """A question's results, or one statement's for a grid question. ``blocks`` holds the
    overall table first, then one per group when cross-tabulated."""

    title: str
    blocks: tuple[Block, ...] = ()
    means: tuple[Mean, ...] = ()
    text_answers: int | None = None


@dataclass(frozen=True)
class QuestionResult:
    number: int
    question: SurveyQuestion
    parts: tuple[Part, ...]
    #: For multiple choice: the percentages are of those answering who chose each option.
    multiple: bool = False


@dataclass(frozen=True)
class Results:
    wave: Wave
    weighting: Weighting
    by: ProfileFeature | None
    min_cell: int
    questions: tuple[QuestionResult, ...]


@dataclass(frozen=True)
class _Respondent:
    pseudonym: str
    profile: dict[str, Any]
    answers: dict[str, Any]


def _respondents(wave: Wave) -> list[_Respondent]:
    rows = (
        Response.objects.filter(submitted_at__isnull=False, invitation__wave_invitation__wave=wave)
        .select_related("invitation")
        .order_by("pk")
    )
    profiles = dict(
        Member.objects.filter(invitations__wave=wave).values_list("pseudonym", "profile")
    )
    return [
        _Respondent(
            row.invitation.respondent,
            profiles.get(row.invitation.respondent) or {},
            row.answers or {},
        )
        for row in rows
    ]


def profile_text(value: Any) -> str:
    """A profile value as text ("" when the member did not give one)."""
    return "" if value is None else str(value).strip()


def _weighting(
    respondents: list[_Respondent], margins: Margins, trim_max: float | None
) -> tuple[np.ndarray, Weighting]:
    size = len(respondents)
    ones = np.ones(size)
    problems: list[str] = []
    if not margins.features:
        problems.append("The panel has no population margins, so the results are unweighted.")
    for feature in margins.features:
        lacking = sum(not profile_text(item.profile.get(feature)) for item in respondents)
        if lacking:
            problems.append(
                f"{feature}: {lacking} respondent{'s' * (lacking != 1)} gave no answer, so "
                "cannot be weighted."
            )
    if not problems and size:
        frame = Respondents.from_values(
            [item.pseudonym for item in respondents],
            {
                feature: [profile_text(item.profile.get(feature)) for item in respondents]
                for feature in margins.features
            },
        )
        problems += [problem.reason for problem in fit_problems(frame, margins)]
        if not problems:
            try:
                result = rake(frame, margins, trim_max=trim_max)
            except (ImpossibleMarginError, WeightingProblemsError) as error:
                problems += [problem.reason for problem in error.problems]
            else:
                weights = result.weights
                return weights, Weighting(
                    respondents=size,
                    weighted=True,
                    problems=(),
                    iterations=result.iterations,
                    converged=result.converged,
                    max_margin_error=result.max_margin_error,
                    trim_max=trim_max,
                    trimmed=result.trimmed,
                    design_effect=design_effect(weights),
                    effective_sample_size=effective_sample_size(weights),
                )
    return ones, Weighting(
        respondents=size,
        weighted=False,
        problems=tuple(problems),
        iterations=None,
        converged=None,
        max_margin_error=None,
        trim_max=trim_max,
        trimmed=0,
        design_effect=1.0,
        effective_sample_size=float(size),
    )


def _block(group: str | None, table: PercentageTable, labels: dict[str, str]) -> Block:
    return Block(
        group=group,
        lines=tuple(Line(labels.get(cell.category, cell.category), cell) for cell in table.cells),
        base=table.base,
        effective_base=table.effective_base,
        design_effect=table.design_effect,
    )


class _Tabulator:
    """Tables for one wave's respondents, with the weights and the cross-tab groups fixed."""

    def __init__(
        self,
        weights: np.ndarray,
        by_values: list[str] | None,
        group_order: list[str],
        group_labels: dict[str, str],
        min_cell: int,
    ) -> None:
        self.weights = weights
        self.by_values = by_values
        self.group_order = group_order
        self.group_labels = group_labels
        self.min_cell = min_cell

    def blocks(
        self, answers: Sequence[str | None], categories: list[str], labels: dict[str, str]
    ) -> tuple[Block, ...]:
        given = {answer for answer in answers if answer is not None}
        order = categories + sorted(given - set(categories))
        if self.by_values is None:
            table = weighted_percentages(
                answers,
                self.weights,
                categories=order,
                min_count=self.min_cell,
                confidence=CONFIDENCE,
            )
            return (_block(None, table, labels),)
        tab = crosstab(
            answers,
            self.weights,
            by=self.by_values,
            feature="group",
            categories=order,
            groups=self.group_order,
            min_count=self.min_cell,
            confidence=CONFIDENCE,
        )
        return (
            _block(None, tab.total, labels),
            *(
                _block(self.group_labels.get(group.value, group.value), group.table, labels)
                for group in tab.groups
            ),
        )

    def multiple(
        self, chosen: list[list[str] | None], options: list[str], labels: dict[str, str]
    ) -> tuple[Block, ...]:
        # Each option is its own yes/no question among those who answered; its "chosen" cell
        # (suppressed as the core decided for that option) is one line of the result.
        per_option = []
        for option in options:
            answers = [
                None if picks is None else (_CHOSEN if option in picks else _NOT_CHOSEN)
                for picks in chosen
            ]
            per_option.append(self.blocks(answers, [_CHOSEN, _NOT_CHOSEN], {}))
        if not per_option:
            return ()
        return tuple(
            Block(
                group=per_option[0][index].group,
                lines=tuple(
                    Line(labels.get(option, option), blocks[index].lines[0].cell)
                    for option, blocks in zip(options, per_option, strict=True)
                ),
                base=per_option[0][index].base,
                effective_base=per_option[0][index].effective_base,
                design_effect=per_option[0][index].design_effect,
            )
            for index in range(len(per_option[0]))
        )

    def means(self, values: list[float | None]) -> tuple[Mean, ...]:
        groups: list[tuple[str | None, list[bool]]] = [(None, [True] * len(values))]
        if self.by_values is not None:
            groups += [
                (
                    self.group_labels.get(group, group),
                    [value == group for value in self.by_values],
                )
                for group in self.group_order
            ]
        return tuple(self._mean(label, values, chosen) for label, chosen in groups)

    def _mean(self, label: str | None, values: list[float | None], chosen: list[bool]) -> Mean:
        kept = [
            (value, weight)
            for value, weight, keep in zip(values, self.weights.tolist(), chosen, strict=True)
            if keep and value is not None
        ]
        if not kept or len(kept) < self.min_cell:
            return Mean(label, None, None, None, None)
        array = np.array([value for value, _weight in kept])
        weights = np.array([weight for _value, weight in kept])
        mean = float(np.average(array, weights=weights))
        variance = float(np.average((array - mean) ** 2, weights=weights))
        n_eff = effective_sample_size(weights)
        half = z_value(CONFIDENCE) * math.sqrt(variance / n_eff) if n_eff > 0 else 0.0
        return Mean(label, len(kept), mean, mean - half, mean + half)


def _number(value: Any) -> float | None:
    try:
        number = float(Decimal(profile_text(value)))
    except (InvalidOperation, ValueError):
        return None
    return number if math.isfinite(number) else None


def _options(options: list[dict[str, Any]]) -> tuple[list[str], dict[str, str]]:
    values = [str(option["value"]) for option in options]
    return values, {
        str(option["value"]): str(option.get("label", option["value"])) for option in options
    }


def _question_result(
    number: int, question: SurveyQuestion, respondents: list[_Respondent], tab: _Tabulator
) -> QuestionResult:
    key = str(question.pk)
    raw = [item.answers.get(key) for item in respondents]
    categories, labels = _options(question.choices or [])
    if question.kind in {Kind.SINGLE, Kind.LIKERT, Kind.FRAMEWORK_SCALE}:
        answers = [profile_text(answer) or None for answer in raw]
        return QuestionResult(
            number, question, (Part(question.text, blocks=tab.blocks(answers, categories, labels)),)
        )
    if question.kind == Kind.MULTIPLE:
        chosen = [
            [str(item) for item in answer] if isinstance(answer, list) and answer else None
            for answer in raw
        ]
        extra = sorted({pick for picks in chosen if picks for pick in picks} - set(categories))
        return QuestionResult(
            number,
            question,
            (Part(question.text, blocks=tab.multiple(chosen, categories + extra, labels)),),
            multiple=True,
        )
    if question.kind == Kind.GRID:
        rows, row_labels = _options(question.rows or [])
        parts = []
        for row in rows:
            answers = [
                profile_text(answer.get(row)) or None if isinstance(answer, dict) else None
                for answer in raw
            ]
            parts.append(Part(row_labels[row], blocks=tab.blocks(answers, categories, labels)))
        return QuestionResult(number, question, tuple(parts))
    if question.kind == Kind.NUMBER:
        return QuestionResult(
            number, question, (Part(question.text, means=tab.means([_number(a) for a in raw])),)
        )
    count = sum(bool(profile_text(answer)) for answer in raw)
    shown = count if count >= tab.min_cell else None
    return QuestionResult(number, question, (Part(question.text, text_answers=shown),))


def weighted_respondents(
    *, wave: Wave, trim_max: float | None = DEFAULT_TRIM_MAX
) -> tuple[list[_Respondent], np.ndarray, Weighting]:
    """The wave's respondents (pseudonym, profile, answers), their survey weights raked to the
    panel's margins, and the weighting report: the one raking every result of a wave uses."""
    respondents = _respondents(wave)
    weights, weighting = _weighting(respondents, core_margins(panel=wave.panel), trim_max)
    return respondents, weights, weighting


def wave_results(*, wave: Wave, trim_max: float | None = DEFAULT_TRIM_MAX, by: str = "") -> Results:
    """The wave's weighted results, cross-tabulated by the profile feature ``by`` if it is one
    of the panel's (otherwise not). Raises ``publicbenefit.core.weighting.
    WeightingSettingsError`` for a trimming cap of 1 or less."""
    panel = wave.panel
    respondents, weights, weighting = weighted_respondents(wave=wave, trim_max=trim_max)
    feature = next((item for item in features(panel=panel) if item.key == by), None) if by else None
    by_values = None
    group_order: list[str] = []
    group_labels: dict[str, str] = {}
    if feature is not None:
        by_values = [profile_text(item.profile.get(feature.key)) for item in respondents]
        group_labels = {value.value: value.label for value in feature.values.all()}
        seen = Counter(by_values)
        group_order = [*group_labels, *sorted(set(seen) - set(group_labels) - {""})]
        if "" in seen:
            group_order.append("")
            group_labels[""] = NOT_GIVEN_LABEL
    tab = _Tabulator(weights, by_values, group_order, group_labels, panel.min_cell)
    # The acceptability module's answers are read together, on the wave's acceptability page.
    questions = list(wave.survey.questions.exclude(kind__in=MODULE_KINDS).order_by("order", "pk"))
    return Results(
        wave=wave,
        weighting=weighting,
        by=feature,
        min_cell=panel.min_cell,
        questions=tuple(
            _question_result(number, question, respondents, tab)
            for number, question in enumerate(questions, start=1)
        ),
    )


CSV_HEADER = (
    "question_number",
    "question",
    "statement",
    "group_feature",
    "group",
    "category",
    "unweighted_count",
    "weighted_percent",
    "ci_low",
    "ci_high",
    "mean",
    "base",
    "effective_base",
    "suppressed",
)


def _round(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)


def result_rows(results: Results) -> list[dict[str, Any]]:
    """Every figure of the results as flat rows (one per cell, mean or free-text count), with
    suppressed cells empty and marked, for the CSV and JSON exports."""
    rows: list[dict[str, Any]] = []
    by = results.by.key if results.by else ""
    for question in results.questions:
        for part in question.parts:
            statement = part.title if question.question.kind == Kind.GRID else ""
            common = {
                "question_number": question.number,
                "question": question.question.text,
                "statement": statement,
            }
            for block in part.blocks:
                for line in block.lines:
                    cell = line.cell
                    rows.append(
                        {
                            **common,
                            "group_feature": by if block.group is not None else "",
                            "group": block.group or "",
                            "category": line.label,
                            "unweighted_count": cell.count if not cell.suppressed else None,
                            "weighted_percent": _round(cell.percent),
                            "ci_low": _round(cell.low),
                            "ci_high": _round(cell.high),
                            "mean": None,
                            "base": block.base,
                            "effective_base": _round(block.effective_base, 1),
                            "suppressed": cell.suppression.value if cell.suppression else "",
                        }
                    )
            for mean in part.means:
                rows.append(
                    {
                        **common,
                        "group_feature": by if mean.group is not None else "",
                        "group": mean.group or "",
                        "category": "",
                        "unweighted_count": None,
                        "weighted_percent": None,
                        "ci_low": _round(mean.low),
                        "ci_high": _round(mean.high),
                        "mean": _round(mean.mean),
                        "base": mean.base,
                        "effective_base": None,
                        "suppressed": "small" if mean.base is None else "",
                    }
                )
            if question.question.kind == Kind.FREE_TEXT:
                rows.append(
                    {
                        **common,
                        "group_feature": "",
                        "group": "",
                        "category": "answers given",
                        "unweighted_count": part.text_answers,
                        "weighted_percent": None,
                        "ci_low": None,
                        "ci_high": None,
                        "mean": None,
                        "base": None,
                        "effective_base": None,
                        "suppressed": "small" if part.text_answers is None else "",
                    }
                )
    return rows


def results_csv(results: Results) -> str:
    """The results as CSV, one row per figure, every cell safe to open in a spreadsheet."""
    return csv_text(
        CSV_HEADER,
        (
            ["" if row[name] is None else row[name] for name in CSV_HEADER]
            for row in result_rows(results)
        ),
    )


def results_json(results: Results) -> dict[str, Any]:
    """The results as a JSON-ready mapping: the weighting report, then every figure."""
    weighting = results.weighting
    return {
        "wave": results.wave.name,
        "survey": results.wave.survey.title,
        "confidence": CONFIDENCE,
        "smallest_cell_shown": results.min_cell,
        "weighting": {
            "respondents": weighting.respondents,
            "weighted": weighting.weighted,
            "problems": list(weighting.problems),
            "iterations": weighting.iterations,
            "converged": weighting.converged,
            "max_margin_error": weighting.max_margin_error,
            "trim_max": weighting.trim_max,
            "trimmed": weighting.trimmed,
            "design_effect": round(weighting.design_effect, 4),
            "effective_sample_size": round(weighting.effective_sample_size, 2),
        },
        "cross_tabulated_by": results.by.key if results.by else None,
        "rows": result_rows(results),
    }
