"""A new manage link for a panel member who lost theirs: they give the email address they joined
with on the help page (``/panel/me/``), and every panel membership held under it gets a new link
by email, the old one stopping at once.

The page answers the same whether or not anyone holds the address, so it cannot be used to find
out who is on a panel. Requests are limited (``REQUESTS_FROM_ONE_ADDRESS`` per client address,
``REQUESTS_FOR_ONE_EMAIL`` per email address); past a limit, a request does nothing and the page
still answers the same. The new secret is made by the background task that sends it, so it is
never stored in the queue (ADR 0003). Members without an email address, erased members and those
whose link has expired since they left get nothing: they contact the organisation.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.common.public_links import expired
from publicbenefit.common.throttle import TryLimit
from publicbenefit.panels import tasks
from publicbenefit.panels.models import Member

logger = logging.getLogger(__name__)

#: Requests for a new link from one client address: 5 an hour.
REQUESTS_FROM_ONE_ADDRESS = TryLimit(
    scope="panel-manage-link-address", limit=5, window=datetime.timedelta(hours=1)
)
#: Requests for a new link to one email address: 3 a day.
REQUESTS_FOR_ONE_EMAIL = TryLimit(
    scope="panel-manage-link-email", limit=3, window=datetime.timedelta(days=1)
)


def _link_usable(member: Member) -> bool:
    return member.status == Member.Status.ACTIVE or (
        member.status == Member.Status.LEFT and not expired("panel_member", member.left_at)
    )


def manage_link_request(*, email: str, client: str) -> None:
    """Ask for a new manage link for each panel membership held under ``email``, to be sent by
    email from the task queue once this request commits. Says nothing back (see the module's
    docstring)."""
    email = email.strip().lower()
    if REQUESTS_FROM_ONE_ADDRESS.blocked(client) or REQUESTS_FOR_ONE_EMAIL.blocked(email):
        return
    REQUESTS_FROM_ONE_ADDRESS.record(client)
    REQUESTS_FOR_ONE_EMAIL.record(email)
    # The blind index finds the address exactly; it is never compared in the clear in SQL.
    found = [member.pk for member in Member.objects.filter(email=email) if _link_usable(member)]
    if found:
        transaction.on_commit(lambda: tasks.manage_links_send.enqueue(found))


def manage_links_send(*, member_ids: list[int]) -> int:
    """Give each member a new manage link (their old one stops working) and email it to them.
    Returns how many emails were sent. Run by the task ``manage_links_send``."""
    sent = 0
    members = Member.objects.filter(pk__in=member_ids).select_related("panel__organisation")
    for member in members:
        if not member.email or not _link_usable(member):
            continue
        token = token_new()
        with transaction.atomic():
            Member.objects.filter(pk=member.pk).update(manage_token_hash=token_hash(token))
        context = {
            "member": member,
            "panel": member.panel,
            "organisation": member.panel.organisation,
            "manage_url": settings.SITE_URL + reverse("panels:me", kwargs={"token": token}),
        }
        try:
            send_mail(
                subject=render_to_string(
                    "panels/public/email/manage_link_subject.txt", context
                ).strip(),
                message=render_to_string("panels/public/email/manage_link_body.txt", context),
                from_email=None,
                recipient_list=[member.email],
            )
        except OSError:
            logger.exception("The new manage link to panel member %s could not be sent", member.pk)
            continue
        sent += 1
    return sent
