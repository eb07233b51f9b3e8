"""The public acceptability score of 10,000 synthetic respondents with 2,000 bootstrap
resamples, against ``scipy.stats.bootstrap`` on the same weighted statistic, in the same run.

The target is under 2 seconds on this machine for ``acceptability_score`` (every participant's
score from their weights and ratings, the weighted mean and the bootstrap interval), timed as
the best of three runs; PASS or FAIL is printed, nothing is asserted. The peer is
``scipy.stats.bootstrap`` with the same statistic (the survey-weighted mean of the participants'
scores, respondents resampled in pairs with their weights, ``paired=True``, ``vectorized=True``,
percentile interval, 2,000 resamples). SciPy is not a dependency of the project, so it is
installed into a throwaway virtual environment in a temporary folder and runs in its own
process on the same scores and weights, timing only its bootstrap; if it fails to install or
run, that is reported and skipped. A second peer needs nothing installed: the plain way, a
Python loop over the resamples drawing and averaging one resample at a time with NumPy, written
in this file. The ratios compare the bootstrap alone (``bootstrap_intervals`` on the scores),
as the peers start from the scores. The intervals use different random draws, so they agree
only to the Monte Carlo error, printed beside them. Set ``PUBLICBENEFIT_BENCH_PEERS`` to an
existing virtual environment with SciPy installed to skip the install.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

import numpy as np

from publicbenefit.core.acceptability import (
    Elicitation,
    Participant,
    Survey,
    acceptability_score,
    bootstrap_intervals,
    participant_scores,
)
from publicbenefit.data import default_framework

SIZE = 10_000
RESAMPLES = 2_000
SEED = 20_261_125
REPEATS = 3
TARGET_SECONDS = 2.0
AGREEMENT = 0.5  # points on the 0 to 100 scale: a few Monte Carlo standard errors

_PEER_SCRIPT = r"""
import json, sys, time
import numpy as np
from scipy import stats
folder, resamples, repeats, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
scores = np.load(f"{folder}/scores.npy")
weights = np.load(f"{folder}/weights.npy")

def weighted_mean(x, w, axis=-1):
    return np.sum(x * w, axis=axis) / np.sum(w, axis=axis)

best = float("inf")
for _ in range(repeats):
    start = time.perf_counter()
    result = stats.bootstrap((scores, weights), weighted_mean, paired=True, vectorized=True,
                             n_resamples=resamples, method="percentile",
                             rng=np.random.default_rng(seed))
    best = min(best, time.perf_counter() - start)
low, high = result.confidence_interval
print(json.dumps({"seconds": best, "low": float(low), "high": float(high)}))
"""


def synthetic() -> tuple[Survey, np.ndarray]:
    """10,000 participants with points from a Dirichlet, ratings 1 to 4 leaning by element with
    one "don't know" in ten, and survey weights from a log-normal (design effect about 1.3)."""
    rng = np.random.default_rng(SEED)
    framework = default_framework()
    elements = [element.id for element in framework.elements]
    points = rng.dirichlet(np.full(len(elements), 2.0), size=SIZE)
    lean = np.array([0.6, 0.5, 0.3, 0.45, 0.55])
    ratings = 1 + rng.binomial(3, lean, size=(SIZE, len(elements)))
    dont_know = rng.random((SIZE, len(elements))) < 0.1
    participants = [
        Participant(
            id=f"r{index:05d}",
            weights=dict(zip(elements, row_points.tolist(), strict=True)),
            ratings={
                element: None if unknown else int(rating)
                for element, rating, unknown in zip(elements, row, row_unknown, strict=True)
            },
        )
        for index, (row_points, row, row_unknown) in enumerate(
            zip(points, ratings, dont_know, strict=True)
        )
    ]
    weights = rng.lognormal(0.0, 0.5, size=SIZE)
    return Survey.for_framework(framework, Elicitation.POINTS, participants), weights


def peers_python(folder: Path) -> Path | None:
    """The Python of a virtual environment with SciPy, made in ``folder`` unless given."""
    given = os.environ.get("PUBLICBENEFIT_BENCH_PEERS")
    if given:
        return Path(given) / "bin" / "python"
    environment = folder / "peers"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    started = time.perf_counter()
    run = subprocess.run(  # noqa: S603 - pip from the environment we just made
        [str(python), "-m", "pip", "install", "-qq", "scipy"],
        capture_output=True,
        text=True,
        check=False,
    )
    outcome = "installed" if run.returncode == 0 else "FAILED to install"
    print(f"  scipy: {outcome} ({time.perf_counter() - started:.0f} s)")  # noqa: T201
    if run.returncode != 0:
        print("    " + (run.stderr.strip().splitlines() or ["no message"])[-1])  # noqa: T201
        return None
    return python


def run_scipy(python: Path, folder: Path) -> dict[str, float] | str:
    """SciPy's best time and interval, or why it could not run."""
    script = folder / "peer.py"
    script.write_text(_PEER_SCRIPT, encoding="utf-8")
    run = subprocess.run(  # noqa: S603 - our own script in the peers' environment
        [str(python), str(script), str(folder), str(RESAMPLES), str(REPEATS), str(SEED)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        lines = run.stderr.strip().splitlines() or ["no message"]
        return f"did not run: {lines[-1]}"
    result: dict[str, float] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def loop_over_resamples(scores: np.ndarray, weights: np.ndarray) -> tuple[float, float]:
    """The plain way: one resample at a time in a Python loop, each a NumPy weighted mean."""
    rng = np.random.default_rng(SEED)
    means = []
    for _ in range(RESAMPLES):
        drawn = rng.integers(0, len(scores), size=len(scores))
        means.append(np.sum(scores[drawn] * weights[drawn]) / np.sum(weights[drawn]))
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def main() -> int:
    """Run the benchmark and print one line per method, the ratios and PASS or FAIL."""
    survey, weights = synthetic()
    print(  # noqa: T201
        f"Acceptability score of {SIZE:,} respondents (5 elements, 1 in 10 ratings don't know), "
        f"{RESAMPLES:,} bootstrap resamples"
    )
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = acceptability_score(
            survey,
            rng=np.random.default_rng(SEED),
            survey_weights=weights,
            resamples=RESAMPLES,
        )
        best = min(best, time.perf_counter() - started)
    assert result.score is not None  # noqa: S101 - 10,000 respondents always have a score
    verdict = "PASS" if best < TARGET_SECONDS else "FAIL"
    print(  # noqa: T201
        f"  publicbenefit: {best * 1000:8.1f} ms  score {result.score:.2f}, interval "
        f"{result.low:.2f} to {result.high:.2f}, effective n {result.effective_sample_size:,.0f}"
        f"  [{verdict}: target under {TARGET_SECONDS:g} s]"
    )
    scores = participant_scores(survey)
    kept = ~np.isnan(scores)
    scores, kept_weights = scores[kept], weights[kept]
    # The peers start from the participants' scores, so the ratios compare the bootstrap alone.
    ours = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        bootstrap_intervals(
            scores[:, None],
            kept_weights[:, None],
            rng=np.random.default_rng(SEED),
            resamples=RESAMPLES,
        )
        ours = min(ours, time.perf_counter() - started)
    print(f"  {'(bootstrap):':<14} {ours * 1000:8.1f} ms  the interval alone")  # noqa: T201
    times: dict[str, float] = {}
    started = time.perf_counter()
    low, high = loop_over_resamples(scores, kept_weights)
    times["a Python loop over resamples"] = time.perf_counter() - started
    print(  # noqa: T201
        f"  {'loop:':<14} {times['a Python loop over resamples'] * 1000:8.1f} ms  interval "
        f"{low:.2f} to {high:.2f}"
    )
    with tempfile.TemporaryDirectory(prefix="publicbenefit-bench-") as name:
        folder = Path(name)
        np.save(folder / "scores.npy", scores)
        np.save(folder / "weights.npy", kept_weights)
        python = peers_python(folder)
        outcome = run_scipy(python, folder) if python else "no environment"
        if isinstance(outcome, str):
            print(f"  scipy: {outcome}")  # noqa: T201
        else:
            times["scipy.stats.bootstrap"] = outcome["seconds"]
            assert result.low is not None  # noqa: S101
            assert result.high is not None  # noqa: S101
            gap = max(abs(outcome["low"] - result.low), abs(outcome["high"] - result.high))
            print(  # noqa: T201
                f"  {'scipy:':<14} {outcome['seconds'] * 1000:8.1f} ms  interval "
                f"{outcome['low']:.2f} to {outcome['high']:.2f} (ends within {gap:.2f} of ours: "
                f"{'ok' if gap <= AGREEMENT else 'DIFFERENT'}, allowed {AGREEMENT:g})"
            )
    for peer, seconds in times.items():
        print(  # noqa: T201
            f"  publicbenefit's bootstrap is {seconds / ours:.1f}x faster than {peer}"
        )
    return 0


if __name__ == "__main__":
    # bench/run.py runs every benchmark in one process: exit only to report a failed check.
    status = main()
    if status:
        sys.exit(status)
