"""Writes for recruiting a panel: importing a sample of addresses (all or nothing, each with a
letter code), checking a letter code or a community partner's link at the start of sign-up
(with a limit on wrong codes), a resident joining, staff adding someone who joined by phone or
post, and members' control of their own data (change it, leave, erase it).

Every function that changes something does it inside ``transaction.atomic`` and refuses bad
input with a ``ValidationError`` that names the field and changes nothing. Public functions
never trust what the sign-up pages stored in the session: ``member_join`` checks every answer
again against the panel as it is now.
"""

import csv
import datetime
import io
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.common.throttle import TryLimit
from publicbenefit.panels.codes import code_parse, codes_unused, pseudonym_new
from publicbenefit.panels.models import Address, AddressBatch, CommunityPartner, Member, Panel
from publicbenefit.panels.rules import require
from publicbenefit.panels.selectors import recruitment as selectors
from publicbenefit.panels.selectors.margins import features
from publicbenefit.panels.selectors.rights import ERASED_ANSWER, member_held
from publicbenefit.panels.services.setup import snapshot_take
from publicbenefit.privacy.audit import audit_by_staff, audit_by_the_person
from publicbenefit.privacy.held import held_as_json
from publicbenefit.surveys.models import Response, SurveyQuestion

logger = logging.getLogger(__name__)

#: The most addresses one file may hold, and its largest size.
MAX_ADDRESSES = 50_000
MAX_FILE_BYTES = 5 * 1024 * 1024
#: How many row problems a refusal lists before saying how many more there are.
MAX_PROBLEMS_SHOWN = 100

#: Wrong letter codes allowed from one IP address within the window, before all tries stop.
WRONG_CODES_ALLOWED = 10
WRONG_CODES_WINDOW = datetime.timedelta(minutes=15)

#: The shape of a UK postcode (outward code, optional space, inward code), and Girobank's.
POSTCODE = re.compile(r"^(?:[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}|GIR ?0AA)$")
PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()\-]+$")

#: Column names accepted for each field, compared without case, spaces, dashes or underscores.
COLUMNS = {
    "line_1": ("addressline1", "address1", "line1", "addr1", "address"),
    "line_2": ("addressline2", "address2", "line2", "addr2"),
    "town": ("town", "city", "posttown", "towncity"),
    "postcode": ("postcode", "postalcode", "zip"),
    "area": ("area", "ward", "areaname", "wardname"),
}
REQUIRED_COLUMNS = ("line_1", "town", "postcode")
FIELD_LENGTHS = {"line_1": 200, "line_2": 200, "town": 100, "area": 100}
COLUMN_LABELS = {
    "line_1": "address_line_1",
    "line_2": "address_line_2",
    "town": "town",
    "postcode": "postcode",
    "area": "area",
}


# Importing addresses.


def postcode_normalise(text: str) -> str | None:
    """A postcode in its usual form (capitals, one space before the last three characters),
    or ``None`` if it does not have the shape of a UK postcode."""
    compact = "".join(text.split()).upper()
    if not POSTCODE.match(compact):
        return None
    return f"{compact[:-3]} {compact[-3:]}"


def _header_map(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Which column holds each field, and the problems with the header."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        compact = re.sub(r"[\s_\-]", "", name.strip().lower())
        for key, names in COLUMNS.items():
            if compact in names and key not in found:
                found[key] = index
    problems = [
        _("The file has no %(column)s column") % {"column": COLUMN_LABELS[key]}
        for key in REQUIRED_COLUMNS
        if key not in found
    ]
    return found, problems


def _decode(data: bytes) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError({"file": _("The selected file must be smaller than 5MB")})
    try:
        # utf-8-sig: a byte-order mark that spreadsheets write is not part of the first column.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            {"file": _("The selected file must be a CSV file saved as UTF-8")}
        ) from error
    if "\x00" in text:  # a binary file; and no database column can hold a NUL
        raise ValidationError({"file": _("The selected file must be a CSV file saved as UTF-8")})
    if not text.strip():
        raise ValidationError({"file": _("The selected file is empty")})
    return text


def _row_problems(values: dict[str, str]) -> list[str]:
    """What is wrong with one row on its own; a good postcode is normalised in place."""
    reasons = [
        _("%(column)s is empty") % {"column": COLUMN_LABELS[key]}
        for key in REQUIRED_COLUMNS
        if not values[key]
    ]
    if values["postcode"]:
        postcode = postcode_normalise(values["postcode"])
        if postcode is None:
            reasons.append(
                _("“%(postcode)s” is not a valid UK postcode") % {"postcode": values["postcode"]}
            )
        else:
            values["postcode"] = postcode
    reasons += [
        _("%(column)s is longer than %(most)s characters")
        % {"column": COLUMN_LABELS[key], "most": most}
        for key, most in FIELD_LENGTHS.items()
        if len(values[key]) > most
    ]
    return reasons


def addresses_read(data: bytes) -> list[dict[str, str]]:
    """The addresses in a CSV file, checked: each as ``line_1``, ``line_2``, ``town``,
    ``postcode`` (normalised) and ``area``. Refuses the whole file, listing every bad row with
    its number (the header is row 1) and reason, as a ``ValidationError`` on ``file``."""
    text = _decode(data)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ValidationError(
            {"file": _("The selected file could not be read as CSV: %(error)s") % {"error": error}}
        ) from error
    columns, problems = _header_map(rows[0])
    if problems:
        raise ValidationError({"file": problems})
    body = [
        (number, row) for number, row in enumerate(rows[1:], start=2) if any(c.strip() for c in row)
    ]
    if not body:
        raise ValidationError({"file": _("The selected file has no addresses")})
    if len(body) > MAX_ADDRESSES:
        raise ValidationError(
            {
                "file": _(
                    "The selected file has %(count)s addresses: one file can hold at most "
                    "%(most)s. Split it into smaller files."
                )
                % {"count": f"{len(body):,}", "most": f"{MAX_ADDRESSES:,}"}
            }
        )
    addresses: list[dict[str, str]] = []
    problems = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in body:
        values = {
            key: (row[index].strip() if index < len(row) else "") for key, index in columns.items()
        }
        values.setdefault("line_2", "")
        values.setdefault("area", "")
        reasons = _row_problems(values)
        if not reasons:
            identity = (
                " ".join(values["line_1"].lower().split()),
                " ".join(values["line_2"].lower().split()),
                values["postcode"],
            )
            if identity in seen:
                reasons.append(_("the same address as row %(row)s") % {"row": seen[identity]})
            else:
                seen[identity] = number
        if reasons:
            problems.append(
                _("Row %(row)s: %(reasons)s") % {"row": number, "reasons": "; ".join(reasons)}
            )
        addresses.append(values)
    if problems:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            shown.append(
                _("And %(count)s more rows with problems")
                % {"count": len(problems) - MAX_PROBLEMS_SHOWN}
            )
        raise ValidationError({"file": shown})
    return addresses


def codes_new(count: int) -> list[str]:
    """``count`` fresh letter codes, different from each other and from every code already
    given to an address."""
    return codes_unused(
        count, lambda chunk: Address.objects.filter(code__in=chunk).values_list("code", flat=True)
    )


@transaction.atomic
def address_batch_import(
    *, actor: Membership, panel: Panel, name: str, data: bytes
) -> AddressBatch:
    """Import a CSV file of sampled addresses as a new batch, each address with its own letter
    code. All or nothing: any bad row refuses the whole file (see ``addresses_read``)."""
    require(actor, panel, Capability.ENGAGE)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter a name for this batch of addresses")})
    addresses = addresses_read(data)
    batch = AddressBatch.objects.create(panel=panel, name=name, imported_by=actor.user)
    codes = codes_new(len(addresses))
    Address.objects.bulk_create(
        [
            Address(batch=batch, code=code, **values)
            for values, code in zip(addresses, codes, strict=True)
        ],
        batch_size=1000,
    )
    audit_record(
        actor=actor,
        category=Category.PERSONAL_DATA_CHANGE,
        action="panels.addresses.imported",
        obj=batch,
        summary=f"Imported {len(addresses)} addresses for letters to join {panel.name}",
    )
    return batch


def letters_downloaded(*, actor: Membership, batch: AddressBatch) -> None:
    """Record that someone downloaded a batch's letters, which carry the addresses."""
    require(actor, batch.panel, Capability.ENGAGE)
    audit_record(
        actor=actor,
        category=Category.PERSONAL_DATA_READ,
        action="panels.letters.downloaded",
        obj=batch,
        summary=f"Downloaded the letters for address batch {batch.name!r} of {batch.panel.name}",
    )


# Starting sign-up: a letter code or a partner's link.


class JoinRefusedError(Exception):
    """Sign-up cannot start: ``reason`` is ``unknown`` (no such code or link), ``used`` (the
    code was used), ``closed`` (the panel's sign-up is closed), ``inactive`` (the partner's link
    was switched off) or ``throttled`` (too many wrong codes from this address)."""

    def __init__(self, reason: str, panel: Panel | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.panel = panel


_WRONG_CODES = TryLimit("panels:join-code", WRONG_CODES_ALLOWED, WRONG_CODES_WINDOW)


def join_throttled(*, client_ip: str) -> bool:
    """Whether this IP address has typed too many wrong codes lately."""
    return _WRONG_CODES.blocked(client_ip)


def join_by_code(*, text: str, client_ip: str) -> Address:
    """The unused address whose letter code ``text`` is (typed in any case, with or without
    the dash), on a panel whose sign-up is open. A code that is not on any letter counts
    against ``client_ip``; after ``WRONG_CODES_ALLOWED`` of those in ``WRONG_CODES_WINDOW``
    every try is refused, right or wrong."""
    if join_throttled(client_ip=client_ip):
        raise JoinRefusedError("throttled")
    code = code_parse(text)
    address = selectors.address_get_by_code(code=code) if code else None
    if address is None:
        _WRONG_CODES.record(client_ip)
        raise JoinRefusedError("unknown")
    panel = address.batch.panel
    if address.used_at is not None:
        raise JoinRefusedError("used", panel)
    if not panel.signup_open:
        raise JoinRefusedError("closed", panel)
    return address


def join_by_partner(*, token: str) -> CommunityPartner:
    """The active community partner whose link carries ``token``, on a panel whose sign-up is
    open."""
    partner = selectors.partner_get_by_token(token=token)
    if partner is None:
        raise JoinRefusedError("unknown")
    if not partner.active:
        raise JoinRefusedError("inactive", partner.panel)
    if not partner.panel.signup_open:
        raise JoinRefusedError("closed", partner.panel)
    return partner


# Joining.


@dataclass(frozen=True)
class JoinAnswers:
    """Everything a person tells us when they join."""

    consented: bool
    name: str
    channel: str
    email: str = ""
    phone: str = ""
    postal_address: str = ""
    language: str = "English"
    profile: Mapping[str, str] = field(default_factory=dict)
    prize_draw: bool = False
    #: Whether they asked to be told what happened as a result of what the panel said.
    hear_back: bool = False


@dataclass(frozen=True)
class Joined:
    """A new member and the secret of their manage link (shown once; only its hash is kept)."""

    member: Member
    manage_token: str

    @property
    def manage_url(self) -> str:
        return settings.SITE_URL + reverse("panels:me", kwargs={"token": self.manage_token})


def _phone_valid(phone: str) -> bool:
    digits = sum(char.isdigit() for char in phone)
    return bool(PHONE_CHARACTERS.match(phone)) and 10 <= digits <= 15


def contact_problems(
    *, channel: str, email: str, phone: str, postal_address: str
) -> dict[str, str]:
    """What is wrong with a set of contact details, by field (empty when nothing is)."""
    problems: dict[str, str] = {}
    if channel not in Member.Channel.values:
        problems["channel"] = _("Select how we should contact you")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems["email"] = _(
                "Enter an email address in the correct format, like name@example.com"
            )
    elif channel == Member.Channel.EMAIL:
        problems["email"] = _("Enter your email address")
    if phone:
        if not _phone_valid(phone):
            problems["phone"] = _("Enter a phone number, like 01632 960 001 or 07700 900 982")
    elif channel == Member.Channel.PHONE:
        problems["phone"] = _("Enter your phone number")
    if channel == Member.Channel.POST and not postal_address.strip():
        problems["postal_address"] = _("Enter your postal address")
    if len(email) > 254:
        problems["email"] = _("Email address must be 254 characters or fewer")
    if len(phone) > 30:
        problems["phone"] = _("Phone number must be 30 characters or fewer")
    return problems


def profile_problems(*, panel: Panel, profile: Mapping[str, str]) -> dict[str, str]:
    """What is wrong with a profile: every feature of the panel needs one of its values, and
    nothing else may be there. Keys are ``profile_<feature key>``."""
    problems: dict[str, str] = {}
    keys = set()
    for feature in features(panel=panel):
        keys.add(feature.key)
        values = {value.value for value in feature.values.all()}
        if profile.get(feature.key) not in values:
            problems[f"profile_{feature.key}"] = _("Select an answer: %(question)s") % {
                "question": feature.question
            }
    for key in set(profile) - keys:
        problems[f"profile_{key}"] = _("The panel does not ask about “%(key)s”") % {"key": key}
    return problems


def answers_problems(*, panel: Panel, answers: JoinAnswers) -> dict[str, str]:
    """Every problem with a person's answers, by field."""
    problems: dict[str, str] = {}
    if not answers.consented:
        problems["consent"] = _("Agree to the privacy notice to join the panel")
    if not answers.name.strip():
        problems["name"] = _("Enter your name")
    elif len(answers.name) > 200:
        problems["name"] = _("Name must be 200 characters or fewer")
    if not answers.language.strip():
        problems["language"] = _("Enter the language you would like us to use")
    elif len(answers.language) > 60:
        problems["language"] = _("Language must be 60 characters or fewer")
    if answers.prize_draw and not panel.prize_draw:
        problems["prize_draw"] = _("This panel does not hold prize draws")
    problems.update(
        contact_problems(
            channel=answers.channel,
            email=answers.email,
            phone=answers.phone,
            postal_address=answers.postal_address,
        )
    )
    problems.update(profile_problems(panel=panel, profile=answers.profile))
    return problems


def _manage_token_new() -> tuple[str, str]:
    token = token_new()
    return token, token_hash(token)


def _pseudonym_new() -> str:
    while True:
        pseudonym = pseudonym_new()
        if not Member.objects.filter(pseudonym=pseudonym).exists():
            return pseudonym


def _member_create(
    *,
    panel: Panel,
    answers: JoinAnswers,
    source: str,
    address: Address | None = None,
    partner: CommunityPartner | None = None,
) -> Joined:
    problems = answers_problems(panel=panel, answers=answers)
    if problems:
        raise ValidationError(problems)
    token, hashed = _manage_token_new()
    now = timezone.now()
    member = Member.objects.create(
        panel=panel,
        pseudonym=_pseudonym_new(),
        name=answers.name.strip(),
        email=answers.email.strip().lower() if answers.email else "",
        phone=answers.phone.strip(),
        postal_address=answers.postal_address.strip(),
        channel=answers.channel,
        language=answers.language.strip(),
        profile=dict(answers.profile),
        source=source,
        address=address,
        partner=partner,
        consented_at=now,
        privacy_notice_version=panel.privacy_notice_version,
        prize_draw=answers.prize_draw,
        hear_back=answers.hear_back,
        manage_token_hash=hashed,
        joined_at=now,
    )
    if address is not None:
        address.used_at = now
        address.save(update_fields=["used_at"])
    snapshot_take(panel=panel)
    return Joined(member=member, manage_token=token)


def welcome_email_send(*, joined: Joined) -> bool:
    """Email a new member their manage link, if they gave an email address. A mail server
    that is down does not undo the sign-up: the link is on the confirmation page too."""
    member = joined.member
    if not member.email:
        return False
    context = {
        "member": member,
        "panel": member.panel,
        "organisation": member.panel.organisation,
        "manage_url": joined.manage_url,
    }
    try:
        send_mail(
            subject=render_to_string("panels/public/email/welcome_subject.txt", context).strip(),
            message=render_to_string("panels/public/email/welcome_body.txt", context),
            from_email=None,
            recipient_list=[member.email],
        )
    except OSError:
        logger.exception("The welcome email to panel member %s could not be sent", member.pk)
        return False
    return True


@transaction.atomic
def _member_join(
    *, panel_id: int, address_id: int | None, partner_id: int | None, answers: JoinAnswers
) -> Joined:
    panel = (
        Panel.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=panel_id)
    )
    if not panel.signup_open:
        raise JoinRefusedError("closed", panel)
    address = partner = None
    if address_id is not None:
        address = (
            Address.objects.select_for_update(of=("self",))
            .filter(pk=address_id, batch__panel=panel)
            .first()
        )
        if address is None:
            raise JoinRefusedError("unknown")
        if address.used_at is not None:
            raise JoinRefusedError("used", panel)
        source = Member.Source.LETTER
    elif partner_id is not None:
        partner = CommunityPartner.objects.filter(pk=partner_id, panel=panel).first()
        if partner is None:
            raise JoinRefusedError("unknown")
        if not partner.active:
            raise JoinRefusedError("inactive", panel)
        source = Member.Source.PARTNER
    else:
        raise JoinRefusedError("unknown")
    if (
        answers.email
        and panel.members.filter(
            email__iexact=answers.email.strip(), status=Member.Status.ACTIVE
        ).exists()
    ):
        # One person, one place on the panel: a link passed around cannot fill it with one
        # person's many sign-ups.
        raise ValidationError({"email": _("This email address is already on the panel")})
    return _member_create(
        panel=panel, answers=answers, source=source, address=address, partner=partner
    )


def member_join(
    *, panel_id: int, address_id: int | None, partner_id: int | None, answers: JoinAnswers
) -> Joined:
    """A resident joins the panel from a letter (``address_id``) or a partner's link
    (``partner_id``). Everything is checked again here, whatever the pages checked before: the
    sign-up is open, the letter's code is unused and on this panel (or the partner's link is
    active), consent is given, the contact details match the channel, and every profile
    feature has one of its values. Refuses with ``JoinRefusedError`` (the start is no longer good)
    or ``ValidationError`` (an answer is not), changing nothing. On success the code is used
    up, the representativeness snapshot is retaken, and a welcome email with the manage link
    goes to the member if they gave an email address."""
    joined = _member_join(
        panel_id=panel_id, address_id=address_id, partner_id=partner_id, answers=answers
    )
    welcome_email_send(joined=joined)
    return joined


def member_add_by_staff(*, actor: Membership, panel: Panel, answers: JoinAnswers) -> Joined:
    """Add someone who joined by phone or post (source: staff), their consent recorded now.
    They get the welcome email if they gave an email address."""
    require(actor, panel, Capability.ENGAGE)
    with transaction.atomic():
        joined = _member_create(panel=panel, answers=answers, source=Member.Source.STAFF)
        audit_record(
            actor=actor,
            category=Category.PERSONAL_DATA_CHANGE,
            action="panels.member.added",
            obj=joined.member,
            summary=f"Added member {joined.member.pseudonym} to {panel.name} (by phone or post)",
        )
    welcome_email_send(joined=joined)
    return joined


def member_contact_read(*, actor: Membership, member: Member) -> Member:
    """Record that someone opened a member's contact details, and return the member."""
    require(actor, member.panel, Capability.ENGAGE)
    audit_record(
        actor=actor,
        category=Category.PERSONAL_DATA_READ,
        action="panels.member.viewed",
        obj=member,
        summary=f"Viewed the contact details of member {member.pseudonym} of {member.panel.name}",
    )
    return member


# Members' control.


@transaction.atomic
def member_details_change(
    *,
    member: Member,
    name: str,
    channel: str,
    email: str,
    phone: str,
    postal_address: str,
    language: str,
    prize_draw: bool,
) -> Member:
    """A member changes their name, contact details, channel, language or prize draw choice
    (from their manage link)."""
    member = Member.objects.select_for_update().select_related("panel").get(pk=member.pk)
    if member.status != Member.Status.ACTIVE:
        raise ValidationError(_("You have left the panel, so there is nothing to change"))
    answers = JoinAnswers(
        consented=True,
        name=name,
        channel=channel,
        email=email,
        phone=phone,
        postal_address=postal_address,
        language=language,
        profile=member.profile,
        prize_draw=prize_draw,
    )
    problems = answers_problems(panel=member.panel, answers=answers)
    # A profile that the panel's margins have since outgrown is not the member's to fix here.
    problems = {key: value for key, value in problems.items() if not key.startswith("profile_")}
    if problems:
        raise ValidationError(problems)
    member.name = name.strip()
    member.channel = channel
    member.email = email.strip().lower()
    member.phone = phone.strip()
    member.postal_address = postal_address.strip()
    member.language = language.strip()
    member.prize_draw = prize_draw
    member.save(
        update_fields=[
            "name",
            "channel",
            "email",
            "phone",
            "postal_address",
            "language",
            "prize_draw",
        ]
    )
    return member


@transaction.atomic
def member_details_change_by_staff(
    *, actor: Membership, member: Member, how_asked: str, **details: Any
) -> Member:
    """Correct a member's details (``details`` as for ``member_details_change``) when they ask
    by post or phone; ``how_asked`` says how the request was made, for the audit trail."""
    require(actor, member.panel, Capability.ENGAGE)
    if member.status != Member.Status.ACTIVE:
        raise ValidationError(
            _("This member has left the panel or been erased, so there is nothing to change")
        )
    changed = member_details_change(member=member, **details)
    audit_by_staff(
        actor=actor,
        category=Category.PERSONAL_DATA_CHANGE,
        action="panels.member.details_changed",
        obj=changed,
        summary=f"Changed the details of member {changed.pseudonym} of {changed.panel.name} "
        "at their request",
        how_asked=how_asked,
    )
    return changed


@transaction.atomic
def member_leave(*, member: Member) -> Member:
    """A member leaves the panel: no more surveys, their data kept until they ask for it to be
    erased (or the organisation's retention period ends)."""
    member = Member.objects.select_for_update().select_related("panel").get(pk=member.pk)
    if member.status == Member.Status.ACTIVE:
        member.status = Member.Status.LEFT
        member.left_at = timezone.now()
        member.prize_draw = False
        member.save(update_fields=["status", "left_at", "prize_draw"])
        snapshot_take(panel=member.panel)
    return member


def _erase_own_words(member: Member) -> None:
    """Free-text answers are the member's own words and may name them: they are replaced by
    ``ERASED_ANSWER`` (which theme analysis skips). Closed answers stay, pseudonymous, so that
    results already published still add up."""
    for response in Response.objects.filter(invitation__respondent=member.pseudonym).select_related(
        "invitation"
    ):
        kinds = dict(response.invitation.survey.questions.values_list("pk", "kind"))
        answers = dict(response.answers)
        for key, answer in list(answers.items()):
            kind = kinds.get(int(key)) if key.isdigit() else None
            if kind == SurveyQuestion.Kind.FREE_TEXT:
                if isinstance(answer, str) and answer.strip():
                    answers[key] = ERASED_ANSWER
                else:
                    del answers[key]
            elif kind == SurveyQuestion.Kind.ACCEPTABILITY_DECISION and isinstance(answer, dict):
                answers[key] = {**answer, "conditions": ""}
        if answers != response.answers:
            response.answers = answers
            response.save(update_fields=["answers"])


def _erase(member: Member) -> Member:
    was_active = member.status == Member.Status.ACTIVE
    now = timezone.now()
    member.name = ""
    member.email = ""
    member.phone = ""
    member.postal_address = ""
    # The sampled address is where they live: it is emptied (its area stays, for the batch's
    # counts), the link to it goes, and the time it was used (the moment they joined) becomes
    # the batch's.
    if member.address is not None:
        Address.objects.filter(pk=member.address_id).update(
            used_at=member.address.batch.imported_at, line_1="", line_2="", town="", postcode=""
        )
    member.address = None
    member.prize_draw = False
    member.hear_back = False
    member.status = Member.Status.ERASED
    member.erased_at = now
    if member.left_at is None:
        member.left_at = now
    # A hash of a secret nobody holds: the old manage link stops working for good.
    member.manage_token_hash = token_hash(token_new())
    member.save()
    # A mail server's refusal can quote the address it refused.
    member.messages.exclude(error="").update(error="(removed when the member was erased)")
    _erase_own_words(member)
    if was_active:
        snapshot_take(panel=member.panel)
    return member


@transaction.atomic
def member_erase(*, member: Member) -> Member:
    """Erase a member's personal data at their request: name and contact details emptied, the
    link to their address removed, the manage link invalidated. Their pseudonymous profile and
    answers stay, so results already published do not change."""
    member = Member.objects.select_for_update().select_related("panel").get(pk=member.pk)
    if member.status == Member.Status.ERASED:
        return member
    audit_by_the_person(
        organisation=member.panel.organisation,
        action="panels.member.erased",
        obj=member,
        summary=f"Member {member.pseudonym} of {member.panel.name} erased their personal data "
        "from their own link",
    )
    return _erase(member)


@transaction.atomic
def member_erase_by_staff(*, actor: Membership, member: Member, how_asked: str) -> Member:
    """Erase a member's personal data when they ask by phone or post; ``how_asked`` says how
    the request was made ("letter received 3 May"), for the audit trail."""
    member = Member.objects.select_for_update().select_related("panel").get(pk=member.pk)
    require(actor, member.panel, Capability.ENGAGE)
    if member.status == Member.Status.ERASED:
        return member
    audit_by_staff(
        actor=actor,
        category=Category.PERSONAL_DATA_CHANGE,
        action="panels.member.erased",
        obj=member,
        summary=f"Erased the personal data of member {member.pseudonym} of {member.panel.name}",
        how_asked=how_asked,
    )
    return _erase(member)


@transaction.atomic
def member_erase_retention(*, member: Member) -> Member:
    """Erase a member whose retention period has ended (``privacy.retention`` records one audit
    entry per organisation for the run)."""
    member = Member.objects.select_for_update().select_related("panel").get(pk=member.pk)
    if member.status == Member.Status.ERASED:
        return member
    return _erase(member)


def member_data(*, member: Member) -> str:
    """The member's own download (JSON) of everything held about them."""
    return held_as_json(member_held(member=member), about=member.pseudonym)


def member_data_by_staff(*, actor: Membership, member: Member, how_asked: str) -> str:
    """Everything held about a member (JSON), for staff answering a request made by post or
    phone."""
    require(actor, member.panel, Capability.ENGAGE)
    audit_by_staff(
        actor=actor,
        category=Category.PERSONAL_DATA_READ,
        action="panels.member.data_downloaded",
        obj=member,
        summary=f"Downloaded everything held about member {member.pseudonym} of "
        f"{member.panel.name}",
        how_asked=how_asked,
    )
    return member_data(member=member)
