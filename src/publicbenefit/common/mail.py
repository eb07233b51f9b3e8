"""Handing one email to the mail server and telling a bounce from a failure to retry.

Every exactly-once outbox of the service (a panel wave's messages, the "hear what happened"
emails after a decision) claims a row inside a transaction, sends, and records the outcome in the
same transaction. What it records depends on how the send went, decided here once:

- sent: ``deliver`` returns ``""``;
- refused for good (a 5xx reply, or a header Django will not send): ``deliver`` returns the
  reason, without the recipient's address, to record as a bounce;
- anything else (a 4xx reply, a dropped connection): ``deliver`` raises, so the claim rolls back
  and a later run sends the message.
"""

import smtplib

from django.conf import settings
from django.core.mail import BadHeaderError, EmailMessage


def message_id(local_part: str) -> str:
    """An RFC 5322 Message-ID at the service's own host, fixed when a message is recorded so
    that a retried send carries the same id and receivers can drop the duplicate."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
    return f"<{local_part}@{host}>"


def _reply(code: int, text: bytes | str) -> str:
    return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"


def smtp_reason(error: smtplib.SMTPException) -> str:
    """Why the mail server refused, without the recipient's address (personal data that would
    outlive the person's erasure): its reply codes and text."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(_reply(code, text) for code, text in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return _reply(error.smtp_code, error.smtp_error)
    return error.__class__.__name__


def smtp_permanent(error: smtplib.SMTPException) -> bool:
    """Whether the mail server refused for good (5xx), rather than for now (4xx)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def deliver(email: EmailMessage) -> str:
    """Send ``email``. Returns ``""`` when the server took it, or why it bounced; raises when
    the send should be tried again later."""
    try:
        email.send()
    except (BadHeaderError, ValueError) as error:
        # Something in this one message cannot be sent (a header Django refuses): a bounce of
        # this message rather than a failure that holds up every message queued behind it.
        return f"Not sent: {error.__class__.__name__}"
    except smtplib.SMTPServerDisconnected:
        # The connection dropped: not the recipient's bounce.
        raise
    except smtplib.SMTPException as error:
        if not smtp_permanent(error):
            raise
        return smtp_reason(error)
    return ""
