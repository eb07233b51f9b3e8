"""A proposal with everything the register publishes, for the register's tests: a submitted
assessment, a panel wave with responses and published feedback, a jury with serving jurors, a
published verdict and final report, a dialogue with write-ups and a published outcome, and two
published versions of the decision (the second amending the first) with conditions and
evidence, and a used timing override. Every person in it has a name, an email and an address
that the privacy test looks for."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.assessments import services as assessment_services
from publicbenefit.assessments.tests.helpers import answer_all
from publicbenefit.decisions.models import Decision, EvidenceKind
from publicbenefit.decisions.tests.factories import (
    ConditionFactory,
    EvidenceLinkFactory,
    PublishedDecisionFactory,
)
from publicbenefit.dialogues.tests.factories import (
    AreaFactory,
    DialogueFactory,
    EventFactory,
    HostFactory,
    WriteUpFactory,
)
from publicbenefit.engagement.models import TimingOverride
from publicbenefit.juries.models import FinalReport, Verdict
from publicbenefit.juries.tests.factories import (
    JurorFactory,
    JuryFactory,
    JuryFeatureFactory,
    JuryValueFactory,
    VolunteerFactory,
)
from publicbenefit.panels.models import Wave, WaveInvitation
from publicbenefit.panels.tests.test_waves_builders import (
    make_member,
    make_panel,
    make_survey,
    make_wave,
    submit,
)
from publicbenefit.proposals.models import DataItem, Party, Proposal, Status
from publicbenefit.proposals.tests.factories import (
    DataItemFactory,
    PartyFactory,
    ProposalFactory,
)
from publicbenefit.register import services
from publicbenefit.surveys.models import Invitation


@dataclass
class World:
    proposal: Proposal
    administrator: Membership
    wave: Wave
    #: Every name, email and address of a person in the world.
    personal: list[str] = field(default_factory=list)


def _person(world_personal: list[str], *values: str) -> None:
    world_personal.extend(value for value in values if value)


def published_proposal(administrator: Membership, **fields: object) -> Proposal:
    """A proposal under assessment, on the register."""
    proposal = ProposalFactory(
        organisation=administrator.organisation,
        owner=administrator.user,
        created_by=administrator.user,
        status=Status.UNDER_ASSESSMENT,
        **fields,
    )
    services.register_publish(actor=administrator, proposal=proposal)
    return proposal


def build(administrator: Membership, *, responses: int = 12, jurors: int = 12) -> World:
    """The full world around one proposal of ``administrator``'s organisation."""
    organisation = administrator.organisation
    personal: list[str] = []
    staff = [
        administrator,
        MembershipFactory(
            organisation=organisation,
            role=Role.ASSESSOR,
            user__full_name="Gwendolyn Assessorsworth",
            user__email="gwendolyn.assessor@calderbrook.example",
        ),
    ]
    for member in staff:
        _person(personal, member.user.full_name, member.user.email)
    assessor = staff[1]
    proposal = ProposalFactory(
        organisation=organisation,
        owner=administrator.user,
        created_by=administrator.user,
        status=Status.UNDER_ASSESSMENT,
        title="Sharing hospital discharge dates with adult social care",
        summary="The hospital tells the council when someone is going home.",
        purpose="So that care is ready on the day a person leaves hospital.",
        article_6_basis="6_1_e",
        article_9_condition="9_2_h",
        review_date=datetime.date(2027, 6, 1),
    )
    PartyFactory(proposal=proposal, name="Calderbrook General Hospital", role=Party.Role.SHARES)
    DataItemFactory(
        proposal=proposal, name="Discharge date", category=DataItem.Category.SPECIAL_CATEGORY
    )

    # The assessment.
    assessment = assessment_services.assessment_start(actor=assessor, proposal=proposal)
    answer_all(assessor, assessment, 3)
    assessment_services.assessment_submit(actor=assessor, assessment=assessment)

    # A panel wave with responses and its published feedback.
    panel = make_panel(organisation, administrator)
    survey = make_survey(organisation, administrator)
    survey.proposal = proposal
    survey.save()
    wave = make_wave(
        panel,
        survey,
        administrator,
        name="Spring survey on discharge",
        status=Wave.Status.CLOSED,
        sent_at=timezone.now() - datetime.timedelta(days=20),
        feedback="You said data should be deleted after two years. We made that a condition.",
        feedback_published_at=timezone.now(),
    )
    for _ in range(responses):
        member = make_member(panel, {"age": "16-34", "sex": "female"})
        _person(personal, member.name, member.email, member.postal_address.splitlines()[0])
        invitation = Invitation.objects.create(
            survey=survey,
            token_hash=f"register-{member.pk:054d}",
            respondent=member.pseudonym,
            closes_at=wave.closes_at,
        )
        WaveInvitation.objects.create(
            wave=wave, member=member, invitation=invitation, channel="email"
        )
        submit(invitation, {})

    # A jury with jurors, a published verdict and final report.
    jury = JuryFactory(organisation=organisation, proposal=proposal, name="Discharge jury", size=12)
    feature = JuryFeatureFactory(jury=jury, key="age", label="Age band")
    JuryValueFactory(feature=feature, value="young", label="16 to 34")
    JuryValueFactory(feature=feature, value="older", label="35 and over")
    for number in range(jurors):
        volunteer = VolunteerFactory(
            jury=jury,
            name=f"Juryperson Bartholomew{number}",
            email=f"bartholomew{number}@jury.example",
            postal_address=f"{number} Juror Lane, Calderbrook",
            postcode="CB9 9ZZ",
            profile={"age": "young" if number < jurors - 2 else "older"},
        )
        _person(personal, volunteer.name, volunteer.email, volunteer.postal_address)
        JurorFactory(jury=jury, volunteer=volunteer)
    Verdict.objects.create(
        jury=jury,
        text="The share should go ahead if the data is deleted after two years.",
        reached_by=Verdict.ReachedBy.VOTE,
        published_at=timezone.now(),
    )
    FinalReport.objects.create(
        jury=jury,
        summary="Twelve residents met over three days.",
        organisers_response="We accepted the jury's recommendation on deletion.",
        published_at=timezone.now(),
    )

    # A dialogue with write-ups from two areas and a published outcome.
    dialogue = DialogueFactory(
        organisation=organisation,
        proposal=proposal,
        title="Kitchen-table conversations",
        what_next="The council will report back in the spring.",
        outcome_published_at=timezone.now(),
    )
    big, small = (
        AreaFactory(dialogue=dialogue, name="Millbrook"),
        AreaFactory(dialogue=dialogue, name="Tiny Hamlet"),
    )
    for area, participants in ((big, 14), (big, 12), (small, 3)):
        host = HostFactory(
            dialogue=dialogue,
            name=f"Hostess Philippa {area.name}{participants}",
            email=f"philippa{participants}@host.example",
        )
        _person(personal, host.name, host.email)
        event = EventFactory(dialogue=dialogue, host=host, area=area, venue="Millbrook library")
        WriteUpFactory(
            event=event,
            participants=participants,
            counts={"Age": {"16-24": 2, "25-64": participants - 3, "65+": 1}},
        )

    # A used timing override, and two published versions of the decision.
    override = TimingOverride.objects.create(
        proposal=proposal,
        reason="Winter pressures mean the hospital must start before the jury reports.",
        recorded_by=administrator.user,
        used_at=timezone.now(),
    )
    first = PublishedDecisionFactory(
        proposal=proposal,
        version=1,
        outcome="go_ahead",
        decision_maker="Cabinet Member for Adult Social Care",
        decided_on=datetime.date(2026, 9, 1),
        public_summary="We will share the data.",
        created_by=administrator.user,
        published_by=administrator.user,
        published_at=timezone.now() - datetime.timedelta(days=30),
    )
    second = _decision_with_conditions(proposal, administrator, first, override)
    assert second.is_published
    proposal.status = Status.DECIDED
    proposal.save()
    services.register_publish(actor=administrator, proposal=proposal)
    return World(proposal=proposal, administrator=administrator, wave=wave, personal=personal)


def _decision_with_conditions(
    proposal: Proposal, administrator: Membership, first: Decision, override: TimingOverride
) -> Decision:
    decision = Decision.objects.create(
        proposal=proposal,
        version=2,
        outcome="with_conditions",
        rationale="The public supported the share if the data is deleted after two years.",
        decision_maker="Cabinet Member for Adult Social Care",
        decided_on=datetime.date(2026, 10, 1),
        review_date=datetime.date(2027, 10, 1),
        public_summary="We will share the data. We will delete it after two years.",
        public_summary_cy="Byddwn yn rhannu'r data. Byddwn yn ei ddileu ar ôl dwy flynedd.",
        amends=first,
        amendment_reason="The jury asked for a time limit on keeping the data.",
        timing_override=override,
        created_by=administrator.user,
    )
    condition = ConditionFactory(decision=decision, text="Data is deleted after two years.")
    link = EvidenceLinkFactory(
        decision=decision,
        kind=EvidenceKind.JURY_VERDICT,
        source="jury:1",
        title="The Citizens' Jury's verdict",
        finding="The jury supported the share with a two-year limit.",
        question_ids=["Q4"],
    )
    link.conditions.add(condition)
    Decision.objects.filter(pk=decision.pk).update(
        status=Decision.Status.PUBLISHED,
        published_by=administrator.user,
        published_at=timezone.now(),
    )
    decision.refresh_from_db()
    return decision
