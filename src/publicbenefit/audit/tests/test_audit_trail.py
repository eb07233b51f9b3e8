"""The audit trail: entries record who, what, when and from where; nobody can change or delete
them (the model refuses, and on PostgreSQL so does the database); administrators search and
download their own organisation's trail; the staff actions on personal data, assessments,
decisions and access are recorded."""

import csv
import io

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.services import membership_change_role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.audit.models import AppendOnlyError, AuditEntry
from publicbenefit.audit.services import Category, audit_record
from publicbenefit.panels.tests.test_recruitment_builders import (
    batch_make,
    member_make,
    panel_make,
)

pytestmark = pytest.mark.django_db


def _trail(organisation: str = "calderbrook", **search: str) -> str:
    return reverse("audit:entry_list", kwargs={"organisation": organisation}) + (
        "?" + "&".join(f"{key}={value}" for key, value in search.items()) if search else ""
    )


def _export(organisation: str = "calderbrook") -> str:
    return reverse("audit:entry_export", kwargs={"organisation": organisation})


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def entry(administrator):
    return audit_record(
        actor=administrator,
        category=Category.DECISION,
        action="proposals.proposal.status_changed",
        summary="Moved 'Predictive model' from Under engagement to Decided",
    )


def test_an_entry_says_who_did_what_to_which_object_in_which_organisation(administrator):
    entry = audit_record(
        actor=administrator,
        category=Category.ACCESS,
        action="accounts.membership.role_changed",
        obj=administrator,
        summary="Changed a role",
    )

    entry.refresh_from_db()
    assert entry.actor == administrator.user
    assert entry.actor_name == "Priya Shah"
    assert entry.organisation == administrator.organisation
    assert entry.object_type == "accounts.membership"
    assert entry.object_id == str(administrator.pk)
    assert entry.client_address == ""  # outside a request


def test_an_entry_cannot_be_changed_or_deleted_through_the_model(entry):
    entry.summary = "Nothing happened"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(summary="Nothing happened")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.summary.startswith("Moved")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_the_database_refuses_to_change_or_delete_an_entry(entry):
    for statement in (
        "UPDATE audit_auditentry SET summary = 'Nothing happened'",
        "DELETE FROM audit_auditentry",
    ):
        with pytest.raises(DatabaseError, match="cannot be changed or deleted"):  # noqa: SIM117
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(statement)
    assert AuditEntry.objects.get(pk=entry.pk).summary.startswith("Moved")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_only_the_retention_task_may_delete_entries(entry):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL publicbenefit.audit_retention = 'on'")
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert not AuditEntry.objects.filter(pk=entry.pk).exists()


def test_administrators_see_their_own_organisations_trail(client_for, administrator, entry):
    elsewhere = MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
    audit_record(
        actor=elsewhere, category=Category.ACCESS, action="x.y.z", summary="Elsewhere happened"
    )

    page = client_for(administrator.user).get(_trail()).content.decode()

    assert "Moved &#x27;Predictive model&#x27; from Under engagement to Decided" in page
    assert "Priya Shah" in page
    assert "Elsewhere happened" not in page


def test_the_trail_is_searched_by_words_kind_and_days(client_for, administrator, entry):
    audit_record(
        actor=administrator,
        category=Category.ACCESS,
        action="accounts.invitation.created",
        summary="Invited a colleague to join as Viewer",
    )
    client = client_for(administrator.user)

    by_word = client.get(_trail(text="invited")).content.decode()
    by_kind = client.get(_trail(category="decision")).content.decode()
    before = client.get(_trail(until="2020-01-01")).content.decode()

    assert "Invited a colleague" in by_word
    assert "Predictive model" not in by_word
    assert "Predictive model" in by_kind
    assert "Invited a colleague" not in by_kind
    assert "No entries match." in before


def test_a_wrong_date_is_explained(client_for, administrator, entry):
    page = client_for(administrator.user).get(_trail(since="yesterday")).content.decode()
    both = client_for(administrator.user).get(_trail(since="2026-11-02", until="2026-11-01"))

    assert "Enter the first day as a date, like 2026-11-01" in page
    assert "The last day must be the same as or after the first day" in both.content.decode()


def test_the_download_is_csv_safe_for_spreadsheets_and_is_itself_recorded(
    client_for, administrator
):
    audit_record(
        actor=administrator,
        category=Category.ACCESS,
        action="x.y.z",
        summary='=HYPERLINK("http://evil.example")',
    )

    response = client_for(administrator.user).get(_export())

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    assert rows[0][:4] == ["when", "who", "kind", "action"]
    assert rows[1][6] == '\'=HYPERLINK("http://evil.example")'
    exported = AuditEntry.objects.get(action="audit.trail.exported")
    assert exported.summary == "Downloaded the audit trail (1 entries)"
    assert exported.client_address == "127.0.0.1"


def test_only_administrators_may_see_the_trail(client_for, lead, viewer, entry):
    outsider = MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)

    assert client_for(lead.user).get(_trail()).status_code == 403
    assert client_for(viewer.user).get(_export()).status_code == 403
    assert client_for(outsider.user).get(_trail()).status_code == 404


def test_opening_a_members_contact_details_is_recorded_with_the_address(client_for, lead):
    panel = panel_make(lead)
    joined = member_make(panel, batch_make(lead, panel, ["7K2MQ9XA"]).addresses.get())
    path = reverse(
        "panels:member_detail",
        kwargs={"organisation": "calderbrook", "panel_pk": panel.pk, "member_pk": joined.member.pk},
    )

    client_for(lead.user).get(path, REMOTE_ADDR="198.51.100.7")

    entry = AuditEntry.objects.get(action="panels.member.viewed")
    assert entry.category == Category.PERSONAL_DATA_READ
    assert entry.client_address == "198.51.100.7"
    assert joined.member.pseudonym in entry.summary
    assert "Amina" not in entry.summary


def test_a_role_change_is_recorded(client_for, administrator, viewer):
    membership_change_role(actor=administrator, membership=viewer, role=Role.ASSESSOR)

    entry = AuditEntry.objects.get(action="accounts.membership.role_changed")
    assert entry.summary == "Changed Tom Hughes's role from Viewer to Assessor"


def test_administrators_find_the_trail_from_the_members_page(client_for, administrator, viewer):
    members = reverse("accounts:member_list", kwargs={"organisation": "calderbrook"})

    assert _trail() in client_for(administrator.user).get(members).content.decode()
    assert _trail() not in client_for(viewer.user).get(members).content.decode()
