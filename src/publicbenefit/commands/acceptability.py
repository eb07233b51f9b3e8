"""``publicbenefit acceptability``: the public acceptability score of a CSV of survey responses,
with the core alone (no database, no Django).

    publicbenefit acceptability responses.csv [--framework file.yaml]
        [--elicitation points|ranking] [--weights weights.csv] [--by COLUMN ...]
        [--assessment answers.yaml] [--min-count 10] [--resamples 2000] [--seed N] [--json]

It prints the score (0 to 100) with its 95% bootstrap interval, the number of participants and
the effective sample size, the answers to "Should this data sharing go ahead?", how confident
participants are, the recurring conditions, the score of each sub-group of each ``--by`` column
and, given the organisation's assessment (an answers file as for ``publicbenefit assess``), the
comparison element by element; ``--json`` prints the same as JSON. Without ``--seed`` a seed is
chosen and printed, so that the interval can be reproduced. A file that cannot be read or is
refused gives one line per problem on standard error, naming the file and the line, and exit
status 2. The formats and the method are in ``docs/acceptability.md``.
"""

import argparse
import json
import secrets
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, TextIO, TypeVar

import numpy as np

from publicbenefit import data
from publicbenefit.core import Framework, PublicBenefitError, answers_from_yaml, score
from publicbenefit.core.acceptability import (
    CONFIDENCE_LABELS,
    AcceptabilityReport,
    Elicitation,
    Score,
    Survey,
    acceptability_report,
    organisation_positions,
    responses_from_csv,
    survey_weights_from_csv,
    weights_for,
)
from publicbenefit.core.errors import ProblemsError
from publicbenefit.core.weighting import DEFAULT_MIN_COUNT, PercentageTable

EXIT_REFUSED = 2
PROGRAM = "publicbenefit acceptability"
DECISION_WORDS = {
    "yes": "Yes",
    "yes_with_conditions": "Yes, with conditions",
    "no": "No",
    "dont_know": "Don't know",
}

_Loaded = TypeVar("_Loaded")


class _RefusedError(Exception):
    """A file could not be read or was refused; ``lines`` are the messages to print."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = tuple(lines)


def main(argv: Sequence[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``acceptability`` with the arguments after the command name; returns the exit
    status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    arguments = _parser().parse_args(list(argv))
    seed = arguments.seed if arguments.seed is not None else secrets.randbits(32)
    try:
        framework = _framework(arguments.framework)
        elicitation = Elicitation(arguments.elicitation)
        survey = _read(
            arguments.responses,
            lambda text: responses_from_csv(text, framework, elicitation),
            "responses",
        )
        weights = _survey_weights(arguments, survey)
        _check_by(arguments, survey)
        positions = _positions(arguments.assessment, framework)
        report = acceptability_report(
            survey,
            rng=np.random.default_rng(seed),
            survey_weights=weights,
            by=arguments.by,
            organisation_positions=positions,
            resamples=arguments.resamples,
            min_count=arguments.min_count,
        )
    except _RefusedError as error:
        for line in error.lines:
            print(f"{PROGRAM}: {line}", file=stderr)
        return EXIT_REFUSED
    except PublicBenefitError as error:
        print(f"{PROGRAM}: {error}", file=stderr)
        return EXIT_REFUSED
    result = _as_json(report, seed, arguments.resamples)
    if arguments.json:
        json.dump(result, stdout, indent=2, ensure_ascii=False)
        stdout.write("\n")
    else:
        stdout.write(_as_text(result))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Score the public acceptability of a proposal (0 to 100) from survey "
        "responses, with a bootstrap 95%% interval, sub-groups, the decision shares, the "
        "recurring conditions and the comparison with the organisation's assessment.",
    )
    parser.add_argument("responses", type=Path, help="the responses (CSV, one row each)")
    parser.add_argument(
        "--framework", type=Path, help="a framework file (YAML) instead of the shipped framework"
    )
    parser.add_argument(
        "--elicitation",
        choices=[kind.value for kind in Elicitation],
        default=Elicitation.POINTS.value,
        help="how participants said what matters: 100 points (weight_<element> columns, the "
        "default) or a ranking (rank_<element> columns)",
    )
    parser.add_argument("--weights", type=Path, help="survey weights (CSV: id,weight)")
    parser.add_argument(
        "--by",
        action="append",
        default=[],
        metavar="COLUMN",
        help="a column to give sub-group scores for (may be repeated)",
    )
    parser.add_argument(
        "--assessment", type=Path, help="the organisation's answers (YAML) to compare with"
    )
    parser.add_argument(
        "--min-count",
        type=int,
        default=DEFAULT_MIN_COUNT,
        help=f"hide figures for fewer participants than this (default {DEFAULT_MIN_COUNT})",
    )
    parser.add_argument(
        "--resamples", type=int, default=2000, help="bootstrap resamples (default 2000)"
    )
    parser.add_argument("--seed", type=int, help="the bootstrap's seed (chosen if not given)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def _framework(path: Path | None) -> Framework:
    if path is None:
        return data.default_framework()
    return _read(path, data.load_framework, "framework")


def _read(path: Path, load: Callable[[str], _Loaded], what: str) -> _Loaded:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = (
            (error.strerror or str(error)) if isinstance(error, OSError) else "it is not UTF-8 text"
        )
        raise _RefusedError([f"{path}: cannot read the {what} file: {reason}"]) from None
    try:
        return load(text)
    except ProblemsError as error:
        raise _RefusedError(
            [f"{path}: {_lower_first(error.summary)}: {problem}" for problem in error.problems]
        ) from None


def _survey_weights(arguments: argparse.Namespace, survey: Survey) -> tuple[float, ...] | None:
    if arguments.weights is None:
        return None
    weights = _read(arguments.weights, survey_weights_from_csv, "weights")
    try:
        return weights_for(survey, weights)
    except ProblemsError as error:
        raise _RefusedError(
            [f"{arguments.responses}: {problem}" for problem in error.problems]
        ) from None


def _check_by(arguments: argparse.Namespace, survey: Survey) -> None:
    known = set(survey.participants[0].attributes) if survey.participants else set()
    unknown = [column for column in arguments.by if column not in known]
    if unknown:
        raise _RefusedError(
            [
                f"{arguments.responses}: line 1: there is no column {column} to give sub-groups "
                "by"
                + (
                    f" (the columns that can be used are {', '.join(sorted(known))})"
                    if known
                    else ""
                )
                for column in unknown
            ]
        )


def _positions(path: Path | None, framework: Framework) -> dict[str, Fraction | None] | None:
    if path is None:
        return None
    answers = _read(path, lambda text: answers_from_yaml(framework, text), "assessment")
    try:
        return organisation_positions(score(framework, answers))
    except PublicBenefitError as error:
        raise _RefusedError([f"{path}: {error}"]) from None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _round(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)


def _score_json(result: Score) -> dict[str, Any]:
    return {
        "score": _round(result.score),
        "low": _round(result.low),
        "high": _round(result.high),
        "respondents": result.respondents,
        "scored": result.scored,
        "no_score": result.no_score,
        "effective_sample_size": _round(result.effective_sample_size, 3),
        "design_effect": _round(result.design_effect, 4),
        "suppression": None if result.suppression is None else str(result.suppression),
        "reason": result.reason,
    }


def _table_json(table: PercentageTable) -> dict[str, Any]:
    return {
        "base": table.base,
        "effective_base": _round(table.effective_base, 3),
        "suppression": None if table.base_suppression is None else str(table.base_suppression),
        "answers": [
            {
                "answer": cell.category,
                "count": cell.count,
                "percent": _round(cell.percent),
                "low": _round(cell.low),
                "high": _round(cell.high),
                "suppression": None if cell.suppression is None else str(cell.suppression),
            }
            for cell in table.cells
        ],
    }


def _as_json(report: AcceptabilityReport, seed: int, resamples: int) -> dict[str, Any]:
    return {
        "participants": report.participants,
        "elicitation": str(report.elicitation),
        "confidence_level": 0.95,
        "min_count": report.min_count,
        "seed": seed,
        "resamples": resamples,
        **_score_json(report.score),
        "subgroups": [
            {
                "by": subgroups.attribute,
                "groups": [
                    {"value": group.value, **_score_json(group.score)} for group in subgroups.groups
                ],
            }
            for subgroups in report.subgroups
        ],
        "decision": _table_json(report.decisions),
        "confidence": _table_json(report.confidence),
        "conditions": {
            "min_mentions": report.min_mentions,
            "phrases": [
                {"phrase": phrase.text, "participants": phrase.participants}
                for phrase in report.conditions
            ],
        },
        "comparison": None
        if report.comparison is None
        else [
            {
                "rank": item.rank,
                "element": item.element_id,
                "public_rating": _round(item.public_rating),
                "low": _round(item.low),
                "high": _round(item.high),
                "rated": item.rated,
                "dont_know": item.dont_know,
                "public_weight": _round(item.public_weight),
                "organisation_position": _round(item.organisation_position, 4),
                "organisation_rating": _round(item.organisation_rating),
                "gap": _round(item.gap),
                "suppression": None if item.suppression is None else str(item.suppression),
            }
            for item in report.comparison.elements
        ],
    }


def _score_text(result: dict[str, Any]) -> str:
    if result["score"] is None:
        return f"no score: {result['reason']}"
    return (
        f"{result['score']:.1f} out of 100 (95% interval {result['low']:.1f} to "
        f"{result['high']:.1f}; {result['scored']} with a score, effective sample size "
        f"{result['effective_sample_size']:.1f})"
    )


def _table_text(table: dict[str, Any], words: dict[str, str]) -> list[str]:
    if table["suppression"] is not None:
        return ["    not shown: too few answers to publish"]
    lines = []
    for cell in table["answers"]:
        name = words.get(cell["answer"], cell["answer"])
        if cell["percent"] is None:
            lines.append(f"    {name}: not shown (fewer than the minimum count)")
        else:
            lines.append(
                f"    {name}: {cell['percent']:.1f}% ({cell['low']:.1f}% to "
                f"{cell['high']:.1f}%; {cell['count']} said so)"
            )
    return lines


def _as_text(result: dict[str, Any]) -> str:
    lines = [
        (
            f"Public acceptability from {result['participants']} participants "
            f"({result['elicitation']} elicitation)"
        ),
        f"  Score: {_score_text(result)}",
    ]
    if result["no_score"]:
        lines.append(
            f"  Participants with no score (rated nothing they weighted): {result['no_score']}"
        )
    for subgroups in result["subgroups"]:
        lines.append(f"  By {subgroups['by']}:")
        lines += [f"    {group['value']}: {_score_text(group)}" for group in subgroups["groups"]]
    lines.append("  Should this data sharing go ahead?")
    lines += _table_text(result["decision"], DECISION_WORDS)
    lines.append("  How confident participants are:")
    lines += _table_text(
        result["confidence"],
        {str(level): f"{level} {label}" for level, label in CONFIDENCE_LABELS.items()},
    )
    phrases = result["conditions"]["phrases"]
    lines.append(
        f"  Recurring conditions (mentioned by at least {result['conditions']['min_mentions']} "
        "participants):"
    )
    lines += [f"    {item['phrase']}: {item['participants']}" for item in phrases] or ["    none"]
    if result["comparison"] is not None:
        lines.append("  Compared with the organisation's assessment (largest gap first):")
        for item in result["comparison"]:
            public = (
                "not shown (too few rated it)"
                if item["public_rating"] is None
                else f"{item['public_rating']:.1f} ({item['low']:.1f} to {item['high']:.1f})"
            )
            organisation = (
                "no position"
                if item["organisation_rating"] is None
                else f"{item['organisation_rating']:.1f}"
            )
            gap = "" if item["gap"] is None else f", gap {item['gap']:+.1f}"
            weight = (
                "" if item["public_weight"] is None else f"; weight {item['public_weight']:.1f}%"
            )
            lines.append(
                f"    {item['rank']}. {item['element']}: public {public}, organisation "
                f"{organisation}{gap}{weight}"
            )
    lines.append(f"  Bootstrap: {result['resamples']} resamples, seed {result['seed']}")
    return "\n".join(lines) + "\n"
