"""A Citizens' Jury's records: ``selection`` (the jury, its quotas, the pool, the lotteries, the
draw and the jurors) and ``process`` (sessions, witnesses, evidence, questions, attendance,
expenses, recommendations and ballots, the verdict, the public forum and the final report).

Contact details (name, email, phone, postal address) are held on ``Volunteer`` only; everything
else refers to a volunteer by ``pseudonym``.
"""

from publicbenefit.juries.models.process import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotCast,
    EvidenceItem,
    ExpenseClaim,
    FinalReport,
    JurorQuestion,
    JurySession,
    PublicForum,
    Recommendation,
    Verdict,
    Witness,
)
from publicbenefit.juries.models.selection import (
    Draw,
    Juror,
    Jury,
    JuryFeature,
    JuryLetter,
    JuryLetterBatch,
    JuryValue,
    Lottery,
    Volunteer,
)

__all__ = [
    "AgendaItem",
    "Attendance",
    "Ballot",
    "BallotCast",
    "Draw",
    "EvidenceItem",
    "ExpenseClaim",
    "FinalReport",
    "Juror",
    "JurorQuestion",
    "Jury",
    "JuryFeature",
    "JuryLetter",
    "JuryLetterBatch",
    "JurySession",
    "JuryValue",
    "Lottery",
    "PublicForum",
    "Recommendation",
    "Verdict",
    "Volunteer",
    "Witness",
]
