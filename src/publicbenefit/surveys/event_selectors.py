"""Reads for event codes: a survey's batches, one batch (scoped to the survey, so to its
organisation), what has come back from a batch (counts only), the codes to print, the
invitation behind a code typed from a paper form, and the submitted responses of a survey or of
one batch, for the unweighted score."""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from publicbenefit.surveys.models import EventBatch, Invitation, Response, Survey


def batch_list(*, survey: Survey) -> QuerySet[EventBatch]:
    """The survey's batches of event codes, newest first, with how many codes each holds."""
    return EventBatch.objects.filter(survey=survey).annotate(issued=Count("invitations"))


def batch_get(*, survey: Survey, pk: int) -> EventBatch:
    """One of the survey's batches (404 for any other)."""
    try:
        return EventBatch.objects.select_related("survey").get(survey=survey, pk=pk)
    except EventBatch.DoesNotExist:
        raise Http404 from None


def batch_counts(*, batch: EventBatch) -> dict[str, int]:
    """How many codes the batch holds (``issued``), were opened and were answered."""
    counts: dict[str, Any] = Invitation.objects.filter(event_batch=batch).aggregate(
        issued=Count("pk"),
        opened=Count("pk", filter=Q(opened_at__isnull=False)),
        answered=Count("response", filter=Q(response__submitted_at__isnull=False)),
    )
    return {key: int(value or 0) for key, value in counts.items()}


def batch_codes(*, batch: EventBatch) -> list[str]:
    """The batch's codes in their stored form, in the order they were issued."""
    return list(
        Invitation.objects.filter(event_batch=batch)
        .order_by("pk")
        .values_list("letter_code", flat=True)
    )


def invitation_for_code(*, survey: Survey, code: str) -> Invitation | None:
    """The survey's invitation with this letter code (already normalised), or ``None``."""
    if not code:
        return None
    return Invitation.objects.filter(survey=survey, letter_code=code).first()


def submitted(*, survey: Survey, batch: EventBatch | None = None) -> QuerySet[Response]:
    """The survey's submitted responses (of one batch when ``batch`` is given), oldest first."""
    responses = Response.objects.filter(invitation__survey=survey, submitted_at__isnull=False)
    if batch is not None:
        responses = responses.filter(invitation__event_batch=batch)
    return responses.select_related("invitation").order_by("submitted_at", "pk")
