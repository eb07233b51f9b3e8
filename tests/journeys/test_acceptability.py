"""Journey: a panel member, on a phone with JavaScript off, completes the acceptability module of
a wave's survey (shares 100 points between the five elements, wrongly first and put right with
the answers kept; places the proposal on the scale for each element, with one "don't know"; says
how confident they are and that it may go ahead with conditions), checks their answers and sends
them; then the engagement lead opens the wave's public acceptability score and sees the score,
its interval, the effective sample size, the score by age group with the small groups hidden and
why, and the comparison with the council's own assessment, widest gap first. axe-core checks
every page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from publicbenefit.accounts.models import Membership, Organisation, User
from publicbenefit.accounts.roles import Role
from publicbenefit.assessments import services as assessment_services
from publicbenefit.panels.models import Wave, WaveInvitation
from publicbenefit.panels.tests.test_waves_builders import make_member, make_panel, make_wave
from publicbenefit.proposals.models import Status
from publicbenefit.proposals.tests.factories import ProposalFactory
from publicbenefit.surveys import acceptability, services
from publicbenefit.surveys.models import Response

from .conftest import PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-enough-password-for-tests"
#: The council's own position on each element in its assessment.
COUNCIL = {
    "service_outcomes": 4,
    "wider_public_outcomes": 3,
    "respects_individual": 4,
    "public_resources": 3,
    "visible_benefits": 2,
}
#: Residents who answered already: age band, how many, their rating of every element.
ALREADY = (("16-34", 3, "2"), ("35-64", 6, "3"), ("65+", 6, "2"))


def _person(email, organisation, role):
    user = User.objects.create_user(email=email, password=PASSWORD, full_name=email.split("@")[0])
    return Membership.objects.create(user=user, organisation=organisation, role=role)


def _scenario():
    """The council, its lead and assessor, the proposal assessed, a panel with a wave whose
    survey has the module, 15 residents' answers in, and the link for one more resident."""
    council = Organisation.objects.create(
        name="Calderbrook City Council", slug="calderbrook", kind=Organisation.Kind.COUNCIL
    )
    lead = _person("lead@calderbrook.example", council, Role.ENGAGEMENT_LEAD)
    assessor = _person("assessor@calderbrook.example", council, Role.ASSESSOR)
    proposal = ProposalFactory(
        organisation=council,
        owner=lead.user,
        title="Predictive modelling to flag families at risk",
        status=Status.UNDER_ASSESSMENT,
    )
    assessment = assessment_services.assessment_start(actor=assessor, proposal=proposal)
    for question in assessment.framework_version.framework.questions:
        assessment_services.answer_save(
            actor=assessor,
            assessment=assessment,
            question_id=question.id,
            value=COUNCIL[question.element_id],
        )
    panel = make_panel(council, lead, min_cell=5)
    survey = services.survey_create(actor=lead, title="Early help: your view", proposal=proposal)
    acceptability.module_add(
        actor=lead,
        survey=survey,
        elicitation="points",
        description="The council would use a computer model to suggest families for early help.",
    )
    survey = services.survey_mark_ready(actor=lead, survey=survey)
    module = acceptability.survey_module(survey)
    wave = make_wave(panel, survey, lead, name="Spring: early help", status=Wave.Status.OPEN)
    closes = timezone.now() + datetime.timedelta(days=14)
    for age, count, rating in ALREADY:
        for index in range(count):
            member = make_member(panel, {"age": age, "sex": "female" if index % 2 else "male"})
            invitation, _token = services.invitation_issue(
                survey=survey, respondent=member.pseudonym, closes_at=closes
            )
            WaveInvitation.objects.create(
                wave=wave, member=member, invitation=invitation, channel="email"
            )
            answers = {str(module.weights.pk): dict.fromkeys(module.ratings, 20)}
            answers |= {str(question.pk): rating for question in module.ratings.values()}
            answers[str(module.confidence.pk)] = "3"
            answers[str(module.decision.pk)] = {
                "decision": "yes_with_conditions",
                "conditions": "Families are told first",
            }
            Response.objects.create(
                invitation=invitation, answers=answers, submitted_at=timezone.now()
            )
    member = make_member(panel, {"age": "16-34", "sex": "female"})
    invitation, token = services.invitation_issue(
        survey=survey, respondent=member.pseudonym, closes_at=closes
    )
    WaveInvitation.objects.create(wave=wave, member=member, invitation=invitation, channel="email")
    return wave, services.answer_url(token)


def test_a_member_answers_the_module_on_a_phone_and_the_lead_sees_the_score(live_server, open_tab):
    wave, link = _scenario()
    tab = open_tab(viewport=PHONE, javascript=False)
    page = tab.page

    # Given a panel member opens the link in their invitation on a phone, without JavaScript
    page.goto(live_server.url + link)
    tab.check_accessibility()
    page.get_by_role("button", name="Start now").click()
    tab.check_accessibility()
    expect(
        page.get_by_role("heading", name="How much does each of these matter to you?")
    ).to_be_visible()

    # When they share points that add up to 90, the page says so and keeps what they typed
    for element, points in zip(COUNCIL, ["30", "30", "20", "10", "0"], strict=True):
        page.locator(f"#id_weight_{element}").fill(points)
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(
        page.get_by_role("link", name="The points must add up to 100, but they add up to 90")
    ).to_be_visible()
    expect(page.locator("#id_weight_service_outcomes")).to_have_value("30")
    expect(page.locator("#id_weight_public_resources")).to_have_value("10")

    # And they put it right
    page.locator("#id_weight_visible_benefits").fill("10")
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()

    # And place the proposal on the scale for each element, after reading about it
    expect(page.get_by_text("The council would use a computer model")).to_be_visible()
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()
    expect(
        page.get_by_role("link", name="Choose where the proposal stands on element 1")
    ).to_be_visible()
    for position in [
        "4 \N{EN DASH} Fully",
        "3 \N{EN DASH} Mostly",
        "Don't know",
        "3 \N{EN DASH} Mostly",
        "2 \N{EN DASH} A little",
    ]:
        page.get_by_label(position).check()
        page.get_by_role("button", name="Continue").click()
        tab.check_accessibility()

    # And say how confident they are and that it may go ahead, with conditions
    page.get_by_label("Fairly confident").check()
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()
    page.get_by_label("Yes, with conditions").check()
    page.get_by_label("What conditions would you want? (optional)").fill(
        "Families are told first, and a person decides"
    )
    page.get_by_role("button", name="Continue").click()
    tab.check_accessibility()

    # Then they check their answers and send them
    expect(
        page.get_by_role("heading", name="Check your answers before sending them")
    ).to_be_visible()
    expect(page.get_by_text("30 points").first).to_be_visible()
    expect(
        page.get_by_text("Conditions: Families are told first, and a person decides")
    ).to_be_visible()
    page.get_by_role("button", name="Send my answers").click()
    tab.check_accessibility()
    expect(page.get_by_role("heading", name="Survey complete")).to_be_visible()
    assert (
        Response.objects.filter(invitation__survey=wave.survey, submitted_at__isnull=False).count()
        == 16
    )

    # When the engagement lead opens the wave and its acceptability score
    lead = open_tab()
    sign_in(lead, live_server.url, "lead@calderbrook.example", PASSWORD)
    lead.check_accessibility()
    lead.page.goto(f"{live_server.url}/o/calderbrook/panels/{wave.panel.pk}/waves/{wave.pk}/")
    lead.check_accessibility()
    lead.page.get_by_role("link", name="Public acceptability score").click()
    lead.check_accessibility()

    # Then they see the score out of 100, its interval and the effective sample size
    expect(lead.page.get_by_role("heading", name="Public acceptability score")).to_be_visible()
    expect(lead.page.get_by_text("out of 100")).to_be_visible()
    expect(lead.page.get_by_text("the 95% interval runs from")).to_be_visible()
    expect(lead.page.get_by_text("Effective sample size", exact=True)).to_be_visible()
    expect(lead.page.get_by_role("link", name="How the score is worked out")).to_be_visible()

    # And the comparison with the council's assessment, the widest gap first
    table = lead.page.get_by_role("table", name="Divergence by element, the widest gap first")
    expect(table).to_be_visible()
    # The council puts element 3 at the top of the scale; the public, about halfway.
    widest = acceptability.framework().elements[2]
    expect(table.get_by_role("row").nth(1)).to_contain_text(f"3. {widest.text[:40]}")

    # And, by age group, the small groups hidden with the reason
    lead.page.get_by_label("Break the results down by (optional)").select_option("age")
    lead.page.get_by_role("button", name="Show the results").click()
    lead.check_accessibility()
    groups = lead.page.get_by_role("table", name="The score by age")
    expect(groups).to_contain_text("35-64")
    expect(groups).to_contain_text("Not shown: Fewer than 5 participants gave a score")

    # And the method page explains the formula
    lead.page.get_by_role("link", name="How the score is worked out").click()
    lead.check_accessibility()
    expect(lead.page.get_by_text("rank-order centroid")).to_be_visible()
    assert len(tab.checked) >= 12
