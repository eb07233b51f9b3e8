"""``publicbenefit panel_send_due``: for a scheduler (cron or a systemd timer) to run every few
minutes. It marks waves past their close date as closed and sends every panel message that is due
(reminders fall due days after a wave is sent), each exactly once, however many run at once."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from publicbenefit.panels.services import waves


class Command(BaseCommand):
    help = "Close waves past their close date and send the panel messages that are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=waves.BATCH_SIZE,
            help="Messages sent over one connection to the mail server.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        closed = waves.waves_close_due()
        report = waves.messages_send_due(batch_size=options["batch_size"])
        self.stdout.write(
            f"waves closed: {closed}; messages sent: {report.sent}, skipped: {report.skipped}, "
            f"bounced: {report.bounced}"
        )
