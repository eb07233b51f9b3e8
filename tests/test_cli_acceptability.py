"""``publicbenefit acceptability`` end to end: the installed command scores a responses file
without Django, prints the report in words or as JSON (the hand-worked example of
``docs/acceptability.md``), and refuses bad files with one line per problem and exit status 2,
never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ELEMENTS = [
    "service_outcomes",
    "wider_public_outcomes",
    "respects_individual",
    "public_resources",
    "visible_benefits",
]
HEADER = (
    "id,"
    + ",".join(f"weight_{e}" for e in ELEMENTS)
    + ","
    + ",".join(f"rating_{e}" for e in ELEMENTS)
    + ",confidence,decision,conditions,age\n"
)
RESPONSES = HEADER + (
    "p1,40,20,20,10,10,4,3,3,2,1,3,yes,,16-34\n"
    "p2,20,20,20,20,20,3,3,2,2,1,2,yes_with_conditions,Data must not be sold to companies,35+\n"
    "p3,10,20,50,10,10,4,dont_know,1,2,3,4,no,Never sold; deleted after use,35+\n"
    "p4,0,10,70,0,20,2,1,4,1,4,4,yes,,16-34\n"
    "p5,30,30,10,10,20,2,1,1,1,4,1,yes_with_conditions,Not sold to companies,35+\n"
)
WEIGHTS = "id,weight\np1,1.2\np2,0.8\np3,1.5\np4,0.5\np5,1.0\n"


def _acceptability(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "publicbenefit"
    return subprocess.run(  # noqa: S603 - our own console script, with our own arguments
        [str(command), "acceptability", *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    responses = tmp_path / "responses.csv"
    weights = tmp_path / "weights.csv"
    responses.write_text(RESPONSES, encoding="utf-8")
    weights.write_text(WEIGHTS, encoding="utf-8")
    return responses, weights


def test_the_example_as_json(files: tuple[Path, Path], tmp_path: Path) -> None:
    responses, weights = files
    assessment = tmp_path / "answers.yaml"
    questions = _question_ids()
    assessment.write_text(
        "framework: data-for-public-benefit\nversion: '2019.1'\nanswers:\n"
        + "".join(f"  {question}: 3\n" for question in questions),
        encoding="utf-8",
    )
    run = _acceptability(
        responses,
        "--weights",
        weights,
        "--min-count",
        "0",
        "--seed",
        "1",
        "--by",
        "age",
        "--assessment",
        assessment,
        "--json",
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["score"] == 45.7
    assert (report["low"], report["high"]) == (28.79, 69.05)
    assert report["effective_sample_size"] == pytest.approx(4.48, abs=1e-3)
    assert (report["participants"], report["scored"], report["seed"]) == (5, 5, 1)
    assert [group["value"] for group in report["subgroups"][0]["groups"]] == ["16-34", "35+"]
    assert [answer["percent"] for answer in report["decision"]["answers"]] == [34, 36, 30, 0]
    assert report["conditions"]["phrases"] == [{"phrase": "sold", "participants": 3}]
    # Every position 3 (66.67): element 4, rated 23.33 by the public, is the furthest apart.
    assert report["comparison"][0]["element"] == "public_resources"
    assert report["comparison"][0]["gap"] == pytest.approx(-43.33)
    assert report["comparison"][0]["organisation_rating"] == pytest.approx(66.67)


def _question_ids() -> list[str]:
    from publicbenefit.data import default_framework  # noqa: PLC0415

    return [question.id for question in default_framework().questions]


def test_the_report_in_words_and_the_same_seed_gives_the_same_interval(
    files: tuple[Path, Path],
) -> None:
    responses, weights = files
    first = _acceptability(responses, "--weights", weights, "--min-count", "0", "--seed", "9")
    again = _acceptability(responses, "--weights", weights, "--min-count", "0", "--seed", "9")
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    lines = first.stdout.splitlines()
    assert lines[0] == "Public acceptability from 5 participants (points elicitation)"
    assert lines[1].startswith("  Score: 45.7 out of 100 (95% interval ")
    assert "    Yes, with conditions: 36.0% " in first.stdout
    assert lines[-1] == "  Bootstrap: 2000 resamples, seed 9"


def test_too_few_participants_give_no_score_and_say_why(files: tuple[Path, Path]) -> None:
    responses, _ = files
    run = _acceptability(responses, "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["score"] is None
    assert report["reason"].startswith("Fewer than 10 participants gave a score")
    assert isinstance(report["seed"], int)


def test_bad_files_give_a_line_per_problem_and_status_2(tmp_path: Path) -> None:
    responses = tmp_path / "responses.csv"
    responses.write_text(
        HEADER
        + "p1,40,20,20,10,0,4,3,3,2,1,3,yes,,16-34\n"
        + "p1,20,20,20,20,20,3,3,2,2,7,2,yes,,35+\n",
        encoding="utf-8",
    )
    run = _acceptability(responses)
    assert run.returncode == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    prefix = f"publicbenefit acceptability: {responses}: the responses are refused: "
    assert run.stderr.splitlines() == [
        prefix + "line 2: The points must add up to 100, but they add up to 90",
        prefix + "line 3: the id 'p1' is repeated (first at line 2)",
        prefix
        + (
            "line 3: Where the proposal stands on element 5 (visible benefits) must be a "
            "position from 1 to 4, or don't know, not '7'"
        ),
    ]


def test_missing_weights_and_unknown_columns_are_refused(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    responses, _ = files
    weights = tmp_path / "partial.csv"
    weights.write_text("id,weight\np1,1\np2,1\np3,1\np4,1\n", encoding="utf-8")
    run = _acceptability(responses, "--weights", weights)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [
        (
            f"publicbenefit acceptability: {responses}: line 6: participant 'p5' has no weight in "
            "the weights file"
        )
    ]
    run = _acceptability(responses, "--by", "ward")
    assert run.returncode == 2
    assert "there is no column ward" in run.stderr
    run = _acceptability(tmp_path / "missing.csv")
    assert run.returncode == 2
    assert "cannot read the responses file" in run.stderr
