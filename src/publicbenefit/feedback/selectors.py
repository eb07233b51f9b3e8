"""Reads for "hear what happened": where a participant reads what was done with what they said,
and how a decision's messages went."""

from django.db.models import Count
from django.urls import reverse

from publicbenefit.decisions.models import Decision
from publicbenefit.feedback.models import HearBack
from publicbenefit.proposals.models import Proposal


def you_said_we_did_url(proposal: Proposal) -> str:
    """The public "you said, we did" page of the proposal on the register."""
    return reverse("register:you_said_we_did", kwargs={"pk": proposal.pk})


def delivery_counts(decision: Decision) -> dict[str, int]:
    """How many of the decision's messages are in each status."""
    counts = dict.fromkeys(HearBack.Status.values, 0)
    for row in decision.hear_backs.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts
