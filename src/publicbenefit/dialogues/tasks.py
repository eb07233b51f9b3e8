"""Background work for dialogues: the reminders to hosts, for a scheduler to start daily."""

from django_tasks import task

from publicbenefit.dialogues.services.events import reminders_send_due


@task()
def dialogue_remind_due() -> dict[str, int]:
    """Send the reminders that are due (each once). Returns how many of each were sent."""
    report = reminders_send_due()
    return {"before": report.before, "after": report.after}
