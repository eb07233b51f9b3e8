"""Raking 100,000 synthetic respondents to four margins (age 6 x sex 2 x area 20 x ethnicity 5):
the project against ``balance`` and ``weightipy``, in the same run, on the same CSV files.

The peers are installed into a throwaway virtual environment in a temporary folder (never as the
project's dependencies) and each runs in its own process, timing only its raking and writing its
weights; a peer that fails to install or run is reported and fails the benchmark. Every method
runs plain raking (no trimming) to a tight convergence (ours to 1e-12 in shares, balance to 1e-13
relative, weightipy until a sweep no longer improves), so that the weights, normalised to mean 1,
must agree to 1e-6 relative. Each time is the best of three runs. Every method starts from the
categories already encoded, outside its time: the peers are given DataFrames whose feature columns
are pandas categoricals, ours respondents parsed into category codes, so each time is raking
alone. Our time including the encoding of the categories from strings is printed too. Set
``PUBLICBENEFIT_BENCH_PEERS`` to an existing virtual environment with both peers installed to
skip the install.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

import numpy as np

from publicbenefit.core.weighting import (
    Respondents,
    margins_from_csv,
    rake,
    respondents_from_csv,
)

SIZE = 100_000
SEED = 20_261_125
REPEATS = 3
MATCH = 1e-6
TOLERANCE = 1e-12
TARGET_RATIO = 5.0
PEERS = ("balance", "weightipy")

# The peers read the same files and time only their raking; `repeats` runs keep the best.
_PEER_SCRIPT = r"""
import json, sys, time, itertools
import numpy as np, pandas as pd
peer, folder, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
respondents = pd.read_csv(f"{folder}/respondents.csv", dtype=str)
# Encoded as categories before any timing, as ours are parsed into category codes.
for column in respondents.columns.drop("id"):
    respondents[column] = respondents[column].astype("category")
margins = pd.read_csv(f"{folder}/margins.csv", dtype={"feature": str, "value": str})
features = list(dict.fromkeys(margins["feature"]))
shares = {f: dict(zip(g["value"], g["share"])) for f, g in margins.groupby("feature", sort=False)}
best = float("inf")
if peer == "balance":
    import logging
    logging.disable(logging.WARNING)
    from balance.weighting_methods.rake import rake
    # The product of the margins as a weighted target frame has exactly the margins, where
    # balance's own realisation of margins rounds them to whole rows.
    cells = list(itertools.product(*(list(shares[f].items()) for f in features)))
    target = pd.DataFrame([[value for value, _ in cell] for cell in cells], columns=features)
    target_weights = pd.Series([float(np.prod([s for _, s in cell])) for cell in cells])
    sample = respondents[features]
    for _ in range(repeats):
        start = time.perf_counter()
        result = rake(sample, pd.Series(np.ones(len(sample))), target, target_weights,
                      variables=features, transformations=None, max_iteration=10000,
                      convergence_rate=1e-13, rate_tolerance=0.0)
        best = min(best, time.perf_counter() - start)
    weights = result["weight"].to_numpy()
else:
    import weightipy as wp
    scheme_shares = {f: {v: 100 * s for v, s in shares[f].items()} for f in features}
    for _ in range(repeats):
        scheme = wp.scheme_from_dict(scheme_shares, rim_params={"convcrit": 0.0,
                                                                "max_iterations": 10000})
        start = time.perf_counter()
        weights = wp.weight(respondents[features], scheme).to_numpy()
        best = min(best, time.perf_counter() - start)
np.save(f"{folder}/{peer}.npy", weights / weights.mean())
print(json.dumps({"seconds": best}))
"""


def synthetic(folder: Path) -> None:
    """Write ``respondents.csv`` and ``margins.csv``: a panel older, whiter and more female than
    its area, unevenly spread over twenty wards, and the area's margins."""
    rng = np.random.default_rng(SEED)
    ages = ["16-24", "25-34", "35-49", "50-64", "65-74", "75+"]
    sexes = ["female", "male"]
    areas = [f"ward-{number:02d}" for number in range(1, 21)]
    ethnicities = ["white", "asian", "black", "mixed", "other"]
    population = {
        "age": dict(zip(ages, [0.14, 0.17, 0.24, 0.23, 0.12, 0.10], strict=True)),
        "sex": dict(zip(sexes, [0.51, 0.49], strict=True)),
        "area": dict(zip(areas, rng.dirichlet(np.full(20, 20.0)).tolist(), strict=True)),
        "ethnicity": dict(zip(ethnicities, [0.72, 0.12, 0.08, 0.05, 0.03], strict=True)),
    }
    # The panel: older than the area, women more likely to join as age rises, and ethnicity
    # varying with age and ward (younger and some wards more diverse), so the features are
    # correlated as in a real panel and raking needs more than one sweep.
    age = rng.choice(6, size=SIZE, p=[0.05, 0.10, 0.20, 0.28, 0.22, 0.15])
    female = rng.random(SIZE) < 0.50 + 0.03 * age
    area = rng.choice(20, size=SIZE, p=rng.dirichlet(np.full(20, 3.0)))
    diversity = rng.uniform(0.0, 0.3, size=20)
    white = np.clip(0.92 - 0.04 * (5 - age) - diversity[area], 0.3, 0.98)
    others = np.outer(1 - white, [0.45, 0.28, 0.17, 0.10])
    cumulative = np.cumsum(np.column_stack([white, others]), axis=1)
    ethnicity = (rng.random(SIZE)[:, None] > cumulative[:, :-1]).sum(axis=1)
    columns = {
        "age": np.array(ages)[age],
        "sex": np.where(female, "female", "male"),
        "area": np.array(areas)[area],
        "ethnicity": np.array(ethnicities)[ethnicity],
    }
    with (folder / "respondents.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["id", *columns])
        writer.writerows(
            zip([f"r{index:06d}" for index in range(SIZE)], *columns.values(), strict=True)
        )
    with (folder / "margins.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["feature", "value", "share"])
        for feature, shares in population.items():
            writer.writerows((feature, value, repr(share)) for value, share in shares.items())


def peers_python(folder: Path) -> Path | None:
    """The Python of a virtual environment with the peers, made in ``folder`` unless given."""
    given = os.environ.get("PUBLICBENEFIT_BENCH_PEERS")
    if given:
        return Path(given) / "bin" / "python"
    environment = folder / "peers"
    venv.create(environment, with_pip=True)
    python = environment / "bin" / "python"
    for peer in PEERS:
        started = time.perf_counter()
        run = subprocess.run(  # noqa: S603 - pip from the environment we just made
            [str(python), "-m", "pip", "install", "-qq", peer],
            capture_output=True,
            text=True,
            check=False,
        )
        outcome = "installed" if run.returncode == 0 else "FAILED to install"
        print(f"  {peer}: {outcome} ({time.perf_counter() - started:.0f} s)")  # noqa: T201
        if run.returncode != 0:
            print("    " + (run.stderr.strip().splitlines() or ["no message"])[-1])  # noqa: T201
    return python


def run_peer(python: Path, peer: str, folder: Path) -> tuple[float, np.ndarray] | str:
    """The peer's best time and its weights (mean 1), or why it could not run."""
    script = folder / "peer.py"
    script.write_text(_PEER_SCRIPT, encoding="utf-8")
    run = subprocess.run(  # noqa: S603 - our own script in the peers' environment
        [str(python), str(script), peer, str(folder), str(REPEATS)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        lines = run.stderr.strip().splitlines() or ["no message"]
        return f"did not run: {lines[-1]}"
    seconds = float(json.loads(run.stdout.strip().splitlines()[-1])["seconds"])
    return seconds, np.load(folder / f"{peer}.npy")


def run_ours(folder: Path) -> tuple[float, float, np.ndarray, str]:
    """Our best time raking parsed respondents (the time compared with the peers'), the same
    counting the encoding of the categories from strings, our weights and the report."""
    respondents = respondents_from_csv((folder / "respondents.csv").read_text(encoding="utf-8"))
    margins = margins_from_csv((folder / "margins.csv").read_text(encoding="utf-8"))
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        result = rake(respondents, margins, tolerance=TOLERANCE)
        best = min(best, time.perf_counter() - started)
    # Parsing stores each feature as codes; timing that encoding too shows what it saves.
    values = {feature: column.values() for feature, column in respondents.columns.items()}
    encoded = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        rake(Respondents.from_values(respondents.ids, values), margins, tolerance=TOLERANCE)
        encoded = min(encoded, time.perf_counter() - started)
    report = (
        f"{result.iterations} sweeps, {'converged' if result.converged else 'NOT converged'}, "
        f"max margin error {result.max_margin_error:.1e})\n"
        f"{'':16}{encoded * 1000:8.1f} ms  (the same, encoding the categories from strings"
    )
    return best, encoded, np.asarray(result.weights), report


def main() -> int:
    """Run the benchmark and print one line per method and the ratio; 1 if a check fails."""
    with tempfile.TemporaryDirectory(prefix="publicbenefit-bench-") as name:
        folder = Path(name)
        synthetic(folder)
        print(f"Raking {SIZE:,} respondents to age 6 x sex 2 x area 20 x ethnicity 5")  # noqa: T201
        python = peers_python(folder)
        ours, _encoded, our_weights, report = run_ours(folder)
        print(f"  publicbenefit: {ours * 1000:8.1f} ms  ({report})")  # noqa: T201
        ok = True
        times: dict[str, float] = {}
        for peer in PEERS:
            outcome = run_peer(python, peer, folder) if python else "no environment"
            if isinstance(outcome, str):
                # A peer that did not run is a failed benchmark, not a skipped comparison.
                print(f"  {peer}: {outcome}")  # noqa: T201
                ok = False
                continue
            seconds, weights = outcome
            times[peer] = seconds
            gap = float(np.max(np.abs(weights - our_weights) / weights))
            match = gap <= MATCH
            ok &= match
            print(  # noqa: T201
                f"  {peer + ':':<14} {seconds * 1000:8.1f} ms  weights match ours to "
                f"{gap:.1e} relative ({'ok' if match else 'MISMATCH'}, need {MATCH:g})"
            )
        if times:
            fastest = min(times, key=times.__getitem__)
            ratio = times[fastest] / ours
            ok &= ratio >= TARGET_RATIO
            print(  # noqa: T201
                f"  publicbenefit is {ratio:.1f}x faster than {fastest}, the faster peer "
                f"(target {TARGET_RATIO:g}x: {'met' if ratio >= TARGET_RATIO else 'NOT met'})"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    # bench/run.py runs every benchmark in one process: exit only to report a failed check.
    status = main()
    if status:
        sys.exit(status)
