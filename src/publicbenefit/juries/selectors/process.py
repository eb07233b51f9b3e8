"""Reads for a jury's process: the juror behind a page link, the programme and its warnings,
the witness list and its balance, the evidence pack, questions, attendance, expenses, the
recommendations and their vote counts, and when the final report is due."""

import datetime
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Organisation
from publicbenefit.accounts.tokens import token_hash
from publicbenefit.common.public_links import LinkExpiredError, expired
from publicbenefit.juries.models import (
    AgendaItem,
    Attendance,
    Ballot,
    EvidenceItem,
    ExpenseClaim,
    FinalReport,
    Juror,
    JurorQuestion,
    Jury,
    JurySession,
    PublicForum,
    Recommendation,
    Verdict,
    Witness,
)

#: Appendix C: the jury deliberates over 2 to 7 days.
FEWEST_DAYS = 2
MOST_DAYS = 7
#: Appendix C: the final report follows two to three weeks after the last session.
REPORT_DUE_FROM = timedelta(weeks=2)
REPORT_DUE_BY = timedelta(weeks=3)

STAGE_ORDER = [
    JurySession.Stage.UNDERSTANDING,
    JurySession.Stage.EVIDENCE,
    JurySession.Stage.DELIBERATION,
]


# The jury and the juror.


def jury_get(*, organisation: Organisation, pk: int) -> Jury:
    """The organisation's jury, or 404 (another organisation's jury does not exist here)."""
    jury = Jury.objects.filter(organisation=organisation, pk=pk).first()
    if jury is None:
        raise Http404
    return jury


def juror_by_token(*, token: str) -> Juror | None:
    """The serving juror whose page link carries ``token``; ``None`` for an unknown or altered
    token and for a juror who has dropped out. Only the hash is looked up.

    Raises ``LinkExpiredError`` (410) once ``PUBLIC_LINK_LIFETIMES["juror"]`` has passed since the
    later of the jury's last session and the publication of its final report."""
    juror = (
        Juror.objects.select_related("jury__organisation", "volunteer")
        .filter(page_token_hash=token_hash(token), status=Juror.Status.SERVING)
        .first()
    )
    if juror is not None and expired("juror", juror_link_counts_from(jury=juror.jury)):
        raise LinkExpiredError("juror", juror.jury.organisation)
    return juror


def juror_link_counts_from(*, jury: Jury) -> datetime.datetime | datetime.date | None:
    """When a juror's page link starts running out: the later of the jury's last session day
    and its final report's publication (``None`` while the jury has neither)."""
    last_session = jury.sessions.order_by("-date").values_list("date", flat=True).first()
    published = (
        FinalReport.objects.filter(jury=jury, published_at__isnull=False)
        .values_list("published_at", flat=True)
        .first()
    )
    moments = [
        timezone.make_aware(datetime.datetime.combine(last_session, datetime.time.max))
        if last_session
        else None,
        published,
    ]
    return max((moment for moment in moments if moment is not None), default=None)


def serving_jurors(*, jury: Jury) -> QuerySet[Juror]:
    return (
        jury.jurors.filter(status=Juror.Status.SERVING)
        .select_related("volunteer", "replaces__volunteer")
        .order_by("volunteer__pseudonym")
    )


def juror_changes(*, jury: Jury) -> QuerySet[Juror]:
    """Jurors who dropped out, each with the juror drawn to replace them (if any)."""
    return (
        jury.jurors.filter(status=Juror.Status.DROPPED)
        .select_related("volunteer", "replaced_by__volunteer")
        .order_by("dropped_at", "pk")
    )


# The programme.


def sessions(*, jury: Jury) -> list[JurySession]:
    return list(jury.sessions.prefetch_related("items__witness"))


def session_get(*, jury: Jury, pk: int) -> JurySession:
    session = jury.sessions.filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def agenda_item_get(*, jury: Jury, pk: int) -> AgendaItem:
    """One item on the agenda of one of the jury's sessions (404 for any other)."""
    item = AgendaItem.objects.filter(session__jury=jury, pk=pk).select_related("session").first()
    if item is None:
        raise Http404
    return item


def programme_warnings(*, jury: Jury) -> list[str]:
    """What is wrong with the programme against Appendix C, in plain English."""
    programme = list(jury.sessions.all())
    if not programme:
        return [_("There are no sessions yet.")]
    warnings = []
    days = (programme[-1].date - programme[0].date).days + 1
    if days < FEWEST_DAYS:
        warnings.append(
            _("The sessions span 1 day. A jury needs at least %(fewest)s days to deliberate.")
            % {"fewest": FEWEST_DAYS}
        )
    elif days > MOST_DAYS:
        warnings.append(
            _("The sessions span %(days)s days. A jury should finish within %(most)s days.")
            % {"days": days, "most": MOST_DAYS}
        )
    stages = {session.stage for session in programme}
    for stage in STAGE_ORDER:
        if stage not in stages:
            warnings.append(
                _("There is no session for the stage “%(stage)s”.") % {"stage": stage.label}
            )
    highest = 0
    for session in programme:
        rank = STAGE_ORDER.index(JurySession.Stage(session.stage))
        if rank < highest:
            warnings.append(
                _(
                    "The stages are out of order: “%(stage)s” on %(date)s comes after "
                    "“%(before)s”. Hold understanding first, then evidence, then deliberation."
                )
                % {
                    "stage": session.get_stage_display(),
                    "date": session.date.strftime("%-d %B %Y"),
                    "before": STAGE_ORDER[highest].label,
                }
            )
            break
        highest = rank
    return warnings


# Witnesses and evidence.


def witnesses(*, jury: Jury) -> QuerySet[Witness]:
    return jury.witnesses.all()


def witness_get(*, jury: Jury, pk: int) -> Witness:
    witness = jury.witnesses.filter(pk=pk).first()
    if witness is None:
        raise Http404
    return witness


def witness_counts(*, jury: Jury) -> dict[str, int]:
    counts = dict.fromkeys(Witness.Perspective.values, 0)
    for row in jury.witnesses.values("perspective").annotate(n=Count("pk")):
        counts[row["perspective"]] = row["n"]
    return counts


def witness_balance(*, jury: Jury) -> list[str]:
    """Warnings when the witness list leans one way, saying which way."""
    counts = witness_counts(jury=jury)
    if not any(counts.values()):
        return []
    in_favour = counts[Witness.Perspective.FOR]
    against = counts[Witness.Perspective.AGAINST]
    warnings = []
    if in_favour > against + 1:
        warnings.append(
            _(
                "The witness list leans towards the proposal: %(for)s speak for it and only "
                "%(against)s against it. Add a witness against the proposal."
            )
            % {"for": in_favour, "against": against}
        )
    elif against > in_favour + 1:
        warnings.append(
            _(
                "The witness list leans against the proposal: %(against)s speak against it and "
                "only %(for)s for it. Add a witness for the proposal."
            )
            % {"for": in_favour, "against": against}
        )
    if not counts[Witness.Perspective.LIVED_EXPERIENCE]:
        warnings.append(
            _(
                "No witness brings lived experience. Add someone affected by the proposal, "
                "so the jury does not hear only from professionals."
            )
        )
    return warnings


def evidence(*, jury: Jury) -> QuerySet[EvidenceItem]:
    return jury.evidence.select_related("witness")


def evidence_get(*, jury: Jury, pk: int) -> EvidenceItem:
    item = jury.evidence.filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


# Questions, attendance and expenses.


def questions(*, jury: Jury) -> QuerySet[JurorQuestion]:
    return jury.questions.select_related("witness", "asked_by__volunteer")


def question_get(*, jury: Jury, pk: int) -> JurorQuestion:
    question = jury.questions.filter(pk=pk).first()
    if question is None:
        raise Http404
    return question


def juror_claims(*, juror: Juror) -> QuerySet[ExpenseClaim]:
    return juror.expense_claims.all()


def juror_has_voted(*, juror: Juror, recommendation: Recommendation) -> bool:
    return juror.casts.filter(recommendation=recommendation).exists()


def juror_questions(*, juror: Juror) -> QuerySet[JurorQuestion]:
    return juror.questions.select_related("witness")


@dataclass(frozen=True)
class SessionAttendance:
    session: JurySession
    present: set[int]
    recorded: bool


def attendance(*, jury: Jury) -> list[SessionAttendance]:
    """For each session, the jurors recorded present, and whether attendance was taken."""
    rows = Attendance.objects.filter(session__jury=jury).values("session_id", "juror_id", "present")
    present: dict[int, set[int]] = {}
    recorded: set[int] = set()
    for row in rows:
        recorded.add(row["session_id"])
        if row["present"]:
            present.setdefault(row["session_id"], set()).add(row["juror_id"])
    return [
        SessionAttendance(
            session=session,
            present=present.get(session.pk, set()),
            recorded=session.pk in recorded,
        )
        for session in jury.sessions.all()
    ]


def expense_claims(*, jury: Jury) -> QuerySet[ExpenseClaim]:
    return ExpenseClaim.objects.filter(juror__jury=jury).select_related("juror__volunteer")


def expense_claim_get(*, jury: Jury, pk: int) -> ExpenseClaim:
    claim = expense_claims(jury=jury).filter(pk=pk).first()
    if claim is None:
        raise Http404
    return claim


# Recommendations and votes.


@dataclass(frozen=True)
class VoteCount:
    """Device ballots and paper totals added together."""

    support: int
    oppose: int
    abstain: int
    device: int

    @property
    def cast(self) -> int:
        """Votes cast, not counting abstentions: what the threshold is measured against."""
        return self.support + self.oppose

    @property
    def total(self) -> int:
        return self.support + self.oppose + self.abstain


def vote_count(*, recommendation: Recommendation) -> VoteCount:
    device = dict(recommendation.ballots.values_list("choice").annotate(n=Count("pk")).order_by())
    return VoteCount(
        support=device.get(Ballot.Choice.FOR, 0) + recommendation.paper_for,
        oppose=device.get(Ballot.Choice.AGAINST, 0) + recommendation.paper_against,
        abstain=device.get(Ballot.Choice.ABSTAIN, 0) + recommendation.paper_abstain,
        device=sum(device.values()),
    )


def threshold_met(*, threshold: str, count: VoteCount) -> bool:
    """Whether a recommendation with these votes is supported. Abstentions are not votes cast;
    a recommendation nobody voted on is not supported."""
    if count.support == 0:
        return False
    if threshold == Jury.Threshold.CONSENSUS:
        return count.oppose == 0
    if threshold == Jury.Threshold.TWO_THIRDS:
        return 3 * count.support >= 2 * count.cast
    return count.support > count.oppose


def recommendations(*, jury: Jury) -> QuerySet[Recommendation]:
    return jury.recommendations.all()


def recommendation_get(*, jury: Jury, pk: int) -> Recommendation:
    recommendation = jury.recommendations.filter(pk=pk).first()
    if recommendation is None:
        raise Http404
    return recommendation


def recommendations_with_counts(*, jury: Jury) -> list[tuple[Recommendation, VoteCount]]:
    return [
        (recommendation, vote_count(recommendation=recommendation))
        for recommendation in jury.recommendations.all()
    ]


def open_votes_for(*, juror: Juror) -> list[tuple[Recommendation, bool]]:
    """The recommendations open for voting, each with whether this juror has voted on it."""
    voted = set(juror.casts.values_list("recommendation_id", flat=True))
    return [
        (recommendation, recommendation.pk in voted)
        for recommendation in juror.jury.recommendations.filter(status=Recommendation.Status.VOTING)
    ]


# Verdict, forum and report.


def verdict_of(*, jury: Jury) -> Verdict | None:
    return Verdict.objects.filter(jury=jury).first()


def forum_of(*, jury: Jury) -> PublicForum | None:
    return PublicForum.objects.filter(jury=jury).first()


def final_report_of(*, jury: Jury) -> FinalReport | None:
    return FinalReport.objects.filter(jury=jury).first()


@dataclass(frozen=True)
class ReportDue:
    last_session: date | None
    due_from: date | None
    due_by: date | None
    published: date | None
    overdue: bool


def jury_with_published_report(*, pk: int) -> Jury:
    """The jury, for the public, once its final report is published; otherwise 404."""
    jury = (
        Jury.objects.select_related("organisation")
        .filter(pk=pk, final_report__published_at__isnull=False)
        .first()
    )
    if jury is None:
        raise Http404
    return jury


def report_due(*, jury: Jury, today: date | None = None) -> ReportDue:
    """When the final report is due: two to three weeks after the last session; overdue after
    three weeks if it is not published."""
    last = jury.sessions.order_by("-date").values_list("date", flat=True).first()
    report = final_report_of(jury=jury)
    published = timezone.localdate(report.published_at) if report and report.published_at else None
    if last is None:
        return ReportDue(None, None, None, published, overdue=False)
    today = today or timezone.localdate()
    due_by = last + REPORT_DUE_BY
    return ReportDue(
        last, last + REPORT_DUE_FROM, due_by, published, not published and today > due_by
    )


def process_counts(*, jury: Jury) -> dict[str, int]:
    """Counts for the hub page's process section."""
    return {
        "sessions": jury.sessions.count(),
        "witnesses": jury.witnesses.count(),
        "evidence": jury.evidence.count(),
        "questions": jury.questions.count(),
        "unanswered": jury.questions.filter(answer="").count(),
        "claims": ExpenseClaim.objects.filter(
            juror__jury=jury, status=ExpenseClaim.Status.SUBMITTED
        ).count(),
        "recommendations": jury.recommendations.count(),
        "voting": jury.recommendations.filter(status=Recommendation.Status.VOTING).count(),
        "serving": jury.jurors.filter(status=Juror.Status.SERVING).count(),
        "dropped": jury.jurors.filter(~Q(status=Juror.Status.SERVING)).count(),
    }
