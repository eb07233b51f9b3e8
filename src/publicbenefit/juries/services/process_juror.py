"""What a juror does from their own page (no account: the page link is their authority): update
their access needs, claim expenses, ask a witness a question and cast a secret ballot.

Each takes the ``juror`` the link belongs to (``selectors.process.juror_by_token``) and refuses a
juror who has dropped out.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from publicbenefit.juries.models import (
    Ballot,
    BallotCast,
    ExpenseClaim,
    Juror,
    JurorQuestion,
    Recommendation,
    Witness,
)

#: The largest single claim accepted from a juror's page; larger ones go through the organisers.
LARGEST_CLAIM = Decimal("1000.00")


def _require_serving(juror: Juror) -> None:
    if juror.status != Juror.Status.SERVING:
        raise PermissionDenied


@transaction.atomic
def juror_access_needs_update(*, juror: Juror, access_needs: str) -> None:
    """Replace the juror's access needs (held on their volunteer record with their contact
    details)."""
    _require_serving(juror)
    volunteer = juror.volunteer
    volunteer.access_needs = access_needs.strip()
    volunteer.save(update_fields=["access_needs"])


@transaction.atomic
def expense_claim_submit(*, juror: Juror, description: str, amount: Decimal) -> ExpenseClaim:
    _require_serving(juror)
    errors = {}
    if not description.strip():
        errors["description"] = _("Enter what the claim is for")
    if amount <= 0:
        errors["amount"] = _("Amount must be more than £0")
    elif amount > LARGEST_CLAIM:
        errors["amount"] = _(
            "Amount must be £1,000 or less. Contact the organisers about larger costs"
        )
    if errors:
        raise ValidationError(errors)
    return ExpenseClaim.objects.create(juror=juror, description=description.strip(), amount=amount)


@transaction.atomic
def question_ask(*, juror: Juror, question: str, witness: Witness | None = None) -> JurorQuestion:
    """A juror's question, to a witness or (with none) to the organisers."""
    _require_serving(juror)
    if not question.strip():
        raise ValidationError({"question": _("Enter your question")})
    if witness is not None and witness.jury_id != juror.jury_id:
        raise ValidationError({"witness": _("Select a witness from the list")})
    return JurorQuestion.objects.create(
        jury=juror.jury, witness=witness, asked_by=juror, question=question.strip()
    )


def ballot_cast(*, juror: Juror, recommendation: Recommendation, choice: str) -> None:
    """Cast the juror's secret ballot: one ``Ballot`` (how, naming nobody) and one
    ``BallotCast`` (who, not how). Refused if the vote is not open or they have voted."""
    _require_serving(juror)
    if recommendation.jury_id != juror.jury_id:
        raise PermissionDenied
    if choice not in Ballot.Choice.values:
        raise ValidationError({"choice": _("Select support, oppose or abstain")})
    try:
        with transaction.atomic():
            # Lock the recommendation so a vote cannot be cast while it is being closed.
            current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
            if current.status != Recommendation.Status.VOTING:
                raise ValidationError(_("Voting on this recommendation is closed"))
            BallotCast.objects.create(recommendation=current, juror=juror)
            Ballot.objects.create(recommendation=current, choice=choice)
    except IntegrityError as error:
        raise ValidationError(_("You have already voted on this recommendation")) from error
