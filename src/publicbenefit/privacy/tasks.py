"""Background task for retention: the same work as ``publicbenefit retention_apply``, for a
deployment that runs django-tasks on a schedule instead of cron."""

from django_tasks import task

from publicbenefit.privacy.retention import AUDIT_KIND, KINDS, retention_apply


@task()
def retention_apply_task() -> dict[str, int]:
    """Erase what is past its retention period (and delete audit entries past theirs).
    Returns how many of each kind were erased."""
    applied = retention_apply(started_by="task")
    return {kind: applied.total(kind) for kind in (*KINDS, AUDIT_KIND)}
