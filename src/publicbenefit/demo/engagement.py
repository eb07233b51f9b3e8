"""The demo's engagement: each of the three proposals screened and given an engagement plan by the
council's engagement lead, Megan Rees.

- Linking housing and hospital-discharge data: screened "deliberate" (health data, linked
  datasets); tenants' associations and carers' groups host a Distributed Dialogue, the chooser's
  first-ranked option. The proposal is "under engagement", so its plan has a chosen option.
- Sharing school attendance with the community safety partnership: screened "deliberate" (an
  "at risk" group with a risk of stigma). The chooser ranks a Distributed Dialogue first; the
  engagement lead overrides it for a Dialogue followed by a Citizens' Jury, and says why.
- Predictive modelling to flag families at risk: screened "deliberate" with a DPIA required (the
  model scores individual families). The chooser's first-ranked Citizens' Panel + Citizens' Jury
  is taken, with a larger jury than the cost model's default.

None of the engagements has reported: they are still to run. Dates are counted in weeks from the
day the demo is loaded, so the plans never lie in the past. A plan's population is the proposal's
own count of the people it concerns; its first group is the group that must be heard.

The screening facts here are only those the proposal's record cannot tell; the rest come from the
record itself (``engagement.selectors.facts_from_proposal``).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from publicbenefit.core.engagement.conditions import FactValue
from publicbenefit.demo.proposals import FAMILIES_AT_RISK, HOUSING, SCHOOL_ATTENDANCE
from publicbenefit.engagement.models import Control

#: Who screens and plans the engagement for each organisation in the demo.
ENGAGEMENT_LEADS = {"calderbrook-city-council": "engagement@calderbrook.example"}


@dataclass(frozen=True)
class DemoGroup:
    name: str
    target: int | None
    how: str


@dataclass(frozen=True)
class DemoQuestion:
    #: The research question bank's id (``P1``, ``A2``, ``I5``...).
    bank_id: str
    #: One of the chosen option's methods, or "" for every method.
    method_id: str = ""
    #: Placeholder values that differ from the plan's own for this question.
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoEngagement:
    proposal_title: str
    #: The screening facts the proposal's record cannot tell.
    facts: dict[str, FactValue]
    starts_in_weeks: int
    weeks_to_decision: int
    budget: Decimal
    representative: bool
    group_to_hear: str
    control: str
    panel_exists: bool
    #: More groups to reach, with recruitment targets.
    groups: tuple[DemoGroup, ...]
    #: The values for the bank's placeholders, {data} {purpose} {group} {service} {organisation}.
    values: dict[str, str]
    questions: tuple[DemoQuestion, ...]
    #: "" takes the chooser's first-ranked option; anything else overrides it, for ``reason``.
    option_id: str = ""
    reason: str = ""
    #: Changed cost figures, per method of the chosen option.
    cost_figures: dict[str, dict[str, Decimal]] = field(default_factory=dict)


#: The council runs a Citizens' Panel of about 1,000 residents (it exists for every plan).
COUNCIL_PANEL_EXISTS = True

HOUSING_ENGAGEMENT = DemoEngagement(
    proposal_title=HOUSING.title,
    facts={
        # Adaptations are a service people ask for; being on the list labels no one.
        "stigma_risk": False,
        # Occupational therapists decide each adaptation; the share only brings it forward.
        "automated_decisions": "none",
        # Nothing flows until the trust's new secure data-sharing portal is live.
        "new_technology": True,
        # The framework answer 3.5: collected to plan care and discharge, directly compatible.
        "incompatible_purpose": False,
    },
    starts_in_weeks=3,
    weeks_to_decision=22,
    budget=Decimal("40000"),
    representative=False,
    group_to_hear="Tenants waiting in hospital for a home adaptation",
    # Tenants' associations and carers' groups run their own conversations.
    control=Control.A_LOT,
    panel_exists=COUNCIL_PANEL_EXISTS,
    groups=(
        DemoGroup(
            "Unpaid carers of tenants leaving hospital",
            40,
            "Calderbrook Carers' Centre hosts two conversations at its Tuesday support groups.",
        ),
        DemoGroup(
            "Calderbrook Homes tenants' associations",
            75,
            "Each of the five associations hosts a conversation at its regular meeting.",
        ),
    ),
    values={
        "data": "hospital discharge dates and tenants' adaptation needs",
        "purpose": "have tenants' homes adapted before they leave hospital",
        "group": "tenants waiting in hospital for a home adaptation",
        "service": "the council's home adaptations service",
        "organisation": "Calderbrook City Council",
    },
    questions=(
        DemoQuestion("P1"),
        DemoQuestion("I3", "distributed_dialogue"),
        DemoQuestion("A1", "distributed_dialogue"),
        DemoQuestion("R3"),
    ),
)

SCHOOL_ATTENDANCE_ENGAGEMENT = DemoEngagement(
    proposal_title=SCHOOL_ATTENDANCE.title,
    facts={
        # The framework answer 1.4: pupils risk being labelled "at risk of exploitation".
        "stigma_risk": True,
        # Youth workers offer support; nothing is decided about a pupil from the list.
        "automated_decisions": "none",
        # Attendance figures from the schools' own systems, sent as a list.
        "new_technology": False,
        # The framework answer 3.5: collected for education, used for community safety.
        "incompatible_purpose": True,
    },
    starts_in_weeks=4,
    weeks_to_decision=32,
    budget=Decimal("65000"),
    representative=False,
    group_to_hear="Parents and carers of persistently absent pupils",
    # Families and young people talk in their own spaces, hosted by people they trust.
    control=Control.A_LOT,
    panel_exists=COUNCIL_PANEL_EXISTS,
    groups=(
        DemoGroup(
            "Young people aged 11 to 16",
            90,
            "Youth workers host conversations in the four youth centres; two school councils "
            "host their own.",
        ),
        DemoGroup(
            "Secondary school attendance officers",
            12,
            "A conversation at the attendance officers' termly network meeting.",
        ),
    ),
    values={
        "data": "pupils' names, schools and attendance figures",
        "purpose": "let youth workers contact persistently absent pupils sooner",
        "group": "parents and carers of persistently absent pupils",
        "service": "the community safety partnership",
        "organisation": "Calderbrook City Council",
    },
    questions=(
        DemoQuestion("I3", "distributed_dialogue"),
        DemoQuestion("P3a", "distributed_dialogue", {"group": "persistently absent pupils"}),
        DemoQuestion("A1", "citizens_jury"),
        DemoQuestion("A2", "citizens_jury"),
    ),
    option_id="dialogue_and_jury",
    reason=(
        "Parents' first worry is Westmarch Police seeing their children's attendance, and the "
        "police are a partner in the decision. The dialogue lets families and young people talk "
        "in their own spaces first; a Citizens' Jury then weighs what they said against evidence "
        "from the schools, the youth service and the police, so that the partnership has a "
        "recommendation it can defend to parents and to the police, not only a record of views. "
        "The Police and Crime Commissioner's community fund meets the jury's cost, and the "
        "decision can wait for the start of the next school year."
    ),
)

FAMILIES_AT_RISK_ENGAGEMENT = DemoEngagement(
    proposal_title=FAMILIES_AT_RISK.title,
    facts={
        # The framework answer 1.4: high risk of stigma and over-flagging in deprived wards.
        "stigma_risk": True,
        # A score decides which families early help contacts; a key worker then decides.
        "automated_decisions": "supports_a_person",
        # A statistical model trained on five linked datasets, new to the council.
        "new_technology": True,
        # The framework answer 3.5: council tax support was collected for something else.
        "incompatible_purpose": True,
    },
    starts_in_weeks=4,
    weeks_to_decision=20,
    budget=Decimal("60000"),
    representative=True,
    group_to_hear="Families with young children",
    control=Control.SOME,
    panel_exists=COUNCIL_PANEL_EXISTS,
    groups=(
        DemoGroup(
            "Parents in Eastgate, Millbrook and Riverside wards",
            300,
            "A boosted panel sample in the three wards where the model would flag most "
            "families, recruited through the family hubs, with interpreters offered.",
        ),
        DemoGroup(
            "Parents who have had early help",
            30,
            "Invited by their former key workers to a panel workshop; six jury places kept for "
            "them.",
        ),
    ),
    values={
        "data": "social care, health visiting, police, benefits and school records",
        "purpose": "flag families who may need early help",
        "group": "families with young children",
        "service": "the early help service",
        "organisation": "Calderbrook City Council",
    },
    questions=(
        DemoQuestion("I5", "citizens_jury"),
        DemoQuestion("P3a", "citizens_panel"),
        DemoQuestion("I2", "citizens_panel"),
        DemoQuestion("R3", "citizens_jury"),
        DemoQuestion("A3", "citizens_jury"),
    ),
    # 24 jurors rather than 18, so that six places can be kept for parents who have had early help.
    cost_figures={"citizens_jury": {"jurors": Decimal(24)}},
)

ENGAGEMENTS = (HOUSING_ENGAGEMENT, SCHOOL_ATTENDANCE_ENGAGEMENT, FAMILIES_AT_RISK_ENGAGEMENT)
