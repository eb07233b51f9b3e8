"""Writes for a jury's pool: importing an existing pool from a CSV file in the Sortition
Foundation's format, a person volunteering through the public form (optionally with the code on
their invitation letter), and importing a random sample of addresses for invitation letters.

Contact details are stored on ``Volunteer`` only; everything else uses the volunteer's pseudonym.
Each address becomes a household key, an HMAC-SHA256 (keyed with the site's secret) of the
normalised address and postcode, so that at most one person per household is drawn without the
address itself leaving the volunteer's record.
"""

import csv
import hashlib
import hmac
import io
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.common.throttle import TryLimit
from publicbenefit.juries.models import Juror, Jury, JuryLetter, JuryLetterBatch, Volunteer
from publicbenefit.juries.rules import require
from publicbenefit.juries.selectors import quotas as quota_selectors
from publicbenefit.panels.codes import code_new, code_parse, codes_unused
from publicbenefit.panels.services.recruitment import addresses_read

#: Columns read as the person's contact details when a pool file has them.
NAME_COLUMNS = ("name", "full_name", "first_name")
EMAIL_COLUMNS = ("email", "email_address")
PHONE_COLUMNS = ("phone", "phone_number", "telephone")
#: Columns that together make the postal address (and so the household key).
ADDRESS_COLUMNS = ("address", "address1", "address2", "address_line_1", "address_line_2", "town")
POSTCODE_COLUMNS = ("postcode", "post_code")
#: The most problems listed when a file is refused.
MAX_PROBLEMS_SHOWN = 30
PSEUDONYM_PREFIX = "V-"

WRONG_CODES = TryLimit("juries:letter-code", limit=10)


def household_key(address: str, postcode: str) -> str:
    """The household key of an address: HMAC-SHA256 with the site's secret of the address and
    postcode, ignoring case, spacing and punctuation between words. Empty for no address."""
    words = " ".join(address.replace(",", " ").casefold().split())
    code = "".join(postcode.split()).upper()
    if not words and not code:
        return ""
    message = f"{words}|{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def pseudonym_new() -> str:
    """A fresh pseudonym for a volunteer: ``V-`` and 8 characters of the letter-code alphabet."""
    while True:
        pseudonym = PSEUDONYM_PREFIX + code_new()
        if not Volunteer.objects.filter(pseudonym=pseudonym).exists():
            return pseudonym


def _first(row: Mapping[str, str], names: tuple[str, ...]) -> str:
    for name in names:
        if row.get(name):
            return row[name]
    return ""


def _id_reasons(person_id: str, id_column: str, seen: dict[str, int], taken: set[str]) -> list[str]:
    if not person_id:
        return [_("the %(column)s is empty") % {"column": id_column}]
    if person_id in seen:
        return [
            _("the id %(id)s is also on row %(row)s") % {"id": person_id, "row": seen[person_id]}
        ]
    if person_id in taken:
        return [_("the id %(id)s is already in the pool") % {"id": person_id}]
    if len(person_id) > 100:
        return [_("the id is longer than 100 characters")]
    return []


def _imported(
    jury: Jury, person_id: str, profile: dict[str, str], row: dict[str, str]
) -> Volunteer:
    """A volunteer from one row of a pool file (the row's keys in lower case)."""
    address = ", ".join(row[name] for name in ADDRESS_COLUMNS if row.get(name))
    postcode = _first(row, POSTCODE_COLUMNS)
    return Volunteer(
        jury=jury,
        pseudonym=pseudonym_new(),
        external_id=person_id,
        name=_first(row, NAME_COLUMNS)[:200],
        email=_first(row, EMAIL_COLUMNS)[:254],
        phone=_first(row, PHONE_COLUMNS)[:30],
        postal_address=address,
        postcode=postcode[:10],
        household=household_key(address, postcode),
        profile=profile,
        availability=row.get("availability", ""),
        access_needs=row.get("access_needs", ""),
        source=Volunteer.Source.IMPORT,
    )


@transaction.atomic
def pool_import(*, actor: Membership, jury: Jury, csv_text: str, id_column: str = "id") -> int:
    """Add the people in a pool file to the jury's pool, all or none. Returns how many.

    The file has an id column (``id_column``), one column per feature of the jury (named by its
    key) and optionally name, email, phone, address and postcode columns. Refused, naming the
    row, for an empty or repeated id (in the file or already in the pool), a value no quota
    lists, or a missing column."""
    require(actor, jury)
    jury = Jury.objects.select_for_update().get(pk=jury.pk)
    values = quota_selectors.value_index(jury=jury)
    features = list(dict.fromkeys(key for key, _value in values))
    if not features:
        raise ValidationError(
            {"csv_file": _("Set the jury's features and quotas before importing a pool")}
        )
    reader = csv.reader(io.StringIO(csv_text.lstrip("\ufeff")))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ValidationError(
            {"csv_file": _("The selected file could not be read as CSV: %(e)s") % {"e": error}}
        ) from error
    if not rows:
        raise ValidationError({"csv_file": _("The selected file is empty")})
    header = [name.strip() for name in rows[0]]
    lower = [name.lower() for name in header]
    missing = [name for name in (id_column, *features) if name not in header]
    if missing:
        raise ValidationError(
            {
                "csv_file": [
                    _("Row 1: the header has no %(column)s column") % {"column": name}
                    for name in missing
                ]
            }
        )
    taken = set(jury.volunteers.exclude(external_id="").values_list("external_id", flat=True))
    seen: dict[str, int] = {}
    problems: list[str] = []
    people: list[Volunteer] = []
    for number, record in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        padded = [cell.strip() for cell in record] + [""] * (len(header) - len(record))
        row = dict(zip(header, padded, strict=False))
        row_lower = dict(zip(lower, padded, strict=False))
        person_id = row[id_column]
        reasons = _id_reasons(person_id, id_column, seen, taken)
        seen.setdefault(person_id, number)
        profile = {feature: row[feature] for feature in features}
        reasons += [
            _("no quota lists %(feature)s '%(value)s'") % {"feature": key, "value": value}
            for key, value in profile.items()
            if (key, value) not in values
        ]
        if reasons:
            problems.append(
                _("Row %(row)s: %(reasons)s") % {"row": number, "reasons": "; ".join(reasons)}
            )
            continue
        people.append(_imported(jury, person_id, profile, row_lower))
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(
                _("And %(count)s more rows with problems")
                % {"count": len(problems) - MAX_PROBLEMS_SHOWN}
            )
        raise ValidationError({"csv_file": shown})
    if not people:
        raise ValidationError({"csv_file": _("The selected file has nobody in it")})
    Volunteer.objects.bulk_create(people)
    audit_record(
        actor=actor,
        category=Category.PERSONAL_DATA_CHANGE,
        action="juries.pool.imported",
        obj=jury,
        summary=f"Imported {len(people)} people into the pool of {jury.name}",
    )
    return len(people)


def volunteer_contact_read(*, actor: Membership, volunteer: Volunteer) -> Volunteer:
    """Record that someone opened a volunteer's contact details, and return the volunteer."""
    require(actor, volunteer.jury)
    audit_record(
        actor=actor,
        category=Category.PERSONAL_DATA_READ,
        action="juries.volunteer.viewed",
        obj=volunteer,
        summary=f"Viewed the details of volunteer {volunteer.pseudonym} of {volunteer.jury.name}",
    )
    return volunteer


#: The pages that show jurors' names (or contact details) to staff, and each one's action.
JUROR_NAME_PAGES = {
    "facilitator": ("juries.jurors.contacts_viewed", "the contact details of {count} jurors"),
    "draw": ("juries.draw.names_viewed", "the names of the {count} jurors just drawn"),
    "replacement": ("juries.replacement.name_viewed", "the name of the juror just drawn"),
}


def jurors_names_read(
    *, actor: Membership, jury: Jury, jurors: list[Juror], page: str
) -> list[Juror]:
    """Record that a page (``facilitator``, ``draw`` or ``replacement``) showed these jurors'
    names or contact details to someone who runs engagement, and return the jurors. The entry
    names them by pseudonym only."""
    require(actor, jury)
    action, what = JUROR_NAME_PAGES[page]
    audit_record(
        actor=actor,
        category=Category.PERSONAL_DATA_READ,
        action=action,
        obj=jury,
        summary=f"Viewed {what.format(count=len(jurors))} of {jury.name}",
        details={"pseudonyms": [juror.volunteer.pseudonym for juror in jurors]},
    )
    return jurors


def letters_downloaded(*, actor: Membership, batch: JuryLetterBatch) -> None:
    """Record that someone downloaded a batch's letters, which carry the addresses."""
    require(actor, batch.jury)
    audit_record(
        actor=actor,
        category=Category.PERSONAL_DATA_READ,
        action="juries.letters.downloaded",
        obj=batch,
        summary=f"Downloaded the letters for address batch {batch.name!r} of {batch.jury.name}",
    )


# The public volunteer form.


@dataclass(frozen=True)
class Volunteering:
    """What a person gives on the volunteer form."""

    profile: dict[str, str]
    name: str
    email: str
    phone: str
    postal_address: str
    postcode: str
    availability: str
    access_needs: str
    code: str = ""
    #: Whether they asked to be told what was decided, chosen for the jury or not.
    hear_back: bool = False


def code_throttled(*, client_ip: str) -> bool:
    """Whether this client has typed too many wrong letter codes for now."""
    return WRONG_CODES.blocked(client_ip)


@transaction.atomic
def volunteer_submit(*, jury: Jury, answers: Volunteering, client_ip: str) -> Volunteer:
    """Add a person to the pool from the public form, with their consent to the privacy notice
    as it stands. A letter code, when given, must be one of this jury's unused codes: it marks
    the letter used and links it (wrong codes are counted per client and refused once too
    many)."""
    jury = Jury.objects.select_for_update().get(pk=jury.pk)
    if not jury.volunteering_open:
        raise ValidationError(_("Volunteering for this jury has closed"))
    values = quota_selectors.value_index(jury=jury)
    errors: dict[str, str] = {}
    for key in dict.fromkeys(k for k, _v in values):
        if (key, answers.profile.get(key, "")) not in values:
            errors[f"feature_{key}"] = _("Select an answer")
    if not answers.email and not answers.phone:
        errors["email"] = _("Enter an email address or a phone number")
    letter = None
    if answers.code:
        if code_throttled(client_ip=client_ip):
            errors["code"] = _(
                "You have entered too many wrong codes. Wait 15 minutes, or leave the code out"
            )
        else:
            code = code_parse(answers.code)
            letter = (
                JuryLetter.objects.select_for_update()
                .filter(batch__jury=jury, code=code, used_at__isnull=True)
                .first()
                if code
                else None
            )
            if letter is None:
                WRONG_CODES.record(client_ip)
                errors["code"] = _(
                    "Enter the code exactly as it is printed on your letter, like 7K2M-Q9XA, "
                    "or leave it out"
                )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    if letter is not None:
        letter.used_at = now
        letter.save(update_fields=["used_at"])
    return Volunteer.objects.create(
        jury=jury,
        pseudonym=pseudonym_new(),
        name=answers.name,
        email=answers.email,
        phone=answers.phone,
        postal_address=answers.postal_address,
        postcode=answers.postcode,
        household=household_key(answers.postal_address, answers.postcode),
        profile={key: answers.profile[key] for key in dict.fromkeys(k for k, _v in values)},
        availability=answers.availability,
        access_needs=answers.access_needs,
        hear_back=answers.hear_back,
        source=Volunteer.Source.LETTER if letter else Volunteer.Source.FORM,
        letter=letter,
        consented_at=now,
        privacy_notice_version=jury.privacy_notice_version,
    )


# Invitation letters.


def codes_new(count: int) -> list[str]:
    """``count`` fresh letter codes, different from each other and from every jury letter's."""
    return codes_unused(
        count,
        lambda chunk: JuryLetter.objects.filter(code__in=chunk).values_list("code", flat=True),
    )


@transaction.atomic
def letter_batch_import(
    *, actor: Membership, jury: Jury, name: str, data: bytes
) -> JuryLetterBatch:
    """Import a random sample of addresses (``address_line_1, address_line_2, town, postcode``,
    as panels read them) as a batch of letters, each with a fresh code. All or nothing."""
    require(actor, jury)
    addresses = addresses_read(data)
    batch = JuryLetterBatch.objects.create(jury=jury, name=name, imported_by=actor.user)
    codes = codes_new(len(addresses))
    JuryLetter.objects.bulk_create(
        JuryLetter(
            batch=batch,
            line_1=address["line_1"],
            line_2=address["line_2"],
            town=address["town"],
            postcode=address["postcode"],
            code=code,
        )
        for address, code in zip(addresses, codes, strict=True)
    )
    audit_record(
        actor=actor,
        category=Category.PERSONAL_DATA_CHANGE,
        action="juries.addresses.imported",
        obj=batch,
        summary=f"Imported {len(addresses)} addresses for letters inviting people to {jury.name}",
    )
    return batch
