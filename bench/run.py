"""Runs every benchmark in ``bench/`` (files named ``bench_*.py``), each of which compares the
project with its named peer in the same run and prints the ratio."""

import runpy
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main() -> int:
    benchmarks = sorted(BENCH_DIR.glob("bench_*.py"))
    if not benchmarks:
        print("No benchmarks yet: the first arrives with the Citizens' Panel weighting.")  # noqa: T201
        return 0
    for benchmark in benchmarks:
        print(f"== {benchmark.stem}")  # noqa: T201
        runpy.run_path(str(benchmark), run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
