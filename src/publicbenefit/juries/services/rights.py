"""People's rights over what a jury holds about them: erasing a volunteer or juror (from the
juror's own link, or by staff for a request made by post or phone) and giving staff a copy of
everything held about them, each audited without personal data.

Erasure empties every contact detail and everything else that identifies the person: name,
email, phone, postal address, postcode, the household key (a keyed hash of the address), the id
in an imported pool file, availability and access needs, the address their letter went to, the
descriptions of their expense claims and the reason recorded for dropping out. The juror's page
link stops working for good. What stays, under the pseudonym only: the quota profile, the draw
and the lottery records (which hold pseudonyms and household keys, and must re-run to the same
jury), attendance, the amounts and dates of expense claims (the council's accounts), that they
voted (never how) and their questions to witnesses (asked in the jury's public process and
answered there). So the jury's profile, its verdict and its published report do not change.
"""

from django.db import transaction
from django.utils import timezone

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.juries.models import ExpenseClaim, Juror, JuryLetter, Volunteer
from publicbenefit.juries.rules import require
from publicbenefit.juries.selectors.rights import volunteer_held
from publicbenefit.privacy.audit import Category, audit_by_staff, audit_by_the_person
from publicbenefit.privacy.held import held_as_json

#: What replaces free text that was erased but whose record must stay.
ERASED_TEXT = "(removed when the person's details were erased)"

#: The volunteer's fields emptied on erasure.
ERASED_FIELDS = (
    "name",
    "email",
    "phone",
    "postal_address",
    "postcode",
    "household",
    "external_id",
    "availability",
    "access_needs",
)


def _erase(volunteer: Volunteer) -> Volunteer:
    now = timezone.now()
    for name in ERASED_FIELDS:
        setattr(volunteer, name, "")
    volunteer.hear_back = False
    volunteer.status = Volunteer.Status.ERASED
    volunteer.erased_at = now
    if volunteer.withdrawn_at is None:
        volunteer.withdrawn_at = now
    volunteer.save()
    # The letter stays linked (so the batch's replies still add up), but not the address.
    if volunteer.letter_id is not None:
        JuryLetter.objects.filter(pk=volunteer.letter_id).update(
            line_1="", line_2="", town="", postcode=""
        )
    juror = Juror.objects.filter(volunteer=volunteer).first()
    if juror is not None:
        # A hash of a secret nobody holds: the old page link stops working for good.
        juror.page_token_hash = token_hash(token_new())
        if juror.drop_reason:
            juror.drop_reason = ERASED_TEXT
        juror.save(update_fields=["page_token_hash", "drop_reason"])
        ExpenseClaim.objects.filter(juror=juror).update(description=ERASED_TEXT)
    return volunteer


def _locked(volunteer: Volunteer) -> Volunteer:
    return Volunteer.objects.select_for_update().select_related("jury").get(pk=volunteer.pk)


@transaction.atomic
def volunteer_erase(*, volunteer: Volunteer) -> Volunteer:
    """The person erases their own details from their juror's page."""
    volunteer = _locked(volunteer)
    if volunteer.status == Volunteer.Status.ERASED:
        return volunteer
    audit_by_the_person(
        organisation=volunteer.jury.organisation,
        action="juries.volunteer.erased",
        obj=volunteer,
        summary=f"Volunteer {volunteer.pseudonym} of {volunteer.jury.name} erased their "
        "personal data from their own link",
    )
    return _erase(volunteer)


@transaction.atomic
def volunteer_erase_by_staff(
    *, actor: Membership, volunteer: Volunteer, how_asked: str
) -> Volunteer:
    """Erase a volunteer or juror who asked by post or phone."""
    volunteer = _locked(volunteer)
    require(actor, volunteer.jury)
    if volunteer.status == Volunteer.Status.ERASED:
        return volunteer
    audit_by_staff(
        actor=actor,
        category=Category.PERSONAL_DATA_CHANGE,
        action="juries.volunteer.erased",
        obj=volunteer,
        summary=f"Erased the personal data of volunteer {volunteer.pseudonym} of "
        f"{volunteer.jury.name}",
        how_asked=how_asked,
    )
    return _erase(volunteer)


@transaction.atomic
def volunteer_erase_retention(*, volunteer: Volunteer) -> Volunteer:
    """Erase a volunteer whose retention period has ended (``privacy.retention`` records one
    audit entry per organisation for the run)."""
    volunteer = _locked(volunteer)
    if volunteer.status == Volunteer.Status.ERASED:
        return volunteer
    return _erase(volunteer)


def volunteer_data(*, volunteer: Volunteer) -> str:
    """The person's own download (JSON) of everything held about them."""
    return held_as_json(volunteer_held(volunteer=volunteer), about=volunteer.pseudonym)


def volunteer_data_by_staff(*, actor: Membership, volunteer: Volunteer, how_asked: str) -> str:
    """Everything held about a volunteer (JSON), for staff answering a request made by post or
    phone."""
    require(actor, volunteer.jury)
    audit_by_staff(
        actor=actor,
        category=Category.PERSONAL_DATA_READ,
        action="juries.volunteer.data_downloaded",
        obj=volunteer,
        summary=f"Downloaded everything held about volunteer {volunteer.pseudonym} of "
        f"{volunteer.jury.name}",
        how_asked=how_asked,
    )
    return volunteer_data(volunteer=volunteer)
