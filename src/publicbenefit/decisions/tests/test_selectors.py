"""The engagement evidence the service holds for a proposal, each piece with a finding ready
to freeze: weighted wave results with intervals (small cells hidden), acceptability, the jury's
published verdict, a published dialogue's themes with a quote, and the engagement report."""

import pytest
from django.utils import timezone

from publicbenefit.decisions import selectors
from publicbenefit.decisions.models import EvidenceKind
from publicbenefit.dialogues.models import Dialogue
from publicbenefit.dialogues.tests.access import confidential_dialogue
from publicbenefit.juries.models import Verdict
from publicbenefit.juries.tests.factories import JuryFactory
from publicbenefit.panels.models import Wave, WaveInvitation
from publicbenefit.panels.selectors.acceptability import wave_acceptability
from publicbenefit.panels.tests.test_acceptability_score import _answers as score_answers
from publicbenefit.panels.tests.test_acceptability_score import build_wave
from publicbenefit.panels.tests.test_waves_builders import (
    make_member,
    make_panel,
    make_survey,
    make_wave,
    questions,
    submit,
)
from publicbenefit.proposals.tests.factories import ProposalFactory
from publicbenefit.surveys import acceptability
from publicbenefit.surveys.models import EventBatch, Invitation

pytestmark = pytest.mark.django_db


def _wave(proposal, administrator, *, min_cell=10, status=Wave.Status.CLOSED):
    """A wave on the proposal: 50 respondents, 20 saying yes, 30 no."""
    organisation = proposal.organisation
    panel = make_panel(organisation, administrator, min_cell=min_cell)
    survey = make_survey(organisation, administrator)
    survey.proposal = proposal
    survey.save()
    wave = make_wave(panel, survey, administrator, status=status)
    single, multiple, number, text, grid = questions(survey)
    ages = ["16-34"] * 15 + ["35-64"] * 25 + ["65+"] * 10
    for index, age in enumerate(ages):
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
        yes = index < 20
        submit(
            invitation,
            {
                str(single.pk): "yes" if yes else "no",
                str(multiple.pk): ["audit"],
                str(number.pk): "5",
                str(text.pk): "Personal words",
                str(grid.pk): {"fair": "yes" if yes else "no"},
            },
        )
    return wave, single


def test_wave_results_are_candidates_with_intervals(informed, administrator):
    wave, single = _wave(informed, administrator)

    candidates = {item.source: item for item in selectors.evidence_candidates(informed)}

    result = candidates[f"wave:{wave.pk}/question:{single.pk}"]
    assert result.kind == EvidenceKind.SURVEY_RESULT
    assert "Should the council share?" in result.title
    assert wave.name in result.title
    assert "Yes: " in result.finding
    assert "95% interval" in result.finding
    assert "50 answered" in result.finding
    # Free text is never evidence here (its words are personal), and nothing names a member.
    assert not any("Anything else" in item.title for item in candidates.values())
    assert not any("Personal words" in item.finding for item in candidates.values())
    assert not any("Resident" in item.finding for item in candidates.values())


def test_small_cells_stay_hidden(informed, administrator):
    wave, single = _wave(informed, administrator, min_cell=25)

    finding = next(
        item.finding
        for item in selectors.evidence_candidates(informed)
        if item.source == f"wave:{wave.pk}/question:{single.pk}"
    )

    assert "Yes: not shown (fewer than 25 people)" in finding
    assert "40%" not in finding


def test_a_draft_wave_or_another_organisations_wave_is_not_evidence(informed, administrator):
    _wave(informed, administrator, status=Wave.Status.DRAFT)
    other = ProposalFactory()
    assert selectors.evidence_candidates(informed) == []
    assert selectors.evidence_candidates(other) == []


def test_a_published_jury_verdict_is_a_candidate(informed, organisation):
    jury = JuryFactory(organisation=organisation, proposal=informed)
    verdict = Verdict.objects.create(
        jury=jury, text="Share it, with an audit.", reached_by=Verdict.ReachedBy.CONSENSUS
    )
    assert selectors.evidence_candidates(informed) == []

    verdict.published_at = timezone.now()
    verdict.save()

    (candidate,) = selectors.evidence_candidates(informed)
    assert candidate.kind == EvidenceKind.JURY_VERDICT
    assert candidate.source == f"jury:{jury.pk}"
    assert "Share it, with an audit." in candidate.finding
    assert jury.charge_question in candidate.finding
    assert "consensus" in candidate.finding


def test_a_published_dialogues_themes_are_candidates_with_a_quote(informed, organisation, assessor):
    dialogue = Dialogue.objects.get(pk=confidential_dialogue(organisation, assessor)[0])
    dialogue.proposal = informed
    dialogue.save()
    assert selectors.evidence_candidates(informed) == []

    dialogue.outcome_published_at = timezone.now()
    dialogue.save()

    candidates = selectors.evidence_candidates(informed)
    assert candidates
    assert {item.kind for item in candidates} == {EvidenceKind.DIALOGUE_THEME}
    assert all(item.source.startswith(f"dialogue:{dialogue.pk}/theme:") for item in candidates)
    assert any("“" in item.finding for item in candidates)
    assert not any("host@calderbrook.example" in item.finding for item in candidates)


def test_the_engagement_report_is_a_candidate(deliberate, plan):
    (candidate,) = selectors.evidence_candidates(deliberate)
    assert candidate.kind == EvidenceKind.ENGAGEMENT_REPORT
    assert candidate.finding == plan.report_summary
    assert [kind for kind, _items in selectors.candidates_by_kind([candidate])] == [
        "Engagement report"
    ]


def test_question_choices_are_the_proposals_framework(informed):
    choices = dict(selectors.question_choices(informed))
    assert "1.1" in choices
    assert choices["1.1"].startswith("1.1: ")
    assert selectors.question_texts(informed, ["1.1", "gone"])[1] == ("gone", "gone")


def test_the_acceptability_score_is_a_candidate_with_interval_and_effective_size(
    informed, organisation, administrator
):
    wave = build_wave(organisation, administrator, informed)
    expected = wave_acceptability(wave=wave).report.score

    candidate = next(
        item
        for item in selectors.evidence_candidates(informed)
        if item.kind == EvidenceKind.ACCEPTABILITY
    )

    assert candidate.source == f"acceptability:wave:{wave.pk}"
    assert f"Acceptability score {expected.score:.0f} out of 100" in candidate.finding
    assert f"95% interval {expected.low:.0f} to {expected.high:.0f}" in candidate.finding
    assert f"effective sample size {expected.effective_sample_size:.0f}" in candidate.finding


def test_a_hidden_acceptability_score_stays_hidden(informed, organisation, administrator):
    build_wave(organisation, administrator, informed, min_cell=60)

    candidate = next(
        item
        for item in selectors.evidence_candidates(informed)
        if item.kind == EvidenceKind.ACCEPTABILITY
    )

    assert candidate.finding.startswith("Score not shown")
    assert "out of 100" not in candidate.finding


def test_an_event_surveys_score_is_a_candidate_counting_only_event_answers(
    informed, organisation, administrator
):
    wave = build_wave(organisation, administrator, informed)
    survey = wave.survey
    module = acceptability.survey_module(survey)
    batch = EventBatch.objects.create(
        survey=survey,
        name="Library drop-in",
        kind=EventBatch.Kind.values[0],
        created_by=administrator.user,
        closes_at=timezone.now(),
    )
    for index in range(12):
        invitation = Invitation.objects.create(
            survey=survey,
            token_hash=f"event{index:059d}",
            respondent=f"event-{index}",
            closes_at=batch.closes_at,
            event_batch=batch,
        )
        submit(invitation, score_answers(module, "35-64", 1, [20, 20, 20, 20, 20], "3"))

    candidate = next(
        item
        for item in selectors.evidence_candidates(informed)
        if item.source == f"acceptability:survey:{survey.pk}"
    )

    assert "Unweighted" in candidate.finding
    assert "12 people scored" in candidate.finding
