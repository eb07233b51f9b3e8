"""Reading the Sortition Foundation's CSV formats, and refusing bad pools and quotas with every
problem named by its line or quota."""

import pytest

from publicbenefit.core.selection import (
    PeopleInvalidError,
    PoolTooSmallError,
    Quota,
    QuotasInvalidError,
    make_person,
    people_from_csv,
    quotas_from_csv,
    selection_task,
)

QUOTAS = "feature,value,min,max,min_flex,max_flex\ngender,female,1,2,0,3\ngender,male,1,2,,\n"


def test_quotas_are_read_with_their_optional_flex_columns() -> None:
    quotas = quotas_from_csv(QUOTAS)
    assert quotas == (
        Quota("gender", "female", 1, 2, 0, 3),
        Quota("gender", "male", 1, 2, None, None),
    )
    assert quotas[1].row == 3


def test_quotas_with_bad_numbers_or_no_header_are_refused_naming_the_line() -> None:
    with pytest.raises(QuotasInvalidError) as raised:
        quotas_from_csv("feature,value,min,max\ngender,female,one,2\ngender,,1,x\n")
    assert [str(p) for p in raised.value.problems] == [
        "line 2: min 'one' is not a whole number",
        "line 3: max 'x' is not a whole number",
        "line 3: the feature and the value are both needed",
    ]
    with pytest.raises(QuotasInvalidError, match="no min, max column"):
        quotas_from_csv("feature,value\ngender,female\n")


def test_people_are_read_with_households_from_address_columns() -> None:
    text = (
        "id,gender,address,postcode,notes\n"
        "a,female,1 High St,AB1,x\n"
        "b,male,1  high st,ab1,y\n"
        "c,male,2 High St,AB1,z\n"
    )
    people = people_from_csv(
        text, features=["gender"], id_column="id", address_columns=["address", "postcode"]
    )
    assert [person.id for person in people] == ["a", "b", "c"]
    assert people[0].household == people[1].household != people[2].household
    assert people[0].features == (("gender", "female"),)


def test_a_people_file_without_the_id_or_feature_columns_is_refused() -> None:
    with pytest.raises(PeopleInvalidError) as raised:
        people_from_csv("name,age\nx,1\n", features=["gender"], id_column="id")
    assert [str(p) for p in raised.value.problems] == [
        "line 1: the header has no column 'id'",
        "line 1: the header has no column 'gender'",
    ]


def test_every_problem_with_the_pool_is_listed_naming_the_line() -> None:
    text = "id,gender\na,female\na,male\nb,other\n"
    people = people_from_csv(text, features=["gender"])
    with pytest.raises(PeopleInvalidError) as raised:
        selection_task(people, quotas_from_csv(QUOTAS), 2)
    assert [str(p) for p in raised.value.problems] == [
        "line 3: the id a is used twice (first on line 2)",
        "line 4: b has gender 'other', which no quota lists",
    ]
    assert raised.value.error_code == "selection_people_invalid"


def test_quotas_that_cannot_fit_the_panel_size_are_refused() -> None:
    quotas = quotas_from_csv("feature,value,min,max\ng,a,3,4\ng,b,2,2\nh,x,0,1\nh,y,0,1\n")
    people = [make_person(str(n), {"g": "a", "h": "x"}) for n in range(10)]
    with pytest.raises(QuotasInvalidError) as raised:
        selection_task(people, quotas, 4)
    assert [str(p) for p in raised.value.problems] == [
        "line 2: the minimums for g add up to 5, more than the panel size 4",
        "line 4: the maximums for h add up to 2, fewer than the panel size 4",
    ]


def test_a_pool_smaller_than_the_panel_is_refused() -> None:
    people = [make_person(str(n), {"g": "a"}) for n in range(3)]
    with pytest.raises(PoolTooSmallError, match="The pool has 3 people but the panel needs 4"):
        selection_task(people, [Quota("g", "a", 0, 4)], 4)
