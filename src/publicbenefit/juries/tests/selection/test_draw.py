"""The draw: from a finished lottery with a published seed, an audit record anyone can re-run
with ``publicbenefit select`` to the same jury, jurors with secret links shown once, and
drop-outs replaced keeping the quotas."""

import io
import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from publicbenefit.accounts.tokens import token_hash
from publicbenefit.audit.models import AuditEntry
from publicbenefit.audit.tests.helpers import audited
from publicbenefit.commands.select import main as select_main
from publicbenefit.juries.models import Draw, Juror, JuryValue, Volunteer
from publicbenefit.juries.services.draw import draw_make, juror_drop, juror_replace
from publicbenefit.juries.services.lottery import lottery_compute, lottery_request
from publicbenefit.juries.tests.selection.conftest import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def lottery(lead, pooled_jury):
    requested = lottery_request(actor=lead, jury=pooled_jury, algorithm="leximin")
    return lottery_compute(lottery_id=requested.pk)


def test_the_draw_page_draws_with_the_seed_and_shows_the_links_once(
    client_for, lead, pooled_jury, lottery
):
    client = client_for(lead.user)
    response = client.post(url("draw_create", pooled_jury, lottery_pk=lottery.pk), {"seed": "2026"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Seed 2026" in page
    draw = Draw.objects.get()
    assert draw.seed == "2026"
    jurors = Juror.objects.filter(jury=pooled_jury)
    assert jurors.count() == 6
    links = re.findall(r"http://testserver/jury/juror/([A-Za-z0-9_-]+)/", page)
    assert len(links) == 6
    assert {token_hash(token) for token in links} == set(
        jurors.values_list("page_token_hash", flat=True)
    )
    # The links are not shown again.
    later = client.get(url("juror_list", pooled_jury)).content.decode()
    assert not any(token in later for token in links)
    assert sorted(j.volunteer.pseudonym for j in jurors) == draw.audit["panel"]
    assert draw.audit["seed"] == 2026
    assert draw.audit["inputs_sha256"] == lottery.inputs_digest
    assert len(draw.audit_digest) == 64


def test_a_blank_seed_is_generated_and_shown(client_for, lead, pooled_jury, lottery):
    response = client_for(lead.user).post(
        url("draw_create", pooled_jury, lottery_pk=lottery.pk), {"seed": ""}
    )
    seed = Draw.objects.get().seed
    assert seed.isdigit()
    assert f"Seed {seed}" in response.content.decode()


def test_the_same_seed_draws_the_same_jury(lead, pooled_jury, lottery):
    first = draw_make(actor=lead, lottery=lottery, seed=99).draw.audit["panel"]
    Juror.objects.all().delete()
    Draw.objects.all().delete()
    assert draw_make(actor=lead, lottery=lottery, seed=99).draw.audit["panel"] == first


def test_a_jury_is_drawn_once(lead, lottery):
    draw_make(actor=lead, lottery=lottery, seed=1)
    with pytest.raises(ValidationError, match="drawn already"):
        draw_make(actor=lead, lottery=lottery, seed=2)


def test_a_legacy_lottery_is_for_comparison_only(lead, pooled_jury):
    legacy = lottery_compute(
        lottery_id=lottery_request(actor=lead, jury=pooled_jury, algorithm="legacy").pk
    )
    with pytest.raises(ValidationError, match="comparison only"):
        draw_make(actor=lead, lottery=legacy, seed=1)


def test_viewers_and_other_organisations_cannot_draw(
    client_for, viewer, other_lead, pooled_jury, lottery
):
    assert (
        client_for(viewer.user)
        .post(url("draw_create", pooled_jury, lottery_pk=lottery.pk))
        .status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        draw_make(actor=other_lead, lottery=lottery, seed=1)


def test_the_audit_page_gives_the_command_and_the_files_to_rerun_it(
    client_for, viewer, lead, lottery, tmp_path
):
    pooled_jury = lottery.jury
    draw = draw_make(actor=lead, lottery=lottery, seed=4242).draw
    client = client_for(viewer.user)
    page = client.get(url("draw_detail", pooled_jury, draw_pk=draw.pk)).content.decode()
    assert "publicbenefit select --people people.csv --quotas quotas.csv --size 6" in page
    assert "--seed 4242" in page
    assert draw.audit["inputs_sha256"] in page
    audit = client.get(url("draw_audit_json", pooled_jury, draw_pk=draw.pk))
    assert json.loads(audit.content) == draw.audit
    people = client.get(url("draw_people_csv", pooled_jury, draw_pk=draw.pk)).content
    quotas = client.get(url("draw_quotas_csv", pooled_jury, draw_pk=draw.pk)).content
    (tmp_path / "people.csv").write_bytes(people)
    (tmp_path / "quotas.csv").write_bytes(quotas)
    command = re.search(r"publicbenefit select (.*?--json)", page).group(1)
    arguments = command.replace("people.csv", str(tmp_path / "people.csv")).replace(
        "quotas.csv", str(tmp_path / "quotas.csv")
    )
    out = io.StringIO()
    assert select_main(arguments.split(), stdout=out, stderr=io.StringIO()) == 0
    result = json.loads(out.getvalue())
    assert result["panel"] == draw.audit["panel"]
    assert result["audit_sha256"] == draw.audit["inputs_sha256"]
    assert result["audit"]["panel"] == draw.audit["panel"]


def test_a_drop_out_is_replaced_keeping_the_quotas(client_for, lead, pooled_jury, lottery):
    draw_make(actor=lead, lottery=lottery, seed=7)
    juror = Juror.objects.filter(jury=pooled_jury).first()
    client = client_for(lead.user)
    response = client.post(
        url("juror_drop", pooled_jury, juror_pk=juror.pk), {"reason": "Moved away"}
    )
    assert response.status_code == 302
    juror.refresh_from_db()
    assert juror.status == Juror.Status.DROPPED
    assert juror.drop_reason == "Moved away"
    response = client.post(url("juror_replace", pooled_jury, juror_pk=juror.pk), {"seed": "11"})
    page = response.content.decode()
    new = Juror.objects.get(replaces=juror)
    assert new.volunteer.pseudonym in page
    assert re.search(r"http://testserver/jury/juror/[A-Za-z0-9_-]+/", page)
    assert new.replacement_audit["seed"] == 11
    assert new.replacement_audit["dropped"] == juror.volunteer.pseudonym
    serving = Juror.objects.filter(jury=pooled_jury, status=Juror.Status.SERVING)
    assert serving.count() == 6
    profiles = [j.volunteer.profile for j in serving]
    for value in JuryValue.objects.filter(feature__jury=pooled_jury).select_related("feature"):
        count = sum(p[value.feature.key] == value.value for p in profiles)
        assert value.minimum <= count <= value.maximum
    listing = client.get(url("juror_list", pooled_jury)).content.decode()
    assert f"Replaced by {new.volunteer.pseudonym}" in listing


def test_an_impossible_replacement_is_explained(lead, pooled_jury, lottery):
    draw_make(actor=lead, lottery=lottery, seed=7)
    juror = Juror.objects.filter(jury=pooled_jury).first()
    # Nobody else is left in the pool.
    Volunteer.objects.filter(jury=pooled_jury, juror__isnull=True).update(
        status=Volunteer.Status.WITHDRAWN
    )
    juror_drop(actor=lead, juror=juror, reason="Ill")
    with pytest.raises(ValidationError, match="Nobody left in the pool can replace"):
        juror_replace(actor=lead, juror=juror, seed=1)
    assert not Juror.objects.filter(replaces=juror).exists()


def test_a_serving_juror_cannot_be_replaced_and_reasons_are_needed(lead, pooled_jury, lottery):
    draw_make(actor=lead, lottery=lottery, seed=7)
    juror = Juror.objects.filter(jury=pooled_jury).first()
    with pytest.raises(ValidationError, match="dropped out before"):
        juror_replace(actor=lead, juror=juror, seed=1)
    with pytest.raises(ValidationError):
        juror_drop(actor=lead, juror=juror, reason="  ")


def test_viewers_see_jurors_but_cannot_drop_them(client_for, viewer, lead, pooled_jury, lottery):
    draw_make(actor=lead, lottery=lottery, seed=7)
    juror = Juror.objects.filter(jury=pooled_jury).first()
    client = client_for(viewer.user)
    page = client.get(url("juror_list", pooled_jury)).content.decode()
    assert juror.volunteer.pseudonym in page
    assert "Mark as dropped out" not in page
    assert client.get(url("juror_drop", pooled_jury, juror_pk=juror.pk)).status_code == 403
    assert client.get(url("juror_replace", pooled_jury, juror_pk=juror.pk)).status_code == 403


def test_the_size_cannot_change_once_drawn(lead, pooled_jury, lottery):
    from publicbenefit.juries.services.jury import jury_update  # noqa: PLC0415

    draw_make(actor=lead, lottery=lottery, seed=7)
    with pytest.raises(ValidationError) as error:
        jury_update(actor=lead, jury=pooled_jury, size=8)
    assert "size" in error.value.message_dict


def test_quotas_lotteries_draws_and_replacements_are_in_the_audit_trail(
    client_for, lead, pooled_jury, lottery
):
    drawn = draw_make(actor=lead, lottery=lottery, seed=7)
    juror = Juror.objects.filter(jury=pooled_jury).first()
    juror_drop(actor=lead, juror=juror, reason="Moved away")
    juror_replace(actor=lead, juror=juror, seed=11)
    client_for(lead.user).get(url("volunteer_detail", pooled_jury, volunteer_pk=juror.volunteer.pk))

    entries = {entry.action: entry for entry in AuditEntry.objects.filter(actor=lead.user)}

    assert {
        "juries.quotas.accepted",
        "juries.pool.imported",
        "juries.lottery.requested",
        "juries.jury.drawn",
        "juries.juror.dropped",
        "juries.juror.replaced",
        "juries.volunteer.viewed",
    } <= set(entries)
    assert entries["juries.jury.drawn"].details == {"audit_digest": drawn.draw.audit_digest}
    assert "seed 7" in entries["juries.jury.drawn"].summary
    assert juror.volunteer.name not in entries["juries.volunteer.viewed"].summary


def test_the_names_shown_after_a_draw_and_a_replacement_are_audited(
    client_for, lead, pooled_jury, lottery
):
    client = client_for(lead.user)
    client.post(url("draw_create", pooled_jury, lottery_pk=lottery.pk), {"seed": "2026"})
    jurors = list(Juror.objects.filter(jury=pooled_jury).select_related("volunteer"))
    personal = [value for j in jurors for value in (j.volunteer.name, j.volunteer.email)]

    drawn = audited(
        "juries.draw.names_viewed",
        actor=lead,
        category=AuditEntry.Category.PERSONAL_DATA_READ,
        personal=personal,
    )
    assert sorted(drawn.details["pseudonyms"]) == sorted(j.volunteer.pseudonym for j in jurors)

    juror = jurors[0]
    juror_drop(actor=lead, juror=juror, reason="Moved away")
    client.post(url("juror_replace", pooled_jury, juror_pk=juror.pk), {"seed": "11"})
    new = Juror.objects.select_related("volunteer").get(replaces=juror)
    replaced = audited(
        "juries.replacement.name_viewed",
        actor=lead,
        category=AuditEntry.Category.PERSONAL_DATA_READ,
        personal=[new.volunteer.name, new.volunteer.email],
    )
    assert replaced.details["pseudonyms"] == [new.volunteer.pseudonym]
