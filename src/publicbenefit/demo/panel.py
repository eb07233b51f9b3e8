"""The demo's Citizens' Panel: Calderbrook's panel of about 1,200 synthetic residents, with the
skews real panels have (older and more often owner-occupiers than the area), and two completed
survey waves with realistic attrition (young people answer less, and fewer answer the second
wave), so that the representativeness, results and attrition pages have something true to show.
The first wave's survey includes the acceptability module (``docs/acceptability.md``), so the
proposal the panel was asked about has a public acceptability score.

The panel, its margins, the surveys and the waves are made through the staff services, as the
council's engagement lead. The members and their answers stand for thousands of people signing
up and answering over months: they are written in bulk, with a fixed seed, so that the demo is the
same every time and loads in seconds.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.panels.models import Member, Message, Panel, ProfileFeature, Wave
from publicbenefit.panels.selectors.margins import features
from publicbenefit.panels.selectors.setup import privacy_notice_default
from publicbenefit.panels.services import setup as panel_setup
from publicbenefit.panels.services import waves as panel_waves
from publicbenefit.proposals.models import Proposal
from publicbenefit.surveys import acceptability
from publicbenefit.surveys import services as survey_services
from publicbenefit.surveys.models import Invitation, Response, Survey, SurveyQuestion

MARGINS = Path(__file__).parent / "data" / "calderbrook-margins.csv"
PANEL_NAME = "Calderbrook Citizens' Panel"
PANEL_ORGANISATION = "calderbrook-city-council"
#: The proposal the panel's surveys are about.
PANEL_PROPOSAL = "Predictive modelling to flag families at risk"
MEMBERS = 1200
SEED = 20261125

#: How much more (or less) likely each group is to be on the panel than in the area: real panels
#: over-recruit older people and owner-occupiers.
JOIN_TILT = {
    "age": {"16-24": 0.45, "25-34": 0.7, "35-44": 0.9, "55-64": 1.25, "65-74": 1.6, "75+": 1.4},
    "tenure": {"owner": 1.3, "social-rent": 0.7, "private-rent": 0.55},
    "ethnicity": {"asian": 0.75, "black": 0.6, "mixed": 0.8},
}
#: The chance of answering a wave, by age band; each later wave loses a little more.
ANSWER_RATE = {
    "16-24": 0.38,
    "25-34": 0.5,
    "35-44": 0.6,
    "45-54": 0.68,
    "55-64": 0.75,
    "65-74": 0.82,
    "75+": 0.78,
}
WAVE_DECAY = 0.85


@dataclass(frozen=True)
class DemoWave:
    name: str
    survey_title: str
    weeks_ago: int
    sample_size: int | None
    feedback: str


WAVES = (
    DemoWave(
        name="Spring 2026: using data to offer early help",
        survey_title="Using data to offer families early help",
        weeks_ago=30,
        sample_size=None,
        feedback=(
            "You told us that most residents would accept the council using data to offer "
            "early help, but only with clear limits: a person, not a computer, decides, and "
            "families are told how their data is used. We have written both conditions into the "
            "proposal, and a Citizens' Jury will now look at it in depth."
        ),
    ),
    DemoWave(
        name="Autumn 2026: follow-up on conditions",
        survey_title="Early help: the conditions you asked for",
        weeks_ago=8,
        sample_size=600,
        feedback=(
            "Thank you. Most of you said the conditions we wrote in go far enough; many asked "
            "for a yearly public report on how the model is used. We will publish one."
        ),
    ),
)


def load_panel(lead: Membership, proposal: Proposal | None) -> int:
    """Make the demo panel if it is not there yet; returns the number of panels made (0 or 1)."""
    if Panel.objects.filter(organisation=lead.organisation, name=PANEL_NAME).exists():
        return 0
    notice = (
        privacy_notice_default(organisation=lead.organisation, area="Calderbrook")
        .replace(
            "[name or role], [email address], [postal address]",
            "Sam Patel, "
            "dpo@calderbrook.example, Calderbrook City Council, Town Hall, Calderbrook CB1 1AA",
        )
        .replace("[number]", "three")
        .replace("[period]", "one month")
        .replace("[the area]", "Calderbrook")
    )
    panel = panel_setup.panel_create(
        actor=lead,
        name=PANEL_NAME,
        area="Calderbrook",
        description=(
            "A panel of Calderbrook residents who answer a few short surveys a year about how "
            "the council and its partners use data, and are told what happened as a result."
        ),
        privacy_notice=notice,
        prize_draw=True,
    )
    panel_setup.margins_import(actor=lead, panel=panel, csv_text=MARGINS.read_text())
    panel = panel_setup.panel_update(
        actor=lead,
        panel=panel,
        name=panel.name,
        area=panel.area,
        description=panel.description,
        privacy_notice=panel.privacy_notice,
        min_cell=panel.min_cell,
        prize_draw=panel.prize_draw,
        signup_open=True,
    )
    rng = random.Random(SEED)  # noqa: S311 (synthetic residents, the same every time)
    _members(panel, rng)
    panel_setup.snapshot_take(panel)
    for demo in WAVES:
        _wave(lead, panel, proposal, demo, rng)
    return 1


def _members(panel: Panel, rng: random.Random) -> None:
    joined_from = timezone.now() - timedelta(weeks=60)
    rows = []
    for number in range(1, MEMBERS + 1):
        profile = {feature.key: _pick(feature, rng) for feature in features(panel=panel)}
        channel = rng.choices(
            [Member.Channel.EMAIL, Member.Channel.POST, Member.Channel.PHONE], [0.86, 0.11, 0.03]
        )[0]
        joined = joined_from + timedelta(days=rng.randint(0, 60), minutes=number)
        rows.append(
            Member(
                panel=panel,
                pseudonym=f"M-DEMO{number:04d}",
                name=f"Demo Resident {number:04d}",
                email=f"resident{number:04d}@calderbrook.example"
                if channel == Member.Channel.EMAIL
                else "",
                phone="01632 960000" if channel == Member.Channel.PHONE else "",
                postal_address=f"{number} Demo Street\nCalderbrook\nCB{number % 9 + 1} 2DE"
                if channel != Member.Channel.EMAIL
                else "",
                channel=channel,
                profile=profile,
                source=Member.Source.LETTER if rng.random() < 0.88 else Member.Source.STAFF,
                consented_at=joined,
                privacy_notice_version=panel.privacy_notice_version,
                prize_draw=rng.random() < 0.6,
                manage_token_hash=token_hash(token_new()),
                joined_at=joined,
            )
        )
    Member.objects.bulk_create(rows)


def _pick(feature: ProfileFeature, rng: random.Random) -> str:
    values = list(feature.values.all())
    tilt = JOIN_TILT.get(feature.key, {})
    weights = [float(value.share) * tilt.get(value.value, 1.0) for value in values]
    return rng.choices([value.value for value in values], weights)[0]


def _survey(
    lead: Membership, proposal: Proposal | None, title: str, *, with_module: bool = False
) -> Survey:
    module = with_module and proposal is not None
    survey = survey_services.survey_create(
        actor=lead,
        title=title,
        introduction=(
            "Thirteen short questions. It takes about ten minutes."
            if module
            else "Five questions. It takes about five minutes."
        ),
        proposal=proposal,
    )
    ask = survey_services.question_add
    ask(
        actor=lead,
        survey=survey,
        kind=SurveyQuestion.Kind.LIKERT,
        text="The council should use the data it holds to offer families help before a crisis.",
        choices=survey_services.LIKERT_DEFAULT,
    )
    ask(
        actor=lead,
        survey=survey,
        kind=SurveyQuestion.Kind.SINGLE,
        text="Should a computer model be allowed to suggest which families to contact?",
        choices=["Yes", "Yes, if a person always decides", "No", "Don't know"],
    )
    ask(
        actor=lead,
        survey=survey,
        kind=SurveyQuestion.Kind.FRAMEWORK_SCALE,
        text="How compatible is this use with the reasons the data was collected?",
        left_anchor="Not at all compatible",
        right_anchor="Fully compatible",
    )
    ask(
        actor=lead,
        survey=survey,
        kind=SurveyQuestion.Kind.MULTIPLE,
        text="Which of these would make you more comfortable with the proposal?",
        choices=[
            "Families are told how their data is used",
            "A person decides, not a computer",
            "An independent review every year",
            "The data is deleted after two years",
        ],
    )
    ask(
        actor=lead,
        survey=survey,
        kind=SurveyQuestion.Kind.FREE_TEXT,
        text="Is there anything else you want the council to know?",
        required=False,
    )
    if module and proposal is not None:
        acceptability.module_add(
            actor=lead,
            survey=survey,
            elicitation="points",
            description=(
                "The council wants to use information it already holds about families (school "
                "attendance, housing and contact with its services) in a computer model that "
                "suggests which families might benefit from early help. A social worker would "
                "look at every suggestion and decide whether to offer help; families could say "
                "no. The data would stay with the council and be deleted after two years."
            ),
        )
    return survey_services.survey_mark_ready(actor=lead, survey=survey)


def _wave(
    lead: Membership,
    panel: Panel,
    proposal: Proposal | None,
    demo: DemoWave,
    rng: random.Random,
) -> None:
    survey = _survey(lead, proposal, demo.survey_title, with_module=demo is WAVES[0])
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        # The demo's residents have no real mailboxes: the invitations are "sent" nowhere.
        wave = panel_waves.wave_create(
            actor=lead,
            panel=panel,
            name=demo.name,
            survey=survey,
            closes_at=timezone.now() + timedelta(weeks=3),
            reminder_days=[7],
            sample_size=demo.sample_size,
            strata="age" if demo.sample_size else "",
        )
        panel_waves.wave_send(actor=lead, wave=wave)
        _answers(wave, survey, rng, later=demo.sample_size is not None)
        panel_waves.wave_close(actor=lead, wave=wave)
        panel_waves.wave_feedback_publish(actor=lead, wave=wave, feedback=demo.feedback)
        # Deliver now, to nowhere, everything the wave queued (the sending task would otherwise
        # run when the demo's transaction commits, and print every email); the reminders of a
        # wave that is over are not sent.
        panel_waves.messages_send_due()
        wave.messages.filter(status=Message.Status.PENDING).update(
            status=Message.Status.SKIPPED, error="The demo's wave is over"
        )
    # Put the wave where it happened in time.
    sent = timezone.now() - timedelta(weeks=demo.weeks_ago)
    Wave.objects.filter(pk=wave.pk).update(
        sent_at=sent,
        created_at=sent - timedelta(days=2),
        closes_at=sent + timedelta(weeks=3),
        feedback_published_at=sent + timedelta(weeks=6),
    )


@transaction.atomic
def _answers(wave: Wave, survey: Survey, rng: random.Random, *, later: bool) -> None:
    questions = list(survey.questions.order_by("order", "pk"))
    invitations = Invitation.objects.filter(wave_invitation__wave=wave).select_related(
        "wave_invitation__member"
    )
    now = timezone.now()
    responses = []
    for invitation in invitations:
        member = invitation.wave_invitation.member
        rate = ANSWER_RATE[member.profile["age"]] * (WAVE_DECAY if later else 1.0)
        if rng.random() >= rate:
            continue
        responses.append(
            Response(
                invitation=invitation,
                answers=_answer(questions, member, rng),
                started_at=now,
                submitted_at=now,
            )
        )
    Response.objects.bulk_create(responses)
    Invitation.objects.filter(response__isnull=False, opened_at__isnull=True).update(opened_at=now)


def _answer(
    questions: list[SurveyQuestion], member: Member, rng: random.Random
) -> dict[str, object]:
    """A resident's answers, leaning the way their group tends to: older people and owners a
    little more in favour, people who rent more wary of a computer deciding."""
    lean = 0.15 if member.profile["age"] in {"55-64", "65-74", "75+"} else -0.05
    lean += -0.1 if member.profile["tenure"] in {"social-rent", "private-rent"} else 0.05
    answers: dict[str, object] = {}
    # The module's answers draw from their own stream, so the other answers stay as they were.
    module_rng = random.Random(f"{SEED}-{member.pseudonym}")  # noqa: S311 (synthetic answers)
    for question in questions:
        values = [choice["value"] for choice in question.choices]
        if question.kind in acceptability.MODULE_KINDS:
            answers[str(question.pk)] = _module_answer(question, lean, module_rng)
        elif question.kind == SurveyQuestion.Kind.MULTIPLE:
            picked = [value for value in values if rng.random() < 0.45 + lean / 2]
            answers[str(question.pk)] = picked or values[:1]
        elif question.kind == SurveyQuestion.Kind.FREE_TEXT:
            if rng.random() < 0.2:
                answers[str(question.pk)] = rng.choice(
                    [
                        "Tell families first.",
                        "I worry about mistakes being made about people.",
                        "Good idea if it is used to help, not to punish.",
                    ]
                )
        else:
            # From the least to the most in favour: the framework's scale runs that way; the
            # Likert scale and the single choice here run from the most in favour.
            ordered = (
                values
                if question.kind == SurveyQuestion.Kind.FRAMEWORK_SCALE
                else list(
                    reversed(values[:3] if question.kind == SurveyQuestion.Kind.SINGLE else values)
                )
            )
            position = min(max(rng.gauss(0.55 + lean, 0.25), 0.0), 0.999)
            answers[str(question.pk)] = ordered[int(position * len(ordered))]
    return answers


#: Conditions residents write, so that some recur.
CONDITIONS = (
    "A social worker always decides, not the computer",
    "Families are told how their data is used",
    "Never sold to companies",
    "Only used to offer help, never to punish",
    "Deleted after two years",
)


def _weights_answer(question: SurveyQuestion, rng: random.Random) -> dict[str, int]:
    if question.kind == SurveyQuestion.Kind.ACCEPTABILITY_RANKING:
        ranks = list(range(1, len(question.rows) + 1))
        rng.shuffle(ranks)
        return {row["value"]: rank for row, rank in zip(question.rows, ranks, strict=True)}
    shares = [rng.random() + 0.2 for _ in question.rows]
    points = [int(100 * share / sum(shares)) for share in shares]
    points[0] += 100 - sum(points)
    return {row["value"]: value for row, value in zip(question.rows, points, strict=True)}


def _decision_answer(lean: float, rng: random.Random) -> dict[str, str]:
    leaning = rng.gauss(0.55 + lean, 0.25)
    if leaning > 0.75:
        return {"decision": "yes", "conditions": ""}
    if leaning > 0.4:
        picked = rng.sample(CONDITIONS, k=rng.choice([1, 1, 2]))
        return {"decision": "yes_with_conditions", "conditions": ". ".join(picked)}
    return {"decision": rng.choice(["no", "no", "dont_know"]), "conditions": ""}


def _module_answer(question: SurveyQuestion, lean: float, rng: random.Random) -> object:
    """A resident's answer to one page of the acceptability module, leaning as ``_answer``'s
    do: points shared at random, positions from the same lean, some "don't know"."""
    kind = SurveyQuestion.Kind
    if question.kind in (kind.ACCEPTABILITY_POINTS, kind.ACCEPTABILITY_RANKING):
        return _weights_answer(question, rng)
    if question.kind == kind.ACCEPTABILITY_RATING:
        if rng.random() < 0.08:
            return "dont_know"
        position = min(max(rng.gauss(0.55 + lean, 0.25), 0.0), 0.999)
        return str(1 + int(position * 4))
    if question.kind == kind.ACCEPTABILITY_CONFIDENCE:
        return rng.choice(["2", "3", "3", "3", "4", "4", "1"])
    return _decision_answer(lean, rng)
