"""The demo's decisions: every demo proposal on the public register, and the predictive-modelling
proposal decided, with conditions, on a full evidence trail from the panel, the jury, the
dialogue and the engagement's report.

Built through the services staff use: the engagement lead records that the engagement reported,
then the council's data protection officer drafts the decision, adds its conditions, links each
piece of engagement evidence to the framework questions it informed and the conditions it led
to, and publishes it.
"""

from datetime import timedelta

from django.utils import timezone

from publicbenefit.accounts.models import Membership
from publicbenefit.decisions import selectors as decision_selectors
from publicbenefit.decisions import services as decision_services
from publicbenefit.decisions.models import Decision, EvidenceKind, Outcome
from publicbenefit.decisions.selectors import Candidate
from publicbenefit.demo.dialogue import RENAMED_THEME
from publicbenefit.dialogues.models import Dialogue
from publicbenefit.dialogues.services.outcome import outcome_update
from publicbenefit.engagement import selectors as engagement_selectors
from publicbenefit.engagement import services as engagement_services
from publicbenefit.proposals.models import Proposal, Status
from publicbenefit.register import services as register_services
from publicbenefit.register.models import RegisterEntry

DECISION_MAKER = "Cabinet Member for Children and Families, Calderbrook City Council"

ENGAGEMENT_REPORT = (
    "The Citizens' Panel, the Citizens' Jury and 12 community conversations all found support "
    "for offering families early help with the model's help, on conditions: a practitioner "
    "always decides, families are told, and the model is checked for fairness in public."
)

DIALOGUE_WHAT_NEXT = (
    "The themes from the first twelve conversations went to the council with the panel's and "
    "the jury's findings, and the council decided to go ahead on four conditions. Conversations "
    "held from now on feed the decision's first review, in a year."
)

RATIONALE = (
    "The model can find families a few months earlier than referrals do today, and early help "
    "is voluntary. The public accepted the use on conditions, and the jury recommended the same "
    "safeguards. The council adopts them all as conditions of the share, and will stop the "
    "model if the yearly check finds it treats any group unfairly."
)

#: Reading age 9 to 11 (checked by the demo's tests with the Flesch-Kincaid formula).
PUBLIC_SUMMARY = (
    "We will use a computer model to help us find families who may need early help. "
    "A person will always make the choice, not the computer. "
    "We will tell families when we use their data. "
    "We will check every year that the model is fair, and we will tell you what we find. "
    "We asked people in Calderbrook what they think, and they said yes if we do these things."
)

PUBLIC_SUMMARY_CY = (
    "Byddwn yn defnyddio model cyfrifiadur i'n helpu i ddod o hyd i deuluoedd a allai fod "
    "angen help cynnar. Bydd person bob amser yn gwneud y dewis, nid y cyfrifiadur. Byddwn yn "
    "dweud wrth deuluoedd pan fyddwn yn defnyddio eu data. Byddwn yn gwirio bob blwyddyn bod y "
    "model yn deg, a byddwn yn dweud wrthych beth rydym yn ei ddarganfod."
)

#: Each condition, and the framework questions the evidence behind it informed.
CONDITIONS = (
    (
        "A trained practitioner reviews every family the model flags and decides whether to offer "
        "help; no decision about a family is made by the model alone."
    ),
    (
        "Families are told, in plain words, that their data was used and why, and how to ask for "
        "a person to look again."
    ),
    (
        "The model is tested every year for unfair effects on any ethnic group, disability or "
        "area, and the results are published on the register."
    ),
    (
        "Data is used only to offer voluntary early help, never for enforcement or to remove "
        "services."
    ),
)

#: Which evidence (by kind) informed which framework questions and led to which conditions
#: (by their position in ``CONDITIONS``).
EVIDENCE = (
    (EvidenceKind.ACCEPTABILITY, ("1.1", "1.4", "3.4"), (0, 2)),
    (EvidenceKind.SURVEY_RESULT, ("3.4", "5.3"), (1,)),
    (EvidenceKind.JURY_VERDICT, ("1.3", "1.4", "5.4"), (0, 1, 2)),
    (EvidenceKind.DIALOGUE_THEME, ("3.2", "5.3"), (1,)),
    (EvidenceKind.ENGAGEMENT_REPORT, ("1.3", "2.1"), (3,)),
)


def _first(candidates: list[Candidate], kind: str) -> Candidate | None:
    """The candidate of ``kind`` to link: for the dialogue, the theme the demo's analyst named
    (on telling families), else the first."""
    of_kind = [candidate for candidate in candidates if candidate.kind == kind]
    named = [candidate for candidate in of_kind if RENAMED_THEME in candidate.title]
    return (named or of_kind or [None])[0]


def _decide(lead: Membership, assessor: Membership, proposal: Proposal) -> Decision:
    plan = engagement_selectors.plan_get(proposal=proposal)
    if plan is not None and not plan.has_reported:
        engagement_services.plan_report_record(
            actor=lead,
            proposal=proposal,
            reported_on=timezone.localdate(),
            summary=ENGAGEMENT_REPORT,
        )
    for dialogue in Dialogue.objects.filter(proposal=proposal, outcome_published_at=None):
        outcome_update(actor=lead, dialogue=dialogue, what_next=DIALOGUE_WHAT_NEXT, publish=True)
    today = timezone.localdate()
    decision = decision_services.decision_draft_create(
        actor=assessor,
        proposal=proposal,
        outcome=Outcome.GO_AHEAD_WITH_CONDITIONS,
        rationale=RATIONALE,
        decision_maker=DECISION_MAKER,
        decided_on=today,
        review_date=today + timedelta(days=365),
        public_summary=PUBLIC_SUMMARY,
        public_summary_cy=PUBLIC_SUMMARY_CY,
    )
    conditions = [
        decision_services.condition_add(actor=assessor, decision=decision, text=text)
        for text in CONDITIONS
    ]
    candidates = decision_selectors.evidence_candidates(proposal)
    for kind, question_ids, led_to in EVIDENCE:
        candidate = _first(candidates, kind)
        if candidate is None:
            raise ValueError(f"The demo has no {kind} evidence for {proposal.title!r}")
        decision_services.evidence_link_add(
            actor=assessor,
            decision=decision,
            source=candidate.source,
            question_ids=list(question_ids),
            condition_ids=[conditions[index].pk for index in led_to],
        )
    return decision_services.decision_publish(actor=assessor, decision=decision)


def load_decisions(
    *, lead: Membership, assessors: dict[int, Membership], decided: Proposal | None
) -> tuple[int, int]:
    """Decide ``decided`` if it has no decision yet, and put every demo proposal (given by id
    with its organisation's assessor) on the register. Returns (proposals put on the register,
    decisions published) by this run."""
    before = RegisterEntry.objects.count()
    published = 0
    if (
        decided is not None
        and decided.status not in {Status.DECIDED, Status.WITHDRAWN}
        and not Decision.objects.filter(proposal=decided).exists()
    ):
        _decide(lead, assessors[decided.pk], decided)
        published = 1
    for pk, assessor in assessors.items():
        if not RegisterEntry.objects.filter(proposal_id=pk).exists():
            register_services.register_publish(actor=assessor, proposal=Proposal.objects.get(pk=pk))
    return RegisterEntry.objects.count() - before, published
