"""Background work for decisions: the daily reminder to proposal owners whose decision's review
is coming due, for a scheduler to start."""

from django_tasks import task

from publicbenefit.decisions.services import reviews_remind_due


@task()
def decision_reviews_remind() -> dict[str, int]:
    """Send the review reminders that are due (each once). Returns how many were sent."""
    return {"sent": reviews_remind_due().sent}
