"""The public's contact details are encrypted at rest: the database holds ciphertext, values
round-trip, exact-match lookups work through the blind index, key rotation re-encrypts under
the new key without a moment when anything is unreadable, missing or bad keys are refused with a
clear message, and the migrations encrypt rows that were already there."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings

from publicbenefit.common.crypto.fields import DecryptionError, split
from publicbenefit.common.crypto.keys import DEVELOPMENT_ONLY_KEY, check_keys
from publicbenefit.dialogues.models import Host
from publicbenefit.dialogues.tests.factories import DialogueFactory, HostFactory
from publicbenefit.juries.models import Volunteer
from publicbenefit.juries.tests.factories import VolunteerFactory

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def raw(model, pk, *columns):
    """The columns as stored, read past the ORM."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {names} FROM {quote(model._meta.db_table)} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()


def token(stored):
    return split(stored)[1].encode()


@pytest.mark.django_db
def test_the_database_holds_ciphertext_and_values_round_trip():
    host = HostFactory(name="Siân Ó Briain", email="sian@example.org", phone="01632 960123")

    name, email, phone = raw(Host, host.pk, "name", "email", "phone")
    for stored, plain in ((name, "Siân"), (email, "sian@example.org"), (phone, "960123")):
        assert plain not in stored
        assert Fernet(DEVELOPMENT_ONLY_KEY).decrypt(token(stored))
    index, _ = split(email)
    assert len(index) == 64  # the email keeps a blind index in front of its token
    assert split(name)[0] == ""  # the name does not: it is never looked up

    host.refresh_from_db()
    assert (host.name, host.email, host.phone) == (
        "Siân Ó Briain",
        "sian@example.org",
        "01632 960123",
    )
    assert list(Host.objects.filter(pk=host.pk).values_list("name", "email")) == [
        ("Siân Ó Briain", "sian@example.org")
    ]


@pytest.mark.django_db
def test_a_volunteers_availability_and_access_needs_are_ciphertext_in_the_database():
    volunteer = VolunteerFactory(
        availability="Weekday evenings only", access_needs="I use a wheelchair and need a hoist"
    )

    availability, needs = raw(Volunteer, volunteer.pk, "availability", "access_needs")
    assert "evenings" not in availability
    assert "wheelchair" not in needs
    assert Fernet(DEVELOPMENT_ONLY_KEY).decrypt(token(needs)) == (
        b"I use a wheelchair and need a hoist"
    )
    volunteer.refresh_from_db()
    assert volunteer.access_needs == "I use a wheelchair and need a hoist"


@pytest.mark.django_db
def test_the_same_value_encrypts_differently_each_time():
    first = VolunteerFactory(name="Sam Jones", email="")
    second = VolunteerFactory(name="Sam Jones", email="")

    assert raw(Volunteer, first.pk, "name") != raw(Volunteer, second.pk, "name")


@pytest.mark.django_db
def test_empty_values_stay_empty_so_has_an_email_is_still_a_query():
    with_email = VolunteerFactory(email="a@example.org")
    without = VolunteerFactory(email="", phone="")

    assert raw(Volunteer, without.pk, "email", "phone") == ("", "")
    assert list(Volunteer.objects.exclude(email="").values_list("pk", flat=True)) == [with_email.pk]


@pytest.mark.django_db
def test_an_email_is_found_exactly_through_its_blind_index_ignoring_case_and_spaces():
    volunteer = VolunteerFactory(email="Ada@Example.org")
    VolunteerFactory(email="ada@example.com")

    assert list(Volunteer.objects.filter(email="ada@example.org")) == [volunteer]
    assert list(Volunteer.objects.filter(email__iexact=" ADA@EXAMPLE.ORG ")) == [volunteer]
    assert not Volunteer.objects.filter(email="ada@example.net").exists()
    # Through a join too.
    assert list(Volunteer.objects.filter(jury__volunteers__email="ada@example.org")) == [volunteer]


@pytest.mark.django_db
def test_searching_inside_an_encrypted_value_is_refused_rather_than_silently_empty():
    VolunteerFactory(name="Sam Jones")

    with pytest.raises(FieldError, match="encrypted"):
        list(Volunteer.objects.filter(name__icontains="sam"))
    with pytest.raises(FieldError, match="blind index"):
        list(Volunteer.objects.filter(name="Sam Jones"))


@pytest.mark.django_db
def test_rotation_re_encrypts_under_the_new_key_and_the_old_key_alone_then_fails():
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        hosts = [HostFactory(name=f"Host {n}", email=f"host{n}@example.org") for n in range(3)]
        old_rows = {host.pk: raw(Host, host.pk, "name", "email") for host in hosts}

    with override_settings(ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        # Before the rotation, and while it runs, both keys decrypt and lookups still match.
        assert Host.objects.get(pk=hosts[0].pk).name == "Host 0"
        assert Host.objects.filter(email="host1@example.org").get() == hosts[1]
        out = StringIO()
        call_command("rotate_encryption_key", batch_size=2, stdout=out)
        assert "dialogues.Host: 9 re-encrypted, 0 already under the newest key" in out.getvalue()

    for host in hosts:
        name, email = raw(Host, host.pk, "name", "email")
        assert (name, email) != old_rows[host.pk]
        for stored in (name, email):
            assert Fernet(NEW_KEY).decrypt(token(stored))
            with pytest.raises(InvalidToken):
                Fernet(OLD_KEY).decrypt(token(stored))

    with override_settings(ENCRYPTION_KEYS=[NEW_KEY]):
        # The old key can go: everything reads, and the blind index is under the new key.
        assert Host.objects.get(pk=hosts[2].pk).name == "Host 2"
        assert Host.objects.filter(email="HOST2@example.org").get() == hosts[2]
    with (
        override_settings(ENCRYPTION_KEYS=[OLD_KEY]),
        pytest.raises(DecryptionError, match=r"Could not decrypt dialogues\.Host\.name"),
    ):
        Host.objects.get(pk=hosts[0].pk)


@pytest.mark.django_db
def test_rotation_is_idempotent_and_carries_on_where_it_stopped():
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        done, left = HostFactory(phone=""), HostFactory(phone="")
    with override_settings(ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        done.save()  # saved again after the new key went in: already under it
        before = raw(Host, done.pk, "name", "email")
        out = StringIO()
        call_command("rotate_encryption_key", stdout=out)
        assert "dialogues.Host: 2 re-encrypted, 2 already under the newest key" in out.getvalue()
        assert raw(Host, done.pk, "name", "email") == before

        again = StringIO()
        call_command("rotate_encryption_key", stdout=again)
        assert "dialogues.Host: 0 re-encrypted, 4 already under the newest key" in again.getvalue()
        assert Host.objects.get(pk=left.pk).name == left.name


@pytest.mark.django_db
def test_rotation_stops_with_a_clear_message_when_a_value_has_no_key():
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        host = HostFactory(phone="")
    with (
        override_settings(ENCRYPTION_KEYS=[NEW_KEY]),
        pytest.raises(CommandError, match=rf"dialogues_host\.name row {host.pk}\b"),
    ):
        call_command("rotate_encryption_key", stdout=StringIO())
    # Nothing was changed: the old key still reads it.
    with override_settings(ENCRYPTION_KEYS=[OLD_KEY]):
        assert Host.objects.get(pk=host.pk).name == host.name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ([], "Set PUBLICBENEFIT_ENCRYPTION_KEYS to one or more encryption keys"),
        (["not-a-key"], "Key 1 in PUBLICBENEFIT_ENCRYPTION_KEYS is not a valid encryption key"),
        ([NEW_KEY, NEW_KEY[:-2]], "Key 2 in PUBLICBENEFIT_ENCRYPTION_KEYS is not a valid"),
        ([NEW_KEY, NEW_KEY], "lists the same key twice"),
    ],
)
def test_a_missing_or_bad_key_is_refused_with_a_clear_message(keys, message):
    with override_settings(ENCRYPTION_KEYS=keys):
        with pytest.raises(ImproperlyConfigured, match=message), transaction.atomic():
            HostFactory()
        with pytest.raises(ImproperlyConfigured, match=message):
            call_command("rotate_encryption_key", stdout=StringIO())
    assert not Host.objects.exists()


def test_a_key_is_never_named_in_the_message():
    with pytest.raises(ImproperlyConfigured) as refused:
        check_keys([NEW_KEY, "definitely-wrong"])
    assert "definitely-wrong" not in str(refused.value)
    assert NEW_KEY not in str(refused.value)


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ("", "Set PUBLICBENEFIT_ENCRYPTION_KEYS"),
        ("abc", "is not a valid encryption key"),
        (DEVELOPMENT_ONLY_KEY, "development-only key"),
    ],
)
def test_production_refuses_to_start_without_a_real_key(keys, message):
    env = {
        **os.environ,
        "SECRET_KEY": "x" * 60,
        "DATABASE_URL": "sqlite:////tmp/never-used.sqlite3",
        "PUBLICBENEFIT_ENCRYPTION_KEYS": keys,
    }
    started = subprocess.run(
        [sys.executable, "-c", "import publicbenefit.settings.production"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert started.returncode != 0
    assert message in started.stderr

    env["PUBLICBENEFIT_ENCRYPTION_KEYS"] = f"{NEW_KEY}, {OLD_KEY}"
    started = subprocess.run(
        [
            sys.executable,
            "-c",
            "import publicbenefit.settings.production as s; print(s.ENCRYPTION_KEYS)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == str([NEW_KEY, OLD_KEY])


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_rows_that_were_already_there_and_reverses():
    try:
        _migrate_there_and_back()
    finally:
        # Whatever happened, leave the database at the latest schema for the tests after.
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate_there_and_back() -> None:
    before = [("dialogues", "0003_hear_back")]
    dialogue = DialogueFactory()
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    table = connection.ops.quote_name(Host._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO {table} (dialogue_id, name, email, phone, "group", '  # noqa: S608
            "consented_at, privacy_notice_shown, hear_back, created_at) "
            "VALUES (%s, 'Ada Lovelace', 'Ada@example.org', '', '', %s, '', %s, %s)",
            [dialogue.pk, "2026-01-01 00:00:00", False, "2026-01-01 00:00:00"],
        )
    old_host = old_apps.get_model("dialogues", "Host").objects.get()
    assert old_host.name == "Ada Lovelace"

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # 0004 encrypts, then any later ones
    name, email, phone = raw(Host, old_host.pk, "name", "email", "phone")
    assert "Ada" not in name
    assert "Ada" not in email
    assert phone == ""
    host = Host.objects.get(email="ada@example.org")
    assert (host.name, host.email) == ("Ada Lovelace", "Ada@example.org")

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    assert raw(Host, old_host.pk, "name", "email") == ("Ada Lovelace", "Ada@example.org")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
