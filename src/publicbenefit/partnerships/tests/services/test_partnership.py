"""Inviting partners, the divergence between submitted answers, agreed positions and
leadership decisions."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.assessments import services as assessment_services
from publicbenefit.assessments.tests.helpers import answer_all
from publicbenefit.audit.models import AuditEntry
from publicbenefit.audit.tests.helpers import audited
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.partnerships import selectors, services
from publicbenefit.partnerships.models import AgreedPosition, LeadershipDecision
from publicbenefit.proposals.models import Partnership

pytestmark = pytest.mark.django_db

Category = AuditEntry.Category


def test_inviting_a_partner_tells_its_assessors(assessor, assessable):
    police = OrganisationFactory(name="Westmarch Police")
    police_assessor = MembershipFactory(organisation=police, role=Role.ASSESSOR)
    MembershipFactory(organisation=police, role=Role.VIEWER)

    services.partnership_invite(actor=assessor, proposal=assessable, organisation=police)

    assert Partnership.objects.filter(proposal=assessable, organisation=police).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [police_assessor.user.email]
    assert assessable.title in mail.outbox[0].body
    assert f"/o/{police.slug}/proposals/{assessable.pk}/assessment/" in mail.outbox[0].body


def test_a_partner_is_invited_once_and_never_the_lead_itself(assessor, assessable, partner):
    with pytest.raises(ValidationError):
        services.partnership_invite(
            actor=assessor, proposal=assessable, organisation=partner.organisation
        )
    with pytest.raises(ValidationError):
        services.partnership_invite(
            actor=assessor, proposal=assessable, organisation=assessor.organisation
        )


def test_a_viewer_cannot_invite(viewer, assessable):
    with pytest.raises(PermissionDenied):
        services.partnership_invite(
            actor=viewer, proposal=assessable, organisation=OrganisationFactory()
        )


def _submit(member, proposal, position):
    assessment = assessment_services.assessment_start(actor=member, proposal=proposal)
    answer_all(member, assessment, position)
    assessment_services.assessment_submit(actor=member, assessment=assessment)
    return assessment


def test_no_divergence_until_two_have_submitted(assessor, assessable, partner):
    _submit(assessor, assessable, 4)
    assert selectors.partnership_divergence(proposal=assessable) is None


def test_the_divergence_ranks_the_widest_disagreement_first(assessor, assessable, partner):
    lead = _submit(assessor, assessable, 4)
    _submit(partner, assessable, 4)
    assessment_services.assessment_reopen(actor=assessor, assessment=lead)
    assessment_services.answer_save(actor=assessor, assessment=lead, question_id="1.3", value=1)
    assessment_services.answer_save(actor=assessor, assessment=lead, question_id="2.1", value=3)
    assessment_services.assessment_submit(actor=assessor, assessment=lead)

    view = selectors.partnership_divergence(proposal=assessable)

    assert view is not None
    ranked = [item.question_id for item in view.divergence.points_to_negotiate]
    assert ranked == ["1.3", "2.1"]
    assert view.divergence.questions[0].spread == 3


def test_the_partner_uses_the_leads_framework_version(assessor, assessable, partner):
    lead = assessment_services.assessment_start(actor=assessor, proposal=assessable)
    theirs = assessment_services.assessment_start(actor=partner, proposal=assessable)
    assert theirs.framework_version_id == lead.framework_version_id


def test_an_agreed_position_needs_a_rationale_and_can_change(assessor, assessable, partner):
    _submit(assessor, assessable, 4)
    _submit(partner, assessable, 2)
    with pytest.raises(ValidationError):
        services.agreed_position_record(
            actor=assessor, proposal=assessable, question_id="1.3", value="3", rationale=" "
        )
    services.agreed_position_record(
        actor=assessor, proposal=assessable, question_id="1.3", value="3", rationale="Safeguards"
    )
    services.agreed_position_record(
        actor=assessor, proposal=assessable, question_id="1.3", value="2", rationale="Revisited"
    )
    agreed = AgreedPosition.objects.get()
    assert (agreed.position, agreed.rationale) == (2, "Revisited")


def test_an_agreed_position_is_on_the_scale_and_the_framework(assessor, assessable, partner):
    _submit(assessor, assessable, 4)
    _submit(partner, assessable, 2)
    for question_id, value in (("9.9", "3"), ("1.1", "7"), ("1.1", "\N{SUPERSCRIPT TWO}")):
        with pytest.raises(ValidationError):
            services.agreed_position_record(
                actor=assessor,
                proposal=assessable,
                question_id=question_id,
                value=value,
                rationale="Because",
            )
    assert not AgreedPosition.objects.exists()


def test_positions_wait_until_two_organisations_have_submitted(assessor, assessable, partner):
    _submit(assessor, assessable, 4)
    with pytest.raises(ValidationError):
        services.agreed_position_record(
            actor=assessor, proposal=assessable, question_id="1.1", value="3", rationale="Early"
        )


def test_a_partner_cannot_record_the_agreed_position(assessable, partner):
    with pytest.raises(PermissionDenied):
        services.agreed_position_record(
            actor=partner, proposal=assessable, question_id="1.3", value="3", rationale="Mine"
        )


def test_leadership_decisions_are_tracked(assessor, assessable):
    decision = services.leadership_decision_add(
        actor=assessor,
        proposal=assessable,
        description="Agree the retention period with the police",
        owner="Director of Children's Services",
        due_date=date(2027, 1, 31),
    )
    services.leadership_decision_set_status(actor=assessor, decision=decision, status="done")
    assert LeadershipDecision.objects.get().status == "done"


def test_an_owner_without_the_proposer_role_cannot_lead(organisation, assessable):
    demoted = MembershipFactory(organisation=organisation, role=Role.VIEWER)
    assessable.owner = demoted.user
    assessable.save()
    with pytest.raises(PermissionDenied):
        services.partnership_invite(
            actor=demoted, proposal=assessable, organisation=OrganisationFactory()
        )


def test_a_partner_starting_first_cannot_impose_its_own_tailored_version(
    assessor, assessable, partner
):
    shipped = FrameworkVersion.objects.get(organisation__isnull=True)
    private = FrameworkVersion.objects.create(
        organisation=partner.organisation,
        framework_id=shipped.framework_id,
        version="police-private",
        title=shipped.title,
        yaml_text=shipped.yaml_text,
    )
    theirs = assessment_services.assessment_start(
        actor=partner, proposal=assessable, framework_version=private
    )
    lead = assessment_services.assessment_start(actor=assessor, proposal=assessable)
    assert theirs.framework_version == shipped
    assert lead.framework_version == shipped


# The audit trail.


def test_inviting_a_partner_is_audited(assessor, assessable):
    police = OrganisationFactory(name="Westmarch Police")

    services.partnership_invite(actor=assessor, proposal=assessable, organisation=police)

    entry = audited("partnerships.partner.invited", actor=assessor, category=Category.ACCESS)
    assert "Westmarch Police" in entry.summary


def test_agreed_positions_are_audited(assessor, assessable, partner):
    _submit(assessor, assessable, 4)
    _submit(partner, assessable, 2)

    services.agreed_position_record(
        actor=assessor, proposal=assessable, question_id="1.3", value="3", rationale="Safeguards"
    )
    services.agreed_position_record(
        actor=assessor, proposal=assessable, question_id="1.3", value="2", rationale="Revisited"
    )

    recorded = audited("partnerships.position.recorded", actor=assessor, category=Category.DECISION)
    changed = audited("partnerships.position.changed", actor=assessor, category=Category.DECISION)
    assert recorded.details["position"] == 3
    assert changed.details["position"] == 2
    assert recorded.object_id == changed.object_id == str(AgreedPosition.objects.get().pk)


def test_leadership_decisions_are_audited(assessor, assessable):
    decision = services.leadership_decision_add(
        actor=assessor,
        proposal=assessable,
        description="Agree the retention period with the police",
        owner="Director of Children's Services",
        due_date=date(2027, 1, 31),
    )
    services.leadership_decision_set_status(actor=assessor, decision=decision, status="done")

    audited("partnerships.leadership_decision.added", actor=assessor, category=Category.DECISION)
    entry = audited(
        "partnerships.leadership_decision.status_changed",
        actor=assessor,
        category=Category.DECISION,
    )
    assert entry.details == {"from": "open", "to": "done"}
