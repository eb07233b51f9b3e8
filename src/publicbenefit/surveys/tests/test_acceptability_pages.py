"""The acceptability module as survey pages: adding it (points or ranking) to a survey linked
to a proposal, answering it one page at a time with the core's messages beside the field at
fault (points that do not add up, a skipped element, an out-of-range number, ranking ties), the
answers kept on error, what is stored, "check your answers", and who may add the module."""

import pytest
from django.urls import reverse

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.core.acceptability import Elicitation
from publicbenefit.surveys import acceptability, services
from publicbenefit.surveys.models import Response, SurveyQuestion
from publicbenefit.surveys.tests.conftest import in_two_weeks

pytestmark = pytest.mark.django_db

Kind = SurveyQuestion.Kind
ELEMENTS = [
    "service_outcomes",
    "wider_public_outcomes",
    "respects_individual",
    "public_resources",
    "visible_benefits",
]


def module_survey(lead, proposal, elicitation="points"):
    survey = services.survey_create(actor=lead, title="Your view", proposal=proposal)
    acceptability.module_add(
        actor=lead, survey=survey, elicitation=elicitation, description="We would share data."
    )
    return services.survey_mark_ready(actor=lead, survey=survey)


@pytest.fixture
def lead(proposal):
    return MembershipFactory(organisation=proposal.organisation, role=Role.ENGAGEMENT_LEAD)


def invite(survey, respondent="M-1"):
    _invitation, token = services.invitation_issue(
        survey=survey, respondent=respondent, closes_at=in_two_weeks()
    )
    return token


def q(token, number):
    return reverse("surveys:question", kwargs={"token": token, "number": number})


def points(*values):
    return {
        f"weight_{element}": str(value) for element, value in zip(ELEMENTS, values, strict=True)
    }


def stored(survey):
    return Response.objects.get(invitation__survey=survey).answers


def test_the_framework_has_the_elements_these_tests_name():
    assert [element.id for element in acceptability.framework().elements] == ELEMENTS


def test_module_adds_one_page_for_weights_one_per_element_confidence_and_decision(lead, proposal):
    survey = module_survey(lead, proposal)
    kinds = [question.kind for question in survey.questions.order_by("order")]
    assert kinds == [
        Kind.ACCEPTABILITY_POINTS,
        *[Kind.ACCEPTABILITY_RATING] * 5,
        Kind.ACCEPTABILITY_CONFIDENCE,
        Kind.ACCEPTABILITY_DECISION,
    ]
    module = acceptability.survey_module(survey)
    assert module.elicitation is Elicitation.POINTS
    assert list(module.ratings) == ELEMENTS
    assert module.description == "We would share data."


def test_module_needs_a_proposal_and_is_added_once(lead, proposal):
    survey = services.survey_create(actor=lead, title="No proposal")
    with pytest.raises(Exception, match="Link the survey to a proposal"):
        acceptability.module_add(actor=lead, survey=survey, elicitation="points", description="x")
    survey = services.survey_create(actor=lead, title="Twice", proposal=proposal)
    acceptability.module_add(actor=lead, survey=survey, elicitation="ranking", description="x")
    with pytest.raises(Exception, match="already has"):
        acceptability.module_add(actor=lead, survey=survey, elicitation="points", description="x")
    assert survey.questions.count() == 8


def test_module_questions_cannot_be_added_one_by_one(lead, proposal):
    survey = services.survey_create(actor=lead, title="By hand", proposal=proposal)
    with pytest.raises(Exception, match="added and changed together"):
        services.question_add(actor=lead, survey=survey, kind=Kind.ACCEPTABILITY_RATING, text="x")


def test_staff_page_adds_then_changes_the_module(client_for, lead, proposal):
    survey = services.survey_create(actor=lead, title="Your view", proposal=proposal)
    url = reverse(
        "panels:acceptability_module",
        kwargs={"organisation": lead.organisation.slug, "pk": survey.pk},
    )
    client = client_for(lead.user)

    page = client.get(url)
    assert page.status_code == 200
    assert proposal.summary.strip()[:30] in page.text

    empty = client.post(url, {"elicitation": "points", "description": ""})
    assert "Enter a description of the proposal" in empty.text
    assert not survey.questions.exists()

    done = client.post(url, {"elicitation": "ranking", "description": "Plain words."})
    assert done.status_code == 302
    assert acceptability.survey_module(survey).elicitation is Elicitation.RANKING

    client.post(url, {"elicitation": "points", "description": "Other words."})
    module = acceptability.survey_module(survey)
    assert module.elicitation is Elicitation.POINTS
    assert module.description == "Other words."
    assert survey.questions.count() == 8


def test_viewers_cannot_add_the_module_and_other_organisations_get_404(client_for, lead, proposal):
    survey = services.survey_create(actor=lead, title="Your view", proposal=proposal)
    url = reverse(
        "panels:acceptability_module",
        kwargs={"organisation": lead.organisation.slug, "pk": survey.pk},
    )
    viewer = MembershipFactory(organisation=lead.organisation)
    assert (
        client_for(viewer.user).post(url, {"elicitation": "points", "description": "x"}).status_code
        == 403
    )
    stranger = MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
    other = reverse(
        "panels:acceptability_module",
        kwargs={"organisation": stranger.organisation.slug, "pk": survey.pk},
    )
    assert client_for(stranger.user).get(other).status_code == 404
    assert not survey.questions.exists()


def test_points_not_adding_up_are_refused_on_the_page_and_kept(client, lead, proposal):
    survey = module_survey(lead, proposal)
    token = invite(survey)

    page = client.post(q(token, 1), points(30, 30, 20, 10, 0))

    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "The points must add up to 100, but they add up to 90" in page.text
    assert 'href="#id_weight_service_outcomes"' in page.text
    assert 'value="30"' in page.text
    assert 'value="10"' in page.text
    assert not Response.objects.exists()


def test_a_skipped_element_and_out_of_range_points_are_named(client, lead, proposal):
    survey = module_survey(lead, proposal)
    token = invite(survey)

    page = client.post(q(token, 1), {**points(30, 30, 20, 10, 0), "weight_visible_benefits": ""})
    assert "Enter the points you give element 5 (visible benefits), from 0 to 100" in page.text

    page = client.post(q(token, 1), points(130, 0, 0, 0, "x"))
    assert "The points for element 1 (service outcomes) must be between 0 and 100" in page.text
    assert "The points for element 5 (visible benefits) must be a whole number" in page.text
    assert 'value="130"' in page.text
    assert not Response.objects.exists()


def test_points_adding_up_are_stored_as_whole_numbers(client, lead, proposal):
    survey = module_survey(lead, proposal)
    token = invite(survey)

    page = client.post(q(token, 1), points(40, 30, 20, 10, 0))

    assert page.status_code == 302
    assert page["Location"] == q(token, 2)
    weights = stored(survey)[str(acceptability.survey_module(survey).weights.pk)]
    assert weights == dict(zip(ELEMENTS, [40, 30, 20, 10, 0], strict=True))
    again = client.get(q(token, 1))
    assert 'value="40"' in again.text


def test_ranking_ties_are_refused_and_kept(client, lead, proposal):
    survey = module_survey(lead, proposal, "ranking")
    token = invite(survey)
    tied = {
        f"rank_{element}": str(rank)
        for element, rank in zip(ELEMENTS, [1, 2, 2, 4, 5], strict=True)
    }

    page = client.post(q(token, 1), tied)

    assert "Element 3 (respects individual) has the same rank as element 2" in page.text
    assert page.text.count("selected") >= 5
    assert not Response.objects.exists()

    ranks = {
        f"rank_{element}": str(rank)
        for element, rank in zip(ELEMENTS, [2, 1, 5, 3, 4], strict=True)
    }
    assert client.post(q(token, 1), ranks).status_code == 302
    saved = stored(survey)[str(acceptability.survey_module(survey).weights.pk)]
    assert saved["wider_public_outcomes"] == 1


def test_a_rating_must_be_on_the_scale_or_dont_know(client, lead, proposal):
    survey = module_survey(lead, proposal)
    token = invite(survey)

    page = client.get(q(token, 2))
    assert "About the proposal" in page.text
    assert "We would share data." in page.text
    assert "Don&#x27;t know" in page.text or "Don't know" in page.text

    empty = client.post(q(token, 2), {})
    assert "Choose where the proposal stands on element 1 (service outcomes)" in empty.text
    off = client.post(q(token, 2), {"rating_service_outcomes": "9"})
    assert "must be a position from 1 to 4, or don&#x27;t know, not &#x27;9&#x27;" in off.text
    assert not Response.objects.exists()

    assert client.post(q(token, 2), {"rating_service_outcomes": "dont_know"}).status_code == 302
    assert client.post(q(token, 3), {"rating_wider_public_outcomes": "3"}).status_code == 302
    module = acceptability.survey_module(survey)
    answers = stored(survey)
    assert answers[str(module.ratings["service_outcomes"].pk)] == "dont_know"
    assert answers[str(module.ratings["wider_public_outcomes"].pk)] == "3"


def test_a_refused_or_skipped_rating_keeps_the_answers_already_given(client, lead, proposal):
    survey = module_survey(lead, proposal)
    token = invite(survey)
    assert client.post(q(token, 1), points(40, 30, 20, 10, 0)).status_code == 302
    assert client.post(q(token, 2), {"rating_service_outcomes": "3"}).status_code == 302
    given = stored(survey)

    off = client.post(q(token, 2), {"rating_service_outcomes": "0"})
    skipped = client.post(q(token, 3), {})

    assert off.status_code == skipped.status_code == 200
    assert "There is a problem" in off.text
    assert "must be a position from 1 to 4, or don&#x27;t know, not &#x27;0&#x27;" in off.text
    assert 'href="#id_rating_service_outcomes_1"' in off.text
    # The summary's link leads to the first position, not the second.
    first = 'id="id_rating_service_outcomes_1" name="rating_service_outcomes" type="radio"'
    first += ' value="1"'
    assert first in off.text
    assert "There is a problem" in skipped.text
    assert "Choose where the proposal stands on element 2 (wider public outcomes)" in skipped.text
    assert stored(survey) == given
    assert 'value="40"' in client.get(q(token, 1)).text
    assert 'value="3" checked' in client.get(q(token, 2)).text


def test_confidence_and_decision_need_an_answer_and_keep_the_conditions(client, lead, proposal):
    survey = module_survey(lead, proposal)
    token = invite(survey)

    assert "Select how confident you are" in client.post(q(token, 7), {}).text
    assert "Choose how confident you are" in client.post(q(token, 7), {"confidence": "7"}).text
    assert client.post(q(token, 7), {"confidence": "3"}).status_code == 302

    missing = client.post(q(token, 8), {"conditions": "Only anonymised data"})
    assert "Select whether this data sharing should go ahead" in missing.text
    assert "Only anonymised data" in missing.text
    done = client.post(
        q(token, 8), {"decision": "yes_with_conditions", "conditions": " Only anonymised data "}
    )
    assert done.status_code == 302
    module = acceptability.survey_module(survey)
    answers = stored(survey)
    assert answers[str(module.confidence.pk)] == "3"
    assert answers[str(module.decision.pk)] == {
        "decision": "yes_with_conditions",
        "conditions": "Only anonymised data",
    }


def test_save_and_come_back_later_with_nothing_given(client, lead, proposal):
    survey = module_survey(lead, proposal)
    token = invite(survey)

    page = client.post(q(token, 1), {**points("", "", "", "", ""), "save": "save"})

    assert page.status_code == 302
    assert page["Location"].endswith("/saved/")


def test_check_your_answers_shows_the_module_and_submits(client, lead, proposal):
    survey = module_survey(lead, proposal)
    token = invite(survey)
    client.post(q(token, 1), points(40, 30, 20, 10, 0))
    for number, element in enumerate(ELEMENTS, start=2):
        client.post(q(token, number), {f"rating_{element}": "4" if number % 2 else "2"})
    client.post(q(token, 7), {"confidence": "4"})
    client.post(q(token, 8), {"decision": "no", "conditions": "Never sold"})

    page = client.get(reverse("surveys:check", kwargs={"token": token}))

    assert "40 points" in page.text
    assert "4 \N{EN DASH} Fully" in page.text
    assert "Very confident" in page.text
    assert "Conditions: Never sold" in page.text
    sent = client.post(reverse("surveys:check", kwargs={"token": token}))
    assert sent.status_code == 302
    assert Response.objects.get(invitation__survey=survey).is_submitted


def test_the_service_refuses_a_tampered_answer(lead, proposal):
    survey = module_survey(lead, proposal)
    invitation, _token = services.invitation_issue(
        survey=survey, respondent="M-9", closes_at=in_two_weeks()
    )
    module = acceptability.survey_module(survey)
    with pytest.raises(Exception, match="add up to 100"):
        services.response_answer_save(
            invitation=invitation,
            question=module.weights,
            answer=dict(zip(ELEMENTS, [50, 50, 50, 0, 0], strict=True)),
        )
    with pytest.raises(Exception, match="whole number"):
        services.response_answer_save(
            invitation=invitation, question=module.weights, answer={"service_outcomes": "x"}
        )
    assert not Response.objects.exists()


def test_the_preview_shows_the_module_questions(client_for, lead, proposal):
    survey = module_survey(lead, proposal)
    page = client_for(lead.user).get(
        reverse("surveys:preview", kwargs={"organisation": lead.organisation.slug, "pk": survey.pk})
    )
    assert page.status_code == 200
    assert "weight_service_outcomes" in page.text
    assert "Should this data sharing go ahead?" in page.text


def test_core_survey_reads_full_answers_only(lead, proposal):
    survey = module_survey(lead, proposal)
    module = acceptability.survey_module(survey)
    full = {
        str(module.weights.pk): dict(zip(ELEMENTS, [20] * 5, strict=True)),
        **{str(question.pk): "4" for question in module.ratings.values()},
        str(module.confidence.pk): "2",
        str(module.decision.pk): {"decision": "yes", "conditions": ""},
    }
    partial = {str(module.weights.pk): full[str(module.weights.pk)]}
    read, kept = acceptability.core_survey(
        module,
        [
            acceptability.Answered("A", full),
            acceptability.Answered("B", partial),
        ],
    )
    assert kept == [0]
    assert read.participants[0].weights["service_outcomes"] == pytest.approx(0.2)
    assert read.participants[0].confidence == 2
