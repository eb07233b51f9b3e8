"""Putting a proposal on the register and taking it off: who may, what is refused, that
publishing again changes nothing, the audit trail, and the staff page with its button on the
proposal's page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.audit.models import AuditEntry
from publicbenefit.proposals.models import Status
from publicbenefit.proposals.tests.factories import ProposalFactory
from publicbenefit.register import services
from publicbenefit.register.models import RegisterEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(administrator):
    return ProposalFactory(
        organisation=administrator.organisation,
        owner=administrator.user,
        status=Status.UNDER_ASSESSMENT,
        title="Sharing discharge dates",
    )


def manage_url(proposal):
    return reverse(
        "register:manage",
        kwargs={"organisation": proposal.organisation.slug, "pk": proposal.pk},
    )


def test_publishing_puts_the_proposal_on_the_register_and_is_audited(administrator, proposal):
    entry = services.register_publish(actor=administrator, proposal=proposal)

    assert entry.is_live
    assert entry.published_by == administrator.user
    audit = AuditEntry.objects.get(action="register.entry.published")
    assert audit.category == AuditEntry.Category.DECISION
    assert "Sharing discharge dates" in audit.summary


def test_publishing_again_changes_nothing(administrator, proposal):
    first = services.register_publish(actor=administrator, proposal=proposal)
    again = services.register_publish(actor=administrator, proposal=proposal)

    assert again.pk == first.pk
    assert again.published_at == first.published_at
    assert RegisterEntry.objects.count() == 1
    assert AuditEntry.objects.filter(action="register.entry.published").count() == 1


def test_withdrawing_takes_it_off_and_publishing_puts_it_back(administrator, proposal):
    services.register_publish(actor=administrator, proposal=proposal)
    entry = services.register_withdraw(actor=administrator, proposal=proposal)
    assert not entry.is_live
    assert AuditEntry.objects.filter(action="register.entry.withdrawn").count() == 1

    entry = services.register_publish(actor=administrator, proposal=proposal)
    assert entry.is_live
    assert RegisterEntry.objects.count() == 1


def test_withdrawing_a_proposal_not_on_the_register_is_refused(administrator, proposal):
    with pytest.raises(ValidationError):
        services.register_withdraw(actor=administrator, proposal=proposal)
    assert not AuditEntry.objects.filter(action__startswith="register.").exists()


def test_a_draft_cannot_be_published(administrator):
    draft = ProposalFactory(organisation=administrator.organisation, status=Status.DRAFT)
    with pytest.raises(ValidationError, match="draft"):
        services.register_publish(actor=administrator, proposal=draft)
    assert not RegisterEntry.objects.exists()


def test_an_assessor_may_publish(assessor, proposal):
    assert services.register_publish(actor=assessor, proposal=proposal).is_live


@pytest.mark.parametrize("role", [Role.VIEWER, Role.PROPOSER, Role.ENGAGEMENT_LEAD])
def test_roles_without_assess_may_not_publish_nor_withdraw(role, administrator, proposal):
    member = MembershipFactory(organisation=administrator.organisation, role=role)
    with pytest.raises(PermissionDenied):
        services.register_publish(actor=member, proposal=proposal)
    services.register_publish(actor=administrator, proposal=proposal)
    with pytest.raises(PermissionDenied):
        services.register_withdraw(actor=member, proposal=proposal)
    assert RegisterEntry.objects.get().is_live


def test_another_organisation_may_not_publish_the_proposal(proposal):
    outsider = MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
    with pytest.raises(PermissionDenied):
        services.register_publish(actor=outsider, proposal=proposal)
    assert not RegisterEntry.objects.exists()


def test_the_proposal_page_links_to_the_register_page(client_for, administrator, proposal):
    detail = reverse(
        "proposals:detail",
        kwargs={"organisation": proposal.organisation.slug, "pk": proposal.pk},
    )
    html = client_for(administrator.user).get(detail).content.decode()
    assert manage_url(proposal) in html
    assert "Publish on the public register" in html


def test_the_staff_button_publishes_and_withdraws(client_for, administrator, proposal):
    client = client_for(administrator.user)
    html = client.get(manage_url(proposal)).content.decode()
    assert "Publish on the public register" in html

    response = client.post(manage_url(proposal), {"action": "publish"}, follow=True)
    assert "The proposal is on the public register" in response.content.decode()
    assert RegisterEntry.objects.get(proposal=proposal).is_live
    public = reverse("register:proposal", kwargs={"pk": proposal.pk})
    assert Client().get(public).status_code == 200

    response = client.post(manage_url(proposal), {"action": "withdraw"}, follow=True)
    assert "taken off the public register" in response.content.decode()
    assert Client().get(public).status_code == 404


def test_the_staff_page_refuses_a_viewer(client_for, viewer, proposal):
    client = client_for(viewer.user)
    html = client.get(manage_url(proposal)).content.decode()
    assert "Publish on the public register" not in html
    assert client.post(manage_url(proposal), {"action": "publish"}).status_code == 403
    assert not RegisterEntry.objects.exists()


def test_an_unknown_action_changes_nothing(client_for, administrator, proposal):
    response = client_for(administrator.user).post(
        manage_url(proposal), {"action": "explode"}, follow=True
    )
    assert "Choose whether to publish or to withdraw" in response.content.decode()
    assert not RegisterEntry.objects.exists()


def test_publishing_a_draft_from_the_page_says_why_not(client_for, administrator):
    draft = ProposalFactory(organisation=administrator.organisation, status=Status.DRAFT)
    client = client_for(administrator.user)
    assert "cannot go on the public register" in client.get(manage_url(draft)).content.decode()
    response = client.post(manage_url(draft), {"action": "publish"}, follow=True)
    assert "send it for assessment first" in response.content.decode()
    assert not RegisterEntry.objects.exists()
