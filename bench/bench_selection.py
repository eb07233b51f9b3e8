"""Jury selection against the Sortition Foundation's ``sortition-algorithms``, in the same run.

Synthetic pools (fixed seed; skewed so quotas bind) of 200, 1,000 and 2,000 people for juries of
12, 24 and 40 with 4 to 7 features. The peer is installed into a throwaway virtual environment
(never a project dependency). Each of its leximin, maximin and Nash welfare runs in its own
process with its own time limit (``--peer-timeout``, 300 s by default: enough for its maximin on
the pool of 1,000, not for the pool of 2,000); its leximin needs Gurobi (not here), so in practice
the peer's best is the better minimum of maximin and Nash, compared with our leximin.

Also printed: the LP relaxation's maximin, an upper bound on the smallest probability of *any*
lottery (the peer's included), so a minimum that meets it is the best possible even where the
peer does not finish.

Asserts: our minimum probability >= the peer's (to 1e-6), >= the relaxation's bound (to 1e-6,
so it is optimal), and leximin within 60 s for 2,000/40.

    .venv/bin/python bench/bench_selection.py [--skip-peer] [--peer-timeout SECONDS]
"""

import json
import random
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

from publicbenefit.core.selection import (
    Algorithm,
    Distribution,
    SelectionTask,
    SelectionTimeoutError,
    find_distribution,
    people_from_csv,
    quotas_from_csv,
    selection_task,
)
from publicbenefit.core.selection.relaxation import relaxed_leximin
from publicbenefit.core.selection.solver import Deadline, PanelFinder

CASES = ((200, 12, 4), (1000, 24, 5), (2000, 40, 7))
SEED = 20260501
TIGHTNESS = 0.3
PEER_TIMEOUT = 300.0
LEXIMIN_LIMIT = 60.0
MAXIMIN_LIMIT = 180.0
TOLERANCE = 1e-6
# The peer's leximin is tried first: in sortition-algorithms 0.12 it raises at once without Gurobi
# (its dual LP is written for gurobipy only), and should a later version run it on HiGHS it joins
# the peer's best automatically.
PEER_METHODS = ("leximin", "maximin", "nash")

PEER_VERSION = "import importlib.metadata as m; print(m.version('sortition-algorithms'))"

PEER_SCRIPT = """
import csv, json, sys, time, logging
logging.disable(logging.CRITICAL)
from sortition_algorithms import Settings, read_in_features, read_in_people
from sortition_algorithms.committee_generation import (
    find_distribution_leximin, find_distribution_maximin, find_distribution_nash)

folder, size, wanted = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def rows(name):
    with open(f"{folder}/{name}", newline="") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)
head, body = rows("quotas.csv")
features, _, _ = read_in_features(head, body, size)
settings = Settings(id_column="id", columns_to_keep=[])
head, body = rows("people.csv")
people, _ = read_in_people(head, body, features, settings)
ids = [row["id"] for row in body]
result = {}
methods = {
    "leximin": find_distribution_leximin,
    "maximin": find_distribution_maximin,
    "nash": find_distribution_nash,
}
for name, method in [(wanted, methods[wanted])]:
    start = time.perf_counter()
    committees, probabilities, _ = method(features, people, size, [])
    seconds = time.perf_counter() - start
    chance = dict.fromkeys(ids, 0.0)
    for committee, probability in zip(committees, probabilities):
        for person in committee:
            chance[person] += probability
    result[name] = {"seconds": seconds, "minimum": min(chance.values())}
print(json.dumps(result))
"""


def synthetic_csv(people: int, size: int, features: int) -> tuple[str, str]:
    """A people CSV and a quotas CSV: skewed values (weights 1, 3, 5, 7) and quotas around an
    equal share of the jury per value, so the rarest values bind."""
    rng = random.Random(SEED + people)  # noqa: S311 - a fixed seed for a synthetic pool
    values = {f"f{j}": [f"v{t}" for t in range(rng.randint(2, 4))] for j in range(features)}
    lines = ["id," + ",".join(values)]
    for number in range(people):
        picks = [
            rng.choices(options, weights=[1 + 2 * t for t in range(len(options))])[0]
            for options in values.values()
        ]
        lines.append(f"p{number:05d}," + ",".join(picks))
    quotas = ["feature,value,min,max"]
    for name, options in values.items():
        share = size / len(options)
        for value in options:
            low = max(0, int(share * (1 - TIGHTNESS)))
            quotas.append(f"{name},{value},{low},{int(share * (1 + TIGHTNESS)) + 1}")
    return "\n".join(lines) + "\n", "\n".join(quotas) + "\n"


def install_peer(folder: Path) -> Path | str:
    """The peer's Python in a fresh virtual environment, or why it could not be installed."""
    venv.create(folder / "venv", with_pip=True)
    python = folder / "venv" / "bin" / "python"
    install = subprocess.run(  # noqa: S603 - a fixed command
        [str(python), "-m", "pip", "install", "-qq", "sortition-algorithms"],
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    if install.returncode != 0:
        return (install.stderr.strip().splitlines() or ["pip failed"])[-1]
    return python


def peer_version(python: Path) -> str:
    """The installed peer's version."""
    return subprocess.run(  # noqa: S603 - the peer's Python, a fixed command
        [str(python), "-c", PEER_VERSION], capture_output=True, text=True, check=False
    ).stdout.strip()


def relaxation_bound(task: SelectionTask) -> float:
    """The LP relaxation's maximin: no lottery over real panels has a larger smallest
    probability."""
    deadline = Deadline.start(LEXIMIN_LIMIT)
    floors, _ = relaxed_leximin(PanelFinder(task, deadline).rows, deadline)
    return float(floors.min())


def run_peer(
    python: Path, folder: Path, size: int, timeout: float
) -> tuple[dict[str, dict[str, float]], list[str]]:
    """The peer's timings and minimum probabilities for each method that ran (each in its own
    process with its own time limit), and why each of the others did not."""
    result: dict[str, dict[str, float]] = {}
    why = []
    for method in PEER_METHODS:
        try:
            run = subprocess.run(  # noqa: S603 - the peer's Python with our own script
                [str(python), "-c", PEER_SCRIPT, str(folder), str(size), method],
                capture_output=True,
                text=True,
                check=False,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            why.append(f"{method} timed out after {timeout:g} s")
            continue
        if run.returncode != 0:
            why.append(f"{method}: " + (run.stderr.strip().splitlines() or ["failed"])[-1])
            continue
        result.update(json.loads(run.stdout.strip().splitlines()[-1]))
    return result, why


def run_ours(task: SelectionTask, failures: list[str]) -> tuple[Distribution, str, float] | None:
    """Our leximin (or, when it does not finish within ``LEXIMIN_LIMIT``, our maximin, which has
    the same minimum), the method that finished and the seconds both took; ``None`` when neither
    finished. A leximin that misses its limit is recorded in ``failures``."""
    start = time.perf_counter()
    try:
        ours = find_distribution(task, algorithm=Algorithm.LEXIMIN, time_limit=LEXIMIN_LIMIT)
    except SelectionTimeoutError:
        failures.append(
            f"{len(task.people)}/{task.size}: leximin did not finish within {LEXIMIN_LIMIT} s"
        )
        try:
            ours = find_distribution(task, algorithm=Algorithm.MAXIMIN, time_limit=MAXIMIN_LIMIT)
        except SelectionTimeoutError:
            return None
        return ours, "maximin", time.perf_counter() - start
    return ours, "leximin", time.perf_counter() - start


def run_case(
    case: tuple[int, int, int], folder: Path, peer: Path | str, timeout: float
) -> list[str]:
    """Run one pool (ours, the bound, the peer), print its line and return what failed."""
    people, size, features = case
    failures: list[str] = []
    people_text, quotas_text = synthetic_csv(people, size, features)
    (folder / "people.csv").write_text(people_text, encoding="utf-8")
    (folder / "quotas.csv").write_text(quotas_text, encoding="utf-8")
    quotas = quotas_from_csv(quotas_text)
    pool = people_from_csv(people_text, features=[f"f{j}" for j in range(features)])
    task = selection_task(pool, quotas, size)
    outcome = run_ours(task, failures)
    if outcome is None:
        print(f"{people:>5} {size:>4} {features:>4} | ours did not finish")  # noqa: T201
        return failures
    ours, method, seconds = outcome
    bound = relaxation_bound(task)
    line = (
        f"{people:>5} {size:>4} {features:>4} | {bound:>9.6f} | "
        f"{method:>7} {seconds:>7.2f} {ours.minimum:>9.6f} | "
    )
    if ours.minimum < bound - TOLERANCE:
        failures.append(
            f"{people}/{size}: our minimum {ours.minimum:.6f} is below the relaxation's "
            f"bound {bound:.6f}"
        )
    if isinstance(peer, str):
        print(line + f"peer: {peer}")  # noqa: T201
        return failures
    result, why = run_peer(peer, folder, size, timeout)
    if not result:
        print(line + "peer: " + "; ".join(why))  # noqa: T201
        return failures
    name, best = max(result.items(), key=lambda item: item[1]["minimum"])
    peer_seconds = best["seconds"]
    print(  # noqa: T201
        line + f"{name:>9} {peer_seconds:>7.2f} {best['minimum']:>9.6f} | "
        f"{peer_seconds / seconds:>6.1f} {ours.minimum / max(best['minimum'], 1e-12):>6.3f}"
    )
    for reason in why:
        print(f"{'':>19}(peer {reason})")  # noqa: T201
    if ours.minimum < best["minimum"] - TOLERANCE:
        failures.append(
            f"{people}/{size}: our minimum {ours.minimum:.6f} is below the peer's "
            f"{best['minimum']:.6f}"
        )
    return failures


def main() -> None:
    timeout = PEER_TIMEOUT
    if "--peer-timeout" in sys.argv:
        timeout = float(sys.argv[sys.argv.index("--peer-timeout") + 1])
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-selection-") as temporary:
        folder = Path(temporary)
        if "--skip-peer" in sys.argv:
            peer: Path | str = "skipped with --skip-peer"
        else:
            print("Installing sortition-algorithms into a throwaway venv...", flush=True)  # noqa: T201
            peer = install_peer(folder)
        if isinstance(peer, str):
            print(f"  the peer could not be installed ({peer}); running ours alone")  # noqa: T201
        else:
            print(f"  peer: sortition-algorithms {peer_version(peer)}; trying {PEER_METHODS}")  # noqa: T201
        print(  # noqa: T201
            f"{'pool':>5} {'jury':>4} {'feat':>4} | {'bound':>9} | "
            f"{'ours':>7} {'ours s':>7} {'ours min':>9} | "
            f"{'peer best':>9} {'peer s':>7} {'peer min':>9} | {'time x':>6} {'min x':>6}"
        )
        for case in CASES:
            failures += run_case(case, folder, peer, timeout)
    print("time x = the peer's best method's seconds / ours (ours s includes any leximin attempt)")  # noqa: T201
    print("bound = the LP relaxation's maximin, the largest smallest probability any lottery has")  # noqa: T201
    for failure in failures:
        print(f"FAIL: {failure}")  # noqa: T201
    assert not failures, failures  # noqa: S101 - the benchmark's acceptance checks
    print(  # noqa: T201
        "OK: our leximin minimum >= the peer's best and meets the relaxation's bound; "
        "2000/40 within 60 s"
    )


if __name__ == "__main__":
    # Not sys.exit: bench/run.py runs each benchmark in its own process-wide namespace, and the
    # benchmarks after this one must still run. A failed check raises AssertionError.
    main()
