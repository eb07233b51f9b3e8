"""A Citizens' Jury's process (Appendix C): sessions over 2 to 7 days in three stages with their
agendas, expert witnesses and their perspectives, the evidence pack, jurors' questions and the
answers, attendance and expenses, recommendations drafted in deliberation and the secret ballots
on them, the verdict, the public forum and the final report.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publicbenefit.juries.models.selection import Juror, Jury


class JurySession(models.Model):
    """One day (or half-day) of the jury, in one of Appendix C's three stages."""

    class Stage(models.TextChoices):
        UNDERSTANDING = "understanding", _("Understanding the process")
        EVIDENCE = "evidence", _("Hearing from expert witnesses")
        DELIBERATION = "deliberation", _("Concluding deliberation")

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="sessions")
    stage = models.CharField(_("stage"), max_length=15, choices=Stage.choices)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts"))
    ends_at = models.TimeField(_("ends"))
    location = models.CharField(_("where"), max_length=300)

    class Meta:
        ordering = ["date", "starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}, {self.date:%-d %B %Y} at {self.starts_at:%H:%M}"


class Witness(models.Model):
    """An expert witness, with the perspective they bring, so the list can be checked for
    balance."""

    class Perspective(models.TextChoices):
        FOR = "for", _("For the proposal")
        AGAINST = "against", _("Against the proposal")
        NEUTRAL = "neutral", _("Neutral or technical")
        LIVED_EXPERIENCE = "lived", _("Lived experience")

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="witnesses")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role and organisation"), max_length=300)
    perspective = models.CharField(_("perspective"), max_length=10, choices=Perspective.choices)
    summary = models.TextField(_("what they will speak about"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = "witnesses"

    def __str__(self) -> str:
        return self.name


class AgendaItem(models.Model):
    """One item on a session's agenda, perhaps a witness's evidence."""

    session = models.ForeignKey(JurySession, on_delete=models.CASCADE, related_name="items")
    starts_at = models.TimeField(_("time"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    witness = models.ForeignKey(
        Witness, null=True, blank=True, on_delete=models.SET_NULL, related_name="agenda_items"
    )

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class EvidenceItem(models.Model):
    """A document in the evidence pack jurors read, perhaps from a witness."""

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    witness = models.ForeignKey(
        Witness, null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    document = models.FileField(_("document"), upload_to="juries/evidence/", blank=True)
    link = models.URLField(_("web address"), blank=True)
    order = models.PositiveIntegerField(default=0)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class JurorQuestion(models.Model):
    """A question jurors put to a witness (or to the organisers), logged with its answer."""

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="questions")
    witness = models.ForeignKey(
        Witness, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    asked_by = models.ForeignKey(
        Juror, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    asked_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]

    def __str__(self) -> str:
        return self.question[:60]


class Attendance(models.Model):
    """Whether a juror came to a session."""

    session = models.ForeignKey(JurySession, on_delete=models.CASCADE, related_name="attendance")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(default=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "juror"], name="one_attendance_per_juror")
        ]

    def __str__(self) -> str:
        return f"{self.juror} at {self.session}"


class ExpenseClaim(models.Model):
    """A juror's claim for travel, care or other costs of taking part."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")
        PAID = "paid", _("Paid")

    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="expense_claims")
    description = models.CharField(_("what it was for"), max_length=300)
    amount = models.DecimalField(_("amount in pounds"), max_digits=8, decimal_places=2)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.description} ({self.amount})"


class Recommendation(models.Model):
    """A recommendation drafted in deliberation, and the result of the vote on it. Device votes
    are ``Ballot`` rows; votes counted from paper are added as totals."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        VOTING = "voting", _("Voting open")
        CLOSED = "closed", _("Voted on")

    jury = models.ForeignKey(Jury, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    order = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    paper_for = models.PositiveSmallIntegerField(default=0)
    paper_against = models.PositiveSmallIntegerField(default=0)
    paper_abstain = models.PositiveSmallIntegerField(default=0)
    drafted_at = models.DateTimeField(default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    #: Whether it reached the jury's threshold, set when the vote closes.
    supported = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Ballot(models.Model):
    """One secret vote cast on a device. It names no juror: ``BallotCast`` records who has
    voted, this records how, and nothing links the two. Its key is random, not a sequence,
    and it has no time, so the order ballots were cast in cannot be matched to the order of
    the ``BallotCast`` rows."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Choice(models.TextChoices):
        FOR = "for", _("Support")
        AGAINST = "against", _("Oppose")
        ABSTAIN = "abstain", _("Abstain")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="ballots"
    )
    choice = models.CharField(max_length=10, choices=Choice.choices)

    def __str__(self) -> str:
        return f"{self.get_choice_display()} on {self.recommendation}"


class BallotCast(models.Model):
    """That a juror has voted on a recommendation (not how), so nobody votes twice."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="casts"
    )
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="casts")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "juror"], name="one_ballot_per_juror")
        ]

    def __str__(self) -> str:
        return f"{self.juror} voted on {self.recommendation}"


class Verdict(models.Model):
    """The jury's answer to its charge question, published once agreed."""

    class ReachedBy(models.TextChoices):
        CONSENSUS = "consensus", _("Consensus")
        VOTE = "vote", _("Vote")

    jury = models.OneToOneField(Jury, on_delete=models.CASCADE, related_name="verdict")
    text = models.TextField(_("verdict"))
    reached_by = models.CharField(_("reached by"), max_length=10, choices=ReachedBy.choices)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Verdict of {self.jury}"


class PublicForum(models.Model):
    """The public forum at which the jury presents its verdict."""

    jury = models.OneToOneField(Jury, on_delete=models.CASCADE, related_name="forum")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("where"), max_length=300)
    attendees = models.PositiveIntegerField(_("people who came"), null=True, blank=True)
    record = models.TextField(_("what happened"), blank=True)

    def __str__(self) -> str:
        return f"Public forum of {self.jury}"


class FinalReport(models.Model):
    """The final report, due two to three weeks after the last session."""

    jury = models.OneToOneField(Jury, on_delete=models.CASCADE, related_name="final_report")
    summary = models.TextField(_("summary"))
    organisers_response = models.TextField(_("the organisation's response"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Final report of {self.jury}"
