"""The jury itself: the list, setting one up, its hub page and its settings, and who may do
what."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.juries.models import Jury
from publicbenefit.juries.services.jury import jury_create, jury_update
from publicbenefit.juries.tests.factories import JuryFactory
from publicbenefit.juries.tests.selection.conftest import url
from publicbenefit.proposals.tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Citizens' Jury on predictive modelling",
    "area": "Calderbrook",
    "charge_question": "Should the council use predictive modelling to offer early help?",
    "description": "Residents hear the evidence and answer one question.",
    "privacy_notice": "We hold your details to run the jury.",
    "size": "18",
    "quota_tolerance": "1",
    "threshold": "two_thirds",
}


def test_a_lead_sets_up_a_jury_from_the_form(client_for, lead, organisation):
    proposal = ProposalFactory(organisation=organisation)
    client = client_for(lead.user)
    response = client.post(
        url("jury_create", organisation=organisation.slug), {**FORM, "proposal": proposal.pk}
    )
    jury = Jury.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("jury_detail", jury)
    assert jury.proposal == proposal
    assert jury.size == 18
    assert jury.volunteering_open is False
    assert len(jury.volunteer_token) >= 40
    page = client.get(url("jury_detail", jury)).content.decode()
    assert "Should the council use predictive modelling to offer early help?" in page
    assert "Not computed" in page
    listing = client.get(url("jury_list", organisation=organisation.slug)).content.decode()
    assert "Citizens&#x27; Jury on predictive modelling" in listing


@pytest.mark.parametrize(
    ("size", "message"),
    [("5", "must be 6 or more"), ("61", "must be 60 or fewer"), ("x", "whole number")],
)
def test_a_jury_size_outside_6_to_60_is_refused(client_for, lead, organisation, size, message):
    response = client_for(lead.user).post(
        url("jury_create", organisation=organisation.slug), {**FORM, "size": size}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Jury.objects.exists()


def test_another_organisations_proposal_cannot_be_linked(lead):
    other = ProposalFactory()
    with pytest.raises(ValidationError) as error:
        jury_create(
            actor=lead,
            name="J",
            area="A",
            charge_question="Q",
            description="D",
            privacy_notice="P",
            proposal=other,
        )
    assert "proposal" in error.value.message_dict


def test_a_viewer_reads_but_cannot_create_or_change(client_for, viewer, organisation):
    jury = JuryFactory(organisation=organisation)
    client = client_for(viewer.user)
    assert client.get(url("jury_list", organisation=organisation.slug)).status_code == 200
    assert client.get(url("jury_detail", jury)).status_code == 200
    assert client.get(url("jury_create", organisation=organisation.slug)).status_code == 403
    assert client.get(url("jury_settings", jury)).status_code == 403
    with pytest.raises(PermissionDenied):
        jury_create(actor=viewer, **{k: v for k, v in FORM.items() if k not in ("size",)})


def test_another_organisation_cannot_see_the_jury(client_for, other_lead, organisation):
    jury = JuryFactory(organisation=organisation)
    client = client_for(other_lead.user)
    # Their own organisation's address with this jury's number: not found.
    assert (
        client.get(url("jury_detail", organisation=other_lead.organisation.slug, pk=jury.pk))
    ).status_code == 404
    # This organisation's address: they are not a member.
    assert client.get(url("jury_detail", jury)).status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        jury_update(actor=other_lead, jury=jury, name="Taken over")


def test_settings_open_volunteering_and_a_new_notice_is_a_new_version(client_for, lead, jury):
    response = client_for(lead.user).post(
        url("jury_settings", jury),
        {**FORM, "privacy_notice": "A new notice.", "volunteering_open": "yes"},
    )
    assert response.status_code == 302
    jury.refresh_from_db()
    assert jury.volunteering_open is True
    assert jury.privacy_notice_version == 2


def test_the_threshold_cannot_change_once_voting_started(lead, jury):
    from django.utils import timezone  # noqa: PLC0415

    Jury.objects.filter(pk=jury.pk).update(threshold_fixed_at=timezone.now())
    jury.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        jury_update(actor=lead, jury=jury, threshold=Jury.Threshold.MAJORITY)
    assert "threshold" in error.value.message_dict
