"""Quotas: margins imported, quotas proposed by largest-remainder rounding with the tolerance,
accepted, changed in the table, imported in the Sortition Foundation's format and downloaded;
bad quotas refused with the quota named."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.juries.models import JuryValue
from publicbenefit.juries.selectors.quotas import largest_remainder, proposed_quotas
from publicbenefit.juries.services.quotas import (
    margins_import,
    quotas_accept_proposed,
    quotas_import,
    quotas_update,
)
from publicbenefit.juries.tests.selection.conftest import MARGINS, upload, url

pytestmark = pytest.mark.django_db


def quota(jury, feature, value):
    row = JuryValue.objects.get(feature__jury=jury, feature__key=feature, value=value)
    return row.minimum, row.maximum


def test_largest_remainder_adds_up_to_the_size():
    assert largest_remainder([Decimal("0.3"), Decimal("0.45"), Decimal("0.25")], 6) == [2, 3, 1]
    assert largest_remainder([Decimal(1), Decimal(1), Decimal(1)], 7) == [3, 2, 2]
    assert sum(largest_remainder([Decimal("0.07")] * 13 + [Decimal("0.09")], 18)) == 18
    assert largest_remainder([Decimal(0), Decimal(0)], 6) == [0, 0]


def test_proposed_quotas_are_the_rounded_share_give_or_take_the_tolerance(lead, jury):
    margins_import(actor=lead, jury=jury, csv_text=MARGINS)
    proposals = proposed_quotas(jury=jury)
    by_value = {
        (v.feature.key, v.value): proposals[v.pk]
        for v in JuryValue.objects.filter(feature__jury=jury)
    }
    # 6 jurors: age 0.3/0.45/0.25 -> 1.8/2.7/1.5 -> 1,2,1 and the 3 left... largest remainders.
    assert by_value["age", "16-29"].number == 2
    assert by_value["age", "30-59"].number == 3
    assert by_value["age", "60+"].number == 1
    assert (by_value["age", "60+"].minimum, by_value["age", "60+"].maximum) == (0, 2)
    assert (by_value["sex", "female"].minimum, by_value["sex", "female"].maximum) == (2, 4)


def test_accepting_sets_the_proposed_quotas(client_for, lead, jury):
    margins_import(actor=lead, jury=jury, csv_text=MARGINS)
    client = client_for(lead.user)
    page = client.get(url("quotas", jury)).content.decode()
    assert "largest-remainder" in page
    assert "45.0%" in page
    response = client.post(url("quotas_accept", jury))
    assert response.status_code == 302
    assert quota(jury, "age", "30-59") == (2, 4)


def test_accepting_before_margins_is_refused(lead, jury):
    with pytest.raises(ValidationError, match="margins"):
        quotas_accept_proposed(actor=lead, jury=jury)


def test_the_margins_page_imports_a_file(client_for, lead, jury):
    response = client_for(lead.user).post(
        url("margins_import", jury), {"csv_file": upload(MARGINS)}
    )
    assert response.status_code == 302
    assert JuryValue.objects.filter(feature__jury=jury).count() == 5


def test_a_bad_margins_file_is_refused_with_its_line(client_for, lead, jury):
    response = client_for(lead.user).post(
        url("margins_import", jury), {"csv_file": upload("feature,value,share\nage,16-29,x\n")}
    )
    assert response.status_code == 200
    assert "Line 2" in response.content.decode()


def test_the_table_saves_changed_quotas(client_for, lead, quota_jury):
    values = JuryValue.objects.filter(feature__jury=quota_jury)
    data = {}
    for value in values:
        data[f"min_{value.pk}"] = value.minimum
        data[f"max_{value.pk}"] = value.maximum
    female = values.get(value="female")
    data[f"min_{female.pk}"] = 3
    response = client_for(lead.user).post(url("quotas", quota_jury), data)
    assert response.status_code == 302
    assert quota(quota_jury, "sex", "female") == (3, 4)


def test_the_table_refuses_minimums_above_the_jury_size_naming_the_quota(
    client_for, lead, quota_jury
):
    values = JuryValue.objects.filter(feature__jury=quota_jury)
    data = {f"min_{v.pk}": v.minimum for v in values} | {f"max_{v.pk}": v.maximum for v in values}
    female = values.get(value="female")
    data[f"min_{female.pk}"] = 7
    data[f"max_{female.pk}"] = 8
    response = client_for(lead.user).post(url("quotas", quota_jury), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "sex=female: the minimum 7 is more than the jury&#x27;s 6 places" in page
    assert "sex: the minimums add up to" in page
    assert quota(quota_jury, "sex", "female") == (2, 4)


def test_the_table_refuses_a_minimum_above_its_maximum(lead, quota_jury):
    female = JuryValue.objects.get(feature__jury=quota_jury, value="female")
    with pytest.raises(ValidationError, match="sex=female: the minimum 4 is more than the max"):
        quotas_update(actor=lead, jury=quota_jury, quotas={female.pk: (4, 3)})


def test_a_viewer_sees_the_quotas_but_cannot_change_them(client_for, viewer, quota_jury):
    client = client_for(viewer.user)
    page = client.get(url("quotas", quota_jury)).content.decode()
    assert "Accept the proposed quotas" not in page
    assert client.post(url("quotas", quota_jury), {}).status_code == 403
    assert client.get(url("quotas_accept", quota_jury)).status_code == 403
    assert client.get(url("margins_import", quota_jury)).status_code == 403
    with pytest.raises(PermissionDenied):
        quotas_accept_proposed(actor=viewer, jury=quota_jury)


SF_QUOTAS = """feature,value,min,max,min_flex,max_flex
gender,female,2,4,1,5
gender,male,2,4,,
age,young,1,3,,
age,old,3,5,,
"""


def test_a_sortition_foundation_quotas_file_makes_the_features(client_for, lead, jury):
    response = client_for(lead.user).post(
        url("quotas_import", jury), {"csv_file": upload(SF_QUOTAS)}
    )
    assert response.status_code == 302
    female = JuryValue.objects.get(feature__jury=jury, value="female")
    assert (female.minimum, female.maximum, female.min_flex, female.max_flex) == (2, 4, 1, 5)
    assert jury.features.count() == 2


def test_a_quotas_file_for_an_existing_jury_must_match_its_values(lead, quota_jury):
    text = MARGINS.replace("share", "min,max").splitlines()[0] + "\n"
    text = "feature,value,min,max\nage,16-29,1,2\nage,unknown,1,2\n"
    with pytest.raises(ValidationError) as error:
        quotas_import(actor=lead, jury=quota_jury, csv_text=text)
    messages = " ".join(error.value.message_dict["csv_file"])
    assert "line 3 (age=unknown): the jury has no value 'unknown' of age" in messages
    assert "The file has no quota for sex=female" in messages


def test_a_quotas_file_whose_minimums_exceed_the_size_is_refused(lead, jury):
    text = "feature,value,min,max\ngender,female,4,6\ngender,male,4,6\n"
    with pytest.raises(ValidationError, match="gender: the minimums add up to 8, more than"):
        quotas_import(actor=lead, jury=jury, csv_text=text)
    assert not jury.features.exists()


def test_a_malformed_quotas_file_names_the_line(lead, jury):
    with pytest.raises(ValidationError, match="line 2: min 'x' is not a whole number"):
        quotas_import(actor=lead, jury=jury, csv_text="feature,value,min,max\ng,f,x,2\n")


def test_the_quotas_download_is_in_the_sortition_foundation_format(client_for, viewer, lead, jury):
    quotas_import(
        actor=lead,
        jury=jury,
        csv_text="feature,value,min,max\ngender,=cmd,2,4\ngender,male,2,4\n",
    )
    response = client_for(viewer.user).get(url("quotas_download", jury))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0] == "feature,value,min,max,min_flex,max_flex"
    assert "gender,'=cmd,2,4,," in text


def test_new_margins_must_keep_values_the_pool_holds(lead, pooled_jury):
    with pytest.raises(ValidationError, match="age '60\\+' is held by volunteers"):
        margins_import(
            actor=lead,
            jury=pooled_jury,
            csv_text="feature,value,share\nage,16-29,0.5\nage,30-59,0.5\nsex,female,0.5\n"
            "sex,male,0.5\n",
        )
