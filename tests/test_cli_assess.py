"""``publicbenefit assess`` end to end: the installed command scores the example answers file,
in words and as JSON, without Django, and refuses bad files with one line per problem and exit
status 2, never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from publicbenefit.data import framework_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "housing-hospital-discharge.yaml"


def _assess(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).parent / "publicbenefit"
    return subprocess.run(  # noqa: S603 - our own console script, with our own arguments
        [str(command), "assess", *map(str, arguments)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_the_example_is_scored_in_words() -> None:
    run = _assess(EXAMPLE)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "Outcome: Some issues" in lines
    assert "Score: 2.73 on the scale from 1 (left anchor) to 4 (right anchor)" in lines
    assert any(line.startswith("  3.     2.00  That the initiative uses data") for line in lines)
    assert "The fewest moves that reach 'Likely public benefit': 3 answers, 6 steps" in lines
    assert any(line.startswith("  3.4   don't know   to 3") for line in lines)
    assert "  After these moves: 'Likely public benefit', score 3.03" in lines


def test_the_example_is_scored_as_json() -> None:
    run = _assess(EXAMPLE, "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["outcome"]["id"] == "some_issues"
    assert result["score_exact"] == "41/15"
    assert [element["position"] for element in result["elements"]] == [3.0, 2.6667, 2.0, 3.0, 3.0]
    assert result["explanation"][0] == {
        "question": "2.2",
        "answer": 2,
        "counts_as": 2,
        "pull": 0.1333,
        "caps": [],
    }
    path = result["moves_to_next_band"]
    assert path["status"] == "reachable"
    assert [(move["question"], move["from"], move["to"]) for move in path["moves"]] == [
        ("3.3", 1, 4),
        ("3.4", "dont_know", 3),
        ("4.1", 3, 4),
    ]
    assert path["reached_outcome"] == "likely_public_benefit"


def test_a_bad_answers_file_gives_a_line_per_problem_and_status_2(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text('answers:\n  "1.1": 7\n  "9.9": 2\n  "3.3": dont_know\n', encoding="utf-8")
    run = _assess(answers)
    assert run.returncode == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        (
            f"publicbenefit assess: {answers}: the answers are refused: line 2: question 1.1: "
            "position 7 is off the scale (choose 1 to 4, dont_know or not_applicable)"
        ),
        (
            f"publicbenefit assess: {answers}: the answers are refused: line 3: there is no "
            "question '9.9' in data-for-public-benefit 2019.1"
        ),
        (
            f"publicbenefit assess: {answers}: the answers are refused: line 4: question 3.3: "
            "'dont_know' needs a reason"
        ),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("answers: [1, 2\n", "the YAML cannot be read: line 2: this is not valid YAML"),
        ('answers:\n  "1.1": 2\n', "unanswered: 1.2, 1.3"),
    ],
)
def test_unreadable_or_incomplete_answers_are_one_line(
    tmp_path: Path, text: str, message: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(text, encoding="utf-8")
    run = _assess(answers)
    assert run.returncode == 2
    assert len(run.stderr.splitlines()) == 1
    assert message in run.stderr


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    run = _assess(tmp_path / "absent.yaml")
    assert run.returncode == 2
    assert run.stderr.strip().endswith("cannot read the answers file: No such file or directory")


def test_a_tailored_framework_is_used_and_a_bad_one_refused(tmp_path: Path) -> None:
    tailored = tmp_path / "tailored.yaml"
    tailored.write_text(
        framework_text().replace("min_score: 2\n", "min_score: 2.75\n"), encoding="utf-8"
    )
    run = _assess(EXAMPLE, "--framework", tailored, "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["outcome"]["id"] == "may_not_be_public_benefit"

    broken = tmp_path / "broken.yaml"
    text = framework_text().replace("min_score: 3\n", "min_score: 1.5\n")
    broken.write_text(text, encoding="utf-8")
    run = _assess(EXAMPLE, "--framework", broken)
    assert run.returncode == 2
    line = next(n for n, content in enumerate(text.splitlines(), 1) if "min_score: 1.5" in content)
    assert run.stderr.splitlines() == [
        (
            f"publicbenefit assess: {broken}: the framework is refused: line {line}: "
            "thresholds are out of order: 1.5 for 'likely_public_benefit' must be above the "
            "threshold before it (2)"
        )
    ]


def test_assess_never_imports_django() -> None:
    script = (
        "import sys\n"
        "from publicbenefit.cli import main\n"
        "try:\n"
        f"    main(['publicbenefit', 'assess', {str(EXAMPLE)!r}])\n"
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
