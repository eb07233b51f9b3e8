"""Writes for a jury's lotteries: asking for one (the pool and quotas are checked and frozen as
the lottery's inputs) and computing it (run by a background task), with the legacy method's
probabilities alongside for comparison.

A lottery that cannot be computed is kept with the reason in plain English: for quotas no jury can
meet, which quotas conflict and the smallest relaxation that would make them feasible; for a method
that ran out of time, the time limit.
"""

import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.core.selection import (
    ALGORITHM_VERSIONS,
    Algorithm,
    InfeasibleQuotasError,
    PeopleInvalidError,
    PoolTooSmallError,
    QuotasInvalidError,
    SelectionError,
    SelectionTask,
    SelectionTimeoutError,
    find_distribution,
    inputs_digest,
)
from publicbenefit.juries.models import Jury, Lottery
from publicbenefit.juries.rules import require
from publicbenefit.juries.selectors.lottery import lottery_inputs, task_from_inputs

#: The longest a member may let a method run, in seconds.
LONGEST_TIME_LIMIT = 600


@transaction.atomic
def lottery_request(
    *, actor: Membership, jury: Jury, algorithm: str, time_limit: float = 60
) -> Lottery:
    """Freeze the pool and quotas as a new lottery's inputs, waiting to be computed. Refuses,
    naming the quota or row, when the pool and quotas cannot make a jury at all (a pool smaller
    than the jury, minimums that add up to more than the jury...)."""
    require(actor, jury)
    if algorithm not in Jury.Algorithm.values:
        raise ValidationError({"algorithm": _("Select a method")})
    if not 1 <= time_limit <= LONGEST_TIME_LIMIT:
        raise ValidationError(
            {
                "time_limit": _("The time limit must be between 1 and %(most)s seconds")
                % {"most": LONGEST_TIME_LIMIT}
            }
        )
    inputs = lottery_inputs(jury=jury)
    try:
        task_from_inputs(inputs)
    except PoolTooSmallError as error:
        raise ValidationError(
            _("The pool has %(pool)s volunteers but the jury needs %(size)s: recruit more first")
            % {"pool": error.error_params["pool_size"], "size": jury.size}
        ) from None
    except (QuotasInvalidError, PeopleInvalidError) as error:
        raise ValidationError([str(problem) for problem in error.problems]) from None
    lottery = Lottery.objects.create(
        jury=jury,
        algorithm=algorithm,
        algorithm_version=ALGORITHM_VERSIONS[Algorithm(algorithm)],
        inputs=inputs,
        time_limit=time_limit,
        requested_by=actor.user,
    )
    audit_record(
        actor=actor,
        category=Category.DRAW,
        action="juries.lottery.requested",
        obj=lottery,
        summary=f"Asked for a {algorithm} lottery for {jury.name} over "
        f"{len(inputs.get('people', [])) if isinstance(inputs.get('people'), list) else 'the'} "
        "pool",
    )
    return lottery


def lottery_compute(*, lottery_id: int) -> Lottery:
    """Compute a waiting lottery from its inputs and store the result, or the reason it could
    not be computed. Never raises for the selection's own errors."""
    lottery = Lottery.objects.get(pk=lottery_id)
    if lottery.status != Lottery.Status.QUEUED:
        return lottery
    lottery.status = Lottery.Status.RUNNING
    lottery.save(update_fields=["status"])
    algorithm = Algorithm(lottery.algorithm)
    started = time.monotonic()
    try:
        task = task_from_inputs(lottery.inputs)
        lottery.inputs_digest = inputs_digest(task, algorithm)
        distribution = find_distribution(task, algorithm=algorithm, time_limit=lottery.time_limit)
    except InfeasibleQuotasError as error:
        lottery.status = Lottery.Status.FAILED
        lottery.problem = str(error)
        lottery.relaxation = (
            list(error.relaxation.as_dict()["changes"]) if error.relaxation is not None else []
        )
    except SelectionTimeoutError:
        lottery.status = Lottery.Status.FAILED
        lottery.problem = _(
            "The method did not finish within the time limit of %(limit)s seconds. Allow more "
            "time, try maximin (which gives the same smallest probability sooner), or relax "
            "the quotas."
        ) % {"limit": f"{lottery.time_limit:g}"}
    except SelectionError as error:
        lottery.status = Lottery.Status.FAILED
        lottery.problem = str(error)
    else:
        data = distribution.as_dict()
        lottery.status = Lottery.Status.DONE
        lottery.minimum = distribution.minimum
        lottery.probabilities = data["people"]
        lottery.panels = data["panels"]
        lottery.note = distribution.note
        lottery.seconds = round(time.monotonic() - started, 3)
        if algorithm is Algorithm.LEGACY:
            lottery.legacy, legacy_note = dict(lottery.probabilities), ""
        else:
            lottery.legacy, legacy_note = _legacy(task, lottery.time_limit)
        if legacy_note:
            lottery.note = f"{lottery.note}. {legacy_note}".strip(". ")
    lottery.finished_at = timezone.now()
    lottery.save()
    return lottery


def _legacy(task: SelectionTask, time_limit: float) -> tuple[dict[str, float], str]:
    """The legacy method's probabilities for comparison, or why there are none."""
    try:
        legacy = find_distribution(task, algorithm=Algorithm.LEGACY, time_limit=time_limit)
    except SelectionError as error:
        return {}, _("The legacy method could not run for comparison: %(reason)s") % {
            "reason": error
        }
    return {chance.person_id: chance.probability for chance in legacy.people}, ""
