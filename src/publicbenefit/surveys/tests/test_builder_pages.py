"""The survey builder's pages: who may read and change them, creating a survey, adding,
changing, removing and moving questions of every kind, taking a question from the engagement
plan, marking the survey ready, the lock once people are invited, and the preview."""

import datetime

import pytest
from django.urls import reverse

from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.engagement.models import EngagementPlan, PlanQuestion
from publicbenefit.surveys import selectors
from publicbenefit.surveys.models import Survey, SurveyQuestion

pytestmark = pytest.mark.django_db


def url(name, survey=None, **kwargs):
    if survey is not None:
        kwargs["pk"] = survey.pk
        kwargs["organisation"] = survey.organisation.slug
    return reverse(f"surveys:{name}", kwargs=kwargs)


def test_members_see_the_list_and_only_engagement_leads_may_create(
    organisation, survey, viewer, engagement_lead, client_for
):
    page = client_for(viewer.user).get(url("list", organisation=organisation.slug))
    assert page.status_code == 200
    assert "Sharing data to plan services" in page.text
    assert "Create a survey" not in page.text

    lead_page = client_for(engagement_lead.user).get(url("list", organisation=organisation.slug))
    assert "Create a survey" in lead_page.text


def test_a_viewer_is_refused_every_change(survey, viewer, client_for):
    client = client_for(viewer.user)
    question = survey.questions.first()
    writes = [
        url("create", organisation=survey.organisation.slug),
        url("edit", survey),
        url("ready", survey),
        url("question_kind", survey),
        url("question_add", survey, kind="single"),
        url("question_from_plan", survey),
        url("question_edit", survey, question_pk=question.pk),
        url("question_remove", survey, question_pk=question.pk),
        url("question_move", survey, question_pk=question.pk),
    ]

    for path in writes:
        assert client.post(path, {"title": "Changed", "direction": "down"}).status_code == 403

    assert client.get(url("detail", survey)).status_code == 200
    assert client.get(url("preview", survey)).status_code == 200
    assert Survey.objects.get().title == "Sharing data to plan services"
    assert survey.questions.count() == 7


def test_another_organisation_gets_404(survey, client_for):
    outsider = MembershipFactory(organisation__slug="westmarch", role="administrator")
    client = client_for(outsider.user)

    assert client.get(url("detail", survey)).status_code == 404
    # Even through the outsider's own organisation's address, the survey is not found.
    assert (
        client.get(
            reverse("surveys:detail", kwargs={"organisation": "westmarch", "pk": survey.pk})
        ).status_code
        == 404
    )


def test_the_lead_creates_a_survey(organisation, engagement_lead, proposal, client_for):
    client = client_for(engagement_lead.user)

    page = client.post(
        url("create", organisation=organisation.slug),
        {"title": "Library survey", "introduction": "Five minutes.", "proposal": proposal.pk},
    )

    survey = Survey.objects.get()
    assert page.status_code == 302
    assert page["Location"] == url("detail", survey)
    assert survey.proposal == proposal
    assert survey.created_by == engagement_lead.user


def test_a_survey_without_a_title_shows_the_error(organisation, engagement_lead, client_for):
    page = client_for(engagement_lead.user).post(
        url("create", organisation=organisation.slug), {"title": ""}
    )

    assert page.status_code == 200
    assert "Enter a title for the survey" in page.text
    assert not Survey.objects.exists()


def test_the_detail_page_lists_the_questions_in_order(survey, engagement_lead, client_for):
    page = client_for(engagement_lead.user).get(url("detail", survey))

    text = page.text
    positions = [text.index(question.text) for question in selectors.questions(survey=survey)]
    assert positions == sorted(positions)
    assert "Move up" in text
    assert "Mark the survey ready" in text


def test_choosing_a_kind_leads_to_its_form(survey, engagement_lead, client_for):
    client = client_for(engagement_lead.user)

    assert "Select the kind of question" in client.post(url("question_kind", survey), {}).text
    page = client.post(url("question_kind", survey), {"kind": "grid"})

    assert page["Location"] == url("question_add", survey, kind="grid")
    form = client.get(page["Location"])
    assert "Strongly agree\nAgree\nNeither agree nor disagree" in form.text
    assert client.get(url("question_add", survey, kind="ranking")).status_code == 404


@pytest.mark.parametrize(
    "case",
    [
        (
            "single",
            {"choices": "Yes\nNo\n\n"},
            lambda q: [c["label"] for c in q.choices] == ["Yes", "No"],
        ),
        (
            "multiple",
            {"choices": "Bus\nCar\nBike"},
            lambda q: len(q.choices) == 3,
        ),
        (
            "likert",
            {"choices": "Agree\nNeutral\nDisagree"},
            lambda q: [c["label"] for c in q.choices] == ["Agree", "Neutral", "Disagree"],
        ),
        (
            "framework_scale",
            {"left_anchor": "Helps", "right_anchor": "Harms"},
            lambda q: q.choices[0]["label"] == "Helps" and q.choices[3]["label"] == "Harms",
        ),
        (
            "number",
            {"minimum": "0", "maximum": "120"},
            lambda q: q.minimum == 0 and q.maximum == 120,
        ),
        ("free_text", {}, lambda q: q.choices == []),
        (
            "grid",
            {"rows": "Safe\nFair", "choices": "Agree\nDisagree"},
            lambda q: [r["label"] for r in q.rows] == ["Safe", "Fair"],
        ),
    ],
)
def test_the_lead_adds_a_question_of_each_kind(survey, engagement_lead, client_for, case):
    kind, fields, check = case
    page = client_for(engagement_lead.user).post(
        url("question_add", survey, kind=kind),
        {"text": "A new question?", "hint": "", "required": "yes", **fields},
    )

    assert page.status_code == 302, page.text
    question = selectors.questions(survey=survey)[-1]
    assert question.kind == kind
    assert question.text == "A new question?"
    assert check(question)


def test_a_question_with_too_few_answers_shows_the_error(survey, engagement_lead, client_for):
    page = client_for(engagement_lead.user).post(
        url("question_add", survey, kind="single"),
        {"text": "A question?", "required": "yes", "choices": "Only one"},
    )

    assert page.status_code == 200
    assert "Enter at least 2 answers, one on each line" in page.text
    assert survey.questions.count() == 7


def test_the_lead_changes_a_question(survey, engagement_lead, client_for):
    question = survey.questions.get(kind="framework_scale")
    client = client_for(engagement_lead.user)

    form = client.get(url("question_edit", survey, question_pk=question.pk))
    assert 'value="Only to help the family"' in form.text
    page = client.post(
        url("question_edit", survey, question_pk=question.pk),
        {"text": "Where is the line?", "required": "no", "left_anchor": "L", "right_anchor": "R"},
    )

    assert page.status_code == 302
    question.refresh_from_db()
    assert question.text == "Where is the line?"
    assert not question.required
    assert question.choices[-2] == {"value": "4", "label": "R"}


def test_the_lead_moves_and_removes_questions(survey, engagement_lead, client_for):
    client = client_for(engagement_lead.user)
    first, second = selectors.questions(survey=survey)[:2]

    client.post(url("question_move", survey, question_pk=first.pk), {"direction": "down"})
    assert [q.pk for q in selectors.questions(survey=survey)[:2]] == [second.pk, first.pk]

    client.post(url("question_remove", survey, question_pk=first.pk))
    assert not SurveyQuestion.objects.filter(pk=first.pk).exists()
    assert client.get(url("question_remove", survey, question_pk=second.pk)).status_code == 405


def test_a_question_from_the_engagement_plan(survey, engagement_lead, proposal, client_for):
    client = client_for(engagement_lead.user)
    assert client.get(url("question_from_plan", survey)).status_code == 302  # no plan yet
    plan = EngagementPlan.objects.create(
        proposal=proposal,
        starts_on=datetime.date(2027, 1, 4),
        decision_by=datetime.date(2027, 6, 28),
        budget=1000,
        population=1000,
        created_by=engagement_lead.user,
    )
    tailored = PlanQuestion.objects.create(
        plan=plan,
        bank_question_id="A1",
        original_text="Is it acceptable?",
        text="Is it acceptable to share school attendance data?",
    )
    client.post(url("edit", survey), {"title": survey.title, "proposal": proposal.pk})

    assert "Add a question from the engagement plan" in client.get(url("detail", survey)).text
    page = client.post(
        url("question_from_plan", survey), {"plan_question": tailored.pk, "kind": "likert"}
    )
    add_url = url("question_add", survey, kind="likert") + f"?plan_question={tailored.pk}"
    assert page["Location"] == add_url
    form = client.get(add_url)
    assert "Is it acceptable to share school attendance data?" in form.text
    client.post(
        add_url,
        {
            "text": tailored.text,
            "required": "yes",
            "choices": "Agree\nDisagree",
            "plan_question": tailored.pk,
        },
    )

    question = selectors.questions(survey=survey)[-1]
    assert question.plan_question == tailored
    assert question.text == tailored.text


def test_marking_ready_needs_questions(organisation, engagement_lead, client_for):
    client = client_for(engagement_lead.user)
    client.post(url("create", organisation=organisation.slug), {"title": "Empty"})
    empty = Survey.objects.get()

    page = client.post(url("ready", empty), follow=True)

    assert "Add at least one question before marking the survey ready" in page.text
    empty.refresh_from_db()
    assert empty.status == Survey.Status.DRAFT


def test_a_survey_marked_ready(survey, engagement_lead, client_for):
    page = client_for(engagement_lead.user).post(url("ready", survey), follow=True)

    assert "The survey is ready to send" in page.text
    survey.refresh_from_db()
    assert survey.status == Survey.Status.READY


def test_once_people_are_invited_the_pages_refuse_changes(invited, engagement_lead, client_for):
    invitation, _token = invited
    survey = invitation.survey
    question = survey.questions.first()
    client = client_for(engagement_lead.user)

    detail = client.get(url("detail", survey))
    assert "its questions can no longer change" in detail.text
    assert "Add a question" not in detail.text
    page = client.post(
        url("question_edit", survey, question_pk=question.pk),
        {"text": "Changed", "required": "yes", "choices": "A\nB"},
        follow=True,
    )
    assert "The questions can no longer change" in page.text
    page = client.post(url("question_remove", survey, question_pk=question.pk), follow=True)
    assert "The questions can no longer change" in page.text
    question.refresh_from_db()
    assert question.text == "How often do you use the library?"
    assert survey.questions.count() == 7


def test_the_preview_shows_every_question_as_the_public_see_it(survey, viewer, client_for):
    page = client_for(viewer.user).get(url("preview", survey))

    for question in survey.questions.all():
        assert question.text in page.text
    assert "Only to help the family" in page.text
    assert "I am told how data is used" in page.text
    assert 'type="checkbox"' in page.text
    assert "Save and come back later" not in page.text
