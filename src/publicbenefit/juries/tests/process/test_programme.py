"""The programme: sessions in three stages over 2 to 7 days, their agendas, the warnings when
the programme does not fit Appendix C, and attendance."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts.tests.helpers import error_summary
from publicbenefit.juries.models import Attendance, Juror, JurySession
from publicbenefit.juries.selectors.process import attendance, programme_warnings
from publicbenefit.juries.services.process_sessions import (
    agenda_item_add,
    attendance_record,
    session_add,
    session_remove,
    session_update,
)
from publicbenefit.juries.tests.factories import JurySessionFactory, WitnessFactory

from .conftest import jury_url

pytestmark = pytest.mark.django_db

UNDERSTANDING = JurySession.Stage.UNDERSTANDING
EVIDENCE = JurySession.Stage.EVIDENCE
DELIBERATION = JurySession.Stage.DELIBERATION


def day(n):
    return datetime.date(2027, 3, 5) + datetime.timedelta(days=n)


def add(lead, jury, stage, n, **changes):
    values = {
        "stage": stage,
        "date": day(n),
        "starts_at": datetime.time(10),
        "ends_at": datetime.time(16),
        "location": "Town Hall",
        **changes,
    }
    return session_add(actor=lead, jury=jury, **values)


def test_a_programme_in_three_stages_over_three_days_has_no_warnings(lead, jury):
    add(lead, jury, UNDERSTANDING, 0)
    add(lead, jury, EVIDENCE, 1)
    add(lead, jury, EVIDENCE, 1, starts_at=datetime.time(14), ends_at=datetime.time(17))
    add(lead, jury, DELIBERATION, 2)
    assert programme_warnings(jury=jury) == []


def test_an_empty_programme_says_so(jury):
    assert programme_warnings(jury=jury) == ["There are no sessions yet."]


def test_one_day_is_too_short_and_missing_stages_are_named(lead, jury):
    add(lead, jury, UNDERSTANDING, 0)
    assert programme_warnings(jury=jury) == [
        "The sessions span 1 day. A jury needs at least 2 days to deliberate.",
        "There is no session for the stage “Hearing from expert witnesses”.",
        "There is no session for the stage “Concluding deliberation”.",
    ]


def test_more_than_seven_days_is_too_long(lead, jury):
    add(lead, jury, UNDERSTANDING, 0)
    add(lead, jury, EVIDENCE, 3)
    add(lead, jury, DELIBERATION, 7)
    assert programme_warnings(jury=jury) == [
        "The sessions span 8 days. A jury should finish within 7 days."
    ]


def test_stages_out_of_order_are_named(lead, jury):
    add(lead, jury, UNDERSTANDING, 0)
    add(lead, jury, DELIBERATION, 1)
    add(lead, jury, EVIDENCE, 2)
    (warning,) = programme_warnings(jury=jury)
    assert warning.startswith(
        "The stages are out of order: “Hearing from expert witnesses” on 7 March 2027 comes "
        "after “Concluding deliberation”."
    )


def test_a_session_must_end_after_it_starts_and_have_a_place(lead, jury):
    with pytest.raises(ValidationError) as refused:
        add(lead, jury, UNDERSTANDING, 0, ends_at=datetime.time(9), location=" ")
    assert refused.value.message_dict == {
        "ends_at": ["The session must end after it starts"],
        "location": ["Enter where the session is held"],
    }
    assert not JurySession.objects.exists()


def test_sessions_change_and_go_with_their_agenda(lead, jury):
    session = add(lead, jury, UNDERSTANDING, 0)
    agenda_item_add(actor=lead, session=session, starts_at=datetime.time(10), title="Welcome")
    session = session_update(
        actor=lead,
        session=session,
        stage=EVIDENCE,
        date=day(1),
        starts_at=datetime.time(9),
        ends_at=datetime.time(12),
        location="Library",
    )
    assert (session.stage, session.location) == (EVIDENCE, "Library")
    session_remove(actor=lead, session=session)
    assert not JurySession.objects.exists()


def test_an_agenda_item_cannot_name_another_jurys_witness(lead, jury):
    session = add(lead, jury, UNDERSTANDING, 0)
    with pytest.raises(ValidationError) as refused:
        agenda_item_add(
            actor=lead,
            session=session,
            starts_at=datetime.time(10),
            title="Evidence",
            witness=WitnessFactory(),
        )
    assert refused.value.message_dict == {"witness": ["Select a witness from the list"]}


def test_viewers_and_other_organisations_cannot_add_sessions(viewer, outsider, jury):
    for actor in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            add(actor, jury, UNDERSTANDING, 0)


def test_the_lead_adds_a_session_and_an_agenda_item_from_the_pages(client_for, lead, jury):
    client = client_for(lead.user)
    response = client.post(
        jury_url(jury, "programme/add/"),
        {
            "stage": "evidence",
            "date_0": "6",
            "date_1": "3",
            "date_2": "2027",
            "starts_at": "09:30",
            "ends_at": "16:00",
            "location": "Calderbrook Library",
        },
    )
    assert response.status_code == 302
    session = jury.sessions.get()
    assert (session.date, session.starts_at) == (datetime.date(2027, 3, 6), datetime.time(9, 30))
    witness = WitnessFactory(jury=jury, name="Dr Lee")
    response = client.post(
        jury_url(jury, f"programme/{session.pk}/agenda/add/"),
        {"starts_at": "10:00", "title": "How risk scores work", "witness": witness.pk},
    )
    assert response.status_code == 302
    page = client.get(jury_url(jury, "programme/")).content.decode()
    assert "How risk scores work" in page
    assert "Dr Lee" in page
    assert "There is no session for the stage “Understanding the process”." in page


def test_bad_session_input_is_shown_on_the_form(client_for, lead, jury):
    response = client_for(lead.user).post(
        jury_url(jury, "programme/add/"),
        {"stage": "", "date_0": "31", "date_1": "2", "date_2": "2027", "starts_at": "25:00"},
    )
    assert response.status_code == 200
    assert error_summary(response.content) == [
        "Select the stage of the jury",
        "Date must be a real date",
        "Enter a real time, like 09:30 or 14:00",
        "Enter the time the session ends",
        "Enter where the session is held",
    ]
    assert not JurySession.objects.exists()


def test_attendance_is_recorded_for_every_serving_juror(client_for, lead, viewer, jury, jurors):
    session = JurySessionFactory(jury=jury)
    client = client_for(lead.user)
    response = client.post(
        jury_url(jury, f"programme/{session.pk}/attendance/"),
        {"present": [jurors[0].pk, jurors[2].pk]},
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("juror_id", "present")) == {
        jurors[0].pk: True,
        jurors[1].pk: False,
        jurors[2].pk: True,
    }
    (row,) = attendance(jury=jury)
    assert row.present == {jurors[0].pk, jurors[2].pk}
    page = client_for(viewer.user).get(jury_url(jury, "facilitator/")).content.decode()
    assert "Sessions attended (of 1 recorded)" in page


def test_attendance_refuses_jurors_not_serving_on_the_jury(lead, jury, jurors):
    session = JurySessionFactory(jury=jury)
    Juror.objects.filter(pk=jurors[1].pk).update(status=Juror.Status.DROPPED)
    with pytest.raises(ValidationError):
        attendance_record(actor=lead, session=session, present={jurors[1].pk})
    with pytest.raises(PermissionDenied):
        attendance_record(actor=lead, session=JurySessionFactory(), present=set())


def test_changing_a_session_starts_from_what_it_is(client_for, lead, jury):
    session = JurySessionFactory(
        jury=jury, date=datetime.date(2027, 3, 6), starts_at=datetime.time(9, 30)
    )
    page = client_for(lead.user).get(jury_url(jury, f"programme/{session.pk}/change/"))
    html = page.content.decode()
    assert 'value="09:30"' in html
    assert 'value="2027"' in html
    assert 'value="Calderbrook Town Hall, Council Chamber"' in html
