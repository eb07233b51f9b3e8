"""``publicbenefit weight``: rake respondents to population margins with the core alone (no
database, no Django).

    publicbenefit weight respondents.csv --margins margins.csv --out weights.csv
        [--trim-max 5] [--json]

It writes ``id,weight`` (weights averaging 1) and prints the design effect, the effective sample
size, the sweeps and whether the raking converged; ``--json`` prints the same as JSON. A file that
cannot be read or is refused gives one line per problem on standard error, naming the file and
the line, and exit status 2. Not converging is not a refusal: the weights are written and a line
on standard error says by how much the margins are missed. The formats are in
``docs/weighting.md``.
"""

import argparse
import csv
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO, TypeVar

from publicbenefit.core.errors import Problem
from publicbenefit.core.weighting import (
    ImpossibleMarginError,
    MarginsMismatchError,
    RakingResult,
    WeightingProblemsError,
    WeightingSettingsError,
    design_effect,
    effective_sample_size,
    fit_problems,
    margins_from_csv,
    rake,
    respondents_from_csv,
)

EXIT_REFUSED = 2
PROGRAM = "publicbenefit weight"

_Loaded = TypeVar("_Loaded")


def main(argv: Sequence[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``weight`` with the arguments after the command name; returns the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Rake survey respondents to population margins (iterative proportional "
        "fitting) and write one weight per respondent, averaging 1.",
    )
    parser.add_argument("respondents", type=Path, help="the respondents (CSV: id and features)")
    parser.add_argument(
        "--margins", type=Path, required=True, help="the margins (CSV: feature,value,share|count)"
    )
    parser.add_argument("--out", type=Path, required=True, help="where to write id,weight")
    parser.add_argument(
        "--trim-max", type=float, help="cap the weights at this many times the mean weight"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    arguments = parser.parse_args(list(argv))
    lines: list[str] = []
    respondents = _load(arguments.respondents, respondents_from_csv, "respondents", lines)
    margins = _load(arguments.margins, margins_from_csv, "margins", lines)
    if respondents is None or margins is None:
        return _refuse(lines, stderr)
    problems = fit_problems(respondents, margins)
    if problems:
        summary = _lower_first(MarginsMismatchError.summary)
        return _refuse(_problem_lines(arguments, summary, problems), stderr)
    try:
        result = rake(respondents, margins, trim_max=arguments.trim_max)
    except ImpossibleMarginError as error:
        return _refuse(
            _problem_lines(arguments, _lower_first(error.summary), error.problems), stderr
        )
    except WeightingSettingsError as error:
        return _refuse([str(error)], stderr)
    try:
        _write(arguments.out, result)
    except OSError as error:
        return _refuse([f"{arguments.out}: cannot write the weights: {error.strerror}"], stderr)
    report = _report(result, arguments.out)
    if not result.converged:
        print(
            f"{PROGRAM}: the raking did not converge after {result.iterations} sweeps: a "
            f"weighted share misses its margin by up to {result.max_margin_error:.2g}",
            file=stderr,
        )
    if arguments.json:
        json.dump(report, stdout, indent=2)
        stdout.write("\n")
    else:
        stdout.write(_as_text(report))
    return 0


def _load(
    path: Path, parse: Callable[[str], _Loaded], what: str, lines: list[str]
) -> _Loaded | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = (
            (error.strerror or str(error)) if isinstance(error, OSError) else "it is not UTF-8 text"
        )
        lines.append(f"{path}: cannot read the {what} file: {reason}")
        return None
    try:
        return parse(text)
    except WeightingProblemsError as error:
        summary = _lower_first(error.summary)
        lines += [f"{path}: {summary}: {problem}" for problem in error.problems]
        return None


def _problem_lines(
    arguments: argparse.Namespace, summary: str, problems: Sequence[Problem]
) -> list[str]:
    # A fit problem's location says which file its line is in.
    paths = {"respondents": arguments.respondents, "margins": arguments.margins}
    return [
        f"{paths[problem.location.split(':', 1)[0]]}: {summary}: {problem}" for problem in problems
    ]


def _refuse(lines: Sequence[str], stderr: TextIO) -> int:
    for line in lines:
        print(f"{PROGRAM}: {line}", file=stderr)
    return EXIT_REFUSED


def _write(path: Path, result: RakingResult) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["id", "weight"])
        writer.writerows(zip(result.ids, map(repr, result.weights.tolist()), strict=True))


def _report(result: RakingResult, out: Path) -> dict[str, object]:
    return {
        "respondents": len(result.ids),
        "design_effect": round(design_effect(result.weights), 6),
        "effective_sample_size": round(effective_sample_size(result.weights), 3),
        "iterations": result.iterations,
        "converged": result.converged,
        "max_margin_error": result.max_margin_error,
        "tolerance": result.tolerance,
        "trim_max": result.trim_max,
        "trimmed": result.trimmed,
        "out": str(out),
    }


def _as_text(report: dict[str, object]) -> str:
    converged = "converged" if report["converged"] else "did NOT converge"
    trimmed = (
        f"; {report['trimmed']} weights capped at {report['trim_max']:g} times the mean"
        if report["trim_max"] is not None
        else ""
    )
    return (
        f"Weighted {report['respondents']} respondents into {report['out']}\n"
        f"  Design effect: {report['design_effect']:.3f}\n"
        f"  Effective sample size: {report['effective_sample_size']:.1f}\n"
        f"  Raking: {converged} after {report['iterations']} sweeps "
        f"(largest margin error {report['max_margin_error']:.2g}){trimmed}\n"
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
