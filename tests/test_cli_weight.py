"""``publicbenefit weight`` end to end: the installed command rakes a respondents file to a
margins file without Django, writes ``id,weight`` averaging 1, prints the report in words or as
JSON, and refuses bad files with one line per problem and exit status 2, never a traceback."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

MARGINS = "feature,value,share\nsex,female,0.5\nsex,male,0.5\nage,young,0.4\nage,old,0.6\n"
RESPONDENTS = (
    "id,sex,age\n"
    "1,female,young\n2,female,old\n3,female,old\n4,male,young\n5,male,old\n6,female,old\n"
)


def _weight(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "publicbenefit"
    return subprocess.run(  # noqa: S603 - our own console script, with our own arguments
        [str(command), "weight", *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    respondents = tmp_path / "respondents.csv"
    margins = tmp_path / "margins.csv"
    respondents.write_text(RESPONDENTS, encoding="utf-8")
    margins.write_text(MARGINS, encoding="utf-8")
    return respondents, margins, tmp_path / "weights.csv"


def _read_weights(path: Path) -> dict[str, float]:
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["id", "weight"]
    return {identifier: float(weight) for identifier, weight in rows[1:]}


def test_the_weights_are_written_and_the_report_printed(files: tuple[Path, Path, Path]) -> None:
    respondents, margins, out = files
    run = _weight(respondents, "--margins", margins, "--out", out)
    assert run.returncode == 0, run.stderr
    weights = _read_weights(out)
    assert list(weights) == ["1", "2", "3", "4", "5", "6"]
    assert sum(weights.values()) / 6 == pytest.approx(1.0)
    # Women are 4 of 6 but half the population: their weights sum to 3, the men's to 3.
    assert weights["1"] + weights["2"] + weights["3"] + weights["6"] == pytest.approx(3.0, 1e-5)
    assert weights["1"] + weights["4"] == pytest.approx(0.4 * 6, 1e-5)
    lines = run.stdout.splitlines()
    assert lines[0] == f"Weighted 6 respondents into {out}"
    assert lines[1] == "  Design effect: 1.128"
    assert lines[3].startswith("  Raking: converged after ")
    assert run.stderr == ""


def test_the_report_as_json(files: tuple[Path, Path, Path]) -> None:
    respondents, margins, out = files
    run = _weight(respondents, "--margins", margins, "--out", out, "--json", "--trim-max", "1.5")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["design_effect"] == pytest.approx(1.13, abs=1e-3)
    assert report["effective_sample_size"] == pytest.approx(6 / report["design_effect"], 1e-4)
    assert isinstance(report["iterations"], int)
    assert report["converged"] is True
    assert report["trim_max"] == 1.5
    assert max(_read_weights(out).values()) <= 1.5 + 1e-9


def test_bad_files_give_a_line_per_problem_and_status_2(tmp_path: Path) -> None:
    respondents = tmp_path / "respondents.csv"
    margins = tmp_path / "margins.csv"
    respondents.write_text("id,sex,age\n1,female,young\n1,male,old\n3,male,\n", encoding="utf-8")
    margins.write_text(
        "feature,value,share\nsex,female,0.5\nsex,male,0.6\nage,young,0.4x\nage,old,0.6\n",
        encoding="utf-8",
    )
    run = _weight(respondents, "--margins", margins, "--out", tmp_path / "weights.csv")
    assert run.returncode == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        (
            f"publicbenefit weight: {respondents}: the respondents are refused: line 3: the id "
            "'1' is repeated (first at line 2)"
        ),
        f"publicbenefit weight: {respondents}: the respondents are refused: line 4: blank age",
        (
            f"publicbenefit weight: {margins}: the margins are refused: line 2: the shares of "
            "'sex' sum to 1.1, not 1 (within 0.005)"
        ),
        (
            f"publicbenefit weight: {margins}: the margins are refused: line 4: the share "
            "'0.4x' is not a number"
        ),
    ]
    assert not (tmp_path / "weights.csv").exists()


def test_respondents_that_do_not_fit_are_named_in_the_right_file(tmp_path: Path) -> None:
    respondents = tmp_path / "respondents.csv"
    margins = tmp_path / "margins.csv"
    respondents.write_text("id,sex\n1,female\n2,x\n", encoding="utf-8")
    margins.write_text(
        "feature,value,count\nsex,female,60\nsex,male,40\nage,old,100\n", encoding="utf-8"
    )
    run = _weight(respondents, "--margins", margins, "--out", tmp_path / "weights.csv")
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        (
            f"publicbenefit weight: {respondents}: the respondents do not fit the margins: "
            "line 3: sex 'x' is not a category in the margins (respondent 2)"
        ),
        (
            f"publicbenefit weight: {margins}: the respondents do not fit the margins: line 4: "
            "the feature 'age' is in the margins but the respondents have no column for it"
        ),
    ]


def test_an_impossible_margin_is_refused(tmp_path: Path) -> None:
    respondents = tmp_path / "respondents.csv"
    margins = tmp_path / "margins.csv"
    respondents.write_text("id,sex\n1,female\n2,female\n", encoding="utf-8")
    margins.write_text(MARGINS.split("age", 1)[0], encoding="utf-8")
    run = _weight(respondents, "--margins", margins, "--out", tmp_path / "weights.csv")
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        (
            f"publicbenefit weight: {margins}: the margins cannot be met: line 3: sex 'male' has "
            "a share of 0.5 but no respondent has it, so no weights can meet it"
        )
    ]


def test_a_missing_file_and_a_bad_cap_are_one_line_each(files: tuple[Path, Path, Path]) -> None:
    respondents, margins, out = files
    missing = respondents.parent / "missing.csv"
    run = _weight(missing, "--margins", margins, "--out", out)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        (
            f"publicbenefit weight: {missing}: cannot read the respondents file: No such file "
            "or directory"
        )
    ]
    run = _weight(respondents, "--margins", margins, "--out", out, "--trim-max", "0.5")
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        "publicbenefit weight: The cap on weights must be more than 1 times the mean, not 0.5"
    ]


def test_weight_never_imports_django(files: tuple[Path, Path, Path]) -> None:
    respondents, margins, out = files
    arguments = [str(respondents), "--margins", str(margins), "--out", str(out), "--json"]
    script = (
        "import sys\n"
        "from publicbenefit.cli import main\n"
        "try:\n"
        f"    main(['publicbenefit', 'weight', *{arguments!r}])\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'django'), "
        "file=sys.stderr)\n"
    )
    run = subprocess.run(  # noqa: S603 - the running interpreter, with a fixed script
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == "[]"
    assert json.loads(run.stdout)["converged"] is True
    assert out.exists()
