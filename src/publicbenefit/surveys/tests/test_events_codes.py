"""Event codes: issuing a named batch of single-use letter codes for a ready survey (count,
uniqueness, the pseudonymous respondents, refusals), the batch page's counts, the printable
cards and paper forms, entering a paper form's answers through its code, and who may do what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.surveys import acceptability, event_exports, event_services, services
from publicbenefit.surveys.letter_codes import letter_code_display, letter_code_token
from publicbenefit.surveys.models import EventBatch, Invitation, Response
from publicbenefit.surveys.tests.conftest import in_two_weeks

pytestmark = pytest.mark.django_db


def issue(lead, survey, count=3, name="Eastgate community centre dialogue, 14 March"):
    return event_services.event_batch_issue(
        actor=lead, survey=survey, name=name, kind="dialogue", count=count, closes_at=in_two_weeks()
    )


def url(name, survey, **kwargs):
    return reverse(
        f"surveys:{name}",
        kwargs={"organisation": survey.organisation.slug, "pk": survey.pk, **kwargs},
    )


@pytest.fixture
def module_survey(proposal):
    lead = MembershipFactory(organisation=proposal.organisation, role=Role.ENGAGEMENT_LEAD)
    survey = services.survey_create(actor=lead, title="Your view on sharing", proposal=proposal)
    acceptability.module_add(
        actor=lead, survey=survey, elicitation="points", description="We would share data."
    )
    return lead, services.survey_mark_ready(actor=lead, survey=survey)


def test_a_batch_issues_that_many_unique_single_use_codes(engagement_lead, ready_survey):
    batch = issue(engagement_lead, ready_survey, count=25)

    invitations = list(Invitation.objects.filter(event_batch=batch))
    assert len(invitations) == 25
    assert len({item.letter_code for item in invitations}) == 25
    assert all(item.letter_code for item in invitations)
    assert [item.respondent for item in invitations] == [
        f"event-{batch.pk}-{number}" for number in range(1, 26)
    ]
    assert all(item.closes_at == batch.closes_at for item in invitations)
    # A second batch's codes differ from the first's too.
    other = issue(engagement_lead, ready_survey, count=5, name="Jury, day 3")
    codes = set(Invitation.objects.values_list("letter_code", flat=True))
    assert len(codes) == 30
    assert other.invitations.count() == 5


def test_a_draft_survey_and_bad_input_are_refused_and_change_nothing(engagement_lead, survey):
    with pytest.raises(ValidationError, match="ready"):
        issue(engagement_lead, survey)
    survey = services.survey_mark_ready(actor=engagement_lead, survey=survey)
    for change, field in (
        ({"count": 0}, "count"),
        ({"count": event_services.MAX_CODES + 1}, "count"),
        ({"name": "  "}, "name"),
        ({"kind": "party"}, "kind"),
        ({"closes_at": timezone.now() - datetime.timedelta(days=1)}, "closes_at"),
    ):
        arguments = {
            "actor": engagement_lead,
            "survey": survey,
            "name": "Jury",
            "kind": "jury",
            "count": 3,
            "closes_at": in_two_weeks(),
            **change,
        }
        with pytest.raises(ValidationError) as error:
            event_services.event_batch_issue(**arguments)
        assert field in error.value.message_dict
    assert not EventBatch.objects.exists()
    assert not Invitation.objects.exists()


def test_a_viewer_or_another_organisation_cannot_issue(viewer, engagement_lead, ready_survey):
    with pytest.raises(PermissionDenied):
        issue(viewer, ready_survey)
    stranger = MembershipFactory(organisation=OrganisationFactory(), role=Role.ENGAGEMENT_LEAD)
    with pytest.raises(PermissionDenied):
        issue(stranger, ready_survey)
    assert not EventBatch.objects.exists()


def test_issuing_through_the_page(client_for, engagement_lead, ready_survey):
    client = client_for(engagement_lead.user)
    page = client.get(url("event_create", ready_survey))
    assert page.status_code == 200

    bad = client.post(url("event_create", ready_survey), {"name": "", "kind": "jury", "count": ""})
    assert "Enter a name for the batch" in bad.text
    assert not EventBatch.objects.exists()

    closes = in_two_weeks().date()
    done = client.post(
        url("event_create", ready_survey),
        {
            "name": "Jury, day 3",
            "kind": "jury",
            "count": "18",
            "closes_on_0": closes.day,
            "closes_on_1": closes.month,
            "closes_on_2": closes.year,
        },
    )
    batch = EventBatch.objects.get()
    assert done.status_code == 302
    assert done["Location"] == url("event_batch", ready_survey, batch_pk=batch.pk)
    assert batch.invitations.count() == 18
    assert batch.kind == "jury"
    assert batch.created_by == engagement_lead.user


def test_the_batch_page_counts_issued_opened_and_answered(
    client_for, viewer, engagement_lead, ready_survey
):
    batch = issue(engagement_lead, ready_survey, count=4)
    first, second = list(batch.invitations.order_by("pk"))[:2]
    services.invitation_open(invitation=first)
    services.invitation_open(invitation=second)
    Response.objects.create(invitation=first, submitted_at=timezone.now())

    page = client_for(viewer.user).get(url("event_batch", ready_survey, batch_pk=batch.pk))

    assert page.status_code == 200
    counts = page.context["counts"]
    assert counts == {"issued": 4, "opened": 2, "answered": 1}
    # Counts only: no code is shown on the page, and a viewer gets no print links.
    assert first.letter_code not in page.text
    assert letter_code_display(first.letter_code) not in page.text
    assert "cards.pdf" not in page.text


def test_the_cards_hold_each_code_its_qr_link_and_the_address(engagement_lead, ready_survey):
    batch = issue(engagement_lead, ready_survey, count=3)

    html = event_exports.cards_html(batch=batch)

    for invitation in batch.invitations.all():
        assert letter_code_display(invitation.letter_code) in html
        assert event_exports.code_answer_url(invitation.letter_code).endswith(
            services.answer_url(letter_code_token(invitation.letter_code))
        )
    assert html.count('class="qr"') == 3
    assert "http://testserver/s/code/" in html
    assert ready_survey.title in html


def test_the_cards_and_paper_pdfs_download_for_staff_only(
    client_for, engagement_lead, viewer, ready_survey
):
    batch = issue(engagement_lead, ready_survey, count=2)
    client = client_for(engagement_lead.user)

    cards = client.get(url("event_cards", ready_survey, batch_pk=batch.pk))
    paper = client.get(url("event_paper", ready_survey, batch_pk=batch.pk))

    assert cards.status_code == 200
    assert cards["Content-Type"] == "application/pdf"
    assert cards.content.startswith(b"%PDF")
    assert paper.content.startswith(b"%PDF")
    viewing = client_for(viewer.user)
    assert viewing.get(url("event_cards", ready_survey, batch_pk=batch.pk)).status_code == 403
    assert viewing.get(url("event_paper", ready_survey, batch_pk=batch.pk)).status_code == 403


def test_the_paper_version_has_every_question_and_the_module_parts(module_survey):
    lead, survey = module_survey
    batch = issue(lead, survey, count=2)

    html = event_exports.paper_html(batch=batch)

    for question in survey.questions.all():
        assert question.text in html
    for element in acceptability.framework().elements:
        assert acceptability.element_title(element) in html
    assert "The points must add up to 100" in html
    assert "Total (must be 100)" in html
    assert "We would share data." in html
    assert "What conditions would you want" in html
    assert "Not very confident" in html
    for invitation in batch.invitations.all():
        assert letter_code_display(invitation.letter_code) in html
    assert html.count('class="copy"') == 2


def test_the_paper_version_of_every_other_kind_of_question(engagement_lead, ready_survey):
    batch = issue(engagement_lead, ready_survey, count=1)

    html = event_exports.paper_html(batch=batch)

    for question in ready_survey.questions.all():
        assert question.text in html
    assert "Tick all that apply." in html
    assert "A number from 1 to 20" in html
    assert "Tick one box in each row." in html
    assert "Data about me is kept safe" in html


def test_a_paper_form_is_entered_through_its_code_on_the_answering_pages(
    client_for, engagement_lead, ready_survey
):
    batch = issue(engagement_lead, ready_survey, count=2)
    code = batch.invitations.order_by("pk").first().letter_code
    client = client_for(engagement_lead.user)

    page = client.get(url("event_paper_entry", ready_survey))
    assert "taken to the normal answering pages" in page.text
    typed = letter_code_display(code).lower()
    done = client.post(url("event_paper_entry", ready_survey), {"code": typed})

    token = letter_code_token(code)
    assert done.status_code == 302
    assert done["Location"] == services.answer_url(token)
    start = client.get(done["Location"])
    assert start.status_code == 200
    assert ready_survey.title in start.text
    first = client.get(reverse("surveys:question", kwargs={"token": token, "number": 1}))
    assert "How often do you use the library?" in first.text


def test_a_wrong_code_or_another_surveys_code_is_not_entered(
    client_for, engagement_lead, ready_survey
):
    other = services.survey_create(actor=engagement_lead, title="Another")
    services.question_add(
        actor=engagement_lead, survey=other, kind="free_text", text="Anything?", required=False
    )
    other = services.survey_mark_ready(actor=engagement_lead, survey=other)
    elsewhere = issue(engagement_lead, other, count=1).invitations.get().letter_code
    client = client_for(engagement_lead.user)

    for typed in ("nonsense", "2345-6789", elsewhere):
        page = client.post(url("event_paper_entry", ready_survey), {"code": typed})
        assert page.status_code == 200
        assert "No code of this survey matches" in page.text
    assert not Invitation.objects.filter(opened_at__isnull=False).exists()


def test_viewers_cannot_enter_forms_and_another_organisation_gets_404(
    client_for, viewer, engagement_lead, ready_survey
):
    batch = issue(engagement_lead, ready_survey, count=1)
    viewing = client_for(viewer.user)
    assert viewing.get(url("event_paper_entry", ready_survey)).status_code == 403
    assert viewing.get(url("event_create", ready_survey)).status_code == 403
    assert viewing.get(url("events", ready_survey)).status_code == 200

    stranger = MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
    client = client_for(stranger.user)
    for name, extra in (
        ("events", {}),
        ("event_batch", {"batch_pk": batch.pk}),
        ("event_cards", {"batch_pk": batch.pk}),
        ("event_paper_entry", {}),
        ("acceptability_score", {}),
    ):
        path = reverse(
            f"surveys:{name}",
            kwargs={"organisation": stranger.organisation.slug, "pk": ready_survey.pk, **extra},
        )
        assert client.get(path).status_code == 404
