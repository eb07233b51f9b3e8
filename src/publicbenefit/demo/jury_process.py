"""The demo jury's process, from its first session to its published final report: four sessions
over three days in Appendix C's three stages with their agendas, four balanced witnesses, a small
evidence pack, jurors' questions with their answers, attendance, expenses, three recommendations
voted on by secret ballot (two supported), a published verdict, the public forum and the
published final report.

Everything is made through the process services, as the engagement lead and as the jurors (from
their own pages), so the demo shows what the pages do. The dates are set in the past, so that
the report reads as a finished jury. Running it again on a jury that already has a programme
changes nothing.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from publicbenefit.accounts.models import Membership, User
from publicbenefit.juries.models import (
    Attendance,
    ExpenseClaim,
    FinalReport,
    Juror,
    Jury,
    JurySession,
    Verdict,
    Witness,
)
from publicbenefit.juries.services import (
    process_juror,
    process_report,
    process_sessions,
    process_votes,
    process_witnesses,
)

Stage = JurySession.Stage
Perspective = Witness.Perspective

#: The first day of the jury, this many days before today.
STARTED_DAYS_AGO = 45

#: (day, stage, starts, ends, [(time, title, witness index or None)]).
SESSIONS = (
    (
        0,
        Stage.UNDERSTANDING,
        time(10),
        time(16),
        [
            (time(10), "Welcome, introductions and how the jury works", None),
            (
                time(11, 30),
                "The charge question and what the council will do with the answer",
                None,
            ),
            (time(14), "Predictive modelling in plain English", 2),
        ],
    ),
    (
        1,
        Stage.EVIDENCE,
        time(9, 30),
        time(12, 30),
        [
            (time(9, 30), "The case for using the model", 0),
            (time(11), "The case against", 1),
        ],
    ),
    (
        1,
        Stage.EVIDENCE,
        time(13, 30),
        time(16, 30),
        [
            (time(13, 30), "A family's experience of early help", 3),
            (time(15), "Questions to the witnesses", None),
        ],
    ),
    (
        2,
        Stage.DELIBERATION,
        time(10),
        time(16),
        [
            (time(10), "Drafting recommendations in small groups", None),
            (time(13, 30), "Voting on the recommendations", None),
            (time(15), "Agreeing the verdict", None),
        ],
    ),
)

WITNESSES = (
    (
        "Dr Helen Ashworth",
        "Director of Children's Services, Calderbrook City Council",
        Perspective.FOR,
        "Why the council wants to use the model, and the families it could reach sooner.",
    ),
    (
        "Marcus Obi",
        "Policy officer, Families' Rights Network",
        Perspective.AGAINST,
        "The risk of wrongly flagging families, and what being flagged feels like.",
    ),
    (
        "Professor Ruth Kemp",
        "Statistician, University of Calderbrook",
        Perspective.NEUTRAL,
        "How accurate such models are, and where they go wrong.",
    ),
    (
        "Jade Morris",
        "Parent who received early help",
        Perspective.LIVED_EXPERIENCE,
        "What early help was like for her family, and what she would have wanted to know.",
    ),
)

QUESTIONS = (
    (
        0,
        "How many families would be wrongly flagged each year?",
        (
            "About one in five families flagged would not have needed help. "
            "A social worker reviews "
            "every flag before anyone is contacted."
        ),
    ),
    (
        1,
        "Can a family ask for their data to be left out?",
        (
            "Not under the current proposal, because it relies on the council's public task. "
            "Families "
            "can object, and each objection is considered."
        ),
    ),
    (
        None,
        "Will we see the final report before it is published?",
        "Yes. Every juror gets a draft a week before publication.",
    ),
)

#: The recommendations and the share of jurors who support, oppose and abstain.
RECOMMENDATIONS = (
    (
        "A trained practitioner, never the model alone, decides whether to contact a family.",
        (0.85, 0.1),
    ),
    (
        (
            "The council publishes each year how often the model flagged families and how often it "
            "was wrong."
        ),
        (0.75, 0.2),
    ),
    ("Families can opt out of the model entirely.", (0.4, 0.55)),
)

VERDICT = (
    "The council should use predictive modelling to offer families early help, but only with "
    "safeguards: a practitioner always decides, families are told how their data is used, and "
    "the council reports every year on how the model performs."
)


def _membership(jury: Jury, actor_user: User) -> Membership:
    return Membership.objects.get(user=actor_user, organisation=jury.organisation)


@transaction.atomic
def demo_jury_process(jury: Jury, actor_user: User, rng: random.Random) -> bool:
    """Run the jury's process to its published report; ``False`` (and nothing changed) if the
    jury already has a programme."""
    if jury.sessions.exists():
        return False
    lead = _membership(jury, actor_user)
    jurors = list(jury.jurors.filter(status=Juror.Status.SERVING).order_by("pk"))
    first_day = timezone.localdate() - timedelta(days=STARTED_DAYS_AGO)

    witnesses = [
        process_witnesses.witness_add(
            actor=lead, jury=jury, name=name, role=role, perspective=perspective, summary=summary
        )
        for name, role, perspective, summary in WITNESSES
    ]
    sessions = _programme(lead, jury, witnesses, first_day)
    _evidence(lead, jury, witnesses)
    _questions(lead, jurors, witnesses)
    _attendance(lead, sessions, jurors, rng)
    _expenses(lead, jurors)
    _votes(lead, jury, jurors, rng)
    _finish(lead, jury, first_day + timedelta(days=2))
    return True


def _programme(
    lead: Membership, jury: Jury, witnesses: list[Witness], first_day: date
) -> list[JurySession]:
    sessions = []
    for day, stage, starts, ends, items in SESSIONS:
        session = process_sessions.session_add(
            actor=lead,
            jury=jury,
            stage=stage,
            date=first_day + timedelta(days=day),
            starts_at=starts,
            ends_at=ends,
            location="Calderbrook Town Hall, Committee Room 2",
        )
        for at, title, witness in items:
            process_sessions.agenda_item_add(
                actor=lead,
                session=session,
                starts_at=at,
                title=title,
                witness=None if witness is None else witnesses[witness],
            )
        sessions.append(session)
    return sessions


def _evidence(lead: Membership, jury: Jury, witnesses: list[Witness]) -> None:
    process_witnesses.evidence_add(
        actor=lead,
        jury=jury,
        title="Briefing: the proposal in two pages",
        summary="What the council proposes, what data it would use, and who would see it.",
        document=SimpleUploadedFile(
            "briefing.txt",
            b"The council proposes to use a predictive model to find families who may benefit "
            b"from early help. A trained practitioner reviews every family the model flags.\n",
        ),
    )
    process_witnesses.evidence_add(
        actor=lead,
        jury=jury,
        title="How accurate are risk models in children's services?",
        summary="A short review of published evaluations.",
        witness=witnesses[2],
        link="https://www.example.org/evidence/risk-model-accuracy",
    )
    process_witnesses.evidence_add(
        actor=lead,
        jury=jury,
        title="Families' Rights Network: our concerns",
        witness=witnesses[1],
        link="https://www.example.org/evidence/families-rights-concerns",
    )


def _questions(lead: Membership, jurors: list[Juror], witnesses: list[Witness]) -> None:
    for n, (witness, question, answer) in enumerate(QUESTIONS):
        if jurors:
            asked = process_juror.question_ask(
                juror=jurors[n % len(jurors)],
                question=question,
                witness=None if witness is None else witnesses[witness],
            )
        else:
            asked = process_witnesses.question_add(
                actor=lead, jury=witnesses[0].jury, question=question
            )
        process_witnesses.question_answer(actor=lead, question=asked, answer=answer)


def _attendance(
    lead: Membership, sessions: list[JurySession], jurors: list[Juror], rng: random.Random
) -> None:
    for session in sessions:
        absent = {juror.pk for juror in jurors if rng.random() < 0.05}
        process_sessions.attendance_record(
            actor=lead, session=session, present={juror.pk for juror in jurors} - absent
        )


def _expenses(lead: Membership, jurors: list[Juror]) -> None:
    if len(jurors) < 2:
        return
    process_juror.juror_access_needs_update(
        juror=jurors[1], access_needs="Step-free access and a hearing loop, please."
    )
    paid = process_juror.expense_claim_submit(
        juror=jurors[0], description="Bus fares for the three days", amount=Decimal("12.00")
    )
    process_witnesses.expense_claim_decide(
        actor=lead, claim=paid, status=ExpenseClaim.Status.APPROVED
    )
    process_witnesses.expense_claim_decide(actor=lead, claim=paid, status=ExpenseClaim.Status.PAID)
    process_juror.expense_claim_submit(
        juror=jurors[1], description="Childminder on the second day", amount=Decimal("45.00")
    )


def _votes(lead: Membership, jury: Jury, jurors: list[Juror], rng: random.Random) -> None:
    for text, (support, oppose) in RECOMMENDATIONS:
        recommendation = process_votes.recommendation_add(actor=lead, jury=jury, text=text)
        process_votes.vote_open(actor=lead, recommendation=recommendation)
        voters = list(jurors)
        rng.shuffle(voters)
        supporters = round(support * len(voters))
        opponents = round(oppose * len(voters))
        for n, juror in enumerate(voters):
            choice = (
                "for" if n < supporters else "against" if n < supporters + opponents else "abstain"
            )
            process_juror.ballot_cast(juror=juror, recommendation=recommendation, choice=choice)
        if not voters:
            process_votes.paper_totals_record(
                actor=lead,
                recommendation=recommendation,
                paper_for=0,
                paper_against=0,
                paper_abstain=0,
            )
        else:
            process_votes.vote_close(actor=lead, recommendation=recommendation)


def _finish(lead: Membership, jury: Jury, last_day: date) -> None:
    process_report.verdict_save(actor=lead, jury=jury, text=VERDICT, reached_by="vote")
    process_report.verdict_publish(actor=lead, jury=jury)
    forum_day = last_day + timedelta(days=7)
    process_report.forum_save(
        actor=lead,
        jury=jury,
        held_on=forum_day,
        place="Calderbrook Central Library",
        attendees=86,
        record=(
            "Three jurors presented the verdict and the recommendations. The Director of "
            "Children's Services answered questions from the public for an hour."
        ),
    )
    process_report.final_report_save(
        actor=lead,
        jury=jury,
        summary=(
            f"{jury.jurors.filter(status=Juror.Status.SERVING).count()} residents of "
            f"{jury.area}, chosen by a fair lottery, met over three days, heard from four "
            "witnesses and agreed their verdict and recommendations by secret ballot."
        ),
        organisers_response=(
            "The council accepts both supported recommendations and will publish its first "
            "yearly report on the model twelve months after it starts."
        ),
    )
    process_report.final_report_publish(actor=lead, jury=jury)
    _backdate(jury, last_day)


def _backdate(jury: Jury, last_day: date) -> None:
    """Date what was done as a finished jury's: questions on the evidence day, claims, votes and
    the verdict on the last day, the report 16 days after it."""

    def at(day: date, hour: int) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour)))

    last = at(last_day, 16)
    evidence_day = last_day - timedelta(days=1)
    jury.questions.update(asked_at=at(evidence_day, 15), answered_at=at(evidence_day, 16))
    ExpenseClaim.objects.filter(juror__jury=jury).update(
        submitted_at=last, decided_at=last + timedelta(days=3)
    )
    Attendance.objects.filter(session__jury=jury).update(recorded_at=last)
    jury.recommendations.update(
        drafted_at=at(last_day, 11), opened_at=at(last_day, 14), closed_at=at(last_day, 15)
    )
    Jury.objects.filter(pk=jury.pk).update(threshold_fixed_at=at(last_day, 14))
    Verdict.objects.filter(jury=jury).update(published_at=last)
    FinalReport.objects.filter(jury=jury).update(published_at=last + timedelta(days=16))
