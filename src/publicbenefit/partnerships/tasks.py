"""Background tasks for partnerships: telling a partner organisation it has been invited."""

from django_tasks import task

from publicbenefit.partnerships import services


@task()
def partnership_email_send(partnership_id: int) -> int:
    """Email the partner's assessors and administrators. Returns how many were emailed."""
    return services.partnership_email_send(partnership_id=partnership_id)
