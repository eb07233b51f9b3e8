"""The whole selection through the services: quotas, pool, lottery, draw, replacement."""

import pytest

from publicbenefit.juries.models import Juror, Lottery
from publicbenefit.juries.services.draw import draw_make, juror_drop, juror_replace
from publicbenefit.juries.services.lottery import lottery_compute, lottery_request

pytestmark = pytest.mark.django_db


def test_the_whole_selection(lead, pooled_jury):
    lottery = lottery_request(actor=lead, jury=pooled_jury, algorithm="leximin")
    lottery = lottery_compute(lottery_id=lottery.pk)
    assert lottery.status == Lottery.Status.DONE, lottery.problem
    assert abs(sum(lottery.probabilities.values()) - 6) < 1e-6
    assert lottery.legacy
    drawn = draw_make(actor=lead, lottery=lottery, seed=2026)
    assert len(drawn.tokens) == 6
    juror = Juror.objects.filter(jury=pooled_jury).first()
    juror_drop(actor=lead, juror=juror, reason="Moved away")
    replaced = juror_replace(actor=lead, juror=juror, seed=5)
    assert replaced.juror.replaces == juror
