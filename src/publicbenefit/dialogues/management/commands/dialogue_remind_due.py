"""``publicbenefit dialogue_remind_due``: for a scheduler (cron or a systemd timer) to run daily.
It reminds hosts 3 days before their approved event, and the day after an event whose write-up
has not been sent; each reminder is sent once, however many runs there are."""

from typing import Any

from django.core.management.base import BaseCommand

from publicbenefit.dialogues.services.events import reminders_send_due


class Command(BaseCommand):
    help = "Send the reminders to dialogue hosts that are due."

    def handle(self, *args: Any, **options: Any) -> None:
        report = reminders_send_due()
        self.stdout.write(f"reminders sent: {report.before} before, {report.after} after")
