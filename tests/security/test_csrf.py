"""CSRF: every state-changing form, staff and public, refuses a POST without the CSRF token.

The URLs come from the URL conf. Staff URLs are filled with the victim organisation's real
objects and posted to by its own administrator (signed in, second factor verified), so the only
thing wrong with each request is the missing token; public URLs are filled with working tokens
(survey invitation, panel member, juror, event host, invitation to join...). Each forged POST
must be refused with 403 by Django's CSRF check (it logs on ``django.security.csrf``) and leave
every table of the project unchanged.

To show the refusals are not vacuous, the same requests are then repeated with a valid token:
the URLs whose view then takes the POST (anything but 403, 404 and 405) are counted, and there
must be at least a floor of them.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from .world import (
    PUBLIC_URLS,
    STAFF_URLS,
    everything,
    public_path,
    public_tokens,
    signed_in,
    staff_paths,
    unknown_arguments,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

#: What a forger would send: plausible values for the fields most forms have.
FORGED = {
    "name": "Forged",
    "title": "Forged",
    "text": "Forged",
    "description": "Forged",
    "email": "forged@evil.example",
    "role": "administrator",
    "status": "closed",
    "confirm": "yes",
    "choice": "for",
}

#: At least this many staff URLs take a POST when the token is right (217 today: the views that
#: do not limit their methods answer a POST too).
STAFF_POST_FLOOR = 200
#: At least this many public URLs take a POST when the token is right (44 today).
PUBLIC_POST_FLOOR = 35


class _RollbackError(Exception):
    pass


@contextmanager
def _rolled_back() -> Iterator[None]:
    try:
        with transaction.atomic():
            yield
            raise _RollbackError
    except _RollbackError:
        pass


def _with_token(client: Client) -> dict[str, Any]:
    secret = _get_new_csrf_string()
    client.cookies[settings.CSRF_COOKIE_NAME] = secret
    return {**FORGED, "csrfmiddlewaretoken": secret}


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _csrf_log() -> Iterator[_Records]:
    """What Django's CSRF check logs (on ``django.security.csrf``) while inside."""
    handler, logger = _Records(), logging.getLogger("django.security.csrf")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def _forge(client: Client, paths: list[str]) -> list[str]:
    """POST each path without a token; the paths not refused by the CSRF check."""
    failures = []
    with _csrf_log() as log:
        for path in paths:
            log.records.clear()
            response = client.post(path, FORGED)
            if response.status_code != 403 or not log.records:
                failures.append(f"{path}: {response.status_code}")
    return failures


def _accepting(client: Client, paths: list[str]) -> set[str]:
    """The paths whose view takes a POST when the token is right (each undone afterwards)."""
    accepting = set()
    for path in paths:
        with _rolled_back():
            response = client.post(path, _with_token(client))
        if response.status_code not in {403, 404, 405}:
            accepting.add(path)
    return accepting


def test_every_staff_url_argument_is_filled_with_a_real_object():
    assert unknown_arguments(STAFF_URLS) == []


def test_staff_forms_refuse_a_post_without_the_csrf_token(victim, mailoutbox):
    client = signed_in(victim.administrator.user, enforce_csrf_checks=True)
    paths = {url.name: staff_paths(url, victim) for url in STAFF_URLS}
    before = everything()

    failures = _forge(client, [path for group in paths.values() for path in group])

    assert failures == []
    assert everything() == before
    assert mailoutbox == []

    control = Client(enforce_csrf_checks=True, raise_request_exception=False)
    control.cookies = client.cookies
    accepting = _accepting(control, [path for group in paths.values() for path in group])
    names = {name for name, group in paths.items() if accepting & set(group)}
    assert len(names) >= STAFF_POST_FLOOR, sorted(names)


def test_public_forms_refuse_a_post_without_the_csrf_token(victim, mailoutbox):
    tokens = public_tokens(victim)
    paths = [public_path(url, tokens, victim) for url in PUBLIC_URLS]
    anonymous = Client(enforce_csrf_checks=True)
    staff = signed_in(victim.colleague.user, enforce_csrf_checks=True)
    before = everything()

    failures = _forge(anonymous, paths) + _forge(staff, paths)

    assert failures == []
    assert everything() == before
    assert mailoutbox == []

    accepting = _accepting(Client(enforce_csrf_checks=True, raise_request_exception=False), paths)
    assert len(accepting) >= PUBLIC_POST_FLOOR, sorted(accepting)
