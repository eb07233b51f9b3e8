"""The partnership page: who sees the divergence, and the forms around it."""

import pytest

from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.assessments import services as assessment_services
from publicbenefit.assessments.tests.helpers import answer_all
from publicbenefit.partnerships.models import AgreedPosition, LeadershipDecision
from publicbenefit.proposals.models import Partnership

pytestmark = pytest.mark.django_db


def _url(member, proposal, suffix=""):
    return f"/o/{member.organisation.slug}/proposals/{proposal.pk}/partnership/{suffix}"


def _submit(member, proposal, position):
    assessment = assessment_services.assessment_start(actor=member, proposal=proposal)
    answer_all(member, assessment, position)
    assessment_services.assessment_submit(actor=member, assessment=assessment)


def test_the_lead_invites_a_partner(client_for, assessor, assessable):
    police = OrganisationFactory(name="Westmarch Police")
    client = client_for(assessor.user)
    refused = client.post(_url(assessor, assessable, "invite/"), {})
    assert "Select a partner organisation" in refused.text
    client.post(_url(assessor, assessable, "invite/"), {"organisation": police.pk})
    assert Partnership.objects.filter(organisation=police).exists()
    page = client.get(_url(assessor, assessable))
    assert "Westmarch Police" in page.text
    assert "Not started" in page.text


def test_a_partner_sees_the_divergence_only_after_submitting(
    client_for, assessor, assessable, partner
):
    _submit(assessor, assessable, 4)
    client = client_for(partner.user)
    assert "Divergence by question" not in client.get(_url(partner, assessable)).text
    _submit(partner, assessable, 2)
    page = client.get(_url(partner, assessable))
    assert page.status_code == 200
    assert "Divergence by question, the point to negotiate first" in page.text
    assert "Record" not in page.text.split('id="divergence"')[1].split("</table>")[1]


def test_the_lead_records_an_agreed_position_and_a_decision(
    client_for, assessor, assessable, partner
):
    _submit(assessor, assessable, 4)
    _submit(partner, assessable, 2)
    client = client_for(assessor.user)
    page = client.get(_url(assessor, assessable))
    assert "The organisations disagree on 18 questions." in page.text
    refused = client.post(_url(assessor, assessable, "agree/1.1/"), {"value": "3"})
    assert "Enter why the partners agreed this position" in refused.text
    client.post(
        _url(assessor, assessable, "agree/1.1/"), {"value": "3", "rationale": "Met halfway"}
    )
    assert AgreedPosition.objects.get().position == 3
    bad_date = client.post(
        _url(assessor, assessable, "decisions/add/"),
        {
            "description": "Agree retention",
            "owner": "Board",
            "due_date_0": "30",
            "due_date_1": "2",
            "due_date_2": "2027",
        },
    )
    assert "Due date must be a real date" in bad_date.text
    client.post(
        _url(assessor, assessable, "decisions/add/"),
        {
            "description": "Agree retention",
            "owner": "Board",
            "due_date_0": "28",
            "due_date_1": "2",
            "due_date_2": "2027",
        },
    )
    assert LeadershipDecision.objects.get().owner == "Board"
    page = client.get(_url(assessor, assessable))
    assert "Met halfway" in page.text
    assert "Agree retention" in page.text


def test_a_viewer_reads_but_cannot_change(client_for, viewer, assessable):
    client = client_for(viewer.user)
    assert client.get(_url(viewer, assessable)).status_code == 200
    assert client.get(_url(viewer, assessable, "invite/")).status_code == 403
    assert client.get(_url(viewer, assessable, "decisions/add/")).status_code == 403


def test_the_lead_sees_no_answers_before_submitting_its_own(
    client_for, assessor, assessable, partner
):
    second = OrganisationFactory(name="Calderbrook Homes")
    other = MembershipFactory(organisation=second, role="assessor")
    Partnership.objects.create(proposal=assessable, organisation=second, invited_by=assessor.user)
    _submit(partner, assessable, 4)
    _submit(other, assessable, 2)
    page = client_for(assessor.user).get(_url(assessor, assessable))
    assert page.status_code == 200
    assert "once your organisation has submitted its own assessment" in page.text
    assert "Divergence by question" not in page.text
    assert (
        client_for(assessor.user).get(_url(assessor, assessable, "agree/1.1/")).status_code == 403
    )


def test_a_partner_sees_the_page_with_an_explanation_before_submitting(
    client_for, partner, assessable
):
    page = client_for(partner.user).get(_url(partner, assessable))
    assert page.status_code == 200
    assert "once your organisation has submitted its own assessment" in page.text
