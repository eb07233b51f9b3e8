"""After a wave: attrition across waves (rates by group, members who stopped answering, refresh
targets), the prize draw (re-runnable from its seed, no personal data on its public page) and
"you said, we did" feedback (emailed once, listed for the member)."""

import datetime
import hashlib
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.audit.models import AuditEntry
from publicbenefit.audit.tests.helpers import audited
from publicbenefit.core.weighting import prize_draw
from publicbenefit.panels.models import Member, Message, PrizeDrawResult, Wave, WaveInvitation
from publicbenefit.panels.selectors import waves as selectors
from publicbenefit.panels.services import waves as services
from publicbenefit.panels.tests.test_waves_builders import (
    make_member,
    make_panel,
    make_survey,
    make_wave,
    submit,
)
from publicbenefit.surveys.models import Invitation

pytestmark = pytest.mark.django_db

Category = AuditEntry.Category


def _invite(wave: Wave, member: Member, *, answered: bool) -> WaveInvitation:
    invitation = Invitation.objects.create(
        survey=wave.survey,
        token_hash=f"{wave.pk:032d}{member.pk:032d}",
        respondent=member.pseudonym,
        closes_at=wave.closes_at,
    )
    if answered:
        submit(invitation, {})
    return WaveInvitation.objects.create(
        wave=wave, member=member, invitation=invitation, channel="email"
    )


@pytest.fixture
def history(organisation, administrator) -> dict[str, Any]:
    """Three closed waves: the young stop answering after the first, the older always answer."""
    panel = make_panel(organisation, administrator, prize_draw=True)
    young = [make_member(panel, {"age": "16-34", "sex": "female"}) for _ in range(4)]
    older = [make_member(panel, {"age": "65+", "sex": "male"}, prize_draw=True) for _ in range(6)]
    waves = []
    for number in range(3):
        survey = make_survey(organisation, administrator)
        wave = make_wave(
            panel,
            survey,
            administrator,
            name=f"Wave {number + 1}",
            status=Wave.Status.CLOSED,
            sent_at=timezone.now() + datetime.timedelta(days=number),
            prize_seed=f"fixed-when-wave-{number + 1}-was-sent",
        )
        for member in young:
            _invite(wave, member, answered=number == 0)
        for member in older:
            _invite(wave, member, answered=True)
        waves.append(wave)
    return {"panel": panel, "young": young, "older": older, "waves": waves}


def test_response_rates_by_group_show_who_stopped_answering(history) -> None:
    found = selectors.attrition(panel=history["panel"], last_n=2)
    assert [wave.name for wave in found.waves] == ["Wave 1", "Wave 2", "Wave 3"]
    age = next(table for table in found.rates if table.key == "age")
    young = next(row for row in age.rows if row.value == "16-34")
    assert [cell.rate for cell in young.cells] == [100, 0, 0]
    older = next(row for row in age.rows if row.value == "65+")
    assert [cell.rate for cell in older.cells] == [100, 100, 100]


def test_members_silent_for_the_last_n_waves_are_listed_by_pseudonym(history) -> None:
    silent = {member.pseudonym for member in history["young"]}
    assert {m.pseudonym for m in selectors.attrition(panel=history["panel"]).non_responders} == (
        set()
    )
    found = selectors.attrition(panel=history["panel"], last_n=2)
    assert {member.pseudonym for member in found.non_responders} == silent


def test_refresh_targets_replace_the_non_responders_by_the_margins(history) -> None:
    found = selectors.attrition(panel=history["panel"], last_n=2)
    age = {target.value: target for target in found.refresh["Age"]}
    # 10 active members: targets 3, 5 and 2; only the 6 older members still answer.
    assert (age["16-34"].target, age["16-34"].responsive, age["16-34"].recruit) == (3, 0, 3)
    assert (age["35-64"].target, age["35-64"].recruit) == (5, 5)
    assert (age["65+"].target, age["65+"].responsive, age["65+"].recruit) == (2, 6, 0)


def test_attrition_page(history, client_for, viewer) -> None:
    panel = history["panel"]
    page = client_for(viewer.user).get(
        f"/o/{panel.organisation.slug}/panels/{panel.pk}/waves/attrition/", {"last_n": "2"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert history["young"][0].pseudonym in html
    assert "@example.org" not in html


def test_prize_draw_is_re_runnable_from_the_published_seed(history, administrator) -> None:
    wave = history["waves"][-1]
    committed = wave.prize_seed_sha256
    result = services.prize_draw_run(actor=administrator, wave=wave, prizes=2, reserves=2)
    # The seed is the one fixed when the wave was sent, whose SHA-256 was published then.
    assert result.seed == "fixed-when-wave-3-was-sent"
    assert result.seed_fixed_in_advance
    assert hashlib.sha256(result.seed.encode()).hexdigest() == committed
    # Only respondents who opted in: the six older members.
    assert len(result.entry_codes) == 6
    again = prize_draw(result.entry_codes, 2, seed=result.seed)
    assert list(again.winners) == result.winners
    assert list(again.order[2:4]) == result.reserves
    pseudonyms = {member.pseudonym for member in history["older"]}
    assert not pseudonyms & set(result.entry_codes)
    with pytest.raises(ValidationError):
        services.prize_draw_run(actor=administrator, wave=wave, prizes=1)
    assert PrizeDrawResult.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"prizes": 7}, "between 1 and 6"),
        ({"prizes": 1, "reserves": -1}, "0 or more"),
    ],
)
def test_prize_draw_refuses_bad_input(history, administrator, changes, message) -> None:
    with pytest.raises(ValidationError) as refused:
        services.prize_draw_run(actor=administrator, wave=history["waves"][-1], **changes)
    assert message in str(refused.value)
    assert not PrizeDrawResult.objects.exists()


def test_prize_draw_needs_a_closed_wave_and_the_right_to_engage(history, administrator, viewer):
    wave = history["waves"][-1]
    with pytest.raises(PermissionDenied):
        services.prize_draw_run(actor=viewer, wave=wave, prizes=1)
    Wave.objects.filter(pk=wave.pk).update(status=Wave.Status.OPEN)
    with pytest.raises(ValidationError):
        services.prize_draw_run(actor=administrator, wave=wave, prizes=1)


def test_public_draw_page_shows_codes_and_recipe_but_no_personal_data(
    history, administrator, client
) -> None:
    wave = history["waves"][-1]
    result = services.prize_draw_run(actor=administrator, wave=wave, prizes=2)
    html = client.get(f"/panel/draw/{wave.pk}/").content.decode()
    assert result.seed in html
    assert wave.prize_seed_sha256 in html
    assert all(code in html for code in result.entry_codes)
    assert "sha256sum" in html
    for member in history["older"]:
        assert member.pseudonym not in html
        assert member.email not in html
        assert member.name not in html

    # Before its draw, a wave's page shows only the SHA-256 of the seed fixed when it was sent.
    before = client.get(f"/panel/draw/{history['waves'][0].pk}/").content.decode()
    assert history["waves"][0].prize_seed_sha256 in before
    assert history["waves"][0].prize_seed not in before
    assert "not been drawn yet" in before


def test_a_wave_sent_before_seeds_were_fixed_in_advance_draws_a_fresh_random_seed(
    history, administrator, client
) -> None:
    wave = history["waves"][-1]
    Wave.objects.filter(pk=wave.pk).update(prize_seed="")
    wave.refresh_from_db()
    assert client.get(f"/panel/draw/{wave.pk}/").status_code == 404

    result = services.prize_draw_run(actor=administrator, wave=wave, prizes=1)

    assert len(result.seed) == 32
    assert not result.seed_fixed_in_advance
    html = client.get(f"/panel/draw/{wave.pk}/").content.decode()
    assert result.seed in html
    assert "before anyone could enter" not in html


def test_a_draft_wave_has_no_public_draw_page(history, client) -> None:
    wave = history["waves"][-1]
    Wave.objects.filter(pk=wave.pk).update(status=Wave.Status.DRAFT)
    assert client.get(f"/panel/draw/{wave.pk}/").status_code == 404


def test_staff_draw_page_shows_contacts_only_to_leads(history, administrator, viewer, client_for):
    wave = history["waves"][-1]
    result = services.prize_draw_run(actor=administrator, wave=wave, prizes=1)
    url = f"/o/{wave.panel.organisation.slug}/panels/{wave.panel.pk}/waves/{wave.pk}/prize-draw/"
    winner = selectors.prize_draw_entries(wave=wave)[result.winners[0]]
    assert winner.email in client_for(administrator.user).get(url).content.decode()
    viewed = client_for(viewer.user).get(url).content.decode()
    assert winner.email not in viewed
    assert client_for(viewer.user).post(url, {"prizes": "1"}).status_code == 403


def test_feedback_is_emailed_once_to_active_invited_members(history, administrator) -> None:
    wave = history["waves"][-1]
    gone = history["young"][0]
    Member.objects.filter(pk=gone.pk).update(status=Member.Status.LEFT)
    services.wave_feedback_publish(
        actor=administrator, wave=wave, feedback="You said: be careful. We did: an audit."
    )
    assert wave.messages.filter(kind=Message.Kind.FEEDBACK).count() == 9
    services.messages_send_due()
    services.messages_send_due()
    assert len(mail.outbox) == 9
    assert "We did: an audit." in mail.outbox[0].body
    assert gone.email not in {email.to[0] for email in mail.outbox}
    with pytest.raises(ValidationError):
        services.wave_feedback_publish(actor=administrator, wave=wave, feedback="Again")
    member = history["older"][0]
    assert selectors.feedback_for_member(member) == [Wave.objects.get(pk=wave.pk)]


def test_members_read_the_feedback_on_their_own_page(history, administrator, client) -> None:
    wave = history["waves"][-1]
    invited, outsider = history["older"][0], make_member(history["panel"], {"age": "65+"})
    links = {}
    for member in (invited, outsider):
        token = token_new()
        Member.objects.filter(pk=member.pk).update(manage_token_hash=token_hash(token))
        links[member.pk] = reverse("panels:me", kwargs={"token": token})
    before = client.get(links[invited.pk])
    assert before.status_code == 200
    assert "You said, we did" not in before.text
    services.wave_feedback_publish(
        actor=administrator, wave=wave, feedback="You said: <b>be careful</b>.\nWe did: an audit."
    )
    page = client.get(links[invited.pk])
    assert "You said, we did" in page.text
    assert wave.name in page.text
    assert "We did: an audit." in page.text
    assert "&lt;b&gt;be careful&lt;/b&gt;" in page.text
    # A member who was not invited to the wave is not told about it.
    assert "You said, we did" not in client.get(links[outsider.pk]).text


def test_feedback_needs_text_a_closed_wave_and_the_right_to_engage(
    history, administrator, viewer
) -> None:
    wave = history["waves"][-1]
    with pytest.raises(ValidationError):
        services.wave_feedback_publish(actor=administrator, wave=wave, feedback="  ")
    with pytest.raises(PermissionDenied):
        services.wave_feedback_publish(actor=viewer, wave=wave, feedback="Text")
    Wave.objects.filter(pk=wave.pk).update(status=Wave.Status.OPEN)
    with pytest.raises(ValidationError):
        services.wave_feedback_publish(actor=administrator, wave=wave, feedback="Text")
    assert not Message.objects.exists()


def test_feedback_and_draw_pages_through_the_browser(history, administrator, client_for) -> None:
    wave = history["waves"][-1]
    client = client_for(administrator.user)
    base = f"/o/{wave.panel.organisation.slug}/panels/{wave.panel.pk}/waves/{wave.pk}/"
    assert "6 respondents" in client.get(base + "prize-draw/").content.decode()
    drawn = client.post(base + "prize-draw/", {"prizes": "2", "reserves": "1"})
    assert drawn.status_code == 302
    assert len(PrizeDrawResult.objects.get().winners) == 2
    assert client.get(base + "feedback/").status_code == 200
    published = client.post(base + "feedback/", {"feedback": "We listened."})
    assert published.status_code == 302
    detail = client.get(base).content.decode()
    assert "We listened." in detail
    assert "The prize draw" in detail
    assert (
        client.get(f"/o/{wave.panel.organisation.slug}/panels/{wave.panel.pk}/waves/").status_code
        == 200
    )


def test_the_draw_its_winners_contacts_and_the_feedback_are_audited(
    history, administrator, client_for
) -> None:
    wave = history["waves"][-1]
    result = services.prize_draw_run(actor=administrator, wave=wave, prizes=2)
    url = f"/o/{wave.panel.organisation.slug}/panels/{wave.panel.pk}/waves/{wave.pk}/prize-draw/"
    client_for(administrator.user).get(url)
    services.wave_feedback_publish(actor=administrator, wave=wave, feedback="We did: an audit.")

    members = [*history["young"], *history["older"]]
    personal = [value for member in members for value in (member.name, member.email)]
    draw = audited(
        "panels.prize_draw.run", actor=administrator, category=Category.DRAW, personal=personal
    )
    assert draw.details == {"seed": result.seed, "entries": 6, "prizes": 2, "reserves": 0}
    viewed = audited(
        "panels.prize_draw.winners_viewed",
        actor=administrator,
        category=Category.PERSONAL_DATA_READ,
        personal=personal,
    )
    entries = selectors.prize_draw_entries(wave=wave)
    assert viewed.details["pseudonyms"] == [entries[code].pseudonym for code in result.winners]
    feedback = audited(
        "panels.wave.feedback_published",
        actor=administrator,
        category=Category.DECISION,
        personal=personal,
    )
    assert feedback.details == {"emails": 10}


def test_a_viewer_sees_no_contacts_and_no_read_is_recorded(
    history, administrator, viewer, client_for
):
    wave = history["waves"][-1]
    services.prize_draw_run(actor=administrator, wave=wave, prizes=1)
    url = f"/o/{wave.panel.organisation.slug}/panels/{wave.panel.pk}/waves/{wave.pk}/prize-draw/"
    client_for(viewer.user).get(url)
    assert not AuditEntry.objects.filter(actor=viewer.user).exists()
