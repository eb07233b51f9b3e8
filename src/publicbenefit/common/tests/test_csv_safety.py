"""CSV cells that a spreadsheet would run as formulas are neutralised; others are untouched."""

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from publicbenefit.common.csv_safety import csv_text, safe_cell, unsafe_cell


@pytest.mark.parametrize("dangerous", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x"])
def test_formula_starts_are_neutralised(dangerous):
    assert safe_cell(dangerous) == "'" + dangerous


@pytest.mark.parametrize("plain", ["Tenants", "3", "", "a=b", "email@example.org"])
def test_plain_text_is_unchanged(plain):
    assert safe_cell(plain) == plain


@given(st.lists(st.lists(st.text(), min_size=2, max_size=2), max_size=5))
def test_no_cell_of_a_written_csv_starts_a_formula(rows):
    text = csv_text(["a", "b"], rows)
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


@given(st.text())
def test_reading_back_restores_the_text(text):
    assert unsafe_cell(safe_cell(text)) == text
