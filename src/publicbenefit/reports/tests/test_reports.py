"""The evidence report and the DPIA input: what they say about a proposal (pre-filled from its
facts, the screening, the engagement and the decision), the three renderings of the DPIA input
(the Word document has the ICO's seven steps as "Heading 1", in order), who may read them, and
that they hold no personal data of the public."""

import html as html_module
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordDocument

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.assessments.presenters import result_view
from publicbenefit.assessments.selectors import assessment_get_for, assessment_score
from publicbenefit.decisions.models import Decision
from publicbenefit.decisions.tests.factories import (
    ConditionFactory,
    DecisionFactory,
    EvidenceLinkFactory,
)
from publicbenefit.dialogues.tests.factories import (
    AreaFactory,
    DialogueFactory,
    EventFactory,
    HostFactory,
    QuestionFactory,
    WriteUpFactory,
    answer,
)
from publicbenefit.engagement import services as engagement_services
from publicbenefit.juries.models import Recommendation, Verdict
from publicbenefit.juries.tests.factories import (
    DrawFactory,
    JurorFactory,
    JuryFactory,
    JuryFeatureFactory,
    JuryValueFactory,
    RecommendationFactory,
    VolunteerFactory,
)
from publicbenefit.panels.models import Member, Wave, WaveInvitation
from publicbenefit.panels.selectors.acceptability import wave_acceptability
from publicbenefit.panels.selectors.results import wave_results
from publicbenefit.panels.tests.test_acceptability_score import assess, build_wave
from publicbenefit.panels.tests.test_waves_builders import (
    make_member,
    make_panel,
    make_survey,
    make_wave,
    questions,
    submit,
)
from publicbenefit.proposals.models import Partnership, Proposal
from publicbenefit.reports import render
from publicbenefit.reports.dpia import STEPS, dpia_input
from publicbenefit.reports.evidence import evidence_report
from publicbenefit.surveys.models import Invitation, Response

pytestmark = pytest.mark.django_db

#: Facts that require "deliberate" engagement and a DPIA (special category data).
DELIBERATE_FACTS = {"special_category_data": True, "people_affected": 4200}
CONDITION = "Data is deleted after two years."


@pytest.fixture
def screened(proposal: Proposal, organisation: Organisation) -> Proposal:
    lead = MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)
    screening = engagement_services.screening_run(
        actor=lead, proposal=proposal, facts=DELIBERATE_FACTS
    )
    assert screening.dpia_required
    return proposal


def _dpia_reasons(proposal: Proposal) -> list[str]:
    screening = proposal.screenings.get()
    return [rule["why"] for rule in screening.fired if rule["dpia_required"]]


def _publish(decision: Decision) -> None:
    # The decisions app's service publishes; here the row is set as it leaves it.
    Decision.objects.filter(pk=decision.pk).update(
        status=Decision.Status.PUBLISHED,
        published_at=timezone.now(),
        published_by=decision.created_by,
    )


@pytest.fixture
def decided(screened: Proposal) -> Decision:
    """A published decision with a condition and the evidence it came from."""
    decision = DecisionFactory(proposal=screened, decision_maker="Cabinet Member for Housing")
    condition = ConditionFactory(decision=decision, text=CONDITION)
    link = EvidenceLinkFactory(decision=decision, title="Panel wave 1: should it go ahead?")
    link.conditions.add(condition)
    _publish(decision)
    return decision


def _word_headings(content: bytes) -> list[str]:
    word = WordDocument(io.BytesIO(content))
    return [p.text for p in word.paragraphs if p.style.name == "Heading 1"]


def _word_text(content: bytes) -> str:
    word = WordDocument(io.BytesIO(content))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


# The DPIA input.


def test_the_docx_has_the_ico_seven_steps_in_order_as_heading_1(decided, administrator):
    document = dpia_input(proposal=decided.proposal, membership=administrator)

    headings = _word_headings(render.to_docx(document))

    assert headings == [str(step) for step in STEPS]
    assert len(headings) == 7
    assert headings[0] == "Step 1: Identify the need for a DPIA"
    assert headings[-1] == "Step 7: Sign off and record outcomes"


def test_the_docx_is_pre_filled_with_the_screening_reasons_and_the_conditions(
    decided, administrator
):
    proposal = decided.proposal
    text = _word_text(render.to_docx(dpia_input(proposal=proposal, membership=administrator)))

    reasons = _dpia_reasons(proposal)
    assert reasons
    for reason in reasons:
        assert reason in text
    assert CONDITION in text
    assert "Panel wave 1: should it go ahead?" in text  # the evidence behind the condition
    assert "Cabinet Member for Housing, 01 October 2026" in text  # sign-off: who and when
    assert "Go ahead with conditions" in text
    assert proposal.purpose in text
    assert "Adults discharged from hospital" in text


def test_risks_measures_and_sign_off_are_word_tables(decided, administrator):
    content = render.to_docx(dpia_input(proposal=decided.proposal, membership=administrator))
    word = WordDocument(io.BytesIO(content))
    heads = {tuple(cell.text for cell in table.rows[0].cells): table for table in word.tables}

    risks = heads[
        (
            "Source of risk and potential impact on individuals",
            "Likelihood of harm",
            "Severity of harm",
            "Overall risk",
        )
    ]
    assert risks.rows[1].cells[0].text == _dpia_reasons(decided.proposal)[0]
    measures = next(
        table
        for head, table in heads.items()
        if head[:2]
        == (
            "Risk",
            "Options to reduce or eliminate risk",
        )
    )
    assert measures.rows[1].cells[1].text == CONDITION
    assert measures.rows[1].cells[5].text == "Yes, in the published decision"
    assert ("Item", "Name, role and date", "Notes") in heads


def test_without_a_decision_sign_off_is_to_be_completed(screened, administrator):
    document = dpia_input(proposal=screened, membership=administrator)
    step_7 = document.sections[6]
    step_6 = document.sections[5]

    rows = step_7.blocks[0].rows
    assert rows[0][:2] == ("Outcome of the decision", "To be completed")
    assert "No conditions have been recorded" in step_6.blocks[0].text


def test_a_proposal_not_yet_screened_says_so(proposal, administrator):
    document = dpia_input(proposal=proposal, membership=administrator)

    assert "has not been screened" in document.sections[0].blocks[-1].text
    assert len(document.sections) == 7


def test_a_draft_decision_is_shown_as_not_yet_approved(screened, administrator):
    decision = DecisionFactory(proposal=screened)
    ConditionFactory(decision=decision, text=CONDITION)

    text = dpia_input(proposal=screened, membership=administrator).text()

    assert CONDITION in text
    assert "Not yet: the decision is a draft" in text
    assert "(draft, not yet published)" in text


def test_the_dpia_pages_and_downloads(decided, viewer, client_for):
    proposal = decided.proposal
    kwargs = {"organisation": proposal.organisation.slug, "pk": proposal.pk}
    client = client_for(viewer.user)

    page = client.get(reverse("reports:dpia", kwargs=kwargs))
    assert page.status_code == 200
    html = html_module.unescape(page.content.decode())
    for step in STEPS:
        assert str(step) in html
    assert CONDITION in html
    assert _dpia_reasons(proposal)[0] in html

    docx = client.get(reverse("reports:dpia_docx", kwargs=kwargs))
    assert docx.status_code == 200
    assert docx["Content-Type"] == render.DOCX_CONTENT_TYPE
    assert docx["Content-Disposition"].startswith('attachment; filename="dpia-input-')
    assert _word_headings(docx.content) == [str(step) for step in STEPS]

    pdf = client.get(reverse("reports:dpia_pdf", kwargs=kwargs))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


# The evidence report.


def test_the_evidence_report_says_plainly_what_engagement_is_absent(screened, administrator):
    text = evidence_report(proposal=screened, membership=administrator).text()

    assert "No Citizens' Panel survey about this proposal was sent." in text
    assert "No Citizens' Jury was held on this proposal." in text
    assert "No Distributed Dialogue was held on this proposal." in text
    assert "No engagement has been planned." in text
    assert "No decision has been recorded yet." in text
    assert "The organisation has not started its assessment of the proposal." in text


def test_the_evidence_report_shows_screening_and_the_decision(decided, administrator):
    proposal = decided.proposal
    draft = DecisionFactory(proposal=proposal, version=2, rationale="Reconsidered.")
    ConditionFactory(decision=draft, text="Residents are told every year.")

    document = evidence_report(proposal=proposal, membership=administrator)
    text = document.text()

    assert document.headings == [
        "The proposal",
        "The assessment and the partnership's position",
        "Screening and the engagement plan",
        "The engagement that took place",
        "The decision",
    ]
    assert "Deliberate" in text
    for reason in _dpia_reasons(proposal):
        assert reason in text
    assert "The decision in force (version 1)" in text
    assert "Draft decision (version 2, not published)" in text
    assert CONDITION in text
    assert "Residents are told every year." in text
    assert "Panel wave 1: should it go ahead?" in text
    assert "Public task" in text  # the lawful basis


GROUPS = (("16-34", 10), ("35-64", 20), ("65+", 20))


@pytest.fixture
def wave(screened: Proposal, organisation: Organisation, administrator: Membership) -> Wave:
    """A sent panel wave about the proposal, with 50 submitted responses."""
    panel = make_panel(organisation, administrator)
    survey = make_survey(organisation, administrator)
    survey.proposal = screened
    survey.save()
    wave = make_wave(
        panel, survey, administrator, status=Wave.Status.CLOSED, sent_at=timezone.now()
    )
    single, multiple, number, text, grid = questions(survey)
    for age, count in GROUPS:
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
            yes = age == "16-34" or (age == "35-64" and index % 2 == 0)
            submit(
                invitation,
                {
                    str(single.pk): "yes" if yes else "no",
                    str(multiple.pk): ["audit"],
                    str(number.pk): "10",
                    str(text.pk): "",
                    str(grid.pk): {"fair": "yes" if yes else "no"},
                },
            )
    return wave


def test_a_panel_wave_shows_weighted_results_with_intervals_and_representativeness(
    wave, administrator
):
    document = evidence_report(proposal=wave.survey.proposal, membership=administrator)
    engagement = document.sections[3]
    text = document.text()

    assert "Citizens' Panel: Calderbrook Citizens' Panel, Wave 1" in text
    assert "50 people answered. Results are weighted" in text
    # The figures are the results page's own, with their 95% interval.
    yes = wave_results(wave=wave).questions[0].parts[0].blocks[0].lines[0].cell
    tables = [block for block in engagement.blocks if block.kind == "table"]
    single = next(table for table in tables if table.caption.startswith("1. Should"))
    assert single.rows[0] == (
        "Yes",
        f"{yes.percent:.1f}%",
        f"{yes.low:.1f}% to {yes.high:.1f}%",
    )
    assert any(table.caption.startswith("The panel's active members") for table in tables)
    # No member of the public by name, email or pseudonym.
    for member in Member.objects.filter(panel=wave.panel):
        assert member.name not in text
        assert member.email not in text
        assert member.pseudonym not in text


def test_a_small_wave_keeps_its_cells_hidden(wave, administrator):
    # Keep only 4 responses: under the panel's smallest cell of 10.

    keep = list(Response.objects.order_by("pk").values_list("pk", flat=True)[:4])
    Response.objects.exclude(pk__in=keep).delete()

    text = evidence_report(proposal=wave.survey.proposal, membership=administrator).text()

    assert "1. Should the council share?: Hidden (fewer than 10 people" in text
    assert "%" not in text.split("The panel's active members")[0].split("Wave 1")[-1]


# Who may read them.


URL_NAMES = [
    "reports:evidence_report",
    "reports:evidence_report_pdf",
    "reports:dpia",
    "reports:dpia_docx",
    "reports:dpia_pdf",
]


@pytest.mark.parametrize("name", URL_NAMES)
def test_members_of_other_organisations_and_partners_get_404(name, decided, client_for):
    proposal = decided.proposal
    partner = MembershipFactory(role=Role.ADMINISTRATOR)
    Partnership.objects.create(
        proposal=proposal, organisation=partner.organisation, invited_by=proposal.owner
    )
    outsider = MembershipFactory(role=Role.ADMINISTRATOR)

    for member in (partner, outsider):
        client = client_for(member.user)
        own = {"organisation": member.organisation.slug, "pk": proposal.pk}
        theirs = {"organisation": proposal.organisation.slug, "pk": proposal.pk}
        assert client.get(reverse(name, kwargs=own)).status_code == 404
        assert client.get(reverse(name, kwargs=theirs)).status_code == 404


@pytest.mark.parametrize("name", URL_NAMES)
def test_viewers_of_the_organisation_may_read_and_download(name, decided, viewer, client_for):
    proposal = decided.proposal
    response = client_for(viewer.user).get(
        reverse(name, kwargs={"organisation": proposal.organisation.slug, "pk": proposal.pk})
    )

    assert response.status_code == 200
    if name.endswith(("_pdf", "_docx")):
        assert response["Content-Disposition"].startswith("attachment;")


def test_the_evidence_report_page_and_pdf(decided, viewer, client_for):
    proposal = decided.proposal
    kwargs = {"organisation": proposal.organisation.slug, "pk": proposal.pk}
    client = client_for(viewer.user)

    page = client.get(reverse("reports:evidence_report", kwargs=kwargs))
    html = html_module.unescape(page.content.decode())
    assert "Evidence report for decision-makers" in html
    assert CONDITION in html
    assert reverse("reports:evidence_report_pdf", kwargs=kwargs) in html

    pdf = client.get(reverse("reports:evidence_report_pdf", kwargs=kwargs))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_the_proposal_page_links_to_both(decided, viewer, client_for):
    proposal = decided.proposal
    kwargs: dict[str, Any] = {"organisation": proposal.organisation.slug, "pk": proposal.pk}

    html = client_for(viewer.user).get(reverse("proposals:detail", kwargs=kwargs)).content.decode()

    assert reverse("reports:evidence_report", kwargs=kwargs) in html
    assert reverse("reports:dpia", kwargs=kwargs) in html


# A jury and a dialogue on the proposal.


def test_a_jury_shows_its_make_up_against_the_quotas_and_its_verdict(screened, administrator):
    jury = JuryFactory(organisation=screened.organisation, proposal=screened, name="The jury")
    feature = JuryFeatureFactory(jury=jury, key="age", label="Age")
    young = JuryValueFactory(
        feature=feature, value="young", label="16 to 34", share="0.3", minimum=3, maximum=5
    )
    JuryValueFactory(
        feature=feature, value="older", label="35 and over", share="0.7", minimum=7, maximum=9
    )
    draw = DrawFactory(jury=jury)
    for index in range(10):
        value = young.value if index < 2 else "older"
        volunteer = VolunteerFactory(
            jury=jury, profile={"age": value}, name=f"Juror Person {index}"
        )
        JurorFactory(jury=jury, volunteer=volunteer, draw=draw)
    RecommendationFactory(
        jury=jury,
        text="Publish how the model works.",
        status=Recommendation.Status.CLOSED,
        paper_for=9,
        paper_against=1,
    )
    Verdict.objects.create(jury=jury, text="Go ahead only with human review.", reached_by="vote")

    document = evidence_report(proposal=screened, membership=administrator)
    text = document.text()
    tables = [block for block in document.sections[3].blocks if block.kind == "table"]
    quotas = next(table for table in tables if "serving jurors" in table.caption)

    assert quotas.caption == "The 10 serving jurors against the quotas"
    assert quotas.rows[0] == ("Age", "16 to 34", "30.0%", "3 to 5", "2", "No")
    assert quotas.rows[1] == ("Age", "35 and over", "70.0%", "7 to 9", "8", "Yes")
    assert "Publish how the model works. | 9 | 1 | 0 | Yes" in text
    assert "Go ahead only with human review." in text
    assert "Juror Person" not in text
    # The DPIA's consultation step says who took part and what they said.
    dpia = dpia_input(proposal=screened, membership=administrator).sections[2]
    consulted = next(block for block in dpia.blocks if block.kind == "table")
    assert consulted.rows[0] == (
        "10 jurors drawn by lot to reflect the area",
        "Citizens' Jury “The jury”",
        "Go ahead only with human review.",
    )


def test_a_dialogue_shows_its_coverage_and_what_was_heard(screened, administrator):
    dialogue = DialogueFactory(organisation=screened.organisation, proposal=screened)
    area = AreaFactory(dialogue=dialogue, name="Millbrook")
    question = QuestionFactory(dialogue=dialogue, text="Who should see the data?")
    host = HostFactory(dialogue=dialogue, name="Hattie Host", email="hattie@example.org")
    event = EventFactory(dialogue=dialogue, area=area, host=host, status="held")
    answer(WriteUpFactory(event=event, participants=14), question)

    text = evidence_report(proposal=screened, membership=administrator).text()

    assert "1 conversations were written up, with 14 people in 1 areas." in text
    assert "Millbrook | 1 | 2 | 14 | 20" in text
    assert "Who should see the data?: discussed at 1 events" in text
    assert "Hattie Host" not in text
    assert "hattie@example.org" not in text


def test_the_acceptability_score_and_the_band_come_from_their_own_apps(
    organisation, administrator, assessor, proposal
):
    assess(assessor, proposal)
    wave = build_wave(organisation, administrator, proposal)
    Wave.objects.filter(pk=wave.pk).update(sent_at=timezone.now())

    text = evidence_report(proposal=proposal, membership=administrator).text()

    score = wave_acceptability(wave=wave).report.score
    assert (
        f"{score.score:.0f} out of 100 (95% interval {score.low:.1f} to {score.high:.1f}), "
        f"from {score.scored} people with a score, weighted to the area's population."
    ) in text
    assessment = assessment_get_for(proposal=proposal, organisation=organisation)
    view = result_view(
        assessment.framework_version.framework, assessment_score(assessment=assessment)
    )
    assert f"Band: {view.outcome_label}\n" in text
    # The conditions the public set are offered to the DPIA as risks to weigh.
    dpia = dpia_input(proposal=proposal, membership=administrator).text()
    assert "What the public raised, to weigh as risks:" in dpia
    assert "sold" in dpia
