"""Loading the demo data. Running it again changes nothing that is already there.

The demo is built through the same services staff use, acting as the demo's people, so that it
only ever contains what the service itself could have produced.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from publicbenefit.accounts.models import Membership, Organisation, User
from publicbenefit.assessments import services as assessment_services
from publicbenefit.demo.decision import load_decisions
from publicbenefit.demo.dialogue import load_dialogue
from publicbenefit.demo.engagement import ENGAGEMENT_LEADS, ENGAGEMENTS, DemoEngagement
from publicbenefit.demo.jury import load_jury
from publicbenefit.demo.jury_process import demo_jury_process
from publicbenefit.demo.panel import PANEL_ORGANISATION, PANEL_PROPOSAL, load_panel
from publicbenefit.demo.people import DEMO_PASSWORD, ORGANISATIONS, PEOPLE
from publicbenefit.demo.proposals import PROPOSALS, DemoProposal
from publicbenefit.engagement import rules as engagement_rules
from publicbenefit.engagement import selectors as engagement_selectors
from publicbenefit.engagement import services as engagement_services
from publicbenefit.partnerships import services as partnership_services
from publicbenefit.proposals import services as proposal_services
from publicbenefit.proposals.models import Partnership, Proposal, Status

#: The seed of the demo jury's process (attendance, votes): the same demo every time.
JURY_SEED = 20261215


@dataclass(frozen=True)
class DemoLoaded:
    organisations_created: int
    people_created: int
    memberships_created: int
    proposals_created: int = 0
    engagement_plans_created: int = 0
    panels_created: int = 0
    juries_created: int = 0
    dialogues_created: int = 0
    register_entries_created: int = 0
    decisions_published: int = 0


def _member(email: str, organisation_slug: str) -> Membership:
    return Membership.objects.select_related("organisation", "user").get(
        user__email=email, organisation__slug=organisation_slug
    )


#: Who acts for each organisation in the demo: (proposer, assessor).
ACTORS = {
    "calderbrook-city-council": ("analytics@calderbrook.example", "dpo@calderbrook.example"),
    "calderbrook-hospitals-nhs": ("ig@calderbrook-nhs.example", "ig@calderbrook-nhs.example"),
}


def _assess(
    assessor: Membership, proposal: Proposal, answers: dict[str, tuple[int | str, str]]
) -> None:
    assessment = assessment_services.assessment_start(actor=assessor, proposal=proposal)
    for question_id, (value, text) in answers.items():
        reason, _bar, justification = text.partition("|") if "|" in text else ("", "", text)
        assessment_services.answer_save(
            actor=assessor,
            assessment=assessment,
            question_id=question_id,
            value=value,
            reason=reason,
            justification=justification,
        )
    assessment_services.assessment_submit(actor=assessor, assessment=assessment)


def _load_proposal(demo: DemoProposal) -> None:
    lead_slug = next(iter(demo.assessments))
    proposer_email, assessor_email = ACTORS[lead_slug]
    proposer = _member(proposer_email, lead_slug)
    assessor = _member(assessor_email, lead_slug)
    proposal = proposal_services.proposal_create(actor=proposer, title=demo.title, **demo.fields)
    for name, role in demo.parties:
        proposal_services.party_add(actor=proposer, proposal=proposal, name=name, role=role)
    for name, category, source, linked in demo.items:
        proposal_services.data_item_add(
            actor=proposer,
            proposal=proposal,
            name=name,
            category=category,
            source=source,
            linked=linked,
        )
    proposal = proposal_services.proposal_status_change(
        actor=proposer,
        proposal=proposal,
        to_status=Status.UNDER_ASSESSMENT,
        note="Ready for the information governance team.",
    )
    for partner_slug in demo.partners:
        # Recorded directly rather than invited, so that loading the demo sends no email.
        Partnership.objects.create(
            proposal=proposal,
            organisation=Organisation.objects.get(slug=partner_slug),
            invited_by=assessor.user,
        )
    for organisation_slug, answers in demo.assessments.items():
        _assess(_member(ACTORS[organisation_slug][1], organisation_slug), proposal, answers)
    if demo.partners:
        partnership_services.agreed_position_record(
            actor=assessor,
            proposal=proposal,
            question_id="3.2",
            value="3",
            rationale=(
                "No data flows until the trust's secure portal is live; then access is by role."
            ),
        )
        partnership_services.leadership_decision_add(
            actor=assessor,
            proposal=proposal,
            description="Confirm the secure portal's go-live date before any data is shared",
            owner="Chief Information Officer, Calderbrook Teaching Hospitals",
            due_date=date(2027, 1, 31),
        )
    if demo.final_status != Status.UNDER_ASSESSMENT:
        proposal_services.proposal_status_change(
            actor=assessor,
            proposal=proposal,
            to_status=demo.final_status,
            note="Assessment agreed with the partners; the public will be asked next.",
        )


def _load_engagement(demo: DemoEngagement, proposal: Proposal) -> None:
    """Screen the proposal and plan its engagement, as the organisation's engagement lead."""
    lead = _member(ENGAGEMENT_LEADS[proposal.organisation.slug], proposal.organisation.slug)
    facts = engagement_selectors.facts_from_proposal(proposal=proposal) | demo.facts
    screening = engagement_services.screening_run(actor=lead, proposal=proposal, facts=facts)
    starts_on = timezone.localdate() + timedelta(weeks=demo.starts_in_weeks)
    plan = engagement_services.plan_constraints_save(
        actor=lead,
        proposal=proposal,
        starts_on=starts_on,
        decision_by=starts_on + timedelta(weeks=demo.weeks_to_decision),
        budget=demo.budget,
        population=proposal.data_subject_count or 0,
        representative=demo.representative,
        group_to_hear=demo.group_to_hear,
        control=demo.control,
        panel_exists=demo.panel_exists,
    )
    best = engagement_selectors.recommendation(plan=plan, screening=screening).best
    if best is None:
        # The demo's figures are wrong: every option is ruled out.
        raise ValueError(f"No engagement option fits the demo figures for {proposal.title!r}")
    engagement_services.plan_choose(
        actor=lead,
        proposal=proposal,
        option_id=demo.option_id or best.option.id,
        reason=demo.reason,
    )
    if demo.cost_figures:
        engagement_services.plan_costs_save(
            actor=lead, proposal=proposal, figures=demo.cost_figures
        )
    for group in demo.groups:
        engagement_services.plan_group_add(
            actor=lead, proposal=proposal, name=group.name, target=group.target, how=group.how
        )
    for question in demo.questions:
        engagement_services.question_tailor(
            actor=lead,
            proposal=proposal,
            bank_question_id=question.bank_id,
            method_id=question.method_id,
            values=demo.values | question.values,
        )


@transaction.atomic
def demo_load() -> DemoLoaded:
    """Create the demo organisations, people, memberships and proposals that are missing, and
    screen and plan the engagement of each demo proposal that has no engagement plan yet."""
    organisations: dict[str, Organisation] = {}
    organisations_created = people_created = memberships_created = proposals_created = 0
    engagement_plans_created = 0
    for demo_organisation in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            slug=demo_organisation.slug,
            defaults={"name": demo_organisation.name, "kind": demo_organisation.kind},
        )
        organisations[demo_organisation.slug] = organisation
        organisations_created += created
    for person in PEOPLE:
        user = User.objects.filter(email=person.email).first()
        if user is None:
            user = User.objects.create_user(
                email=person.email, password=DEMO_PASSWORD, full_name=person.full_name
            )
            people_created += 1
        for slug, role in person.memberships:
            _, created = Membership.objects.get_or_create(
                user=user, organisation=organisations[slug], defaults={"role": role}
            )
            memberships_created += created
    for demo in PROPOSALS:
        if not Proposal.objects.filter(title=demo.title).exists():
            _load_proposal(demo)
            proposals_created += 1
    for demo_engagement in ENGAGEMENTS:
        proposal = Proposal.objects.filter(title=demo_engagement.proposal_title).first()
        if (
            proposal is not None
            and engagement_rules.is_open(proposal)
            and engagement_selectors.plan_get(proposal=proposal) is None
        ):
            _load_engagement(demo_engagement, proposal)
            engagement_plans_created += 1
    lead = _member(ENGAGEMENT_LEADS[PANEL_ORGANISATION], PANEL_ORGANISATION)
    predictive_model = Proposal.objects.filter(title=PANEL_PROPOSAL).first()
    panels_created = load_panel(lead, predictive_model)
    jury = load_jury(lead, predictive_model)
    if jury is not None:
        demo_jury_process(jury, lead.user, random.Random(JURY_SEED))  # noqa: S311 - demo data
    dialogue = load_dialogue(lead, predictive_model)
    register_entries_created, decisions_published = load_decisions(
        lead=lead,
        assessors={
            proposal.pk: _member(ACTORS[proposal.organisation.slug][1], proposal.organisation.slug)
            for proposal in Proposal.objects.filter(
                title__in=[demo.title for demo in PROPOSALS]
            ).select_related("organisation")
        },
        decided=predictive_model,
    )
    return DemoLoaded(
        organisations_created,
        people_created,
        memberships_created,
        proposals_created,
        engagement_plans_created,
        panels_created,
        int(jury is not None),
        int(dialogue is not None),
        register_entries_created,
        decisions_published,
    )
