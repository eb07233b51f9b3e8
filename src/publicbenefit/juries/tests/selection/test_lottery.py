"""Lotteries: computed by a background task from the frozen pool and quotas, with each
volunteer's probability beside the legacy method's; infeasible quotas explained with the
smallest relaxation; a time limit with a clear message; the methods compared."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.core.selection import SelectionTimeoutError
from publicbenefit.juries.models import JuryValue, Lottery, Volunteer
from publicbenefit.juries.selectors.lottery import task_from_inputs
from publicbenefit.juries.services.lottery import lottery_compute, lottery_request
from publicbenefit.juries.services.pool import pool_import
from publicbenefit.juries.tests.selection.conftest import people_csv, url

pytestmark = pytest.mark.django_db


def compute(lead, jury, algorithm="leximin"):
    lottery = lottery_request(actor=lead, jury=jury, algorithm=algorithm)
    return lottery_compute(lottery_id=lottery.pk)


def test_the_form_computes_a_leximin_lottery_in_the_background(client_for, lead, pooled_jury):
    client = client_for(lead.user)
    response = client.post(
        url("lottery_create", pooled_jury), {"algorithm": "leximin", "time_limit": "30"}
    )
    lottery = Lottery.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("lottery_detail", pooled_jury, lottery_pk=lottery.pk)
    assert lottery.status == Lottery.Status.DONE
    assert lottery.time_limit == 30
    assert len(lottery.probabilities) == 30
    assert abs(sum(lottery.probabilities.values()) - 6) < 1e-6
    assert lottery.minimum == pytest.approx(min(lottery.probabilities.values()))
    assert set(lottery.legacy) == set(lottery.probabilities)
    assert len(lottery.inputs_digest) == 64
    assert lottery.algorithm_version
    assert lottery.panels
    assert lottery.seconds is not None
    page = client.get(response["Location"]).content.decode()
    assert "Smallest selection probability" in page
    assert f"{lottery.minimum:.4f}" in page
    assert "Legacy method" in page
    assert Volunteer.objects.first().pseudonym in page


def test_the_inputs_are_the_pool_by_pseudonym_and_the_quotas(lead, pooled_jury):
    lottery = lottery_request(actor=lead, jury=pooled_jury, algorithm="leximin")
    people = lottery.inputs["people_csv"]
    assert people.splitlines()[0] == "id,age,sex,household_key"
    for private in ("p001", "Person", "High Street"):
        assert private not in people
    assert lottery.inputs["quotas_csv"].startswith("feature,value,min,max")
    task = task_from_inputs(lottery.inputs)
    assert len(task.people) == 30
    assert len(task.households) == 1  # the two people at 1 High Street


def test_probabilities_are_listed_smallest_first_with_the_gap(
    client_for, viewer, lead, pooled_jury
):
    lottery = compute(lead, pooled_jury)
    page = (
        client_for(viewer.user)
        .get(url("lottery_detail", pooled_jury, lottery_pk=lottery.pk))
        .content.decode()
    )
    ordered = sorted(lottery.probabilities, key=lambda p: (lottery.probabilities[p], p))
    assert page.index(ordered[0]) < page.index(ordered[-1])
    assert "Draw the jury" not in page  # a viewer cannot draw


def test_the_methods_are_compared(client_for, viewer, lead, pooled_jury):
    leximin = compute(lead, pooled_jury, "leximin")
    maximin = compute(lead, pooled_jury, "maximin")
    legacy = compute(lead, pooled_jury, "legacy")
    assert leximin.minimum >= maximin.minimum - 1e-6
    assert legacy.legacy == legacy.probabilities
    page = client_for(viewer.user).get(url("lottery_list", pooled_jury)).content.decode()
    assert "The methods compared" in page
    for name in ("Leximin", "Maximin", "Legacy"):
        assert name in page


def test_infeasible_quotas_are_explained_with_the_smallest_relaxation(
    client_for, lead, pooled_jury
):
    # Ask for more people aged 60+ than the pool has.
    old = Volunteer.objects.filter(jury=pooled_jury, profile__age="60+").count()
    value = JuryValue.objects.get(feature__jury=pooled_jury, value="60+")
    value.minimum, value.maximum = old + 1, 6
    value.save()
    JuryValue.objects.filter(feature__jury=pooled_jury, value="16-29").update(minimum=0)
    JuryValue.objects.filter(feature__jury=pooled_jury, value="30-59").update(minimum=0)
    lottery = compute(lead, pooled_jury)
    assert lottery.status == Lottery.Status.FAILED
    assert "age=60+" in lottery.problem
    assert lottery.relaxation
    change = lottery.relaxation[0]
    assert (change["feature"], change["value"]) == ("age", "60+")
    page = (
        client_for(lead.user)
        .get(url("lottery_detail", pooled_jury, lottery_pk=lottery.pk))
        .content.decode()
    )
    assert "The lottery could not be computed" in page
    assert "Traceback" not in page
    assert f"{old + 1}\u20136" in page  # the quota now
    assert f"{old}\u20136" in page  # the relaxation


def test_a_time_limit_gives_a_clear_message(lead, pooled_jury):
    with mock.patch(
        "publicbenefit.juries.services.lottery.find_distribution",
        side_effect=SelectionTimeoutError(time_limit=1, stage="leximin"),
    ):
        lottery = compute(lead, pooled_jury)
    assert lottery.status == Lottery.Status.FAILED
    assert "did not finish within the time limit of 60 seconds" in lottery.problem


def test_a_pool_smaller_than_the_jury_is_refused(client_for, lead, quota_jury):
    pool_import(actor=lead, jury=quota_jury, csv_text=people_csv(4))
    response = client_for(lead.user).post(
        url("lottery_create", quota_jury), {"algorithm": "leximin", "time_limit": "60"}
    )
    assert response.status_code == 200
    assert "The pool has 4 volunteers but the jury needs 6" in response.content.decode()
    assert not Lottery.objects.exists()


def test_quotas_whose_minimums_exceed_the_size_are_refused(lead, pooled_jury):
    JuryValue.objects.filter(feature__jury=pooled_jury, feature__key="sex").update(minimum=4)
    with pytest.raises(ValidationError, match="the minimums for sex add up to 8"):
        lottery_request(actor=lead, jury=pooled_jury, algorithm="leximin")


def test_the_legacy_comparison_is_skipped_when_legacy_fails(lead, pooled_jury):
    from publicbenefit.core.selection import LegacyFailedError  # noqa: PLC0415
    from publicbenefit.juries.services import lottery as service  # noqa: PLC0415

    real = service.find_distribution

    def fake(task, *, algorithm, time_limit):
        if str(algorithm) == "legacy":
            raise LegacyFailedError("the legacy method kept stranding a quota")
        return real(task, algorithm=algorithm, time_limit=time_limit)

    with mock.patch.object(service, "find_distribution", side_effect=fake):
        lottery = compute(lead, pooled_jury)
    assert lottery.status == Lottery.Status.DONE
    assert lottery.legacy == {}
    assert "legacy method could not run for comparison" in lottery.note


def test_viewers_and_other_organisations_cannot_compute(
    client_for, viewer, other_lead, pooled_jury
):
    assert client_for(viewer.user).get(url("lottery_create", pooled_jury)).status_code == 403
    with pytest.raises(PermissionDenied):
        lottery_request(actor=other_lead, jury=pooled_jury, algorithm="leximin")
