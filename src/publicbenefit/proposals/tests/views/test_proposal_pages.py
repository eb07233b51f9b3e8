"""The proposal pages through the browser's eyes: who sees which buttons, and what each form
does with good and bad input."""

import pytest

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.accounts.tests.helpers import BUTTON
from publicbenefit.proposals.models import Partnership, Proposal, Status

pytestmark = pytest.mark.django_db


def _url(proposal, suffix=""):
    return f"/o/{proposal.organisation.slug}/proposals/{proposal.pk}/{suffix}"


def test_the_list_shows_the_organisations_proposals(client_for, viewer, proposal):
    page = client_for(viewer.user).get(f"/o/{viewer.organisation.slug}/proposals/")
    assert page.status_code == 200
    assert proposal.title in page.text
    assert "Record a proposal" not in page.text


def test_the_list_filters_by_status(client_for, proposer, proposal):
    client = client_for(proposer.user)
    drafts = client.get(f"/o/{proposer.organisation.slug}/proposals/?status=draft")
    decided = client.get(f"/o/{proposer.organisation.slug}/proposals/?status=decided")
    assert proposal.title in drafts.text
    assert proposal.title not in decided.text
    assert "No proposals have this status." in decided.text


def test_a_proposer_records_a_proposal(client_for, proposer):
    client = client_for(proposer.user)
    page = client.post(
        f"/o/{proposer.organisation.slug}/proposals/new/",
        {
            "title": "Predictive modelling to flag families at risk",
            "summary": "A model flags families who may need early help.",
            "purpose": "Help reaches families too late.",
            "data_subjects": "Families with children in Calderbrook",
            "data_subject_count": "12000",
            "article_6_basis": "6_1_e",
            "article_9_condition": "",
            "article_10_condition": "",
            "predictive_modelling": "on",
            "retention": "Three years",
            "owner": str(proposer.user.pk),
            "review_date_0": "31",
            "review_date_1": "3",
            "review_date_2": "2027",
        },
    )
    proposal = Proposal.objects.get()
    assert page.status_code == 302
    assert page.url == _url(proposal)
    assert proposal.predictive_modelling is True
    assert proposal.review_date.isoformat() == "2027-03-31"


def test_an_empty_proposal_form_shows_each_error(client_for, proposer):
    page = client_for(proposer.user).post(f"/o/{proposer.organisation.slug}/proposals/new/", {})
    assert page.status_code == 200
    assert "There is a problem" in page.text
    for message in (
        "Enter a title",
        "Enter a summary in plain English",
        "Select the lawful basis under Article 6",
        "Enter how long the data will be kept",
    ):
        assert message in page.text
    assert not Proposal.objects.exists()


def test_an_impossible_review_date_is_refused(client_for, proposer):
    page = client_for(proposer.user).post(
        f"/o/{proposer.organisation.slug}/proposals/new/",
        {"review_date_0": "31", "review_date_1": "2", "review_date_2": "2027"},
    )
    assert "Review date must be a real date" in page.text
    assert not Proposal.objects.exists()


def test_the_owner_sees_change_links_and_a_viewer_does_not(client_for, proposer, viewer, proposal):
    owner_page = client_for(proposer.user).get(_url(proposal))
    viewer_page = client_for(viewer.user).get(_url(proposal))
    assert "Change the proposal" in owner_page.text
    assert "Change the proposal" not in viewer_page.text
    assert "Change the status" not in viewer_page.text
    assert client_for(viewer.user).get(_url(proposal, "edit/")).status_code == 403


def test_another_proposer_cannot_edit_someone_elses_proposal(client_for, other_proposer, proposal):
    client = client_for(other_proposer.user)
    assert client.get(_url(proposal, "edit/")).status_code == 403
    assert (
        client.post(
            _url(proposal, "organisations/add/"), {"name": "X", "role": "shares"}
        ).status_code
        == 403
    )


def test_adding_a_data_item_with_errors_keeps_nothing(client_for, proposer, proposal):
    client = client_for(proposer.user)
    before = proposal.data_items.count()
    page = client.post(_url(proposal, "data/add/"), {"name": "", "source": ""})
    assert "Enter the data item" in page.text
    assert "Select the category of the data" in page.text
    assert proposal.data_items.count() == before


def test_sending_an_incomplete_draft_lists_what_is_missing(client_for, proposer, proposal):
    proposal.parties.all().delete()
    page = client_for(proposer.user).post(
        _url(proposal, "status/"), {"to_status": Status.UNDER_ASSESSMENT} | BUTTON
    )
    assert page.status_code == 200
    assert "Add the organisation that shares the data" in page.text
    proposal.refresh_from_db()
    assert proposal.status == Status.DRAFT


def test_the_status_page_offers_only_allowed_moves(client_for, proposer, proposal):
    page = client_for(proposer.user).get(_url(proposal, "status/"))
    assert "Send for assessment" in page.text
    assert "Start public engagement" not in page.text
    refused = client_for(proposer.user).post(_url(proposal, "status/"), {"to_status": "decided"})
    assert "Select the new status" in refused.text


def test_the_history_shows_who_moved_it(client_for, proposer, proposal):
    client = client_for(proposer.user)
    client.post(_url(proposal, "status/"), {"to_status": Status.UNDER_ASSESSMENT, "note": "Ready"})
    page = client.get(_url(proposal))
    assert "changed the status to Under assessment" in page.text
    assert "Ready" in page.text


def test_a_partner_sees_the_proposal_shared_with_it_read_only(client_for, proposal, administrator):
    partner = MembershipFactory(role=Role.ADMINISTRATOR, organisation__name="Westmarch Police")
    client = client_for(partner.user)
    own_url = f"/o/{partner.organisation.slug}/proposals/{proposal.pk}/"
    assert client.get(own_url).status_code == 404
    Partnership.objects.create(
        proposal=proposal, organisation=partner.organisation, invited_by=administrator.user
    )
    listing = client.get(f"/o/{partner.organisation.slug}/proposals/")
    assert "Shared with you by partner organisations" in listing.text
    assert proposal.title in listing.text
    page = client.get(own_url)
    assert page.status_code == 200
    assert "Change the proposal" not in page.text
    assert client.get(own_url + "edit/").status_code == 404


def test_the_owner_is_chosen_among_the_organisations_members(client_for, proposer, proposal):
    outsider = MembershipFactory().user
    colleague = MembershipFactory(organisation=proposer.organisation, role=Role.PROPOSER).user
    client = client_for(proposer.user)
    form = client.get(_url(proposal, "edit/"))
    assert colleague.full_name in form.text
    assert outsider.full_name not in form.text
    data = {
        "title": proposal.title,
        "summary": proposal.summary,
        "purpose": proposal.purpose,
        "data_subjects": proposal.data_subjects,
        "article_6_basis": proposal.article_6_basis,
        "retention": proposal.retention,
    }
    refused = client.post(_url(proposal, "edit/"), data | {"owner": str(outsider.pk)})
    assert "Select a proposer or administrator of your organisation as the owner" in refused.text
    client.post(_url(proposal, "edit/"), data | {"owner": str(colleague.pk)})
    proposal.refresh_from_db()
    assert proposal.owner == colleague


def test_the_list_page_title_is_plain_text_for_a_partner(client_for, proposal, administrator):
    partner = MembershipFactory(role=Role.VIEWER, organisation__name="Westmarch Police")
    Partnership.objects.create(
        proposal=proposal, organisation=partner.organisation, invited_by=administrator.user
    )
    page = client_for(partner.user).get(f"/o/{partner.organisation.slug}/proposals/")
    title = page.text.split("<title>")[1].split("</title>")[0]
    assert "<" not in title
    assert title.startswith("Proposals \N{EN DASH} Westmarch Police")
