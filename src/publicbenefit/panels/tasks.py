"""Background tasks for Citizens' Panels: delivering a wave's pending messages (invitations,
reminders, feedback) once they are due, exactly once each (see ``services/waves.py``), and
emailing new manage links to members who lost theirs (``services/manage_links.py``).

The task is enqueued when a wave is sent and when its feedback is published. Reminders fall due
days later, so a scheduler also runs ``publicbenefit panel_send_due`` every few minutes
(see ``docs/users/citizens-panel.md``)."""

from django_tasks import task

from publicbenefit.panels.services import manage_links, waves


@task()
def wave_messages_send() -> dict[str, int]:
    """Send every pending message that is due. Returns how many were sent, skipped and
    bounced."""
    report = waves.messages_send_due()
    return {"sent": report.sent, "skipped": report.skipped, "bounced": report.bounced}


@task()
def manage_links_send(member_ids: list[int]) -> int:
    """Give these members a new manage link each and email it (the secret is made here, so it
    is never stored in the queue). Returns how many were sent."""
    return manage_links.manage_links_send(member_ids=member_ids)
