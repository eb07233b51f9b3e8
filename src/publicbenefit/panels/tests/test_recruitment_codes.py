"""Letter codes and pseudonyms: their shape, how a typed code is read back, and that a batch's
codes never repeat an existing one."""

import re

import pytest

from publicbenefit.panels import codes
from publicbenefit.panels.models import Address
from publicbenefit.panels.services.recruitment import codes_new
from publicbenefit.panels.tests.test_recruitment_builders import batch_make, panel_make

SHAPE = re.compile(r"^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$")


def test_a_new_code_is_eight_characters_from_the_alphabet():
    made = {codes.code_new() for _ in range(500)}
    assert all(SHAPE.match(code) for code in made)
    # 500 draws from 31**8 codes: a repeat would mean the source is not random.
    assert len(made) == 500


def test_a_code_is_shown_with_a_dash_in_the_middle():
    assert codes.code_display("7K2MQ9XA") == "7K2M-Q9XA"


@pytest.mark.parametrize(
    "typed", ["7K2M-Q9XA", "7k2m-q9xa", "7K2MQ9XA", " 7k2m q9xa ", "7K2M\u2013Q9XA"]
)
def test_a_typed_code_is_read_in_any_case_with_or_without_the_dash(typed):
    assert codes.code_parse(typed) == "7K2MQ9XA"


@pytest.mark.parametrize(
    "typed", ["", "7K2M-Q9X", "7K2M-Q9XAB", "0K2M-Q9XA", "IK2M-Q9XA", "7K2M_Q9XA"]
)
def test_text_that_cannot_be_a_code_is_refused(typed):
    assert codes.code_parse(typed) is None


def test_a_pseudonym_is_m_and_eight_code_characters():
    pseudonym = codes.pseudonym_new()
    assert pseudonym.startswith("M-")
    assert SHAPE.match(pseudonym[2:])


@pytest.mark.django_db
def test_new_codes_differ_from_each_other_and_from_codes_already_given(monkeypatch, administrator):
    panel = panel_make(administrator)
    batch_make(administrator, panel, ["AAAAAAAA"])
    draws = iter(["AAAAAAAA", "BBBBBBBB", "BBBBBBBB", "CCCCCCCC"])
    monkeypatch.setattr("publicbenefit.panels.codes.code_new", lambda: next(draws))
    made = codes_new(2)
    assert sorted(made) == ["BBBBBBBB", "CCCCCCCC"]
    assert Address.objects.filter(code__in=made).count() == 0
