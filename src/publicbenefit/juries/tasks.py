"""Background tasks for Citizens' Juries: computing a lottery (leximin and the other methods can
take up to their time limit, so they never run inside a web request)."""

from django_tasks import task

from publicbenefit.juries.services import lottery


@task()
def lottery_run(lottery_id: int) -> str:
    """Compute the lottery and store its result (or why it could not be computed). Returns the
    lottery's status."""
    return str(lottery.lottery_compute(lottery_id=lottery_id).status)
