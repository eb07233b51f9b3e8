"""Write-ups: sent by the host from their link without JavaScript (one page, a fieldset per
framing question), refused a second time, reopened by staff, refused when the dialogue has
closed, with the participants' number checked and the quality flags worked out."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from publicbenefit.dialogues.models import Agreement, Dialogue, Event, WriteUp
from publicbenefit.dialogues.selectors.writeups import write_up_flags
from publicbenefit.dialogues.services.writeups import (
    AnswerIn,
    WriteUpIn,
    write_up_reopen,
    write_up_submit,
)
from publicbenefit.dialogues.tests.conftest import HOST_TOKEN
from publicbenefit.dialogues.tests.factories import LONG, WriteUpFactory, answer

pytestmark = pytest.mark.django_db

FORM = reverse("dialogues:host_write_up", kwargs={"token": HOST_TOKEN})


def _post(dialogue, **changes):
    data = {"participants": "14", "facilitation": "Two tables, one facilitator each."}
    for q in dialogue.questions.all():
        data[f"q{q.pk}_main_points"] = LONG
        data[f"q{q.pk}_agreement"] = Agreement.MOST
        data[f"q{q.pk}_quotes"] = '"Tell us who looks at it."'
        data[f"q{q.pk}_minority_views"] = ""
    data["count_age_under-25"] = "3"
    data["count_age_65-plus"] = "4"
    data.update(changes)
    return data


def test_the_form_is_one_page_with_a_fieldset_per_question(dialogue, event):
    page = Client().get(FORM).content.decode()
    assert page.count("<fieldset") >= dialogue.questions.count()
    assert "Question 1: Should the council share discharge dates?" in page
    assert "<script" not in page.split("<main")[1].split("</main>")[0]


def test_a_host_sends_the_write_up_once(dialogue, event):
    client = Client()
    response = client.post(FORM, _post(dialogue))
    assert response.status_code == 200
    assert "Write-up sent" in response.content.decode()
    write_up = WriteUp.objects.get(event=event)
    assert write_up.participants == 14
    assert write_up.counts == {"age": {"under-25": 3, "65-plus": 4}}
    assert write_up.answers.count() == 2
    event.refresh_from_db()
    assert event.status == Event.Status.HELD
    again = client.post(FORM, _post(dialogue, participants="20"))
    assert "This write-up has already been sent" in again.content.decode()
    write_up.refresh_from_db()
    assert write_up.participants == 14
    # The host's page still works once the event is held.
    assert (
        client.get(reverse("dialogues:host_home", kwargs={"token": HOST_TOKEN})).status_code == 200
    )


def test_the_service_refuses_a_second_send(dialogue, event):
    data = WriteUpIn(
        participants=10,
        answers=[AnswerIn(q.pk, LONG, Agreement.MOST) for q in dialogue.questions.all()],
    )
    write_up_submit(event=event, data=data)
    with pytest.raises(ValidationError, match="already been sent"):
        write_up_submit(event=event, data=data)


def test_staff_reopen_a_write_up_so_the_host_can_send_it_again(lead, viewer, dialogue, event):
    Client().post(FORM, _post(dialogue))
    with pytest.raises(PermissionDenied):
        write_up_reopen(actor=viewer, event=event)
    write_up_reopen(actor=lead, event=event)
    page = Client().get(FORM).content.decode()
    assert 'value="14"' in page  # the form starts from what was sent
    response = Client().post(FORM, _post(dialogue, participants="16"))
    assert "Write-up sent" in response.content.decode()
    write_up = WriteUp.objects.get(event=event)
    assert write_up.participants == 16
    assert write_up.answers.count() == 2
    assert write_up.reopened_at is not None


def test_a_write_up_for_a_closed_dialogue_is_refused(dialogue, event):
    Dialogue.objects.filter(pk=dialogue.pk).update(status=Dialogue.Status.CLOSED)
    client = Client()
    assert "The dialogue has closed" in client.get(FORM).content.decode()
    client.post(FORM, _post(dialogue))
    assert not WriteUp.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"participants": "0"}, "between 1 and 500"),
        ({"participants": "501"}, "between 1 and 500"),
        ({"participants": ""}, "Enter how many people took part"),
        ({"count_age_under-25": "20"}, "add up to more than"),
    ],
)
def test_bad_write_ups_are_refused_and_nothing_is_saved(dialogue, event, changes, message):
    response = Client().post(FORM, _post(dialogue, **changes))
    assert message in response.content.decode()
    assert not WriteUp.objects.exists()


def test_main_points_without_agreement_are_refused(dialogue, event):
    q = dialogue.questions.first()
    response = Client().post(FORM, _post(dialogue, **{f"q{q.pk}_agreement": ""}))
    assert "Select how far the group agreed" in response.content.decode()
    assert not WriteUp.objects.exists()


def test_more_than_50_is_accepted_with_a_warning(dialogue, event):
    response = Client().post(FORM, _post(dialogue, participants="80"))
    assert "You told us 80 people took part" in response.content.decode()
    assert WriteUp.objects.get().participants == 80


def _flags(write_up, dialogue):
    return {flag.code for flag in write_up_flags(write_up, list(dialogue.questions.all()))}


def test_a_write_up_missing_a_framing_question_is_flagged(dialogue, event):
    first, second = dialogue.questions.all()
    write_up = WriteUpFactory(event=event)
    answer(write_up, first, minority_views="Some did not trust the hospital.")
    assert _flags(write_up, dialogue) == {"missing"}
    answer(write_up, second, main_points="")
    assert _flags(write_up, dialogue) == {"missing"}


def test_very_short_answers_are_flagged(dialogue, event):
    first, second = dialogue.questions.all()
    write_up = WriteUpFactory(event=event)
    answer(write_up, first, main_points="Fine by us.")
    answer(write_up, second, agreement=Agreement.SPLIT)
    assert _flags(write_up, dialogue) == {"short"}


def test_a_group_that_only_agreed_is_flagged(dialogue, event):
    first, second = dialogue.questions.all()
    write_up = WriteUpFactory(event=event)
    answer(write_up, first, agreement=Agreement.ALL)
    answer(write_up, second, agreement=Agreement.ALL)
    assert _flags(write_up, dialogue) == {"only_agreed"}
    second.answers.update(minority_views="One person worried about scams.")
    assert _flags(write_up, dialogue) == set()


@pytest.mark.parametrize(
    ("participants", "flagged"), [(4, True), (5, False), (50, False), (51, True)]
)
def test_events_outside_5_to_50_are_flagged(dialogue, event, participants, flagged):
    write_up = WriteUpFactory(event=event, participants=participants)
    for q in dialogue.questions.all():
        answer(write_up, q)
    assert ("size" in _flags(write_up, dialogue)) is flagged
