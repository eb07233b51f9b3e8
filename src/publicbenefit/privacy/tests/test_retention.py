"""Retention: what is past its period is erased, as on request, by the command and the task;
what is not yet past it, or has no period, stays; each run leaves a report per organisation (and
an audit entry) that administrators can read, and a second run erases nothing more."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import override_settings
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.audit.models import AppendOnlyError, AuditEntry
from publicbenefit.dialogues.models import Dialogue, Host
from publicbenefit.dialogues.tests.factories import DialogueFactory, HostFactory
from publicbenefit.juries.models import FinalReport, Volunteer
from publicbenefit.juries.tests.factories import JurorFactory, JuryFactory, VolunteerFactory
from publicbenefit.panels.models import Address, AddressBatch, Member
from publicbenefit.panels.tests.test_waves_builders import make_member, make_panel
from publicbenefit.privacy.models import RetentionReport
from publicbenefit.privacy.retention import retention_apply
from publicbenefit.privacy.tasks import retention_apply_task

pytestmark = pytest.mark.django_db

PERIODS = {"panel_leavers": 30, "jury_pool": 180, "dialogue_hosts": 90, "sampled_addresses": 365}


def _ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def world(organisation, administrator):
    panel = make_panel(organisation, administrator)
    profile = {"age": "35-64", "sex": "female"}
    old_leaver = make_member(panel, profile, status=Member.Status.LEFT, left_at=_ago(31))
    new_leaver = make_member(panel, profile, status=Member.Status.LEFT, left_at=_ago(5))
    active = make_member(panel, profile)
    batch = AddressBatch.objects.create(panel=panel, name="Old", imported_by=administrator.user)
    AddressBatch.objects.filter(pk=batch.pk).update(imported_at=_ago(400))
    unused = Address.objects.create(
        batch=batch, line_1="5 Old Road", town="Calderbrook", postcode="CB1 1AA", code="AAAA2222"
    )
    recent_batch = AddressBatch.objects.create(
        panel=panel, name="New", imported_by=administrator.user
    )
    recent = Address.objects.create(
        batch=recent_batch,
        line_1="6 New Road",
        town="Calderbrook",
        postcode="CB1 1AB",
        code="BBBB3333",
    )

    reported = JuryFactory(organisation=organisation)
    FinalReport.objects.create(jury=reported, summary="Done", published_at=_ago(181))
    juror = JurorFactory(jury=reported, volunteer__name="Juror Person")
    not_drawn = VolunteerFactory(jury=reported, name="Pool Person")
    running = VolunteerFactory(jury=JuryFactory(organisation=organisation), name="Running Person")

    closed = DialogueFactory(
        organisation=organisation,
        status=Dialogue.Status.CLOSED,
        closes_on=timezone.localdate() - datetime.timedelta(days=91),
    )
    old_host = HostFactory(dialogue=closed)
    open_host = HostFactory(dialogue=DialogueFactory(organisation=organisation))
    return {
        "old_leaver": old_leaver,
        "new_leaver": new_leaver,
        "active": active,
        "unused": unused,
        "recent": recent,
        "juror": juror.volunteer,
        "not_drawn": not_drawn,
        "running": running,
        "old_host": old_host,
        "open_host": open_host,
    }


@override_settings(PERSONAL_DATA_RETENTION=PERIODS)
def test_what_is_past_its_period_is_erased_and_reported(world, organisation):
    out = StringIO()
    call_command("retention_apply", stdout=out)

    assert Member.objects.get(pk=world["old_leaver"].pk).status == Member.Status.ERASED
    assert Member.objects.get(pk=world["old_leaver"].pk).name == ""
    assert Member.objects.get(pk=world["new_leaver"].pk).status == Member.Status.LEFT
    assert Member.objects.get(pk=world["active"].pk).status == Member.Status.ACTIVE
    assert Address.objects.get(pk=world["unused"].pk).line_1 == ""
    assert Address.objects.get(pk=world["recent"].pk).line_1 == "6 New Road"
    for key in ("juror", "not_drawn"):
        volunteer = Volunteer.objects.get(pk=world[key].pk)
        assert (volunteer.status, volunteer.name) == (Volunteer.Status.ERASED, ""), key
    assert Volunteer.objects.get(pk=world["juror"].pk).juror.status == "serving"
    assert Volunteer.objects.get(pk=world["running"].pk).name == "Running Person"
    assert Host.objects.get(pk=world["old_host"].pk).erased_at is not None
    assert Host.objects.get(pk=world["old_host"].pk).email == ""
    assert Host.objects.get(pk=world["open_host"].pk).erased_at is None

    report = RetentionReport.objects.get()
    assert report.organisation == organisation
    assert report.started_by == "command"
    assert report.erased == {
        "panel_leavers": 1,
        "jury_pool": 2,
        "dialogue_hosts": 1,
        "sampled_addresses": 1,
    }
    assert report.periods == {**PERIODS, "audit_entries": 2190}
    entry = AuditEntry.objects.get(action="privacy.retention.applied")
    assert entry.category == AuditEntry.Category.PERSONAL_DATA_CHANGE
    assert entry.organisation == organisation
    assert "Pool Person" not in entry.summary
    assert "jury_pool: 2 erased (after 180 days)" in out.getvalue()

    # Nothing is left to erase, so a second run erases nothing and reports nothing.
    again = retention_apply(started_by="command")
    assert again.erased == {}
    assert RetentionReport.objects.count() == 1


@override_settings(PERSONAL_DATA_RETENTION={**PERIODS, "jury_pool": None, "panel_leavers": None})
def test_a_kind_without_a_period_is_never_erased_and_the_task_runs_it_too(world):
    result = retention_apply_task.enqueue().return_value

    assert result == {
        "panel_leavers": 0,
        "jury_pool": 0,
        "dialogue_hosts": 1,
        "sampled_addresses": 1,
        "audit_entries": 0,
    }
    assert Member.objects.get(pk=world["old_leaver"].pk).status == Member.Status.LEFT
    assert Volunteer.objects.get(pk=world["not_drawn"].pk).name == "Pool Person"
    assert RetentionReport.objects.get().started_by == "task"


@override_settings(PERSONAL_DATA_RETENTION=PERIODS)
def test_administrators_see_the_periods_and_reports(world, organisation, administrator, client_for):
    retention_apply(started_by="command")
    path = f"/o/{organisation.slug}/privacy/retention/"

    page = client_for(administrator.user).get(path).content.decode()

    assert "How long personal data is kept" in page
    assert "Panel members who left" in page
    assert "30 days" in page
    assert "Sampled addresses nobody used: 1" in page
    assert "Audit trail entries" in page
    assert "2190 days" in page
    lead = MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)
    assert client_for(lead.user).get(path).status_code == 403
    other = MembershipFactory(role=Role.ADMINISTRATOR)
    other_page = client_for(other.user).get(f"/o/{other.organisation.slug}/privacy/retention/")
    assert "Sampled addresses nobody used: 1" not in other_page.content.decode()


def _entry(organisation, days_ago: int, action: str) -> AuditEntry:
    return AuditEntry.objects.create(
        at=_ago(days_ago),
        actor_name="Staff Person",
        organisation=organisation,
        category=AuditEntry.Category.DECISION,
        action=action,
        summary="Something was decided",
    )


@override_settings(PERSONAL_DATA_RETENTION={}, AUDIT_RETENTION_DAYS=2190)
def test_audit_entries_past_their_period_are_deleted_and_reported(organisation):
    old = _entry(organisation, 2191, "test.old.entry")
    recent = _entry(organisation, 2189, "test.recent.entry")
    orphan = _entry(None, 3000, "test.orphan.entry")
    out = StringIO()

    call_command("retention_apply", stdout=out)

    remaining = set(AuditEntry.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert orphan.pk not in remaining
    assert recent.pk in remaining
    report = RetentionReport.objects.get()
    assert report.erased == {"audit_entries": 1}
    assert report.periods == {"audit_entries": 2190}
    entry = AuditEntry.objects.get(action="privacy.retention.applied")
    assert entry.organisation == organisation
    assert "1 audit entries" in entry.summary
    assert "audit_entries: 2 deleted (after 2190 days)" in out.getvalue()
    # Outside the retention run, entries still cannot be deleted.
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=recent.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.get(pk=recent.pk).delete()


@override_settings(PERSONAL_DATA_RETENTION={}, AUDIT_RETENTION_DAYS=None)
def test_without_an_audit_period_entries_are_kept(organisation):
    old = _entry(organisation, 9000, "test.old.entry")
    out = StringIO()

    call_command("retention_apply", stdout=out)

    assert AuditEntry.objects.filter(pk=old.pk).exists()
    assert not RetentionReport.objects.exists()
    assert "audit_entries: no retention period set, nothing deleted" in out.getvalue()


@pytest.mark.django_db(transaction=True)
@override_settings(PERSONAL_DATA_RETENTION={}, AUDIT_RETENTION_DAYS=2190)
def test_on_postgresql_the_trigger_lets_only_the_retention_run_delete(organisation):
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    old = _entry(organisation, 2191, "test.old.entry")
    recent = _entry(organisation, 10, "test.recent.entry")
    # Raw SQL without the retention setting is refused by the trigger.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [recent.pk])

    retention_apply(started_by="command")

    remaining = set(AuditEntry.objects.values_list("pk", flat=True))
    assert old.pk not in remaining
    assert recent.pk in remaining
    # The setting does not outlive the run: within one transaction, after the deletion, a
    # raw DELETE is refused again.
    with transaction.atomic():
        retention_apply(started_by="command")
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [recent.pk])
    assert AuditEntry.objects.filter(pk=recent.pk).exists()
