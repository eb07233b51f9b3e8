"""Margins read from an ONS Census 2021 table as it is downloaded: each variable summed over the
others, the one-category area left out, keys made from the labels, a bad row refused with its
line, and text that is not a census table left to the long-shape reader."""

import pytest

from publicbenefit.core.weighting import MarginsInvalidError, census_to_long, margins_from_csv

AREA = "Lower tier local authorities"
# A custom dataset of one area by age and sex, as ONS downloads it.
AGE_BY_SEX = (
    f'"{AREA} Code","{AREA}","Age (3 categories) Code","Age (3 categories)",'
    '"Sex (2 categories) Code","Sex (2 categories)","Observation"\n'
    "E06000001,Hartlepool,1,Aged 15 years and under,1,Female,100\n"
    "E06000001,Hartlepool,1,Aged 15 years and under,2,Male,110\n"
    "E06000001,Hartlepool,2,Aged 16 to 64 years,1,Female,300\n"
    "E06000001,Hartlepool,2,Aged 16 to 64 years,2,Male,290\n"
    "E06000001,Hartlepool,3,Aged 65 years and over,1,Female,120\n"
    "E06000001,Hartlepool,3,Aged 65 years and over,2,Male,80\n"
)


def _problems(text: str) -> list[str]:
    with pytest.raises(MarginsInvalidError) as raised:
        margins_from_csv(text)
    return [str(problem) for problem in raised.value.problems]


def test_each_variable_is_summed_over_the_others_and_the_area_left_out() -> None:
    margins = margins_from_csv(AGE_BY_SEX)
    assert margins.features == ("age", "sex")
    assert margins.shares("age") == pytest.approx(
        {
            "aged-15-years-and-under": 0.21,
            "aged-16-to-64-years": 0.59,
            "aged-65-years-and-over": 0.2,
        }
    )
    assert margins.shares("sex") == pytest.approx({"female": 0.52, "male": 0.48})


def test_the_labels_are_kept_beside_the_keys() -> None:
    long = census_to_long(AGE_BY_SEX)
    assert long is not None
    lines = long.splitlines()
    assert lines[0] == "feature,value,count,label,feature_label"
    assert lines[1] == "age,aged-15-years-and-under,210.0,Aged 15 years and under,Age"
    assert lines[-1] == "sex,male,480.0,Male,Sex"


def test_a_table_by_ward_gives_the_ward_feature() -> None:
    wards = (
        "Electoral wards and divisions Code,Electoral wards and divisions,Observation\n"
        "E05000001,Riverside,300\nE05000002,Millbrook,100\n"
    )
    margins = margins_from_csv(wards)
    assert margins.features == ("electoral_wards_and_divisions",)
    assert margins.shares("electoral_wards_and_divisions") == {"riverside": 0.75, "millbrook": 0.25}


def test_a_bad_row_refuses_the_whole_table_naming_each_line() -> None:
    text = AGE_BY_SEX.replace(",300\n", ",lots\n").replace(",80\n", ",-80\n")
    text += "E06000001,Hartlepool,,Aged 65 years and over,2,Male,1\nE06000001,Hartlepool,3\n"
    assert _problems(text) == [
        "line 4: the observation 'lots' is not a number",
        "line 7: the observation -80 is negative",
        "line 8: the code of 'Age (3 categories)' is blank",
        "line 9: the row has 3 fields, the header 7",
    ]


def test_a_header_that_is_not_a_census_table_is_refused() -> None:
    assert _problems("Age Code,Age,Sex,Observation\n1,Young,Female,10\n") == [
        (
            "line 1: a census table has, for each variable, a column 'NAME Code' and a column "
            "'NAME', and one column Observation; these do not fit: Sex"
        )
    ]
    assert _problems(f"{AREA} Code,{AREA},Observation\nE06000001,Hartlepool,1000\n") == [
        "line 1: the table has no variable with two or more categories"
    ]


def test_text_in_the_long_shape_is_left_to_the_long_shape_reader() -> None:
    assert census_to_long("feature,value,share\nsex,female,0.5\nsex,male,0.5\n") is None
    assert census_to_long("") is None
