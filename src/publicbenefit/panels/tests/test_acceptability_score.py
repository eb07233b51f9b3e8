"""The acceptability score page of a wave, on a hand-made panel whose weights (1.5, 1.25, 0.5 by
age) and scores can be worked out by hand: the figures equal the core called directly with the
results page's weights and the wave's seed, the page is stable, sub-groups are suppressed with
the panel's smallest cell and say why, too few respondents give no score, the comparison with
the organisation's assessment puts the widest gap first, the exports hide what the page hides,
and only the organisation's members may see it."""

import csv
import io
import json

import numpy as np
import pytest
from django.urls import reverse

from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.assessments import services as assessment_services
from publicbenefit.core.acceptability import Elicitation, acceptability_report, read_participant
from publicbenefit.core.acceptability import Survey as CoreSurvey
from publicbenefit.panels.models import Wave, WaveInvitation
from publicbenefit.panels.selectors import acceptability as selectors
from publicbenefit.panels.tests.test_waves_builders import (
    make_member,
    make_panel,
    make_survey,
    make_wave,
    submit,
)
from publicbenefit.proposals.models import Status
from publicbenefit.surveys import acceptability, services
from publicbenefit.surveys.models import Invitation

pytestmark = pytest.mark.django_db

ELEMENTS = [
    "service_outcomes",
    "wider_public_outcomes",
    "respects_individual",
    "public_resources",
    "visible_benefits",
]
#: Age band, how many, their survey weight, their points, their rating of every element.
GROUPS = (
    ("16-34", 10, 1.5, [40, 30, 10, 10, 10], "2"),
    ("35-64", 20, 1.25, [20, 20, 20, 20, 20], "3"),
    ("65+", 20, 0.5, [10, 10, 10, 10, 60], "1"),
)
#: The organisation's own position on each element (every question of the element).
ORGANISATION = {
    "service_outcomes": 4,
    "wider_public_outcomes": 1,
    "respects_individual": 3,
    "public_resources": 2,
    "visible_benefits": 4,
}


def _answers(module, age, index, points, rating):
    answers = {str(module.weights.pk): dict(zip(ELEMENTS, points, strict=True))}
    for element, question in module.ratings.items():
        dont_know = age == "35-64" and element == "visible_benefits" and index % 2 == 0
        answers[str(question.pk)] = "dont_know" if dont_know else rating
    answers[str(module.confidence.pk)] = {"16-34": "2", "35-64": "3", "65+": "4"}[age]
    decision, conditions = {
        "16-34": ("yes_with_conditions", "Only anonymised data, never sold"),
        "35-64": ("yes", ""),
        "65+": ("no", "Never sold to companies"),
    }[age]
    answers[str(module.decision.pk)] = {"decision": decision, "conditions": conditions}
    return answers


def build_wave(organisation, administrator, proposal, *, min_cell=10):
    panel = make_panel(organisation, administrator, min_cell=min_cell)
    survey = services.survey_create(actor=administrator, title="Your view", proposal=proposal)
    acceptability.module_add(
        actor=administrator, survey=survey, elicitation="points", description="Plain words."
    )
    survey = services.survey_mark_ready(actor=administrator, survey=survey)
    module = acceptability.survey_module(survey)
    wave = make_wave(panel, survey, administrator, status=Wave.Status.CLOSED)
    for age, count, _weight, points, rating in GROUPS:
        for index in range(count):
            member = make_member(panel, {"age": age, "sex": "female" if index % 2 else "male"})
            invitation = Invitation.objects.create(
                survey=survey,
                token_hash=f"{member.pk:064d}",
                respondent=member.pseudonym,
                closes_at=wave.closes_at,
            )
            WaveInvitation.objects.create(
                wave=wave, member=member, invitation=invitation, channel="email"
            )
            submit(invitation, _answers(module, age, index, points, rating))
    return wave


@pytest.fixture
def wave(organisation, administrator, proposal):
    return build_wave(organisation, administrator, proposal)


def assess(assessor, proposal):
    proposal.status = Status.UNDER_ASSESSMENT
    proposal.save()
    assessment = assessment_services.assessment_start(actor=assessor, proposal=proposal)
    for question in assessment.framework_version.framework.questions:
        assessment_services.answer_save(
            actor=assessor,
            assessment=assessment,
            question_id=question.id,
            value=ORGANISATION[question.element_id],
        )
    return assessment


def url(wave, name="wave_acceptability", **kwargs):
    return reverse(
        f"panels:{name}",
        kwargs={
            "organisation": wave.panel.organisation.slug,
            "panel_pk": wave.panel.pk,
            "wave_pk": wave.pk,
            **kwargs,
        },
    )


def test_the_score_is_the_weighted_mean_worked_out_by_hand(wave):
    result = selectors.wave_acceptability(wave=wave)

    score = result.report.score
    # Scores 100/3 (young, weight 1.5), 200/3 (middle, 1.25), 0 (older, 0.5).
    expected = (10 * 1.5 * 100 / 3 + 20 * 1.25 * 200 / 3) / (15 + 25 + 10)
    assert result.weighting.weighted
    assert score.score == pytest.approx(expected)
    assert score.scored == 50
    assert score.effective_sample_size == pytest.approx(
        50**2 / (10 * 1.5**2 + 20 * 1.25**2 + 20 * 0.25)
    )
    assert score.low < score.score < score.high


def test_the_page_figures_are_the_core_called_directly_with_the_same_weights_and_seed(wave):
    result = selectors.wave_acceptability(wave=wave, by="age")

    participants = []
    weights = []
    module = acceptability.survey_module(wave.survey)
    for age, count, weight, points, rating in GROUPS:
        for index in range(count):
            answers = _answers(module, age, index, points, rating)
            participants.append(
                read_participant(
                    acceptability.framework(),
                    Elicitation.POINTS,
                    participant_id=f"{age}-{index}",
                    weights=answers[str(module.weights.pk)],
                    ratings={
                        element: answers[str(question.pk)]
                        for element, question in module.ratings.items()
                    },
                    attributes={"age": age},
                )
            )
            weights.append(weight)
    direct = acceptability_report(
        CoreSurvey.for_framework(acceptability.framework(), Elicitation.POINTS, participants),
        rng=np.random.default_rng(selectors.wave_seed(wave)),
        survey_weights=weights,
        by=("age",),
        min_count=10,
    )
    # Respondents come in the same order (by response), so the resamples are the same.
    assert result.report.score.score == pytest.approx(direct.score.score)
    assert result.report.score.low == pytest.approx(direct.score.low)
    assert result.report.score.high == pytest.approx(direct.score.high)
    for mine, theirs in zip(result.groups, direct.subgroups[0].groups, strict=True):
        assert mine.value == theirs.value
        assert mine.score.score == pytest.approx(theirs.score.score)
        assert mine.score.low == pytest.approx(theirs.score.low)


def test_the_interval_is_the_same_every_time(wave):
    first = selectors.wave_acceptability(wave=wave).report.score
    second = selectors.wave_acceptability(wave=wave).report.score
    assert (first.low, first.high) == (second.low, second.high)


def test_decisions_and_recurring_conditions(wave):
    result = selectors.wave_acceptability(wave=wave)
    shares = {share.label: share.cell for share in result.decisions}
    assert shares["Yes"].percent == pytest.approx(25 / 50 * 100)
    assert shares["No"].percent == pytest.approx(10 / 50 * 100)
    # Nobody said "don't know" (a small cell), so the next smallest is hidden with it.
    assert shares["Don't know"].suppressed
    assert shares["Yes, with conditions"].suppression == "complementary"
    phrases = {phrase.text: phrase.participants for phrase in result.report.conditions}
    assert phrases["never sold"] == 30


def test_small_groups_are_suppressed_and_the_page_says_why(
    client_for, organisation, administrator, proposal
):
    wave = build_wave(organisation, administrator, proposal, min_cell=15)

    result = selectors.wave_acceptability(wave=wave, by="age")
    hidden = {group.label: group.score for group in result.groups}
    assert hidden["16-34"].score is None
    assert "Fewer than 15 participants" in hidden["16-34"].reason
    # Hiding one group alone would let it be worked out: the next smallest goes too.
    assert sum(score.score is None for score in hidden.values()) == 2
    page = client_for(administrator.user).get(url(wave), {"by": "age"})
    assert "Not shown: Fewer than 15 participants gave a score" in page.text
    assert "another group&#x27;s score is hidden" in page.text

    exported = client_for(administrator.user).get(
        url(wave, "wave_acceptability_export", file_format="csv"), {"by": "age"}
    )
    rows = list(csv.DictReader(io.StringIO(exported.content.decode())))
    young = next(row for row in rows if row["group"] == "16-34")
    assert young["value"] == ""
    assert young["suppressed"] == "small"


def test_too_few_respondents_give_no_score_with_the_reason(
    client_for, organisation, administrator, proposal
):
    wave = build_wave(organisation, administrator, proposal, min_cell=60)

    page = client_for(administrator.user).get(url(wave))

    assert page.status_code == 200
    assert "No score is shown." in page.text
    assert "Fewer than 60 participants gave a score" in page.text
    assert "out of 100" not in page.text


def test_the_comparison_puts_the_widest_gap_first(wave, assessor, proposal, client_for):
    assess(assessor, proposal)

    result = selectors.wave_acceptability(wave=wave)

    assert result.assessment == selectors.ASSESSMENT_SCORED
    order = [row.element.id for row in result.elements]
    # Public 43.3 on elements 1-4 and 35.6 on 5; the organisation 100, 0, 66.7, 33.3, 100.
    assert order == [
        "visible_benefits",
        "service_outcomes",
        "wider_public_outcomes",
        "respects_individual",
        "public_resources",
    ]
    first = result.elements[0].comparison
    assert first.gap == pytest.approx((5 + 12.5 * 2 / 3) / 37.5 * 100 - 100)
    page = client_for(assessor.user).get(url(wave))
    assert "Divergence by element, the widest gap first" in page.text
    assert page.text.index("5. That") < page.text.index("1. That")


def test_an_unfinished_assessment_is_not_compared(wave, assessor, proposal):
    proposal.status = Status.UNDER_ASSESSMENT
    proposal.save()
    assessment_services.assessment_start(actor=assessor, proposal=proposal)
    result = selectors.wave_acceptability(wave=wave)
    assert result.assessment == selectors.ASSESSMENT_UNFINISHED
    assert result.elements == ()


def test_the_page_shows_score_interval_n_and_method(client_for, viewer, wave):
    page = client_for(viewer.user).get(url(wave))

    assert page.status_code == 200
    assert "43 out of 100" in page.text
    assert "95% interval runs from" in page.text
    assert "Effective sample size" in page.text
    assert "How the score is worked out" in page.text
    assert (
        reverse(
            "panels:acceptability_method", kwargs={"organisation": wave.panel.organisation.slug}
        )
        in page.text
    )
    method = client_for(viewer.user).get(
        reverse(
            "panels:acceptability_method", kwargs={"organisation": wave.panel.organisation.slug}
        )
    )
    assert "rank-order centroid" in method.text


def test_the_json_export(client_for, viewer, wave):
    exported = client_for(viewer.user).get(
        url(wave, "wave_acceptability_export", file_format="json")
    )
    data = json.loads(exported.content)
    assert data["bootstrap_seed"] == selectors.wave_seed(wave)
    assert data["rows"][0]["part"] == "score"
    assert data["rows"][0]["value"] == pytest.approx(43.33, abs=0.01)


def test_a_wave_without_the_module_says_so(client_for, administrator, organisation):
    panel = make_panel(organisation, administrator)
    wave = make_wave(panel, make_survey(organisation, administrator), administrator)
    page = client_for(administrator.user).get(url(wave))
    assert "does not include the acceptability module" in page.text
    assert (
        client_for(administrator.user)
        .get(url(wave, "wave_acceptability_export", file_format="csv"))
        .status_code
        == 404
    )


def test_another_organisation_gets_404(client_for, wave):
    stranger = MembershipFactory(organisation=OrganisationFactory())
    other = reverse(
        "panels:wave_acceptability",
        kwargs={
            "organisation": stranger.organisation.slug,
            "panel_pk": wave.panel.pk,
            "wave_pk": wave.pk,
        },
    )
    assert client_for(stranger.user).get(other).status_code == 404
    assert client_for(stranger.user).get(url(wave)).status_code in (403, 404)
