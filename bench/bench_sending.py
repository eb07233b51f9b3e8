"""Sending 20,000 wave invitations to a local SMTP sink, killing the worker once mid-run: the rate
per second, and the proof that every message is sent exactly once.

The benchmark makes a throwaway database (a SQLite file in a temporary folder, or a fresh
database on the PostgreSQL server ``DATABASE_URL`` names, dropped afterwards), migrates it, and
makes a panel of 20,000 members by email, a ready survey and a wave to the whole panel, sent with
``wave_send`` (the messages are recorded; no task runs inline). It starts an aiosmtpd sink on
127.0.0.1 in this process, then the worker, ``publicbenefit panel_send_due``, as a separate
process with Django's real SMTP backend pointed at the sink (``bench/settings_bench.py``). Once a
few thousand messages have reached the sink it kills the worker with SIGKILL, reads which
messages the database records as sent, and starts two workers at once, which share the rest
(``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL), again until nothing is pending. On SQLite,
which has no row locks, it starts one unless the database's transactions begin ``IMMEDIATE``
(two deferred transactions upgrading to write at once fail with "database is locked").

What it checks: every message is marked sent, once, in the database; every Message-ID reached
the sink; nothing reached the sink that was not a message of the wave; and any duplicate at the
sink is a message that was in flight at the kill (handed to the server, its transaction not yet
committed), so at most one per worker killed. It prints honestly whether the strict "exactly
once at the sink" held in this run: it holds only if the kill did not land inside that window.
The rate counts everything from the first worker's start to the last worker's exit, including
the kill and the restart; the first worker's steady rate before the kill is printed beside it.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
MEMBERS = 20_000
#: Kill the first worker once this many messages have reached the sink.
KILL_AFTER = 4_000
#: Workers started together after the kill, where the database lets workers share the work.
WORKERS_AFTER_RESTART = 2
#: Give up on a worker after this long (a hung worker must not hang ``make bench``).
WORKER_TIMEOUT = 600
#: Restart rounds before giving up on messages left pending.
MAX_ROUNDS = 5


def say(text: str = "") -> None:
    print(text, flush=True)  # noqa: T201


# The parts that need Django run in child processes (this file with a phase argument), so that
# bench/run.py's process, which runs the other benchmarks, is never set up with these settings.


def _django() -> None:
    import django  # noqa: PLC0415

    django.setup()


def phase_setup() -> dict[str, Any]:
    """Migrate the database, make the panel, its members, a ready survey and a sent wave."""
    _django()
    from django.core.management import call_command  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from publicbenefit.accounts.models import Membership, Organisation, User  # noqa: PLC0415
    from publicbenefit.accounts.roles import Role  # noqa: PLC0415
    from publicbenefit.accounts.tokens import token_hash, token_new  # noqa: PLC0415
    from publicbenefit.panels.models import Member, Message, Panel  # noqa: PLC0415
    from publicbenefit.panels.services import waves  # noqa: PLC0415
    from publicbenefit.surveys.models import Survey, SurveyQuestion  # noqa: PLC0415

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - started
    organisation = Organisation.objects.create(
        name="Benchmark Borough Council", slug="benchmark", kind=Organisation.Kind.values[0]
    )
    user = User.objects.create_user(
        email="lead@benchmark.example", password=token_new(), full_name="Bench Lead"
    )
    lead = Membership.objects.create(
        user=user, organisation=organisation, role=Role.ENGAGEMENT_LEAD
    )
    panel = Panel.objects.create(
        organisation=organisation,
        name="Benchmark Citizens' Panel",
        area="Benchmark",
        description="Residents invited by the sending benchmark.",
        privacy_notice="We keep your details until you leave.",
        created_by=user,
    )
    now = timezone.now()
    Member.objects.bulk_create(
        (
            Member(
                panel=panel,
                pseudonym=f"M-BENCH{number:05d}",
                name=f"Bench Resident {number:05d}",
                email=f"resident{number:05d}@benchmark.example",
                channel=Member.Channel.EMAIL,
                profile={},
                source=Member.Source.STAFF,
                consented_at=now,
                privacy_notice_version=panel.privacy_notice_version,
                manage_token_hash=token_hash(token_new()),
            )
            for number in range(1, MEMBERS + 1)
        ),
        batch_size=2_000,
    )
    survey = Survey.objects.create(
        organisation=organisation,
        title="Sharing data for social care",
        status=Survey.Status.READY,
        created_by=user,
    )
    SurveyQuestion.objects.create(
        survey=survey,
        order=0,
        kind="single",
        text="Should the council share?",
        choices=[{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}],
    )
    made = time.perf_counter() - started - migrated
    wave = waves.wave_create(
        actor=lead,
        panel=panel,
        name="Benchmark wave",
        survey=survey,
        closes_at=now + timezone.timedelta(days=14),
        reminder_days=[],
    )
    sending = time.perf_counter()
    summary = waves.wave_send(actor=lead, wave=wave)
    database = connection.settings_dict
    return {
        "vendor": connection.vendor,
        # SQLite has no SKIP LOCKED: concurrent workers are safe only if each transaction takes
        # the write lock when it begins (else the second writer fails with "database is locked").
        "workers_can_share": connection.vendor != "sqlite"
        or database.get("OPTIONS", {}).get("transaction_mode") == "IMMEDIATE",
        "migrate_seconds": migrated,
        "make_seconds": made,
        "wave_send_seconds": time.perf_counter() - sending,
        "emails": summary.emails,
        "messages": Message.objects.filter(wave=wave).count(),
        "pending": Message.objects.filter(status=Message.Status.PENDING).count(),
    }


def phase_status() -> dict[str, Any]:
    """Every message's status and Message-ID, as the database records them now."""
    _django()
    from publicbenefit.panels.models import Message  # noqa: PLC0415

    rows = list(Message.objects.values_list("message_id", "status", "sent_at"))
    return {
        "statuses": dict(Counter(status for _id, status, _at in rows)),
        "sent": [message_id for message_id, status, _at in rows if status == "sent"],
        "all": [message_id for message_id, _status, _at in rows],
        "sent_without_time": sum(1 for _id, status, at in rows if status == "sent" and not at),
    }


# The benchmark itself.


def _database(folder: Path) -> tuple[str, str | None]:
    """The throwaway database's URL, and the name of a PostgreSQL database to drop after."""
    given = os.environ.get("DATABASE_URL", "").strip()
    if not given:
        return f"sqlite:///{folder / 'bench.sqlite3'}", None
    import psycopg  # noqa: PLC0415

    name = f"publicbenefit_bench_sending_{os.getpid()}"
    with psycopg.connect(given, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(given)
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _drop(name: str) -> None:
    import psycopg  # noqa: PLC0415

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _child(environment: dict[str, str], phase: str) -> dict[str, Any]:
    run = subprocess.run(  # noqa: S603 - this file, with the same Python
        [sys.executable, str(Path(__file__).resolve()), phase],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=WORKER_TIMEOUT,
    )
    if run.returncode != 0:
        raise RuntimeError(f"the {phase} phase failed:\n{run.stderr}")
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


class Worker:
    """One ``publicbenefit panel_send_due`` process, its output kept in a file."""

    def __init__(self, environment: dict[str, str], folder: Path, name: str) -> None:
        self.name = name
        self.log = folder / f"{name}.log"
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "publicbenefit.cli", "panel_send_due"],
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait(self) -> int:
        return self.process.wait(timeout=WORKER_TIMEOUT)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def output(self) -> str:
        return self.log.read_text().strip()


def _restart(
    environment: dict[str, str],
    folder: Path,
    workers: list[Worker],
    sharing: int,
    *,
    pending: int,
) -> None:
    """Start ``sharing`` workers at once, again while messages are left pending."""
    rounds = 0
    while pending and rounds < MAX_ROUNDS:
        rounds += 1
        batch = [
            Worker(environment, folder, f"worker-{1 + len(workers) + index}")
            for index in range(sharing)
        ]
        workers.extend(batch)
        for worker in batch:
            code = worker.wait()
            last = (worker.output().splitlines() or ["no output"])[-1]
            say(f"  {worker.name} (exit {code}): {last}")
        pending = int(_child(environment, "status")["statuses"].get("pending", 0))


def main() -> int:
    """Run the benchmark and print its figures and verdict; 1 if a check fails."""
    from publicbenefit.panels.tests.smtp_sink import smtp_sink  # noqa: PLC0415

    folder = Path(tempfile.mkdtemp(prefix="publicbenefit-bench-sending-"))
    dropped: str | None = None
    workers: list[Worker] = []
    try:
        url, dropped = _database(folder)
        with smtp_sink(keep_text=False) as sink:
            environment = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "settings_bench",
                "PYTHONPATH": os.pathsep.join(
                    [str(BENCH_DIR), *filter(None, [os.environ.get("PYTHONPATH")])]
                ),
                "DATABASE_URL": url,
                "PUBLICBENEFIT_VAR_DIR": str(folder),
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(sink.port),
                "LOG_LEVEL": "WARNING",
            }
            engine = "PostgreSQL" if dropped else "SQLite"
            say(f"Sending {MEMBERS:,} invitations to an SMTP sink on 127.0.0.1:{sink.port}")
            say(f"  database: {engine} (throwaway), worker: publicbenefit panel_send_due")
            made = _child(environment, "setup")
            say(
                f"  set-up: migrate {made['migrate_seconds']:.1f} s, {MEMBERS:,} members and a "
                f"survey {made['make_seconds']:.1f} s, wave_send recording "
                f"{made['messages']:,} messages {made['wave_send_seconds']:.1f} s"
            )
            total = int(made["messages"])
            sharing = WORKERS_AFTER_RESTART if made["workers_can_share"] else 1

            # The first worker, killed once a few thousand messages have arrived.
            started = time.perf_counter()
            first = Worker(environment, folder, "worker-1")
            workers.append(first)
            first_arrival = None
            while first.process.poll() is None and sink.handler.count() < KILL_AFTER:
                if first_arrival is None and sink.handler.count():
                    first_arrival = time.perf_counter()
                time.sleep(0.005)
            first.kill()
            killed_at = time.perf_counter()
            at_kill = sink.handler.count()
            if first.process.returncode != -signal.SIGKILL:
                say(f"  the first worker ended before the kill: {first.output()}")
            after_kill = _child(environment, "status")
            recorded = set(after_kill["sent"])
            arrived = set(sink.handler.message_ids())
            in_flight = sorted(arrived - recorded)
            say(
                f"  worker-1 killed (SIGKILL) after {killed_at - started:.1f} s: "
                f"{at_kill:,} messages at the sink, {len(recorded):,} recorded sent, "
                f"{len(in_flight)} in flight (at the sink, not committed)"
                + (f": {', '.join(in_flight)}" if in_flight else "")
            )

            # Restart: two workers at once share what is left (one on SQLite unless its
            # transactions begin IMMEDIATE), round after round if need be.
            if sharing == 1:
                say(
                    "  restarting one worker: on SQLite without transaction_mode IMMEDIATE a "
                    "second concurrent worker fails with 'database is locked'"
                )
            _restart(environment, folder, workers, sharing, pending=total - len(recorded))
            finished = time.perf_counter()
            time.sleep(0.2)  # let the sink finish recording the last message it acknowledged
            final = _child(environment, "status")
            received = sink.handler.message_ids()
    finally:
        for worker in workers:
            worker.kill()
        if dropped:
            _drop(dropped)
        shutil.rmtree(folder, ignore_errors=True)

    return _report(
        total=total,
        final=final,
        received=received,
        in_flight=in_flight,
        elapsed=finished - started,
        before_kill=(at_kill, killed_at - (first_arrival or started)),
    )


def _report(
    *,
    total: int,
    final: dict[str, Any],
    received: Counter[str],
    in_flight: list[str],
    elapsed: float,
    before_kill: tuple[int, float],
) -> int:
    statuses: dict[str, int] = final["statuses"]
    sent = final["sent"]
    everything = set(final["all"])
    duplicates = {message_id: count for message_id, count in received.items() if count > 1}
    extra = sum(count - 1 for count in duplicates.values())
    missing = everything - set(received)
    strangers = set(received) - everything
    pending = statuses.get("pending", 0)
    say(f"  messages:                   {total:,}")
    say(f"  elapsed (first start to last exit, with the kill): {elapsed:.1f} s")
    say(f"  rate:                       {total / elapsed:,.0f} messages/s")
    arrived, seconds = before_kill
    if seconds > 0:
        say(f"  rate of worker-1 before the kill: {arrived / seconds:,.0f} messages/s")
    say(f"  received by the sink:       {received.total():,}")
    say(f"  distinct Message-IDs:       {len(received):,}")
    say(
        f"  duplicates at the sink:     {extra}"
        + (
            f" ({', '.join(f'{key} x{value}' for key, value in duplicates.items())})"
            if extra
            else ""
        )
    )
    say(f"  in flight at the kill:      {len(in_flight)}")
    say(f"  left pending:               {pending}")
    say(f"  database statuses:          {statuses}")
    checks = {
        "every message marked sent once in the database": (
            len(sent) == total == len(everything) and pending == 0
        )
        and not final["sent_without_time"],
        "every Message-ID reached the sink": not missing,
        "nothing reached the sink that is not a message of the wave": not strangers,
        "duplicates only among the messages in flight at the kill": set(duplicates)
        <= set(in_flight)
        and all(count == 2 for count in duplicates.values()),
    }
    for check, held in checks.items():
        say(f"  {'ok  ' if held else 'FAIL'} {check}")
    if duplicates:
        say(
            f"  strict exactly once at the sink: NOT held in this run: {extra} message(s) in "
            "flight at the kill reached the sink twice, with the same Message-ID (receivers "
            "drop the copy); every other message arrived once"
        )
    else:
        say(
            "  strict exactly once at the sink: held in this run (no message was in flight "
            "at the sink when the worker was killed)"
            if not in_flight
            else "  strict exactly once at the sink: held in this run"
        )
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    phase = sys.argv[1] if len(sys.argv) > 1 else ""
    if phase in {"setup", "status"}:
        result = phase_setup() if phase == "setup" else phase_status()
        print(json.dumps(result))  # noqa: T201
    else:
        # bench/run.py runs every benchmark in one process: exit only to report a failed check.
        status = main()
        if status:
            sys.exit(status)
