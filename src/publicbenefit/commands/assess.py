"""``publicbenefit assess``: score an answers file with the core alone (no database, no Django).

    publicbenefit assess answers.yaml [--framework file.yaml] [--json]

It prints the outcome band, each element's position, the answers that keep the proposal out of
the next band and the fewest moves that would reach it; ``--json`` prints the same as JSON. A file
that cannot be read or is refused gives one line per problem on standard error, naming the file
and the line, and exit status 2. The answers file format is described in ``docs/core-api.md``.
"""

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, TextIO, TypeVar

from publicbenefit import data
from publicbenefit.core import (
    Framework,
    PathStatus,
    PathToNextBand,
    PublicBenefitError,
    Result,
    Special,
    answers_from_yaml,
    moves_to_next_band,
    score,
)
from publicbenefit.core.errors import AnswersInvalidError, FrameworkInvalidError, YamlSyntaxError

EXIT_REFUSED = 2
TEXT_WIDTH = 64

_Loaded = TypeVar("_Loaded")


class _RefusedError(Exception):
    """A file could not be read or was refused; ``lines`` are the messages to print."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = tuple(lines)


def main(argv: Sequence[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``assess`` with the arguments after the command name; returns the exit status.

    Output goes to ``stdout`` and ``stderr`` (the process's own streams unless given)."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = argparse.ArgumentParser(
        prog="publicbenefit assess",
        description="Score an answers file against the Data for Public Benefit framework "
        "(or a tailored version) and show the moves that would reach the next band.",
    )
    parser.add_argument("answers", type=Path, help="the answers file (YAML)")
    parser.add_argument(
        "--framework",
        type=Path,
        help="a framework file (YAML) to use instead of the shipped framework",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    arguments = parser.parse_args(list(argv))
    try:
        framework = _framework(arguments.framework)
        answers = _read(
            arguments.answers, lambda text: answers_from_yaml(framework, text), "answers"
        )
        result = score(framework, answers)
        path = moves_to_next_band(framework, answers)
    except _RefusedError as error:
        for line in error.lines:
            print(f"publicbenefit assess: {line}", file=stderr)
        return EXIT_REFUSED
    except PublicBenefitError as error:
        print(f"publicbenefit assess: {arguments.answers}: {error}", file=stderr)
        return EXIT_REFUSED
    if arguments.json:
        json.dump(_as_json(framework, result, path), stdout, indent=2, ensure_ascii=False)
        stdout.write("\n")
    else:
        stdout.write(_as_text(framework, result, path))
    return 0


def _framework(path: Path | None) -> Framework:
    if path is None:
        return data.default_framework()
    return _read(path, data.load_framework, "framework")


def _read(path: Path, load: Callable[[str], _Loaded], what: str) -> _Loaded:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = (
            (error.strerror or str(error)) if isinstance(error, OSError) else "it is not UTF-8 text"
        )
        raise _RefusedError([f"{path}: cannot read the {what} file: {reason}"]) from None
    try:
        return load(text)
    except (YamlSyntaxError, FrameworkInvalidError, AnswersInvalidError) as error:
        raise _RefusedError(
            [f"{path}: {_lower_first(error.summary)}: {problem}" for problem in error.problems]
        ) from None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _number(value: Fraction) -> float:
    return round(float(value), 4)


def _answer_value(value: int | Special) -> int | str:
    return value if isinstance(value, int) else str(value)


def _as_json(framework: Framework, result: Result, path: PathToNextBand) -> dict[str, Any]:
    return {
        "framework": {"id": framework.id, "version": framework.version},
        "outcome": {
            "id": result.outcome.id,
            "label": result.outcome.label,
            "text": result.outcome.text,
        },
        "score": _number(result.score),
        "score_exact": str(result.score),
        "scale": {"lowest": framework.scale.lowest, "highest": framework.scale.highest},
        "score_outcome": result.score_outcome_id,
        "next_threshold": (
            {
                "outcome": result.next_threshold.outcome_id,
                "min_score": _number(result.next_threshold.min_score),
            }
            if result.next_threshold
            else None
        ),
        "elements": [
            {
                "id": element.element_id,
                "number": framework.element(element.element_id).number,
                "position": None if element.position is None else _number(element.position),
                "weight": _number(element.weight),
                "answers_counted": element.counted,
            }
            for element in result.elements
        ],
        "caps": [
            {
                "id": cap.cap_id,
                "max_outcome": cap.max_outcome_id,
                "questions": list(cap.question_ids),
                "binding": cap.binding,
            }
            for cap in result.caps
        ],
        "explanation": [
            {
                "question": answer.question_id,
                "answer": _answer_value(answer.value),
                "counts_as": answer.counts_as,
                "pull": _number(answer.pull),
                "caps": list(answer.caps),
            }
            for answer in result.explanation
        ],
        "moves_to_next_band": {
            "status": str(path.status),
            "target": path.target_outcome_id,
            "moves": [
                {
                    "question": move.question_id,
                    "from": _answer_value(move.from_value),
                    "to": move.to_position,
                    "steps": move.steps,
                }
                for move in path.moves
            ],
            "total_steps": path.total_steps,
            "reached_outcome": path.reached_outcome_id,
            "reached_score": None if path.reached_score is None else _number(path.reached_score),
            "reason": path.reason or None,
            "blocking_questions": list(path.blocking_question_ids),
        },
    }


def _as_text(framework: Framework, result: Result, path: PathToNextBand) -> str:
    labels = {outcome.id: outcome.label for outcome in framework.outcomes}
    lines = [
        f"{framework.title} ({framework.id} {framework.version})",
        "",
        f"Outcome: {result.outcome.label}",
        f"  {result.outcome.text}",
        (
            f"Score: {float(result.score):.2f} on the scale from {framework.scale.lowest} "
            f"(left anchor) to {framework.scale.highest} (right anchor)"
        ),
    ]
    lines += [
        f"  Held at '{labels[cap.max_outcome_id]}' by the cap '{cap.cap_id}' "
        f"(questions {', '.join(cap.question_ids)})"
        for cap in result.caps
        if cap.binding
    ]
    lines += ["", "Elements (the mean position of their answers):"]
    for element_score in result.elements:
        element = framework.element(element_score.element_id)
        position = (
            "left out" if element_score.position is None else f"{float(element_score.position):.2f}"
        )
        lines.append(f"  {element.number}. {position:>8}  {_short(element.text)}")
    lines += ["", *_explanation_lines(result, labels), "", *_path_lines(framework, path, labels)]
    return "\n".join(lines) + "\n"


def _explanation_lines(result: Result, labels: dict[str, str]) -> list[str]:
    if result.next_threshold is None:
        return ["Nothing holds it back: this is the top band."]
    lines = [
        (
            f"Why not '{labels[result.next_threshold.outcome_id]}' (it needs "
            f"{float(result.next_threshold.min_score):g}): these answers, the strongest pull first"
        ),
    ]
    for answer in result.explanation:
        caps = f"; triggers {', '.join(answer.caps)}" if answer.caps else ""
        lines.append(
            f"  {answer.question_id:<5} {_describe(answer.value, answer.counts_as):<26} "
            f"pulls the score down by {float(answer.pull):.2f}{caps}"
        )
    return lines


def _path_lines(framework: Framework, path: PathToNextBand, labels: dict[str, str]) -> list[str]:
    if path.status is PathStatus.TOP_BAND:
        return ["No moves to show: there is no band further to the right."]
    assert path.target_outcome_id is not None  # noqa: S101 - set whenever a band lies right
    target = labels[path.target_outcome_id]
    if path.status is PathStatus.UNREACHABLE:
        return [f"'{target}' cannot be reached: {path.reason}."]
    count = len(path.moves)
    lines = [
        (
            f"The fewest moves that reach '{target}': {count} answer{'s' * (count != 1)}, "
            f"{path.total_steps} step{'s' * (path.total_steps != 1)}"
        ),
    ]
    for move in path.moves:
        lines.append(
            f"  {move.question_id:<5} {_describe(move.from_value, None):<12} to {move.to_position}"
            f"   {_short(framework.question(move.question_id).text)}"
        )
    assert path.reached_score is not None  # noqa: S101 - set whenever moves are given
    assert path.reached_outcome_id is not None  # noqa: S101
    lines.append(
        f"  After these moves: '{labels[path.reached_outcome_id]}', "
        f"score {float(path.reached_score):.2f}"
    )
    return lines


def _describe(value: int | Special, counts_as: int | None) -> str:
    if isinstance(value, int):
        return f"at {value}"
    name = "don't know" if value is Special.DONT_KNOW else "not applicable"
    return name if counts_as is None else f"{name} (counts as {counts_as})"


def _short(text: str) -> str:
    return text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 3].rstrip() + "..."
