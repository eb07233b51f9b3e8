"""Background tasks for staff accounts: sending invitation and password reset emails."""

from django_tasks import task

from publicbenefit.accounts import services


@task()
def invitation_email_send(invitation_id: int) -> bool:
    """Email the invitation with a fresh link. Returns whether an email went out."""
    return services.invitation_email_send(invitation_id=invitation_id) is not None


@task()
def password_reset_email_send(user_id: int) -> bool:
    """Email a password reset link. Returns whether an email went out."""
    return services.password_reset_email_send(user_id=user_id)
