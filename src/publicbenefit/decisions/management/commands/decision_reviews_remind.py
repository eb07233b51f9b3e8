"""``publicbenefit decision_reviews_remind``: for a scheduler (cron or a systemd timer) to run
daily. It emails each proposal's owner once when the review of its decision is due within
``DECISION_REVIEW_REMINDER_DAYS`` days; a review is reminded once, however many runs there are."""

from typing import Any

from django.core.management.base import BaseCommand

from publicbenefit.decisions.services import reviews_remind_due


class Command(BaseCommand):
    help = "Remind proposal owners of decision reviews coming due."

    def handle(self, *args: Any, **options: Any) -> None:
        report = reviews_remind_due()
        self.stdout.write(f"review reminders sent: {report.sent}")
