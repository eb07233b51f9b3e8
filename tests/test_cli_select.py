"""``publicbenefit select`` end to end: the installed command reads the Sortition Foundation's CSV
formats, prints the lottery in words and as JSON, draws the same jury for the same seed, and
refuses bad files with one line per problem and exit status 2, never a traceback."""

import csv
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

QUOTAS = """feature,value,min,max,min_flex,max_flex
gender,female,3,4,0,6
gender,male,2,3,0,6
age,16-29,1,2,0,6
age,30-59,2,3,0,6
age,60+,1,2,0,6
"""


def _people(rows: int = 40, seed: int = 3) -> str:
    rng = random.Random(seed)  # noqa: S311 - a fixed seed for a synthetic pool
    lines = ["id,first_name,gender,age,address1,postcode"]
    for number in range(rows):
        gender = rng.choice(["female", "male", "male"])
        age = rng.choice(["16-29", "30-59", "30-59", "60+"])
        lines.append(f"r{number:03d},Name{number},{gender},{age},{number // 2} High St,AB1 2CD")
    return "\n".join(lines) + "\n"


def _select(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "publicbenefit"
    return subprocess.run(  # noqa: S603 - our own console script, with our own arguments
        [str(command), "select", *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    people = tmp_path / "people.csv"
    quotas = tmp_path / "quotas.csv"
    people.write_text(_people(), encoding="utf-8")
    quotas.write_text(QUOTAS, encoding="utf-8")
    return people, quotas


def test_the_lottery_and_the_draw_are_printed_as_json_and_repeat_with_the_seed(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    people, quotas = files
    out = tmp_path / "probabilities.csv"
    arguments = ("--people", people, "--quotas", quotas, "--size", "6", "--seed", "42")
    run = _select(*arguments, "--json", "--probabilities", out, "--address-columns", "address1")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["algorithm"] == "leximin"
    assert result["minimum_probability"] > 0
    assert sum(result["probabilities"].values()) == pytest.approx(6)
    assert len(result["panel"]) == 6
    assert len(result["audit_sha256"]) == 64
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 40
    assert {row["id"] for row in rows} == set(result["probabilities"])
    again = json.loads(_select(*arguments, "--json", "--address-columns", "address1").stdout)
    assert again["panel"] == result["panel"]
    assert again["audit_sha256"] == result["audit_sha256"]
    # Households: r000 and r001 share "0 High St", so they never sit together.
    for panel in result["audit"]["distribution"]["panels"]:
        assert not {"r000", "r001"} <= set(panel["members"])


def test_the_lottery_is_printed_in_words(files: tuple[Path, Path]) -> None:
    people, quotas = files
    run = _select("--people", people, "--quotas", quotas, "--size", "6", "--algorithm", "maximin")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("Algorithm: maximin")
    assert "Lowest selection probability: " in run.stdout


def test_bad_files_are_refused_one_line_per_problem(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    quotas = tmp_path / "quotas.csv"
    quotas.write_text(QUOTAS.replace("gender,female,3,4", "gender,female,5,4"), encoding="utf-8")
    people.write_text(
        "id,gender,age\nr1,female,16-29\nr1,male,30-59\nr2,other,60+\n", encoding="utf-8"
    )
    run = _select("--people", people, "--quotas", quotas, "--size", "6")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert any("line 2" in line and "do not make a range" in line for line in lines)
    quotas.write_text(QUOTAS, encoding="utf-8")
    run = _select("--people", people, "--quotas", quotas, "--size", "6")
    lines = run.stderr.splitlines()
    assert run.returncode == 2
    assert any("line 3: the id r1 is used twice (first on line 2)" in line for line in lines)
    assert any("line 4: r2 has gender 'other', which no quota lists" in line for line in lines)
    assert "Traceback" not in run.stderr


def test_a_pool_smaller_than_the_jury_and_a_missing_file_are_refused(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    people, quotas = files
    run = _select("--people", people, "--quotas", quotas, "--size", "60")
    assert run.returncode == 2
    assert "minimums" not in run.stderr
    assert "Traceback" not in run.stderr
    run = _select("--people", tmp_path / "missing.csv", "--quotas", quotas, "--size", "6")
    assert run.returncode == 2
    assert "cannot read the people file" in run.stderr


def test_infeasible_quotas_are_explained(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    quotas = tmp_path / "quotas.csv"
    people.write_text(
        "id,gender\n" + "".join(f"m{n},male\n" for n in range(8)) + "f1,female\n",
        encoding="utf-8",
    )
    quotas.write_text("feature,value,min,max\ngender,female,2,3\ngender,male,2,4\n")
    run = _select("--people", people, "--quotas", quotas, "--size", "5")
    assert run.returncode == 2
    assert "gender=female: lower its minimum from 2 to 1" in run.stderr
    assert "Traceback" not in run.stderr
