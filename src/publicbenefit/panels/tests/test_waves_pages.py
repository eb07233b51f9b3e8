"""The waves' staff pages and the public prize draw page: creating, reviewing and sending a wave
through the pages, permissions (a viewer reads but cannot send, close, see contact details or
download letters; another organisation gets 404), and an end to end run through the surveys
app's own services."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.audit.models import AuditEntry
from publicbenefit.audit.tests.helpers import audited
from publicbenefit.panels.models import Member, Wave
from publicbenefit.panels.selectors import results
from publicbenefit.panels.services import waves as services
from publicbenefit.panels.tests.test_waves_builders import (
    make_member,
    make_members,
    make_panel,
    make_survey,
    make_wave,
    questions,
)
from publicbenefit.surveys import services as survey_services
from publicbenefit.surveys.selectors import invitation_for_token

pytestmark = pytest.mark.django_db

Category = AuditEntry.Category


@pytest.fixture
def engagement_lead(organisation) -> Any:
    return MembershipFactory(organisation=organisation, role="engagement_lead")


@pytest.fixture
def panel(organisation, administrator) -> Any:
    panel = make_panel(organisation, administrator)
    make_members(
        panel, [({"age": "16-34", "sex": "female"}, 12), ({"age": "65+", "sex": "male"}, 8)]
    )
    make_member(panel, {"age": "65+", "sex": "female"}, email="", name="Ada Lovelace")
    return panel


@pytest.fixture
def survey(organisation, administrator) -> Any:
    return make_survey(organisation, administrator)


def _base(panel) -> str:
    return f"/o/{panel.organisation.slug}/panels/{panel.pk}/waves/"


def _create_post(**changes: Any) -> dict[str, Any]:
    closes = timezone.localdate() + datetime.timedelta(days=20)
    return {
        "name": "Wave 2",
        "closes_on_0": closes.day,
        "closes_on_1": closes.month,
        "closes_on_2": closes.year,
        "reminder_days": "7, 2",
        "audience": "sample",
        "sample_size": "10",
        "strata": "age",
        "allocation": "proportional",
        **changes,
    }


def test_lead_creates_reviews_and_sends_a_sub_sample(
    client_for, engagement_lead, panel, survey, django_capture_on_commit_callbacks
) -> None:
    client = client_for(engagement_lead.user)
    assert client.get(_base(panel)).status_code == 200
    page = client.get(_base(panel) + "new/")
    assert survey.title in page.content.decode()
    response = client.post(_base(panel) + "new/", _create_post(survey=survey.pk))
    wave = Wave.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/waves/{wave.pk}/review/")
    review = client.get(response["Location"]).content.decode()
    assert wave.seed in review
    assert "Members invited by Age" in review
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(response["Location"], {})
    assert sent.status_code == 302
    wave.refresh_from_db()
    assert wave.status == Wave.Status.OPEN
    assert wave.invitations.count() == 10
    detail = client.get(sent["Location"]).content.decode()
    assert "Response rate by Age" in detail
    assert len(mail.outbox) == wave.invitations.filter(channel="email").count()


def test_create_page_refuses_a_sub_sample_larger_than_the_panel(
    client_for, engagement_lead, panel, survey
) -> None:
    client = client_for(engagement_lead.user)
    page = client.post(_base(panel) + "new/", _create_post(survey=survey.pk, sample_size="500"))
    assert page.status_code == 200
    assert "no more than the 21 active members" in page.content.decode()
    assert not Wave.objects.exists()


def test_create_page_asks_for_the_sample_size_and_feature(
    client_for, engagement_lead, panel, survey
) -> None:
    client = client_for(engagement_lead.user)
    page = client.post(
        _base(panel) + "new/", _create_post(survey=survey.pk, sample_size="", strata="")
    )
    html = page.content.decode()
    assert "Enter the sub-sample size" in html
    assert "Select the profile feature to stratify by" in html


def test_viewer_reads_but_cannot_send_close_or_download_letters(  # noqa: PLR0917
    client_for, viewer, administrator, panel, survey, django_capture_on_commit_callbacks
) -> None:
    wave = make_wave(panel, survey, administrator)
    client = client_for(viewer.user)
    url = _base(panel) + f"{wave.pk}/"
    assert client.get(_base(panel) + "new/").status_code == 403
    assert client.get(url + "review/").status_code == 200
    assert client.post(url + "review/", {}).status_code == 403
    assert Wave.objects.get().status == Wave.Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        services.wave_send(actor=administrator, wave=wave)
    detail = client.get(url).content.decode()
    assert "Download the letter" not in detail
    assert client.get(url + "letters.pdf").status_code == 403
    assert client.post(url + "close/", {}).status_code == 403
    assert client.get(url + "feedback/").status_code == 403
    assert "@example.org" not in detail


def test_letters_pdf_for_engagement_leads(  # noqa: PLR0917
    client_for, engagement_lead, administrator, panel, survey, django_capture_on_commit_callbacks
) -> None:
    wave = make_wave(panel, survey, administrator)
    with django_capture_on_commit_callbacks(execute=True):
        services.wave_send(actor=administrator, wave=wave)
    client = client_for(engagement_lead.user)
    detail = client.get(_base(panel) + f"{wave.pk}/").content.decode()
    assert "personal data" in detail
    response = client.get(_base(panel) + f"{wave.pk}/letters.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_another_organisation_gets_404(client_for, administrator, panel, survey) -> None:
    wave = make_wave(panel, survey, administrator)
    outsider = MembershipFactory(organisation=OrganisationFactory(), role="administrator")
    client = client_for(outsider.user)
    own = f"/o/{outsider.organisation.slug}/panels/{panel.pk}/waves/"
    assert client.get(own).status_code == 404
    assert client.get(own + f"{wave.pk}/").status_code == 404
    assert client.get(own + f"{wave.pk}/results/").status_code == 404
    assert client.get(_base(panel)).status_code == 404


def test_close_early_through_the_page(
    client_for, engagement_lead, administrator, panel, survey
) -> None:
    wave = make_wave(panel, survey, administrator)
    services.wave_send(actor=administrator, wave=wave)
    client = client_for(engagement_lead.user)
    url = _base(panel) + f"{wave.pk}/close/"
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 302
    assert Wave.objects.get().status == Wave.Status.CLOSED


def test_end_to_end_with_the_surveys_services(
    administrator, panel, survey, django_capture_on_commit_callbacks
) -> None:
    """Send a wave, answer through the surveys app's own services with the emailed link, and
    find the answer in the results."""
    wave = make_wave(panel, survey, administrator, reminder_days=[])
    with django_capture_on_commit_callbacks(execute=True):
        services.wave_send(actor=administrator, wave=wave)
    panel.min_cell = 5
    panel.save()
    answers = {"multiple": ["audit"], "number": "3", "free_text": "fine", "grid": {"fair": "yes"}}
    for number, email in enumerate(mail.outbox):
        link = next(line for line in email.body.splitlines() if "/s/" in line)
        invitation = invitation_for_token(link.rstrip("/").rsplit("/", 1)[-1])
        assert invitation is not None
        for question in questions(survey):
            answer = ("yes" if number < 12 else "no") if question.kind == "single" else None
            survey_services.response_answer_save(
                invitation=invitation, question=question, answer=answer or answers[question.kind]
            )
        survey_services.response_submit(invitation=invitation)
    found = results.wave_results(wave=wave)
    assert found.weighting.respondents == 20
    # Nobody aged 35 to 64 is on this panel, so the margins cannot be met: shown unweighted.
    assert not found.weighting.weighted
    assert any("35-64" in problem for problem in found.weighting.problems)
    yes = found.questions[0].parts[0].blocks[0].lines[0].cell
    assert yes.count == 12
    assert yes.percent == pytest.approx(60)
    # Reminders would now be skipped: everyone answered.
    assert not Member.objects.filter(messages__kind="reminder").exists()


def test_creating_sending_closing_and_the_letters_are_audited(
    client_for, engagement_lead, panel, survey
) -> None:
    wave = services.wave_create(
        actor=engagement_lead,
        panel=panel,
        name="Wave 9",
        survey=survey,
        closes_at=timezone.now() + datetime.timedelta(days=20),
        reminder_days=[2],
    )
    summary = services.wave_send(actor=engagement_lead, wave=wave)
    client_for(engagement_lead.user).get(_base(panel) + f"{wave.pk}/letters.pdf")
    services.wave_close(actor=engagement_lead, wave=wave)

    personal = [
        value
        for member in Member.objects.filter(panel=panel)
        for value in (member.name, member.email)
    ]
    created = audited(
        "panels.wave.created", actor=engagement_lead, category=Category.DRAW, personal=personal
    )
    assert created.details["seed"] == wave.seed
    sent = audited(
        "panels.wave.sent", actor=engagement_lead, category=Category.DRAW, personal=personal
    )
    assert sent.details["invitations"] == summary.invitations
    assert sent.details["letters"] == summary.letters == 1
    letters = audited(
        "panels.wave_letters.downloaded",
        actor=engagement_lead,
        category=Category.PERSONAL_DATA_READ,
        personal=[*personal, "Ada Lovelace"],
    )
    assert letters.details == {"letters": 1}
    audited("panels.wave.closed", actor=engagement_lead, category=Category.DECISION)


def test_a_refused_send_records_nothing(administrator, panel, survey) -> None:
    wave = make_wave(panel, survey, administrator)
    services.wave_send(actor=administrator, wave=wave)
    with pytest.raises(ValidationError):
        services.wave_send(actor=administrator, wave=wave)
    assert AuditEntry.objects.filter(action="panels.wave.sent").count() == 1
