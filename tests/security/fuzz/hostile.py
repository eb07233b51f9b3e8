"""Hypothesis strategies for hostile files: CSV files built from a plausible header and rows
and then damaged (wrong encodings, byte-order marks, NULs, huge fields, missing, repeated and
extra columns, formula-looking cells, numbers out of range, mixed line endings, truncation),
random bytes, empty files and header-only files; YAML documents (random text, bombs of anchors,
deep nesting, bad dates and numbers, unsafe tags, and the shipped framework with a line
damaged); and JSON documents (random values, deep nesting, huge numbers, NaN)."""

import csv
import io
import json

from hypothesis import strategies as st

#: Longer than the ``csv`` module's field limit (131,072 characters).
HUGE_FIELD = "x" * 140_000

#: Cells that have broken importers elsewhere: formulas, numbers a float reads but a database
#: column cannot hold, blanks, quotes, NUL, byte-order marks, bidi controls, long text.
NASTY_CELLS = (
    "",
    " ",
    '"',
    "'",
    '=HYPERLINK("http://example.invalid","x")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(A1:A9)",
    "\t=1",
    "\r=1",
    "0",
    "0.5",
    "1.0",
    "-0",
    "1e400",
    "1e30",
    "-1e30",
    "99999999999999999999999",
    "1" * 5000,
    "nan",
    "NaN",
    "inf",
    "-inf",
    "1,000",
    "0x10",
    "\x00",
    "a\x00b",
    "\ufeff",
    "\u202eevil",
    "\ud7ff",
    "é",
    "Ω" * 120,
    "x" * 250,
    "x" * 5000,
    "a\nb",
    "a\r\nb",
    "a,b",
    "SW1A 1AA",
    "AA1 1AA",
    "not a postcode",
    "1.1",
    "dont_know",
    "not_applicable",
)

ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252")
LINE_ENDINGS = ("\r\n", "\n", "\r")


def cells(plausible: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A cell: mostly plausible, sometimes hostile, sometimes any text at all."""
    return st.one_of(
        plausible,
        plausible,
        st.sampled_from(NASTY_CELLS),
        st.text(max_size=12),
        st.just(HUGE_FIELD),
    )


def _serialise(header: list[str], rows: list[list[str]], endings: list[str]) -> str:
    out = io.StringIO()
    for index, record in enumerate([header, *rows]):
        line = io.StringIO()
        csv.writer(line, lineterminator="").writerow(record)
        out.write(line.getvalue() + endings[index % len(endings)])
    return out.getvalue()


def _encode(text: str, encoding: str) -> bytes:
    return text.encode(
        encoding, errors="replace" if encoding in {"latin-1", "cp1252"} else "surrogatepass"
    )


@st.composite
def csv_files(  # noqa: PLR0912 - one branch per kind of damage
    draw: st.DrawFn,
    columns: tuple[str, ...],
    plausible: dict[str, st.SearchStrategy[str]],
    *,
    max_rows: int = 6,
    good: list[dict[str, str]] | None = None,
) -> bytes:
    """A CSV file for an importer whose good header is ``columns`` (each column's plausible
    cells in ``plausible``), damaged in one or more of the ways an uploaded file can be.

    A third of the files are ``good`` rows (a file the importer should take, in any order,
    blanks filled with plausible cells) with at most one cell made hostile, so that what an
    accepted file saves is checked as well as what a refused one does not."""
    shape = draw(
        st.sampled_from(
            (
                "good",
                "good",
                "good",
                "good",
                "good",
                "built",
                "built",
                "built",
                "bytes",
                "empty",
                "header_only",
            )
        )
    )
    if shape == "good":
        return draw(_nearly_good(columns, plausible, good))
    if shape == "bytes":
        return draw(st.binary(max_size=300))
    if shape == "empty":
        return draw(st.sampled_from((b"", b"\n", b"\r\n\r\n", b"\xef\xbb\xbf", b" ", b",,,\n")))
    header = list(columns)
    header_damage = draw(
        st.sampled_from(("none", "none", "drop", "repeat", "extra", "upper", "blank", "shuffle"))
    )
    if header_damage == "drop" and header:
        header.pop(draw(st.integers(0, len(header) - 1)))
    elif header_damage == "repeat" and header:
        header.append(draw(st.sampled_from(header)))
    elif header_damage == "extra":
        header.append(draw(st.sampled_from(("", "=1", "notes", "ID", HUGE_FIELD[:300]))))
    elif header_damage == "upper":
        header = [name.upper() for name in header]
    elif header_damage == "blank":
        header = ["" for _name in header]
    elif header_damage == "shuffle":
        header = draw(st.permutations(header))
    if shape == "header_only":
        rows: list[list[str]] = []
    else:
        row_strategy = st.lists(
            st.one_of(*(cells(plausible.get(name, st.text(max_size=8))) for name in columns))
            if columns
            else st.text(max_size=8),
            min_size=max(0, len(header) - 1),
            max_size=len(header) + 1,
        )
        # Mostly rows of the header's width, built column by column.
        aligned = st.tuples(
            *(cells(plausible.get(name, st.text(max_size=8))) for name in header)
        ).map(list)
        rows = draw(st.lists(st.one_of(aligned, aligned, row_strategy), max_size=max_rows))
    endings = draw(st.lists(st.sampled_from(LINE_ENDINGS), min_size=1, max_size=3))
    text = _serialise(header, rows, endings)
    encoding = draw(st.sampled_from(("utf-8", "utf-8", "utf-8", *ENCODINGS)))
    data = _encode(text, encoding)
    damage = draw(st.sampled_from(("none", "none", "none", "truncate", "nul", "splice")))
    if damage == "truncate" and data:
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif damage == "nul":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
    elif damage == "splice":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data


@st.composite
def _nearly_good(
    draw: st.DrawFn,
    columns: tuple[str, ...],
    plausible: dict[str, st.SearchStrategy[str]],
    good: list[dict[str, str]] | None,
) -> bytes:
    def cell(name: str, row: dict[str, str]) -> str:
        if name in row:
            return row[name]
        return draw(plausible.get(name, st.just("")))

    rows = (
        [[cell(name, row) for name in columns] for row in draw(st.permutations(good))]
        if good
        else [[cell(name, {}) for name in columns] for _row in range(draw(st.integers(1, 4)))]
    )
    if rows and draw(st.booleans()):
        row = draw(st.integers(0, len(rows) - 1))
        column = draw(st.integers(0, len(columns) - 1))
        rows[row][column] = draw(st.sampled_from(NASTY_CELLS))
    ending = draw(st.sampled_from(LINE_ENDINGS))
    encoding = draw(st.sampled_from(("utf-8", "utf-8-sig")))
    return _serialise(list(columns), rows, [ending]).encode(encoding, errors="surrogatepass")


# YAML.

BILLION_LAUGHS = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *[
            f"{chr(98 + level)}: &{chr(98 + level)} [" + ",".join([f"*{chr(97 + level)}"] * 9) + "]"
            for level in range(8)
        ],
    ]
)

YAML_BOMBS = (
    BILLION_LAUGHS,
    "[" * 5000 + "]" * 5000,
    "{a: " * 3000 + "1" + "}" * 3000,
    "".join(f"{' ' * level}k{level}:\n" for level in range(600)) + " " * 600 + "v",
    "- " * 3000 + "x",
    "a: &a [*a]",
    "a: &a\n  b: *a",
    "<<: *nothing",
    "a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a",
    "a: !!python/object/apply:os.system ['echo pwned']",
    "a: !!python/name:os.system",
    "a: 2001-02-30",
    "a: 2021-13-01T00:00:00Z",
    "a: !!timestamp nonsense",
    "a: !!int nonsense",
    "a: !!float nonsense",
    "a: !!binary '@@@@'",
    "a: !!set {1, 2}",
    "a: 1" + "0" * 5000,
    "a: 0x" + "f" * 5000,
    "a: .nan\nb: .inf\nc: -.inf",
    "? [a, b]\n: c",
    "? {a: b}\n: c",
    "a: 1\na: 2",
    "---\na: 1\n---\nb: 2",
    "\ta: 1",
    "a: \x00",
    "a: \x07",
    "a: '\ufeff'",
    "\ufeffa: 1",
    "%YAML 9.9\n---\na: 1",
    "%TAG ! tag:evil.example,2000:\n---\na: !x 1",
    "a: *undefined",
    "@",
    "`",
    "[",
    "{",
    "'",
    '"\\x"',
    "- 1\n-",
    "",
    "~",
    "null",
    "[]",
    "42",
    "just a string",
)

YAML_SCALARS = (
    "",
    "~",
    "null",
    "true",
    "-1",
    "1e400",
    ".nan",
    "2001-02-30",
    "!!int x",
    "*nowhere",
    "&anchor",
    "[",
    "{",
    "'",
    '"',
    "|",
    ">",
    "x" * 5000,
    "\x00",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "[1, 2, 3]",
    "{a: 1}",
)


@st.composite
def yaml_texts(draw: st.DrawFn, base: str = "") -> str:
    """A YAML text: a known bomb or trap, random text, ``base`` with lines damaged, or
    ``base`` with one of its top-level text values (``title``, ``version``, ``id``) replaced,
    which the schema may accept but a database column may not hold."""
    shape = draw(st.sampled_from(("bomb", "random", "mutated", "mutated", "top", "top", "top")))
    if shape == "top" and base:
        key = draw(st.sampled_from(("title", "version", "id", "elements_heading")))
        value = draw(
            st.sampled_from(
                (
                    "x" * 301,
                    "Ω" * 400,
                    "=cmd|' /C calc'!A0",
                    "<script>alert(1)</script>",
                    "2019.2",
                    "a" * 40,
                    "tailored-" + "a" * 60,
                    '"\\0"',
                    '"\\u0000"',
                    '"\\x00 title"',
                    '"\\ud800"',
                )
            )
        )
        # A version number of its own, so that the file is not refused for repeating one.
        fields = {"version": '"2026.1"', key: value}
        lines = [
            next(
                (f"{name}: {text}" for name, text in fields.items() if line.startswith(f"{name}:")),
                line,
            )
            for line in base.splitlines()
        ]
        return "\n".join(lines) + "\n"
    if shape == "bomb" or (shape == "mutated" and not base):
        return draw(st.sampled_from(YAML_BOMBS))
    if shape == "random":
        return draw(
            st.text(
                alphabet=st.sampled_from([*"ab1 :-[]{}&*!|>'\"#?,\n\t.%@`~<", "\x00", "é"]),
                max_size=80,
            )
        )
    lines = base.splitlines()
    for _step in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(("value", "value", "delete", "repeat", "indent", "insert")))
        if action == "value" and ":" in lines[at]:
            key = lines[at].split(":", 1)[0]
            lines[at] = f"{key}: {draw(st.sampled_from(YAML_SCALARS))}"
        elif action == "delete" and len(lines) > 1:
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "indent":
            lines[at] = " " * draw(st.integers(1, 5)) + lines[at]
        else:
            lines.insert(at, draw(st.sampled_from(YAML_BOMBS[:12])))
    return "\n".join(lines) + "\n"


def yaml_files(base: str = "") -> st.SearchStrategy[bytes]:
    """A YAML upload: a YAML text in UTF-8 (sometimes another encoding), or random bytes."""
    return st.one_of(
        yaml_texts(base).map(lambda text: text.encode("utf-8", errors="surrogatepass")),
        st.tuples(yaml_texts(base), st.sampled_from(ENCODINGS)).map(lambda pair: _encode(*pair)),
        st.binary(max_size=200),
    )


# JSON.

JSON_TRAPS = (
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 5000 + "1" + "}" * 5000,
    "1" * 5000,
    '{"answers": [' + "1" * 5000 + "]}",
    "NaN",
    '{"1.1": NaN}',
    '{"1.1": Infinity}',
    '{"1.1": -Infinity}',
    '{"1.1": 1e400}',
    '{"1.1": "\\u0000"}',
    '{"\\u0000": 1}',
    '{"1.1": "\\ud800"}',
    '{"answers": [{"question_id": "1.1", "position": 1e400}]}',
    '{"answers": [{"question_id": {"x": 1}, "position": [1]}]}',
    '{"answers": [{"question_id": "1.1", "reason": {"a": 1}}]}',
    '{"answers": null}',
    '{"answers": {}}',
    '{"1.1": {"answer": [1, 2]}}',
    '{"1.1": {"answer": 3, "reason": 7, "justification": []}}',
    "",
    "[]",
    "null",
    '"text"',
    "{",
    '{"a": 1, "a": 2}',
)

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=True, allow_infinity=True),
        st.text(max_size=10),
        st.sampled_from(("1.1", "dont_know", "not_applicable", "3", "\x00")),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=6), children, max_size=4),
    ),
    max_leaves=20,
)


def json_texts() -> st.SearchStrategy[str]:
    """A JSON text: a known trap, or any JSON value (NaN and infinities included)."""
    return st.one_of(st.sampled_from(JSON_TRAPS), json_values.map(json.dumps))
