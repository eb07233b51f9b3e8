"""Background delivery of the "hear what happened" messages: enqueued when a decision is
published, and run by ``publicbenefit hear_back_send`` from a scheduler to retry any message a
mail server put off."""

from django_tasks import task

from publicbenefit.feedback import services


@task()
def hear_back_send() -> dict[str, int]:
    """Send every pending message. Returns how many were sent, skipped and bounced."""
    report = services.hear_back_send_due()
    return {"sent": report.sent, "skipped": report.skipped, "bounced": report.bounced}
