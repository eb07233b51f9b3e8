"""The unweighted acceptability score of a survey (or of one batch of event codes): equal to the
core's report on the same answers with no weights and the page's seed, no score under 10 people
and the page says why, the page says plainly the figures are unweighted, the decision shares
and the comparison with the organisation's assessment, and who may see it."""

import numpy as np
import pytest
from django.urls import reverse
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.core.acceptability import Elicitation, acceptability_report, read_participant
from publicbenefit.core.acceptability import Survey as CoreSurvey
from publicbenefit.panels.tests.test_acceptability_score import assess
from publicbenefit.surveys import acceptability, event_services, services
from publicbenefit.surveys.acceptability_score import MIN_RESPONDENTS, score_responses, seed_from
from publicbenefit.surveys.models import Response
from publicbenefit.surveys.tests.conftest import in_two_weeks

pytestmark = pytest.mark.django_db

#: How many people, their points for the five elements, their rating of every element.
PEOPLE = (
    (6, [40, 30, 10, 10, 10], "2"),
    (5, [20, 20, 20, 20, 20], "4"),
    (4, [10, 10, 10, 10, 60], "1"),
)


def answers(module, points, rating, decision="yes_with_conditions"):
    elements = [element.id for element in acceptability.framework().elements]
    given = {str(module.weights.pk): dict(zip(elements, points, strict=True))}
    for question in module.ratings.values():
        given[str(question.pk)] = rating
    given[str(module.confidence.pk)] = "3"
    given[str(module.decision.pk)] = {"decision": decision, "conditions": "Never sold"}
    return given


@pytest.fixture
def lead(proposal):
    return MembershipFactory(organisation=proposal.organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def module_survey(lead, proposal):
    survey = services.survey_create(actor=lead, title="Your view on sharing", proposal=proposal)
    acceptability.module_add(actor=lead, survey=survey, elicitation="points", description="Words.")
    return services.survey_mark_ready(actor=lead, survey=survey)


def answer_batch(lead, survey, people, name="Jury, day 3"):
    """A batch with one code per person, each submitted with their answers, in order."""
    module = acceptability.survey_module(survey)
    total = sum(count for count, _points, _rating in people)
    batch = event_services.event_batch_issue(
        actor=lead, survey=survey, name=name, kind="jury", count=total, closes_at=in_two_weeks()
    )
    invitations = iter(batch.invitations.order_by("pk"))
    for count, points, rating in people:
        for _index in range(count):
            Response.objects.create(
                invitation=next(invitations),
                answers=answers(module, points, rating),
                submitted_at=timezone.now(),
            )
    return batch


def page_url(survey, **query):
    path = reverse(
        "surveys:acceptability_score",
        kwargs={"organisation": survey.organisation.slug, "pk": survey.pk},
    )
    return path + (f"?batch={query['batch']}" if query else "")


def direct_report(survey, people, seed):
    module = acceptability.survey_module(survey)
    participants = []
    for group, (count, points, rating) in enumerate(people):
        for index in range(count):
            given = answers(module, points, rating)
            participants.append(
                read_participant(
                    acceptability.framework(),
                    Elicitation.POINTS,
                    participant_id=f"{group}-{index}",
                    weights=given[str(module.weights.pk)],
                    ratings={
                        element: given[str(question.pk)]
                        for element, question in module.ratings.items()
                    },
                )
            )
    return acceptability_report(
        CoreSurvey.for_framework(acceptability.framework(), Elicitation.POINTS, participants),
        rng=np.random.default_rng(seed),
        min_count=MIN_RESPONDENTS,
    )


def test_the_page_equals_the_core_with_no_weights(client_for, lead, module_survey, proposal):
    survey = module_survey
    viewer = MembershipFactory(organisation=proposal.organisation, role=Role.VIEWER)
    answer_batch(lead, survey, PEOPLE)

    page = client_for(viewer.user).get(page_url(survey))

    assert page.status_code == 200
    report = page.context["result"].report
    direct = direct_report(
        survey, PEOPLE, seed_from(f"publicbenefit acceptability survey {survey.pk} batch 0")
    )
    # Scores 100/3 (six people), 100 (five) and 0 (four), not weighted.
    assert report.score.score == pytest.approx((6 * 100 / 3 + 5 * 100) / 15)
    assert report.score.score == pytest.approx(direct.score.score)
    assert report.score.low == pytest.approx(direct.score.low)
    assert report.score.high == pytest.approx(direct.score.high)
    assert report.score.effective_sample_size == pytest.approx(15)
    assert report.score.scored == 15
    assert "These results are not weighted" in page.text
    assert "stand only for the people who took part" in page.text
    assert f"{round(report.score.score)} out of 100" in page.text
    assert "Yes, with conditions" in page.text
    assert "Weighted %" not in page.text


def test_the_generic_score_with_no_weights_equals_weights_of_one(lead, module_survey):
    survey = module_survey
    answer_batch(lead, survey, PEOPLE)
    answered = [
        acceptability.Answered(item.invitation.respondent, item.answers)
        for item in Response.objects.select_related("invitation").order_by("submitted_at", "pk")
    ]

    plain = score_responses(survey=survey, answered=answered, seed=7, min_count=10)
    ones = score_responses(
        survey=survey, answered=answered, seed=7, min_count=10, survey_weights=[1.0] * 15
    )

    assert plain.report.score.score == pytest.approx(ones.report.score.score)
    assert plain.report.score.low == pytest.approx(ones.report.score.low)
    assert plain.report.score.high == pytest.approx(ones.report.score.high)


def test_one_batch_is_scored_on_its_own(client_for, lead, module_survey):
    survey = module_survey
    answer_batch(lead, survey, PEOPLE)
    small = answer_batch(lead, survey, ((3, [20, 20, 20, 20, 20], "4"),), name="Eastgate")

    everyone = client_for(lead.user).get(page_url(survey))
    batch_only = client_for(lead.user).get(page_url(survey, batch=small.pk))

    assert everyone.context["submitted"] == 18
    assert everyone.context["result"].report.score.shown
    assert batch_only.context["submitted"] == 3
    assert batch_only.context["batch"] == small
    assert "Eastgate" in batch_only.text


def test_fewer_than_ten_give_no_score_and_the_page_says_why(client_for, lead, module_survey):
    survey = module_survey
    answer_batch(lead, survey, ((9, [20, 20, 20, 20, 20], "3"),))

    page = client_for(lead.user).get(page_url(survey))

    assert page.status_code == 200
    assert not page.context["result"].report.score.shown
    assert "No score is shown." in page.text
    assert "Nothing is shown based on fewer than 10 people" in page.text
    assert "out of 100" not in page.text


def test_a_survey_without_the_module_says_so(client_for, engagement_lead, ready_survey):
    page = client_for(engagement_lead.user).get(page_url(ready_survey))

    assert page.status_code == 200
    assert "does not include the acceptability module" in page.text


def test_another_surveys_batch_is_not_a_choice(client_for, lead, module_survey):
    survey = module_survey
    answer_batch(lead, survey, PEOPLE)
    other = services.survey_create(actor=lead, title="Other")
    services.question_add(actor=lead, survey=other, kind="free_text", text="Anything?")
    other = services.survey_mark_ready(actor=lead, survey=other)
    elsewhere = event_services.event_batch_issue(
        actor=lead, survey=other, name="Elsewhere", kind="other", count=1, closes_at=in_two_weeks()
    )

    page = client_for(lead.user).get(page_url(survey, batch=elsewhere.pk))

    # Not one of this survey's batches: not a choice on the page, so everyone's score is shown.
    assert page.status_code == 200
    assert page.context["batch"] is None
    assert "Select a valid choice" in page.text


def test_the_public_is_set_beside_the_organisations_assessment(
    client_for, lead, module_survey, assessor, proposal
):
    survey = module_survey
    answer_batch(lead, survey, PEOPLE)
    assess(assessor, proposal)

    page = client_for(lead.user).get(page_url(survey))

    result = page.context["result"]
    assert result.assessment == "scored"
    assert len(result.elements) == 5
    gaps = [abs(row.comparison.gap) for row in result.elements]
    assert gaps == sorted(gaps, reverse=True)
    assert "Divergence by element, the widest gap first" in page.text


def test_the_survey_page_links_to_events_and_juries(client_for, lead, module_survey):
    survey = module_survey
    page = client_for(lead.user).get(
        reverse(
            "surveys:detail", kwargs={"organisation": survey.organisation.slug, "pk": survey.pk}
        )
    )
    assert (
        reverse(
            "surveys:events", kwargs={"organisation": survey.organisation.slug, "pk": survey.pk}
        )
        in page.text
    )
