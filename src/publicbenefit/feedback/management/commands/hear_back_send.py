"""``publicbenefit hear_back_send``: for a scheduler to run every few minutes. It sends the
"hear what happened" messages still waiting (a mail server may have put some off), each once."""

from typing import Any

from django.core.management.base import BaseCommand

from publicbenefit.feedback.services import hear_back_send_due


class Command(BaseCommand):
    help = "Send the waiting messages telling participants what was decided."

    def handle(self, *args: Any, **options: Any) -> None:
        report = hear_back_send_due()
        self.stdout.write(
            f"hear back: {report.sent} sent, {report.skipped} skipped, {report.bounced} bounced"
        )
