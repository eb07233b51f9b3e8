"""The data files carry the source's words, word for word: every pro and con of Appendix C, every
positive and negative feature of Appendix D, each method's description and Part 2 §4 conclusion,
and every research question of Part 2 §3 under its theme.

The expected texts are parsed from the seed file itself (``../shared/seed/`` beside the
repository), never from a copy kept here: if the seed is missing these tests fail rather than pass
on nothing.
"""

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from publicbenefit.data import default_methods, default_question_bank

SEED = (
    Path(__file__).resolve().parents[5]
    / ".."
    / "shared"
    / "seed"
    / "involving-the-public-in-robust-and-trustworthy-data-sharing.md"
)
METHOD_IDS = {
    "Citizens' Jury": "citizens_jury",
    "Citizens' Panel": "citizens_panel",
    "Distributed Dialogue": "distributed_dialogue",
}


@dataclass(frozen=True)
class SourceMethod:
    description: list[str]
    pros: list[str]
    cons: list[str]


@cache
def seed_lines() -> tuple[str, ...]:
    if not SEED.is_file():
        pytest.fail(f"The seed file is missing, so the source texts cannot be checked: {SEED}")
    return tuple(SEED.read_text(encoding="utf-8").splitlines())


def section(start: str, end: str) -> list[str]:
    """The lines after the one starting ``start`` up to the one starting ``end`` (or the end of
    the file when ``end`` is empty)."""
    lines = list(seed_lines())
    first = next(index for index, line in enumerate(lines) if line.startswith(start))
    last = next(
        (index for index in range(first + 1, len(lines)) if end and lines[index].startswith(end)),
        len(lines),
    )
    return lines[first + 1 : last]


@cache
def appendix_c() -> dict[str, SourceMethod]:
    """Each method's description paragraphs, pros and cons, from Appendix C."""
    methods: dict[str, SourceMethod] = {}
    current: SourceMethod | None = None
    bullets: list[str] | None = None
    for line in section("## Appendix C", "## Appendix D"):
        heading = re.fullmatch(r"#+ \*([^*]+)\*", line)
        if heading:
            current = methods.setdefault(METHOD_IDS[heading[1]], SourceMethod([], [], []))
            bullets = None
        elif current is None:
            continue
        elif "**Pros**" in line:
            bullets = current.pros
        elif "**Cons**" in line:
            bullets = current.cons
        elif line.startswith("- ") and bullets is not None:
            bullets.append(line.removeprefix("- "))
        elif bullets is None and line.strip() and not line.startswith(("---", "<sup>")):
            # Markdown links in the description ("[Citizens' Summits](#)") are kept as their text.
            current.description.append(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line))
    return methods


@cache
def appendix_d() -> dict[str, tuple[list[str], list[str]]]:
    """Each method's positive and negative features, from Appendix D's table."""
    rows = {}
    for line in section("## Appendix D", ""):
        cells = line.split("\t")
        name = re.fullmatch(r"<i>(.+)</i>", cells[0])
        if name:
            positives, negatives = (
                [html.unescape(item) for item in re.findall(r"<li>• (.*?)</li>", cell)]
                for cell in cells[1:3]
            )
            rows[METHOD_IDS[name[1]]] = (positives, negatives)
    return rows


@cache
def conclusions() -> dict[str, str]:
    """Part 2 §4's conclusion on each method, in the order Jury, Panel, Dialogue."""
    lines = section("#### 4. Features of the methodology", "#### 5.")
    headings = [index for index, line in enumerate(lines) if line.startswith("##### ")]
    texts = [next(line for line in lines[index + 1 :] if line.strip()) for index in headings]
    return dict(
        zip(["citizens_jury", "citizens_panel", "distributed_dialogue"], texts, strict=True)
    )


@cache
def research_questions() -> list[tuple[str, str]]:
    """(theme, question) for every question of Part 2 §3, in order."""
    found = []
    theme = ""
    for line in section("### 3. What are the research questions", "#### 4."):
        bold = re.fullmatch(r"- \*\*(.+)\*\*", line)
        if bold:
            theme = bold[1]
        elif re.match(r"\s*- ", line):
            found.append((theme, line.strip().removeprefix("- ")))
    return found


def test_the_seed_has_three_methods_and_eighteen_questions() -> None:
    assert sorted(appendix_c()) == sorted(METHOD_IDS.values())
    assert sorted(appendix_d()) == sorted(METHOD_IDS.values())
    assert len(research_questions()) == 18


@pytest.mark.parametrize("method_id", sorted(METHOD_IDS.values()))
def test_appendix_c_pros_and_cons_are_word_for_word(method_id: str) -> None:
    method = default_methods().method(method_id)
    assert list(method.pros) == appendix_c()[method_id].pros
    assert list(method.cons) == appendix_c()[method_id].cons


@pytest.mark.parametrize("method_id", sorted(METHOD_IDS.values()))
def test_appendix_d_features_are_word_for_word(method_id: str) -> None:
    method = default_methods().method(method_id)
    positives, negatives = appendix_d()[method_id]
    assert list(method.positives) == positives
    assert list(method.negatives) == negatives


@pytest.mark.parametrize("method_id", sorted(METHOD_IDS.values()))
def test_the_description_and_conclusion_are_word_for_word(method_id: str) -> None:
    method = default_methods().method(method_id)
    assert list(method.description) == appendix_c()[method_id].description
    assert method.workshop_conclusion == conclusions()[method_id]


def test_every_pro_and_con_counts() -> None:
    # Guards the parser: Appendix C has 17 pros and 14 cons, Appendix D 9 positives and 9
    # negatives across the three methods.
    assert sum(len(method.pros) for method in appendix_c().values()) == 17
    assert sum(len(method.cons) for method in appendix_c().values()) == 14
    assert sum(len(row[0]) for row in appendix_d().values()) == 9
    assert sum(len(row[1]) for row in appendix_d().values()) == 9


def test_the_research_questions_are_word_for_word_under_their_themes() -> None:
    bank = default_question_bank()
    shipped = [
        (theme.heading, question.text) for theme in bank.themes for question in theme.questions
    ]
    assert shipped == research_questions()


def test_the_source_quirks_are_kept() -> None:
    bank = default_question_bank()
    assert bank.question("P3a").parent_id == "P3"
    assert [q.id for q in bank.questions if q.printed_unindented] == ["I5", "I6"]
    assert "“at risk”" in bank.question("P3").text
    panel = default_methods().method("citizens_panel")
    assert "Need very “good” question construction." in panel.negatives
    jury = default_methods().method("citizens_jury")
    assert any("&" in text and "&amp;" not in text for text in jury.positives)
