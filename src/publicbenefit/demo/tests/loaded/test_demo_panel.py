"""The demo's Citizens' Panel: about 1,200 members skewed as real panels are (older, more often
owner-occupiers), two completed waves in which young people answered less, weighted results
that converge, and a public acceptability score for the proposal the first wave asked about."""

import pytest

from publicbenefit.demo import services
from publicbenefit.demo.panel import MEMBERS, PANEL_NAME, PANEL_PROPOSAL
from publicbenefit.panels.models import Member, Panel, Wave
from publicbenefit.panels.selectors.acceptability import wave_acceptability
from publicbenefit.panels.selectors.results import wave_results
from publicbenefit.panels.selectors.setup import representativeness
from publicbenefit.surveys.models import Response

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("demo_once"),
    pytest.mark.xdist_group("demo"),
]


def _share(members, feature, values):
    return sum(member.profile[feature] in values for member in members) / len(members)


def test_the_demo_panel_is_skewed_like_a_real_one_and_has_two_completed_waves(demo_once):
    assert demo_once.panels_created == 1
    panel = Panel.objects.get(name=PANEL_NAME)
    members = list(panel.members.filter(status=Member.Status.ACTIVE))
    assert len(members) == MEMBERS

    # Older and more owner-occupiers than the area's margins (65+ are 21%, owners 60%).
    assert _share(members, "age", {"65-74", "75+"}) > 0.26
    assert _share(members, "tenure", {"owner"}) > 0.65
    report = representativeness(panel=panel)
    assert report is not None

    waves = list(panel.waves.order_by("sent_at"))
    assert [wave.status for wave in waves] == [Wave.Status.CLOSED, Wave.Status.CLOSED]
    assert all(wave.feedback_published_at for wave in waves)
    assert waves[1].invitations.count() == 600

    def rate(wave, ages):
        invited = list(wave.invitations.select_related("member", "invitation"))
        group = [row for row in invited if row.member.profile["age"] in ages]
        answered = Response.objects.filter(
            invitation__in=[row.invitation for row in group], submitted_at__isnull=False
        ).count()
        return answered / len(group)

    for wave in waves:
        assert rate(wave, {"16-24"}) < rate(wave, {"65-74"})
    assert rate(waves[1], {"16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"}) < rate(
        waves[0], {"16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"}
    )

    results = wave_results(wave=waves[0])
    assert results.weighting.weighted
    assert results.weighting.converged
    assert 1 < results.weighting.design_effect < 2

    acceptability = wave_acceptability(wave=waves[0], by="age")
    assert waves[0].survey.proposal.title == PANEL_PROPOSAL
    score = acceptability.report.score
    assert score.shown
    assert 0 < score.low < score.score < score.high < 100
    assert score.scored > 500
    assert acceptability.report.conditions
    assert any(group.score.shown for group in acceptability.groups)
    assert wave_acceptability(wave=waves[1]).report is None

    again = services.demo_load()
    assert again.panels_created == 0
    assert Panel.objects.count() == 1
