"""The demo's three data-sharing proposals, each assessed with realistic answers.

- Linking housing and hospital-discharge data: likely public benefit for the council; its NHS
  partner disagrees on privacy, so the partnership view has a point to negotiate.
- Sharing school attendance with the community safety partnership: some issues.
- Predictive modelling to flag families at risk: may not be public benefit.

Answers are (position or "dont_know", justification); a "don't know" carries its reason after a
``|`` in the justification.
"""

from dataclasses import dataclass
from datetime import date

from publicbenefit.proposals.lawful_basis import Article6, Article9
from publicbenefit.proposals.models import DataItem, Party

Answers = dict[str, tuple[int | str, str]]


@dataclass(frozen=True)
class DemoProposal:
    title: str
    fields: dict[str, object]
    parties: tuple[tuple[str, str], ...]
    items: tuple[tuple[str, str, str, bool], ...]
    #: Each organisation's answers, by organisation slug; the first is the lead's.
    assessments: dict[str, Answers]
    partners: tuple[str, ...] = ()
    #: The status the demo leaves the proposal in (after assessment).
    final_status: str = "under_assessment"


HOUSING = DemoProposal(
    title="Linking housing and hospital-discharge data",
    fields={
        "summary": (
            "The hospital tells the council's housing team, a week ahead, when a tenant who "
            "needs a home adaptation is due to leave hospital, so that the home is ready."
        ),
        "purpose": (
            "About 600 Calderbrook residents a year stay in hospital longer than they need to, "
            "or go home to a house they cannot use safely, because adaptations such as rails "
            "and ramps are arranged only after discharge."
        ),
        "data_subjects": "Adult council and Calderbrook Homes tenants in hospital who need an adaptation",
        "data_subject_count": 600,
        "article_6_basis": Article6.PUBLIC_TASK,
        "article_9_condition": Article9.HEALTH_SOCIAL_CARE,
        "consent_sought": True,
        "retention": "Deleted 12 months after the adaptation is completed",
        "review_date": date(2027, 6, 30),
    },
    parties=(
        ("Calderbrook Teaching Hospitals NHS Foundation Trust", Party.Role.SHARES),
        ("Calderbrook City Council", Party.Role.RECEIVES),
        ("Calderbrook Homes", Party.Role.RECEIVES),
    ),
    items=(
        (
            "Date of planned discharge",
            DataItem.Category.PERSONAL,
            "Hospital patient administration system",
            False,
        ),
        (
            "Home address",
            DataItem.Category.PERSONAL,
            "Hospital patient administration system",
            True,
        ),
        (
            "Mobility and adaptation needs",
            DataItem.Category.SPECIAL_CATEGORY,
            "Ward occupational therapy assessment",
            False,
        ),
        (
            "Tenancy reference",
            DataItem.Category.PERSONAL,
            "Council and Calderbrook Homes housing systems",
            True,
        ),
    ),
    assessments={
        "calderbrook-city-council": {
            "1.1": (4, "Each tenant on the list goes home to a home adapted for them."),
            "1.2": (
                3,
                "Fewer falls and readmissions; lasting independence is likely but depends on adaptation funding.",
            ),
            "1.3": (
                4,
                "Used only to plan adaptations and rehousing; no enforcement can follow from it.",
            ),
            "1.4": (
                3,
                "Small risk that tenants in rent arrears are given lower priority; the protocol forbids using arrears.",
            ),
            "2.1": (
                4,
                "Hospitals free beds, the council avoids emergency placements, carers are supported.",
            ),
            "2.2": (
                3,
                "Tackles unsafe housing as a cause of readmission, not only delayed discharge.",
            ),
            "2.3": (4, "Shows where adapted housing is short, for the housing strategy."),
            "3.1": (3, "Discharge date, address and mobility needs only; no diagnosis is shared."),
            "3.2": (
                3,
                "Identifiable data is needed to act for the person; access is limited by role.",
            ),
            "3.3": (
                3,
                "Consent is asked on the ward where practical; not viable for urgent discharges.",
            ),
            "3.4": (
                3,
                "The 2025 residents' survey found most people expect hospitals and housing to talk before discharge.",
            ),
            "3.5": (4, "Collected to plan care and discharge: directly compatible."),
            "4.1": (4, "Adaptations ready on the day of discharge instead of weeks later."),
            "4.2": (3, "Fewer lost bed days and emergency placements: about £400,000 a year."),
            "5.1": (3, "Measured by 30-day readmissions and days from discharge to adaptation."),
            "5.2": (
                3,
                "Pilot ward compared with a matched ward; other changes blur attribution a little.",
            ),
            "5.3": (4, "Easy to explain: your home is ready when you leave hospital."),
            "5.4": (4, "The council's cabinet has agreed to defend it publicly."),
        },
        "calderbrook-hospitals-nhs": {
            "1.1": (4, "Direct benefit to each patient on the list."),
            "1.2": (3, "Likely to support independence at home."),
            "1.3": (4, "No punitive use is possible under the agreement."),
            "1.4": (3, "Low risk, with the arrears safeguard."),
            "2.1": (4, "Benefits the trust's bed flow as well as patients."),
            "2.2": (3, "Partly addresses causes of readmission."),
            "2.3": (3, "Some strategic value for discharge planning."),
            "3.1": (
                2,
                "The draft data list includes mobility notes wider than the adaptation needs.",
            ),
            "3.2": (
                1,
                "Ward staff would email identifiable data until the secure portal is ready: we cannot support that.",
            ),
            "3.3": (2, "Consent conversations on the wards are not yet routine."),
            "3.4": (3, "Patients generally expect this."),
            "3.5": (4, "Compatible with the purpose of collection."),
            "4.1": (4, "More responsive discharge."),
            "4.2": (4, "Bed-day savings are well evidenced."),
            "5.1": (3, "Measurable through readmissions."),
            "5.2": (2, "Attribution is hard while the discharge-to-assess scheme changes too."),
            "5.3": (4, "Immediately recognisable to patients."),
            "5.4": (4, "The trust board would defend it once the portal is live."),
        },
    },
    partners=("calderbrook-hospitals-nhs",),
    final_status="under_engagement",
)

SCHOOL_ATTENDANCE = DemoProposal(
    title="Sharing school attendance with the community safety partnership",
    fields={
        "summary": (
            "Schools tell the community safety partnership, which includes Westmarch Police, "
            "which pupils are persistently absent, so that youth workers can offer support."
        ),
        "purpose": (
            "Persistent absence is linked to exploitation by county lines gangs. Youth workers "
            "hear about absent pupils months after the absence starts."
        ),
        "data_subjects": "Pupils aged 11 to 16 in Calderbrook secondary schools with attendance under 80%",
        "data_subject_count": 1400,
        "article_6_basis": Article6.PUBLIC_TASK,
        "targets_at_risk_groups": True,
        "retention": "One school year, then deleted",
        "review_date": date(2027, 9, 1),
    },
    parties=(
        ("Calderbrook City Council (education)", Party.Role.SHARES),
        ("Westmarch Police", Party.Role.RECEIVES),
        ("Calderbrook Youth Service", Party.Role.RECEIVES),
    ),
    items=(
        (
            "Pupil name and school",
            DataItem.Category.CHILDREN,
            "School management information systems",
            False,
        ),
        (
            "Attendance percentage by half term",
            DataItem.Category.CHILDREN,
            "School management information systems",
            False,
        ),
    ),
    assessments={
        "calderbrook-city-council": {
            "1.1": (3, "Pupils with persistent absence get earlier contact from a youth worker."),
            "1.2": (3, "Regular attendance is linked with better long-term outcomes."),
            "1.3": (
                2,
                "Families may feel targeted by the police's involvement, although no fines follow.",
            ),
            "1.4": (
                2,
                "Risk of pupils being labelled 'at risk of exploitation' in their community.",
            ),
            "2.1": (3, "Safer neighbourhoods as well as better attendance."),
            "2.2": (2, "Tackles the absence, not the reasons behind it."),
            "2.3": (3, "Shows patterns of absence to target youth services."),
            "3.1": (3, "Attendance figures and school only; no reasons for absence."),
            "3.2": (2, "Names are shared so that youth workers can make contact."),
            "3.3": (2, "Parents are not told; consent could be sought through schools."),
            "3.4": (2, "Parents may not expect attendance data to reach the police."),
            "3.5": (2, "Collected for education; community safety is a different purpose."),
            "4.1": (3, "Joins up youth services and schools."),
            "4.2": (2, "Savings are unclear."),
            "5.1": (3, "Attendance rates can be measured."),
            "5.2": (2, "Many other things affect attendance."),
            "5.3": (3, "Can be explained, with care about the police's role."),
            "5.4": (3, "The partners would defend it if parents are told first."),
        },
    },
)

FAMILIES_AT_RISK = DemoProposal(
    title="Predictive modelling to flag families at risk",
    fields={
        "summary": (
            "A statistical model combines council, health and police records to give every "
            "family with children a risk score, so that early help can contact the families "
            "with the highest scores."
        ),
        "purpose": (
            "Early help reaches families late, often after a crisis. The council wants to "
            "find families who may need help sooner."
        ),
        "data_subjects": "Every family with children under 18 living in Calderbrook",
        "data_subject_count": 38000,
        "article_6_basis": Article6.PUBLIC_TASK,
        "article_9_condition": Article9.SUBSTANTIAL_PUBLIC_INTEREST,
        "article_10_condition": "Data Protection Act 2018, Schedule 1, paragraph 18 (safeguarding of children)",
        "predictive_modelling": True,
        "targets_at_risk_groups": True,
        "retention": "Scores recalculated monthly; records kept for 6 years",
        "review_date": date(2027, 3, 31),
    },
    parties=(
        ("Calderbrook City Council (children's services)", Party.Role.BOTH),
        ("Westmarch Police", Party.Role.SHARES),
        ("Calderbrook Teaching Hospitals NHS Foundation Trust", Party.Role.SHARES),
    ),
    items=(
        (
            "Children's social care referrals",
            DataItem.Category.CHILDREN,
            "Children's social care case system",
            True,
        ),
        (
            "Health visiting records",
            DataItem.Category.SPECIAL_CATEGORY,
            "Community health records",
            True,
        ),
        (
            "Domestic abuse call-outs",
            DataItem.Category.CRIMINAL_OFFENCE,
            "Westmarch Police incident system",
            True,
        ),
        (
            "Council tax support and housing benefit",
            DataItem.Category.PERSONAL,
            "Revenues and benefits system",
            True,
        ),
        ("School attendance and exclusions", DataItem.Category.CHILDREN, "School census", True),
    ),
    assessments={
        "calderbrook-city-council": {
            "1.1": (
                2,
                "Flagged families may be offered early help; the model itself delivers nothing.",
            ),
            "1.2": (2, "Evidence of long-term benefit from other councils' models is weak."),
            "1.3": (
                1,
                "Flags could feed child protection enquiries, which families may experience as punitive.",
            ),
            "1.4": (1, "High risk of stigma and of over-flagging families in deprived wards."),
            "2.1": (2, "Mainly helps children's services prioritise cases."),
            "2.2": (2, "Targets indicators of need rather than causes such as poverty."),
            "2.3": (3, "Could show where early help services are needed."),
            "3.1": (1, "Five datasets with many fields the model does not need."),
            "3.2": (1, "The model runs on the identifiable records of every family with children."),
            "3.3": (
                "dont_know",
                "Legal advice on whether consent is practical has not been received.|We have asked legal services whether consent could be sought without undermining the model.",
            ),
            "3.4": (
                1,
                "Residents are unlikely to expect benefits and police data to be combined to score families.",
            ),
            "3.5": (
                2,
                "Some datasets were collected for unrelated purposes, such as council tax support.",
            ),
            "4.1": (2, "Unclear that flags would make services more responsive."),
            "4.2": (2, "Savings depend on intervening earlier, not yet demonstrated."),
            "5.1": (2, "Success measures are not yet defined."),
            "5.2": (1, "Outcomes for flagged families could not be attributed to the model."),
            "5.3": (1, "Would need considerable explanation; may be seen as surveillance."),
            "5.4": (2, "Leadership is divided and would not defend it publicly yet."),
        },
    },
)

PROPOSALS = (HOUSING, SCHOOL_ATTENDANCE, FAMILIES_AT_RISK)
