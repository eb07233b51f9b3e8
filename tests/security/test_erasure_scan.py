"""Erasure leaves no trace: the attacker's-suite check that, once a panel member, a juror (who
claimed expenses, asked a question and voted) and a dialogue host (who held an event and wrote it
up) are erased, none of their contact details can be found anywhere in the database, while the
results already published from what they gave (the wave's weighted results, the jury's profile,
votes and verdict, the dialogue's outcome) are exactly as they were.

The database is scanned twice, for every model and every table, not a list of places:

- through the ORM: every concrete field of every installed model, read as the application reads
  it (so encrypted contact fields are decrypted: this is the scan that proves erasure);
- raw: every column of every table, read with a cursor (where encrypted fields hold ciphertext,
  this still catches a copy kept in plain text, and a blind index of the email address).
"""

import json
from collections import Counter
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.audit.models import AuditEntry
from publicbenefit.common.crypto.fields import normalise
from publicbenefit.common.crypto.keys import keyring
from publicbenefit.dialogues.models import Dialogue, Event, Host
from publicbenefit.dialogues.selectors.outcome import outcome
from publicbenefit.dialogues.services import rights as host_rights
from publicbenefit.dialogues.tests.factories import (
    DialogueFactory,
    EventFactory,
    QuestionFactory,
    WriteUpFactory,
    answer,
)
from publicbenefit.juries.models import (
    Attendance,
    Ballot,
    BallotCast,
    ExpenseClaim,
    JurorQuestion,
    JuryLetter,
    JuryLetterBatch,
    JurySession,
    Recommendation,
    Verdict,
    Volunteer,
)
from publicbenefit.juries.presenters import report_context
from publicbenefit.juries.services import rights as juror_rights
from publicbenefit.juries.services.pool import household_key
from publicbenefit.juries.tests.factories import (
    JurorFactory,
    JuryFactory,
    VolunteerFactory,
    WitnessFactory,
)
from publicbenefit.panels.models import Address, AddressBatch, Member, WaveInvitation
from publicbenefit.panels.selectors.results import results_json, wave_results
from publicbenefit.panels.services import recruitment as panel_services
from publicbenefit.panels.tests.test_recruitment_builders import member_make, panel_make
from publicbenefit.panels.tests.test_waves_builders import (
    make_member,
    make_survey,
    make_wave,
    questions,
    submit,
)
from publicbenefit.surveys.models import Invitation

pytestmark = pytest.mark.django_db

#: Each person's contact details: distinctive enough that a hit can only be theirs.
MEMBER = {
    "name": "Ottoline Quarrington",
    "email": "ottoline.quarrington@example.org",
    "phone": "07700 913572",
    "address": "41 Zephyrine Row",
    "postcode": "ZX7 4QW",
}
JUROR = {
    "name": "Bartholomew Xanthopoulos",
    "email": "b.xanthopoulos@example.net",
    "phone": "07700 981246",
    "address": "9 Quillfeather Mews",
    "postcode": "QF3 8JY",
}
HOST = {
    "name": "Perpetua Wolstenholme",
    "email": "perpetua.w@example.com",
    "phone": "01632 967431",
    "group": "Wolstenholme Knitting Circle",
    "address": "12 Marigold Yard",
}


def _needles(person: dict[str, str]) -> set[str]:
    return {value.casefold() for value in person.values()}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def orm_hits(needles: set[str]) -> list[str]:
    """Every model field (read through the ORM, decrypted where encrypted) that holds one of
    ``needles``, as ``app.Model.field: needle``."""
    hits = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        names = [field.attname for field in model._meta.concrete_fields]
        for row in model._base_manager.values_list(*names):
            for name, value in zip(names, row, strict=True):
                text = _text(value).casefold()
                hits += [f"{model._meta.label}.{name}: {n}" for n in needles if n in text]
    return hits


def raw_hits(needles: set[str]) -> list[str]:
    """Every column of every table (read with a cursor) that holds one of ``needles``."""
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            columns = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _text(value).casefold()
                    hits += [f"{table}.{column}: {n}" for n in needles if n in text]
    return hits


def _blind_index(email: str) -> str:
    return keyring().blind_index(normalise(email))


# The world.


def _panel_world(lead):
    panel = panel_make(lead, min_cell=1)
    batch = AddressBatch.objects.create(panel=panel, name="Sample", imported_by=lead.user)
    address = Address.objects.create(
        batch=batch,
        line_1=MEMBER["address"],
        town="Calderbrook",
        postcode=MEMBER["postcode"],
        area="Millbrook",
        code="7K2MQ9XA",
    )
    member = member_make(
        panel,
        address,
        name=MEMBER["name"],
        email=MEMBER["email"],
        phone=MEMBER["phone"],
        postal_address=f"{MEMBER['address']}\nCalderbrook\n{MEMBER['postcode']}",
    ).member
    others = [
        make_member(panel, {"age": age, "tenure": tenure})
        for age in ("16-34", "35-64", "65+")
        for tenure in ("owns", "rents")
    ]
    survey = make_survey(panel.organisation, lead)
    wave = make_wave(panel, survey, lead)
    single, multiple, number, free_text, grid = questions(survey)
    for index, person in enumerate([member, *others]):
        invitation = Invitation.objects.create(
            survey=survey,
            token_hash=f"{person.pk:064d}",
            respondent=person.pseudonym,
            closes_at=wave.closes_at,
        )
        WaveInvitation.objects.create(
            wave=wave, member=person, invitation=invitation, channel="email"
        )
        words = (
            f"I am {MEMBER['name']} of {MEMBER['address']}, call me on {MEMBER['phone']}"
            if person == member
            else f"Resident {index} thinks it is fine"
        )
        submit(
            invitation,
            {
                str(single.pk): "yes" if index % 2 else "no",
                str(multiple.pk): ["audit"],
                str(number.pk): index,
                str(free_text.pk): words,
                str(grid.pk): {"fair": "yes"},
            },
        )
    return member, wave


def _jury_world(lead):
    jury = JuryFactory(organisation=lead.organisation)
    batch = JuryLetterBatch.objects.create(jury=jury, name="Letters", imported_by=lead.user)
    letter = JuryLetter.objects.create(
        batch=batch,
        line_1=JUROR["address"],
        town="Calderbrook",
        postcode=JUROR["postcode"],
        code="Q4W7E2RT",
    )
    volunteer = VolunteerFactory(
        jury=jury,
        name=JUROR["name"],
        email=JUROR["email"],
        phone=JUROR["phone"],
        postal_address=f"{JUROR['address']}, Calderbrook",
        postcode=JUROR["postcode"],
        household=household_key(JUROR["address"], JUROR["postcode"]),
        profile={"age": "35-64", "sex": "male"},
        availability=f"Evenings; ask for {JUROR['name']}",
        access_needs=f"Wheelchair access at {JUROR['address']}",
        source=Volunteer.Source.LETTER,
        letter=letter,
        external_id="POOL-0042",
    )
    juror = JurorFactory(jury=jury, volunteer=volunteer)
    others = [
        JurorFactory(jury=jury, volunteer__profile={"age": age, "sex": "female"}, draw=juror.draw)
        for age in ("16-34", "65+")
    ]
    session = JurySession.objects.create(
        jury=jury,
        stage=JurySession.Stage.EVIDENCE,
        date=timezone.localdate(),
        starts_at="10:00",
        ends_at="16:00",
        location="Town hall",
    )
    for serving in (juror, *others):
        Attendance.objects.create(session=session, juror=serving)
    ExpenseClaim.objects.create(
        juror=juror, description=f"Taxi from {JUROR['address']} to the town hall", amount="12.50"
    )
    JurorQuestion.objects.create(
        jury=jury, witness=WitnessFactory(jury=jury), asked_by=juror, question="Who sees the data?"
    )
    recommendation = Recommendation.objects.create(
        jury=jury,
        text="Publish a register of every data-sharing decision.",
        status=Recommendation.Status.CLOSED,
        supported=True,
    )
    for serving, choice in zip((juror, *others), ("for", "for", "against"), strict=True):
        BallotCast.objects.create(recommendation=recommendation, juror=serving)
        Ballot.objects.create(recommendation=recommendation, choice=choice)
    Verdict.objects.create(
        jury=jury,
        text="Share, with a public register.",
        reached_by=Verdict.ReachedBy.VOTE,
        published_at=timezone.now(),
        published_by=lead.user,
    )
    return volunteer, jury


def _dialogue_world(lead):
    dialogue = DialogueFactory(
        organisation=lead.organisation,
        status=Dialogue.Status.OPEN,
        what_next="The council decides in June.",
        outcome_published_at=timezone.now(),
    )
    question = QuestionFactory(dialogue=dialogue)
    held = EventFactory(
        dialogue=dialogue,
        status=Event.Status.HELD,
        host__name=HOST["name"],
        host__email=HOST["email"],
        host__phone=HOST["phone"],
        host__group=HOST["group"],
        venue=f"My kitchen, {HOST['address']}",
        access=f"Ring {HOST['phone']} when you arrive",
        token="host-secret-held",
    )
    write_up = WriteUpFactory(
        event=held,
        participants=9,
        counts={"age": {"16-34": 4, "35-64": 5}},
        facilitation=f"{HOST['name']} facilitated, with the {HOST['group']}",
    )
    answer(write_up, question, minority_views="Two people wanted no sharing at all.")
    upcoming = EventFactory(
        dialogue=dialogue, host=held.host, area=held.area, token="host-secret-next"
    )
    return held.host, dialogue, upcoming


def _published(wave, jury, dialogue) -> dict[str, Any]:
    """What has been published from their data, as plain values."""
    context = report_context(jury)
    heard = outcome(dialogue=dialogue)
    serving_profiles = Counter(
        (key, value)
        for juror in context["verdict"].jury.jurors.filter(status="serving")
        for key, value in juror.volunteer.profile.items()
    )
    return {
        "wave": results_json(wave_results(wave=wave)),
        "jury_profile": sorted(serving_profiles.items()),
        "jury_serving": context["serving"],
        "jury_votes": [(r.text, count) for r, count in context["recommendations"]],
        "jury_verdict": (context["verdict"].text, context["verdict"].published_at),
        "dialogue": {
            "events": heard.events,
            "participants": heard.participants,
            "areas": heard.areas,
            "questions": [
                (item.question.text, item.events, item.agreement, item.points, item.minority)
                for item in heard.questions
            ],
        },
    }


def test_after_erasure_no_table_holds_their_contact_details_and_published_results_stand():
    organisation = OrganisationFactory()
    lead = MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)
    member, wave = _panel_world(lead)
    volunteer, jury = _jury_world(lead)
    host, dialogue, upcoming = _dialogue_world(lead)
    needles = _needles(MEMBER) | _needles(JUROR) | _needles(HOST)
    indexes = {_blind_index(person["email"]) for person in (MEMBER, JUROR, HOST)}

    # The scan finds every person before erasure (so it would find a trace after).
    found = orm_hits(needles)
    for needle in needles:
        assert any(hit.endswith(": " + needle) for hit in found), needle
    assert raw_hits(indexes), "the blind index of the email addresses is in the raw columns"
    before = _published(wave, jury, dialogue)

    # One by the member's own link, one by staff after a letter, one by the host's own link.
    panel_services.member_erase(member=member)
    juror_rights.volunteer_erase_by_staff(
        actor=lead, volunteer=volunteer, how_asked="letter received 3 May"
    )
    host_rights.host_erase(host=host)

    assert orm_hits(needles) == []
    assert raw_hits(needles | indexes) == []
    assert _published(wave, jury, dialogue) == before

    # Who they were stays only as pseudonyms, and each erasure is in the audit trail.
    member.refresh_from_db()
    volunteer.refresh_from_db()
    host.refresh_from_db()
    assert member.status == Member.Status.ERASED
    assert volunteer.status == Volunteer.Status.ERASED
    assert volunteer.juror.status == "serving"
    assert host.erased_at is not None
    upcoming.refresh_from_db()
    assert upcoming.status == Event.Status.CANCELLED
    erasures = AuditEntry.objects.filter(category=AuditEntry.Category.PERSONAL_DATA_CHANGE)
    assert set(erasures.values_list("action", flat=True)) >= {
        "panels.member.erased",
        "juries.volunteer.erased",
        "dialogues.host.erased",
    }
    assert Host.objects.get(pk=host.pk).events.filter(host_token_hash__isnull=False).count() == 0
