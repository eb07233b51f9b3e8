"""Writes for event codes: issuing a named batch of single-use letter codes for a survey, to be
handed out at a dialogue event, to a jury or elsewhere, and answered on a tablet or on paper.

Each code is an ordinary invitation (:func:`services.invitation_issue` with a letter code) whose
pseudonymous respondent is ``event-<batch id>-<n>``: nothing about the person is kept.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.surveys import rules, services
from publicbenefit.surveys.models import EventBatch, Invitation, Survey

#: The most codes one batch may hold (a large event; print another batch for more).
MAX_CODES = 300


def event_respondent(batch: EventBatch, number: int) -> str:
    """The pseudonymous respondent of the ``number``-th code of ``batch``."""
    return f"event-{batch.pk}-{number}"


@transaction.atomic
def event_batch_issue(
    *,
    actor: Membership,
    survey: Survey,
    name: str,
    kind: str,
    count: int,
    closes_at: datetime.datetime,
) -> EventBatch:
    """Issue ``count`` single-use codes for ``survey`` (which must be ready), valid until
    ``closes_at``, as a batch called ``name`` of the ``kind`` of event. Refused with a
    ``ValidationError`` naming the field, changing nothing."""
    if not rules.can_change(actor, survey):
        raise PermissionDenied
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != Survey.Status.READY:
        raise ValidationError({"survey": _("Mark the survey ready before issuing codes")})
    name = name.strip()
    if not name or len(name) > 200:
        raise ValidationError({"name": _("Enter a name for the batch of 1 to 200 characters")})
    if kind not in EventBatch.Kind.values:
        raise ValidationError({"kind": _("Select the kind of event")})
    if not 1 <= count <= MAX_CODES:
        raise ValidationError(
            {"count": _("Issue between 1 and %(max)s codes in one batch") % {"max": MAX_CODES}}
        )
    if closes_at <= timezone.now():
        raise ValidationError({"closes_at": _("The close date must be in the future")})
    batch = EventBatch.objects.create(
        survey=survey, name=name, kind=kind, created_by=actor.user, closes_at=closes_at
    )
    issued = [
        services.invitation_issue(
            survey=survey,
            respondent=event_respondent(batch, number),
            closes_at=closes_at,
            with_letter_code=True,
        )[0].pk
        for number in range(1, count + 1)
    ]
    Invitation.objects.filter(pk__in=issued).update(event_batch=batch)
    return batch
