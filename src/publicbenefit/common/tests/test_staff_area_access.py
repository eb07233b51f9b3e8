"""The staff area, every URL with an ``<organisation>`` slug, is closed to everyone outside the
organisation.

The URLs are found by walking the URL conf, so a staff page added later is checked without
editing this file. Each one is opened with real objects of the organisation in its other
arguments: for an ``int`` argument, the ids of a membership, an invitation, a proposal under
assessment and its parts (every kind of object gets every id, and must refuse just the same);
for a text argument, a real value (a question id, an export format).
"""

import itertools
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern
from django.utils import timezone

from publicbenefit.accounts.models import Invitation, Membership, Organisation, User
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
)
from publicbenefit.assessments.models import Answer, Evidence
from publicbenefit.assessments.services import assessment_start
from publicbenefit.decisions.models import (
    Condition,
    Decision,
    EvidenceKind,
    EvidenceLink,
    Outcome,
    Review,
)
from publicbenefit.dialogues.tests.access import confidential_dialogue
from publicbenefit.engagement.models import (
    EngagementPlan,
    Milestone,
    OrganisationQuestion,
    PlanGroup,
    PlanQuestion,
    Screening,
    TimingOverride,
)
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.juries.models import (
    AgendaItem,
    Draw,
    EvidenceItem,
    ExpenseClaim,
    Juror,
    JurorQuestion,
    Jury,
    JuryFeature,
    JuryLetter,
    JuryLetterBatch,
    JurySession,
    JuryValue,
    Lottery,
    Recommendation,
    Volunteer,
    Witness,
)
from publicbenefit.panels.models import (
    Address,
    AddressBatch,
    CommunityPartner,
    Member,
    Panel,
    ProfileFeature,
    ProfileValue,
    Wave,
)
from publicbenefit.panels.selectors.recruitment import letters_file_name
from publicbenefit.partnerships.models import LeadershipDecision
from publicbenefit.proposals.models import Partnership, Proposal, Status
from publicbenefit.proposals.tests.factories import (
    DataItemFactory,
    PartyFactory,
    ProposalFactory,
)
from publicbenefit.register.models import RegisterEntry
from publicbenefit.surveys.models import EventBatch, Survey, SurveyQuestion

pytestmark = pytest.mark.django_db

#: The staff pages there are today. More may be added; none may disappear unnoticed.
KNOWN_STAFF_URL_NAMES = {
    "accounts:organisation_home",
    "accounts:member_list",
    "accounts:member_invite",
    "accounts:member_two_factor_reset",
    "audit:entry_list",
    "audit:entry_export",
    "privacy:retention_reports",
    "accounts:member_role_change",
    "accounts:member_remove",
    "accounts:invitation_resend",
    "accounts:invitation_withdraw",
    "proposals:list",
    "proposals:create",
    "proposals:detail",
    "proposals:edit",
    "proposals:status",
    "proposals:party_add",
    "proposals:party_remove",
    "proposals:data_item_add",
    "proposals:data_item_remove",
    "register:manage",
    "assessments:overview",
    "assessments:result",
    "assessments:submit",
    "assessments:question",
    "assessments:evidence_add",
    "assessments:comment_add",
    "assessments:export",
    "assessments:import",
    "assessments:evidence_file",
    "frameworks:list",
    "frameworks:upload",
    "frameworks:detail",
    "frameworks:download",
    "frameworks:tailor",
    "frameworks:replace",
    "partnerships:overview",
    "partnerships:invite",
    "partnerships:decision_add",
    "partnerships:decision_status",
    "engagement:overview",
    "engagement:screen",
    "engagement:constraints",
    "engagement:choose",
    "engagement:group_add",
    "engagement:group_change",
    "engagement:group_remove",
    "engagement:question_pick",
    "engagement:question_tailor",
    "engagement:question_remove",
    "engagement:milestone_add",
    "engagement:milestone_remove",
    "engagement:costs",
    "engagement:report",
    "engagement:timing_override",
    "engagement:export",
    "engagement:bank",
    "engagement:bank_add",
    "engagement:bank_remove",
    "surveys:list",
    "surveys:create",
    "surveys:detail",
    "surveys:edit",
    "surveys:ready",
    "surveys:preview",
    "surveys:question_kind",
    "surveys:question_add",
    "surveys:question_from_plan",
    "surveys:question_edit",
    "surveys:question_remove",
    "surveys:question_move",
    "surveys:events",
    "surveys:event_create",
    "surveys:event_paper_entry",
    "surveys:event_batch",
    "surveys:event_cards",
    "surveys:event_paper",
    "surveys:acceptability_score",
    "panels:panel_list",
    "panels:panel_create",
    "panels:margins_template",
    "panels:panel_detail",
    "panels:panel_settings",
    "panels:margins",
    "panels:margins_import",
    "panels:margins_download",
    "panels:partner_list",
    "panels:partner_add",
    "panels:partner_deactivate",
    "panels:representativeness",
    "panels:address_batches",
    "panels:address_upload",
    "panels:address_batch",
    "panels:letters_make",
    "panels:letters_download",
    "panels:member_list",
    "panels:member_add",
    "panels:member_detail",
    "panels:member_erase",
    "panels:member_data_download",
    "panels:wave_list",
    "panels:wave_create",
    "panels:attrition",
    "panels:wave_detail",
    "panels:wave_review",
    "panels:wave_close",
    "panels:wave_letters",
    "panels:wave_results",
    "panels:wave_results_export",
    "panels:wave_feedback",
    "panels:wave_prize_draw",
    "panels:wave_acceptability",
    "panels:wave_themes",
    "panels:acceptability_module",
    "panels:acceptability_method",
    "dialogues:dialogue_list",
    "dialogues:dialogue_create",
    "dialogues:dialogue_detail",
    "dialogues:dialogue_edit",
    "dialogues:dialogue_status",
    "dialogues:kit",
    "dialogues:kit_pdf",
    "dialogues:question_list",
    "dialogues:question_add",
    "dialogues:question_from_plan",
    "dialogues:question_edit",
    "dialogues:question_move",
    "dialogues:area_list",
    "dialogues:area_add",
    "dialogues:area_edit",
    "dialogues:community_add",
    "dialogues:community_edit",
    "dialogues:coverage",
    "dialogues:boundary_upload",
    "dialogues:write_up_list",
    "dialogues:themes",
    "dialogues:themes_run",
    "dialogues:theme_rename",
    "dialogues:theme_merge",
    "dialogues:theme_split",
    "dialogues:theme_move",
    "dialogues:theme_undo",
    "dialogues:outcome",
    "dialogues:outcome_send",
    "dialogues:outcome_pdf",
    "dialogues:event_list",
    "dialogues:event_detail",
    "dialogues:event_approve",
    "dialogues:event_decline",
    "dialogues:event_link_resend",
    "dialogues:event_cancel",
    "dialogues:write_up_detail",
    "dialogues:write_up_reopen",
    "dialogues:host_data_download_staff",
    "dialogues:host_erase_staff",
    "juries:jury_list",
    "juries:jury_create",
    "juries:jury_detail",
    "juries:jury_settings",
    "juries:quotas",
    "juries:quotas_accept",
    "juries:margins_import",
    "juries:quotas_import",
    "juries:quotas_download",
    "juries:pool",
    "juries:pool_import",
    "juries:volunteer_detail",
    "juries:volunteer_data_download",
    "juries:volunteer_erase",
    "juries:letter_batches",
    "juries:letter_batch_upload",
    "juries:letter_batch",
    "juries:letters_make",
    "juries:lottery_list",
    "juries:lottery_create",
    "juries:lottery_detail",
    "juries:draw_create",
    "juries:draw_detail",
    "juries:draw_audit_json",
    "juries:draw_people_csv",
    "juries:draw_quotas_csv",
    "juries:juror_list",
    "juries:juror_drop",
    "juries:juror_replace",
    "juries:programme",
    "juries:session_add",
    "juries:session_edit",
    "juries:session_remove",
    "juries:agenda_item_add",
    "juries:agenda_item_edit",
    "juries:agenda_item_remove",
    "juries:session_attendance",
    "juries:witness_list",
    "juries:witness_add",
    "juries:witness_edit",
    "juries:witness_remove",
    "juries:evidence_list",
    "juries:evidence_add",
    "juries:evidence_file",
    "juries:evidence_remove",
    "juries:question_list",
    "juries:question_add",
    "juries:question_answer",
    "juries:facilitator",
    "juries:attendance",
    "juries:expense_list",
    "juries:expense_decide",
    "juries:recommendation_list",
    "juries:threshold",
    "juries:recommendation_add",
    "juries:recommendation_edit",
    "juries:recommendation_remove",
    "juries:recommendation_move",
    "juries:vote_open",
    "juries:vote_paper",
    "juries:vote_close",
    "juries:vote_results",
    "juries:verdict",
    "juries:verdict_publish",
    "juries:forum",
    "juries:final_report",
    "juries:final_report_pdf",
    "juries:final_report_edit",
    "juries:final_report_publish",
    "reports:evidence_report",
    "reports:evidence_report_pdf",
    "reports:dpia",
    "reports:dpia_docx",
    "reports:dpia_pdf",
    "decisions:detail",
    "decisions:draft",
    "decisions:conditions",
    "decisions:condition_remove",
    "decisions:condition_move",
    "decisions:evidence",
    "decisions:evidence_add",
    "decisions:evidence_remove",
    "decisions:publish",
    "decisions:amend",
    "decisions:review_start",
    "decisions:changes",
    "decisions:review_list",
}

#: Real values for the text arguments of staff URLs.
TEXT_ARGUMENTS = {"question_id": "1.1", "file_format": "json"}
#: Where one page's text argument takes other values than the rest.
TEXT_ARGUMENTS_BY_URL = {
    "engagement:question_tailor": {"question_id": "P1"},
    "engagement:export": {"file_format": "pdf"},
    "surveys:question_add": {"kind": "single"},
    "panels:wave_results_export": {"file_format": "csv"},
}

_ROUTE_ARGUMENT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class StaffUrl:
    name: str
    route: str
    callback: Any
    #: Whether any part of the route is a regular expression (``re_path``), not a ``path()``.
    is_regex: bool = False

    @property
    def arguments(self) -> dict[str, str]:
        """Each argument in the route and its converter (``str`` when none is named)."""
        return {
            match["name"]: match["converter"] or "str"
            for match in _ROUTE_ARGUMENT.finditer(self.route)
        }

    @property
    def int_arguments(self) -> list[str]:
        """The arguments that name an object by its id."""
        return [
            name
            for name, converter in self.arguments.items()
            if converter == "int" and name != "organisation"
        ]

    def paths(self, organisation_slug: str, object_ids: list[int]) -> list[str]:
        """The URL with every combination of the given object ids in its ``int`` arguments."""
        paths = []
        for ids in itertools.product(object_ids, repeat=len(self.int_arguments)):
            values = dict(zip(self.int_arguments, map(str, ids), strict=True))

            def fill(match: re.Match[str], values: dict[str, str] = values) -> str:
                name, converter = match["name"], match["converter"] or "str"
                if name == "organisation":
                    return organisation_slug
                if name in values:
                    return values[name]
                texts = {**TEXT_ARGUMENTS, **TEXT_ARGUMENTS_BY_URL.get(self.name, {})}
                if name in texts:
                    return texts[name]
                return str(uuid.uuid4()) if converter == "uuid" else "example"

            paths.append("/" + _ROUTE_ARGUMENT.sub(fill, self.route))
        return paths


def _walk(
    patterns: list[Any], prefix: str = "", namespace: str = "", *, is_regex: bool = False
) -> Iterator[StaffUrl]:
    """Every URL pattern in the URL conf, through every ``include()``."""
    for entry in patterns:
        regex = is_regex or isinstance(entry.pattern, RegexPattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner, is_regex=regex)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = ":".join(filter(None, [namespace, entry.name])) if entry.name else route
            yield StaffUrl(name=name, route=route, callback=entry.callback, is_regex=regex)


ALL_URLS = list(_walk(get_resolver().url_patterns))
STAFF_URLS = [url for url in ALL_URLS if "organisation" in url.arguments]
staff_urls = pytest.mark.parametrize("staff_url", STAFF_URLS, ids=lambda url: url.name)


@dataclass(frozen=True)
class Victim:
    """An organisation with an administrator, a colleague and an invitation waiting."""

    slug: str
    administrator: Membership
    colleague: Membership
    invitation: Invitation
    proposal: Proposal
    decision: LeadershipDecision
    evidence: Evidence
    framework_version: FrameworkVersion
    plan: EngagementPlan
    own_question: OrganisationQuestion
    panel_ids: list[int]
    jury_ids: list[int]
    dialogue_ids: list[int]
    decision_ids: list[int]

    @property
    def object_ids(self) -> list[int]:
        return sorted(
            {
                self.colleague.pk,
                self.invitation.pk,
                self.proposal.pk,
                self.proposal.parties.first().pk,
                self.proposal.data_items.first().pk,
                self.decision.pk,
                self.evidence.pk,
                self.framework_version.pk,
                self.plan.groups.first().pk,
                self.plan.questions.first().pk,
                self.plan.milestones.first().pk,
                self.own_question.pk,
                *self.panel_ids,
                *self.jury_ids,
                *self.dialogue_ids,
                *self.decision_ids,
            }
        )


@pytest.fixture
def victim() -> Iterator[Victim]:
    organisation = OrganisationFactory(name="Calderbrook City Council", slug="calderbrook")
    colleague = MembershipFactory(
        organisation=organisation,
        role=Role.ASSESSOR,
        user__email="colleague@calderbrook.example",
        user__full_name="Confidential Colleague",
    )
    shipped = FrameworkVersion.objects.get(organisation__isnull=True)
    proposal = ProposalFactory(
        organisation=organisation,
        owner=colleague.user,
        title="Confidential proposal",
        status=Status.UNDER_ASSESSMENT,
    )
    PartyFactory(proposal=proposal)
    DataItemFactory(proposal=proposal)
    assessment = assessment_start(actor=colleague, proposal=proposal)
    # Made directly rather than through the service: this fixture is built once per URL.
    Answer.objects.bulk_create(
        Answer(
            assessment=assessment, question_id=question.id, position=3, updated_by=colleague.user
        )
        for question in assessment.framework_version.framework.questions
    )
    evidence = Evidence(
        answer=Answer.objects.get(assessment=assessment, question_id="1.1"),
        title="Confidential evaluation",
        added_by=colleague.user,
    )
    evidence.file.save("evaluation.pdf", ContentFile(b"%PDF-1.4 Confidential"), save=True)
    plan = _confidential_plan(proposal, colleague)
    panel_ids = _confidential_panel(organisation, colleague)
    jury_ids = _confidential_jury(organisation, colleague, proposal)
    dialogue_ids = confidential_dialogue(organisation, colleague)
    decision_ids = _confidential_decision(proposal, colleague)
    yield Victim(
        slug=organisation.slug,
        administrator=MembershipFactory(organisation=organisation, role=Role.ADMINISTRATOR),
        colleague=colleague,
        invitation=InvitationFactory(
            organisation=organisation, email="invitee@calderbrook.example", token="secret"
        ),
        proposal=proposal,
        decision=LeadershipDecision.objects.create(
            proposal=proposal,
            description="Confidential decision",
            owner="Board",
            due_date=date(2027, 1, 1),
            created_by=colleague.user,
        ),
        evidence=evidence,
        framework_version=FrameworkVersion.objects.create(
            organisation=organisation,
            framework_id=shipped.framework_id,
            version="2019.1-confidential",
            title="Confidential tailored version",
            yaml_text=shipped.yaml_text.replace(shipped.title, "Confidential tailored version"),
            created_by=colleague.user,
        ),
        plan=plan,
        own_question=OrganisationQuestion.objects.create(
            organisation=organisation,
            theme_id="purpose",
            text="Confidential question?",
            informs=["1.1"],
            created_by=colleague.user,
        ),
        panel_ids=panel_ids,
        jury_ids=jury_ids,
        dialogue_ids=dialogue_ids,
        decision_ids=decision_ids,
    )
    # Files are not rolled back with the database.
    default_storage.delete(letters_file_name(AddressBatch.objects.get(panel__pk=panel_ids[0]).pk))
    for evidence_item in EvidenceItem.objects.filter(jury__pk=jury_ids[0]):
        evidence_item.document.delete(save=False)


def _confidential_decision(proposal: Proposal, colleague: Membership) -> list[int]:
    """A published decision (version 1, with a condition and an evidence link) being amended
    by a draft version 2 (with its own), and the proposal on the public register: the ids of
    the conditions and links (made directly: this fixture is built once per URL)."""
    published = Decision.objects.create(
        proposal=proposal,
        version=1,
        outcome=Outcome.GO_AHEAD_WITH_CONDITIONS,
        rationale="Confidential rationale",
        decision_maker="Confidential board",
        decided_on=date(2026, 10, 1),
        review_date=date(2027, 10, 1),
        public_summary="Confidential summary",
        created_by=colleague.user,
    )
    ids = _confidential_condition_and_link(published, proposal)
    # Published before the draft amending it exists: one draft per proposal.
    Decision.objects.filter(pk=published.pk).update(
        status=Decision.Status.PUBLISHED, published_at=timezone.now(), published_by=colleague.user
    )
    draft = Decision.objects.create(
        proposal=proposal,
        version=2,
        outcome=Outcome.GO_AHEAD_WITH_CONDITIONS,
        rationale="Confidential amended rationale",
        decision_maker="Confidential board",
        decided_on=date(2026, 11, 1),
        review_date=date(2027, 11, 1),
        public_summary="Confidential amended summary",
        amends=published,
        amendment_reason="Confidential reason",
        created_by=colleague.user,
    )
    ids += _confidential_condition_and_link(draft, proposal)
    Review.objects.create(decision=published, due_on=date(2027, 10, 1))
    RegisterEntry.objects.create(proposal=proposal, published_by=colleague.user)
    return ids


def _confidential_condition_and_link(decision: Decision, proposal: Proposal) -> list[int]:
    condition = Condition.objects.create(decision=decision, text="Confidential condition")
    link = EvidenceLink.objects.create(
        decision=decision,
        kind=EvidenceKind.ENGAGEMENT_REPORT,
        source=f"plan:{proposal.pk}",
        title="Confidential evidence",
        finding="Confidential finding",
        question_ids=["1.1"],
    )
    link.conditions.add(condition)
    return [condition.pk, link.pk]


def _confidential_jury(
    organisation: Organisation, colleague: Membership, proposal: Proposal
) -> list[int]:
    """A jury with a quota, a pool, a computed lottery, a draw with a juror, a session with an
    agenda item, a witness, evidence, a question, an expenses claim and a recommendation: the
    ids of each (made directly: this fixture is built once per URL)."""
    jury = Jury.objects.create(
        organisation=organisation,
        proposal=proposal,
        name="Confidential jury",
        area="Calderbrook",
        charge_question="Confidential charge?",
        description="Confidential",
        privacy_notice="Confidential notice",
        size=6,
        volunteer_token="victim-jury",
        created_by=colleague.user,
    )
    feature = JuryFeature.objects.create(jury=jury, key="age", label="Age")
    value = JuryValue.objects.create(
        feature=feature, value="16-64", label="16 to 64", share=1, minimum=6, maximum=6
    )
    batch = JuryLetterBatch.objects.create(
        jury=jury, name="Confidential letters", imported_by=colleague.user
    )
    JuryLetter.objects.create(
        batch=batch, line_1="2 Confidential Lane", town="Calderbrook", postcode="CB1 1AB", code="B"
    )
    volunteer = Volunteer.objects.create(
        jury=jury,
        pseudonym="J-VICTIM",
        name="Confidential Volunteer",
        email="volunteer@calderbrook.example",
        profile={"age": "16-64"},
        source=Volunteer.Source.FORM,
    )
    lottery = Lottery.objects.create(
        jury=jury,
        algorithm=Jury.Algorithm.LEXIMIN,
        status=Lottery.Status.DONE,
        inputs={
            "people_csv": "id,age,household_key\r\nJ-VICTIM,16-64,\r\n",
            "quotas_csv": "feature,value,min,max\r\nage,16-64,1,1\r\n",
            "size": 1,
            "id_column": "id",
            "address_columns": ["household_key"],
        },
        probabilities={"J-VICTIM": 1.0},
        requested_by=colleague.user,
    )
    draw = Draw.objects.create(
        jury=jury, lottery=lottery, seed="1", audit={}, audit_digest="x", drawn_by=colleague.user
    )
    juror = Juror.objects.create(
        jury=jury, volunteer=volunteer, draw=draw, page_token_hash="victim-juror"
    )
    session = JurySession.objects.create(
        jury=jury,
        stage=JurySession.Stage.UNDERSTANDING,
        date=date(2027, 3, 1),
        starts_at="10:00",
        ends_at="16:00",
        location="Confidential hall",
    )
    witness = Witness.objects.create(
        jury=jury,
        name="Confidential Witness",
        role="Confidential role",
        perspective=Witness.Perspective.NEUTRAL,
    )
    item = AgendaItem.objects.create(
        session=session, starts_at="10:00", title="Confidential item", witness=witness
    )
    evidence = EvidenceItem(jury=jury, title="Confidential evidence")
    evidence.document.save("confidential.txt", ContentFile(b"Confidential evidence"), save=True)
    question = JurorQuestion.objects.create(
        jury=jury, witness=witness, asked_by=juror, question="Confidential question?"
    )
    claim = ExpenseClaim.objects.create(
        juror=juror, description="Confidential taxi", amount="12.50"
    )
    recommendation = Recommendation.objects.create(jury=jury, text="Confidential recommendation")
    return [
        jury.pk,
        value.pk,
        batch.pk,
        volunteer.pk,
        lottery.pk,
        draw.pk,
        juror.pk,
        session.pk,
        witness.pk,
        item.pk,
        evidence.pk,
        question.pk,
        claim.pk,
        recommendation.pk,
    ]


def _confidential_panel(organisation: Organisation, colleague: Membership) -> list[int]:
    """A panel with margins, a partner, an address, a member, a survey and a wave: the ids of
    each (made directly: this fixture is built once per URL)."""
    panel = Panel.objects.create(
        organisation=organisation,
        name="Confidential panel",
        area="Calderbrook",
        description="Confidential",
        privacy_notice="Confidential notice",
        created_by=colleague.user,
    )
    feature = ProfileFeature.objects.create(
        panel=panel, key="age", label="Age", question="How old are you?"
    )
    ProfileValue.objects.create(feature=feature, value="16-64", label="16 to 64", share=1)
    partner = CommunityPartner.objects.create(panel=panel, name="Confidential partner", token="t")
    batch = AddressBatch.objects.create(
        panel=panel, name="Confidential batch", imported_by=colleague.user
    )
    Address.objects.create(
        batch=batch, line_1="1 Confidential Lane", town="Calderbrook", postcode="CB1 1AA", code="A"
    )
    default_storage.save(letters_file_name(batch.pk), ContentFile(b"%PDF-1.4 Confidential"))
    member = Member.objects.create(
        panel=panel,
        pseudonym="M-VICTIM",
        name="Confidential Member",
        email="member@calderbrook.example",
        profile={"age": "16-64"},
        source=Member.Source.STAFF,
        consented_at=timezone.now(),
        privacy_notice_version=1,
        manage_token_hash="victim",
    )
    survey = Survey.objects.create(
        organisation=organisation,
        proposal=Proposal.objects.get(organisation=organisation),
        title="Confidential survey",
        created_by=colleague.user,
    )
    question = SurveyQuestion.objects.create(
        survey=survey, kind=SurveyQuestion.Kind.FREE_TEXT, text="Confidential question?"
    )
    wave = Wave.objects.create(
        panel=panel,
        survey=survey,
        name="Confidential wave",
        closes_at=timezone.now() + timedelta(weeks=2),
        created_by=colleague.user,
    )
    event_batch = EventBatch.objects.create(
        survey=survey,
        name="Confidential event",
        kind=EventBatch.Kind.choices[0][0],
        created_by=colleague.user,
        closes_at=timezone.now() + timedelta(weeks=2),
    )
    return [
        panel.pk,
        partner.pk,
        batch.pk,
        member.pk,
        survey.pk,
        question.pk,
        wave.pk,
        event_batch.pk,
    ]


def _confidential_plan(proposal: Proposal, colleague: Membership) -> EngagementPlan:
    """A screened proposal with a plan that has a group, a question and a milestone (made
    directly: this fixture is built once per URL)."""
    Screening.objects.create(
        proposal=proposal,
        rules_id="screening-rules",
        rules_version="2026.1",
        facts={"individual_predictive_modelling": True},
        minimum_depth="deliberate",
        dpia_required=True,
        fired=[],
        screened_by=colleague.user,
    )
    plan = EngagementPlan.objects.create(
        proposal=proposal,
        starts_on=date(2027, 1, 4),
        decision_by=date(2027, 6, 28),
        budget=65000,
        population=12000,
        group_to_hear="Confidential group",
        option_id="panel_and_jury",
        option_name="Citizens' Panel + Citizens' Jury",
        recommended_option_id="panel_and_jury",
        created_by=colleague.user,
    )
    PlanGroup.objects.create(plan=plan, name="Confidential group", target=30)
    PlanQuestion.objects.create(
        plan=plan,
        bank_question_id="P2",
        original_text="Do the public recognise that the specific issue is one to be addressed?",
        text="Confidential tailored question?",
        informs=["2.2"],
    )
    Milestone.objects.create(plan=plan, title="Confidential milestone", due_on=date(2027, 3, 1))
    return plan


@pytest.fixture
def outsider(victim: Victim) -> Membership:
    """An administrator, with every capability, of a different organisation."""
    return MembershipFactory(
        organisation__name="Westmarch Police",
        organisation__slug="westmarch",
        role=Role.ADMINISTRATOR,
    )


def _everything() -> tuple[list[dict[str, Any]], ...]:
    return (
        list(User.objects.order_by("pk").values()),
        list(Membership.objects.order_by("pk").values()),
        list(Invitation.objects.order_by("pk").values()),
        list(Proposal.objects.order_by("pk").values()),
        list(Answer.objects.order_by("pk").values()),
        list(Partnership.objects.order_by("pk").values()),
        list(LeadershipDecision.objects.order_by("pk").values()),
        list(Screening.objects.order_by("pk").values()),
        list(EngagementPlan.objects.order_by("pk").values()),
        list(PlanGroup.objects.order_by("pk").values()),
        list(PlanQuestion.objects.order_by("pk").values()),
        list(Milestone.objects.order_by("pk").values()),
        list(OrganisationQuestion.objects.order_by("pk").values()),
        list(TimingOverride.objects.order_by("pk").values()),
        list(Panel.objects.order_by("pk").values()),
        list(Member.objects.order_by("pk").values()),
        list(Survey.objects.order_by("pk").values()),
        list(SurveyQuestion.objects.order_by("pk").values()),
        list(Wave.objects.order_by("pk").values()),
        list(Jury.objects.order_by("pk").values()),
        list(JuryValue.objects.order_by("pk").values()),
        list(Volunteer.objects.order_by("pk").values()),
        list(Lottery.objects.order_by("pk").values()),
        list(Draw.objects.order_by("pk").values()),
        list(Juror.objects.order_by("pk").values()),
        list(JurySession.objects.order_by("pk").values()),
        list(Witness.objects.order_by("pk").values()),
        list(Recommendation.objects.order_by("pk").values()),
        list(ExpenseClaim.objects.order_by("pk").values()),
    )


def test_the_staff_area_is_found():
    names = {url.name for url in STAFF_URLS}

    assert names >= KNOWN_STAFF_URL_NAMES, f"missing: {KNOWN_STAFF_URL_NAMES - names}"


def test_every_url_under_the_staff_prefix_names_its_organisation():
    # A staff page that spelt its argument differently, or used re_path(), would escape the
    # checks below.
    assert [url.route for url in ALL_URLS if url.route.lstrip("^").startswith("o/")] == [
        url.route for url in STAFF_URLS if not url.is_regex
    ]
    assert not [url.route for url in ALL_URLS if url.is_regex and "organisation" in url.route]


@staff_urls
def test_every_staff_page_is_guarded(staff_url):
    assert getattr(staff_url.callback, "required_capability", None) is not None, (
        f"{staff_url.name} ({staff_url.route}) is not decorated with @organisation_member"
    )


@staff_urls
def test_the_urls_built_here_reach_the_page(staff_url, victim, client_for):
    # Guards against a vacuous pass: each URL built here is the page itself, and the
    # organisation's own administrator gets through where the objects are ones this test knows.
    paths = staff_url.paths(victim.slug, victim.object_ids)
    assert paths
    for path in paths:
        assert resolve(path).func is staff_url.callback, path

    if staff_url.name in KNOWN_STAFF_URL_NAMES or not staff_url.int_arguments:
        client = client_for(victim.administrator.user)
        statuses = [client.get(path).status_code for path in paths]
        assert any(status not in {403, 404} for status in statuses), statuses


@staff_urls
@pytest.mark.parametrize("method", ["get", "post"])
def test_visitors_not_signed_in_are_sent_to_sign_in(staff_url, victim, client, method):
    before = _everything()

    for path in staff_url.paths(victim.slug, victim.object_ids):
        response = getattr(client, method)(path)

        assert response.status_code == 302, path
        location = urlsplit(response["Location"])
        assert location.path == resolve_url(settings.LOGIN_URL)
        assert parse_qs(location.query) == {"next": [path]}

    assert _everything() == before


@staff_urls
def test_members_of_another_organisation_are_refused(
    staff_url, victim, outsider, client_for, mailoutbox
):
    client = client_for(outsider.user)
    before = _everything()

    for path in staff_url.paths(victim.slug, victim.object_ids):
        for method in (client.get, client.post):
            response = method(path, {"email": "x@westmarch.example", "role": Role.ADMINISTRATOR})

            assert response.status_code in {403, 404}, f"{method.__name__.upper()} {path}"
            assert b"Confidential" not in response.content
            assert b"invitee@calderbrook.example" not in response.content

    assert _everything() == before
    assert mailoutbox == []


@staff_urls
def test_another_organisations_objects_cannot_be_reached_through_your_own(
    staff_url, victim, outsider, client_for, mailoutbox
):
    # The outsider may open their own organisation's pages, but never with the victim's objects.
    client = client_for(outsider.user)
    before = _everything()

    for path in staff_url.paths(outsider.organisation.slug, victim.object_ids):
        for method in (client.get, client.post):
            response = method(path, {"email": "x@westmarch.example", "role": Role.ADMINISTRATOR})

            assert b"Confidential" not in response.content
            assert b"invitee@calderbrook.example" not in response.content

    victim_rows = [
        [row for row in table if row.get("organisation_id") != outsider.organisation_id]
        for table in _everything()[1:]
    ]
    assert victim_rows == [
        [row for row in table if row.get("organisation_id") != outsider.organisation_id]
        for table in before[1:]
    ]
    assert all(message.to != ["invitee@calderbrook.example"] for message in mailoutbox)
