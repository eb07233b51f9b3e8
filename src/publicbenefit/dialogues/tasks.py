"""Background work for dialogues: the reminders to hosts, for a scheduler to start daily, and
a run of the machine's theme suggestion over the write-ups."""

from django_tasks import task

from publicbenefit.dialogues.services.events import reminders_send_due
from publicbenefit.dialogues.services.themes import theme_run_execute


@task()
def dialogue_remind_due() -> dict[str, int]:
    """Send the reminders that are due (each once). Returns how many of each were sent."""
    report = reminders_send_due()
    return {"before": report.before, "after": report.after}


@task()
def theme_run(run_id: int) -> str:
    """Find the themes for a requested run. Returns the run's status."""
    return str(theme_run_execute(run_id=run_id).status)
