"""``publicbenefit select``: choose a jury by the fairest lottery, with the core alone (no Django).

    publicbenefit select --people people.csv --quotas quotas.csv --size K
        [--algorithm leximin|maximin|nash|legacy] [--seed N] [--id-column id]
        [--address-columns a,b] [--probabilities out.csv] [--json] [--time-limit S]

It reads the Sortition Foundation's CSV formats, computes the lottery, prints the minimum and each
person's selection probability and, with ``--seed``, draws the jury and prints its audit hash; the
same command with the same files and seed draws the same jury. Bad files give one line per problem
on standard error and exit status 2. The formats and the method are in ``docs/selection.md``.
"""

import argparse
import csv
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from publicbenefit.core.selection import (
    DEFAULT_TIME_LIMIT,
    Algorithm,
    AuditRecord,
    Distribution,
    InfeasibleQuotasError,
    PeopleInvalidError,
    QuotasInvalidError,
    SelectionError,
    SelectionTask,
    audited_draw,
    find_distribution,
    people_from_csv,
    quotas_from_csv,
    selection_task,
)

EXIT_REFUSED = 2
PROG = "publicbenefit select"


class _RefusedError(Exception):
    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = tuple(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Compute the fairest lottery over juries that meet the quotas "
        "(leximin by default) and, with a seed, draw one.",
    )
    parser.add_argument("--people", type=Path, required=True, help="the pool (CSV)")
    parser.add_argument("--quotas", type=Path, required=True, help="the quotas (CSV)")
    parser.add_argument("--size", type=int, required=True, help="the number of jurors")
    parser.add_argument(
        "--algorithm",
        choices=[str(algorithm) for algorithm in Algorithm],
        default=str(Algorithm.LEXIMIN),
    )
    parser.add_argument("--seed", type=int, help="draw a jury with this published seed")
    parser.add_argument("--id-column", default="id", help="the people file's id column")
    parser.add_argument(
        "--address-columns",
        default="",
        help="comma-separated address columns: at most one person per address is selected",
    )
    parser.add_argument("--probabilities", type=Path, help="write id,probability to this CSV")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument(
        "--time-limit", type=float, default=DEFAULT_TIME_LIMIT, help="seconds (default 60)"
    )
    return parser


def main(argv: Sequence[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run ``select`` with the arguments after the command name; returns the exit status."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    arguments = _parser().parse_args(list(argv))
    algorithm = Algorithm(arguments.algorithm)
    try:
        task = _task(arguments)
        distribution = find_distribution(
            task,
            algorithm=algorithm,
            time_limit=arguments.time_limit,
            rng=random.Random(arguments.seed or 0),  # noqa: S311 - legacy runs, seeded
        )
        record = (
            None if arguments.seed is None else audited_draw(task, distribution, arguments.seed)
        )
        if arguments.probabilities is not None:
            _write_probabilities(arguments.probabilities, distribution)
    except _RefusedError as error:
        for line in error.lines:
            print(f"{PROG}: {line}", file=stderr)
        return EXIT_REFUSED
    except InfeasibleQuotasError as error:
        print(f"{PROG}: {arguments.quotas}: {error}", file=stderr)
        return EXIT_REFUSED
    except SelectionError as error:
        print(f"{PROG}: {error}", file=stderr)
        return EXIT_REFUSED
    if arguments.json:
        json.dump(_as_json(distribution, record), stdout, indent=2, ensure_ascii=False)
        stdout.write("\n")
    else:
        stdout.write(_as_text(task, distribution, record))
    return 0


def _read(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = (
            (error.strerror or str(error)) if isinstance(error, OSError) else "it is not UTF-8 text"
        )
        raise _RefusedError([f"{path}: cannot read the {what} file: {reason}"]) from None


def _task(arguments: argparse.Namespace) -> SelectionTask:
    quotas_path: Path = arguments.quotas
    people_path: Path = arguments.people
    try:
        quotas = quotas_from_csv(_read(quotas_path, "quotas"))
    except QuotasInvalidError as error:
        raise _RefusedError([f"{quotas_path}: {p}" for p in error.problems]) from None
    features = list(dict.fromkeys(quota.feature for quota in quotas))
    address_columns = [
        name.strip() for name in arguments.address_columns.split(",") if name.strip()
    ]
    try:
        people = people_from_csv(
            _read(people_path, "people"),
            features=features,
            id_column=arguments.id_column,
            address_columns=address_columns,
        )
    except PeopleInvalidError as error:
        raise _RefusedError([f"{people_path}: {p}" for p in error.problems]) from None
    try:
        return selection_task(people, quotas, arguments.size)
    except QuotasInvalidError as error:
        raise _RefusedError([f"{quotas_path}: {p}" for p in error.problems]) from None
    except PeopleInvalidError as error:
        raise _RefusedError([f"{people_path}: {p}" for p in error.problems]) from None


def _write_probabilities(path: Path, distribution: Distribution) -> None:
    try:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "probability"])
            for chance in distribution.people:
                writer.writerow([chance.person_id, f"{chance.probability:.9f}"])
    except OSError as error:
        raise _RefusedError([f"{path}: cannot write the probabilities: {error.strerror}"]) from None


def _as_json(distribution: Distribution, record: AuditRecord | None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "algorithm": distribution.algorithm,
        "minimum_probability": distribution.minimum,
        "note": distribution.note,
        "panels_in_support": len(distribution.panels),
        "probabilities": {c.person_id: c.probability for c in distribution.people},
    }
    if record is not None:
        result["seed"] = record.seed
        result["panel"] = list(record.panel)
        result["audit_sha256"] = record.inputs_sha256
        result["audit"] = record.as_dict()
    return result


def _as_text(task: SelectionTask, distribution: Distribution, record: AuditRecord | None) -> str:
    chances = sorted(distribution.people, key=lambda chance: (chance.probability, chance.person_id))
    lines = [
        f"Algorithm: {distribution.algorithm} ({distribution.note})",
        f"Pool: {len(task.people)} people; jury of {task.size}; {len(task.quotas)} quotas",
        f"Lowest selection probability: {distribution.minimum:.6f}",
        f"Highest selection probability: {chances[-1].probability:.6f}",
        f"Juries in the lottery: {len(distribution.panels)}",
        "",
        "Selection probabilities (lowest first):",
    ]
    lines += [f"  {c.person_id:<20} {c.probability:.6f}" for c in chances]
    if record is not None:
        lines += [
            "",
            f"Jury drawn with seed {record.seed}:",
            *(f"  {member}" for member in record.panel),
            (
                f"Audit: inputs SHA-256 {record.inputs_sha256}, {record.algorithm} version "
                f"{record.algorithm_version}"
            ),
        ]
    return "\n".join(lines) + "\n"
