"""Public links (web addresses carrying a secret ``<token>``): when they expire, and how many
wrong ones one client address may try.

Each kind of link has one lifetime in ``settings.PUBLIC_LINK_LIFETIMES``, counted from state
the service already holds (the day a member left, a jury's last session or final report, an
event's date). The lookup of each kind (its ``*_by_token`` selector) decides: an unknown or
altered secret is ``None`` (404), a real secret past its lifetime raises ``LinkExpiredError``.

``PublicLinkMiddleware`` does the rest for every public URL with a ``token`` argument, so no
view can forget it: it answers ``LinkExpiredError`` with a "This link has expired" page (410), and
counts each refused secret (404) from a client address with ``common.throttle.TryLimit``;
an address that has used up its wrong tries gets 429 on every public link until its window
ends. A right secret from another address is never held back by someone else's wrong tries.

Secrets are looked up by their SHA-256 hash, never compared in Python; where a secret must be
compared in Python, ``secrets_match`` does it in constant time.
"""

import datetime
import hmac
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from publicbenefit.common.client_address import client_address
from publicbenefit.common.throttle import TryLimit


def wrong_links() -> TryLimit:
    """The wrong secrets allowed from one address (``settings.PUBLIC_LINK_WRONG_TRIES`` in 15
    minutes) before every public link answers 429 for the rest of the window."""
    return TryLimit(
        scope="public-link",
        limit=settings.PUBLIC_LINK_WRONG_TRIES,
        window=datetime.timedelta(minutes=15),
    )


class LinkExpiredError(Exception):
    """A real public link whose lifetime is over. ``organisation`` is who to contact."""

    def __init__(self, kind: str, organisation: object = None) -> None:
        super().__init__(kind)
        self.kind = kind
        self.organisation = organisation


def lifetime(kind: str) -> datetime.timedelta:
    """How long a link of ``kind`` keeps working after the moment its lifetime counts from."""
    return datetime.timedelta(days=settings.PUBLIC_LINK_LIFETIMES[kind])


def expired(
    kind: str,
    since: datetime.datetime | datetime.date | None,
    *,
    now: datetime.datetime | None = None,
) -> bool:
    """Whether a link of ``kind`` whose lifetime counts from ``since`` is past it (never, while
    ``since`` is ``None``). A date counts from the end of that day."""
    if since is None:
        return False
    if not isinstance(since, datetime.datetime):
        end_of_day = datetime.datetime.combine(since, datetime.time.max)
        since = timezone.make_aware(end_of_day) if settings.USE_TZ else end_of_day
    return (now or timezone.now()) > since + lifetime(kind)


def secrets_match(presented: str, expected: str) -> bool:
    """Compare two secrets in constant time (``hmac.compare_digest``)."""
    return hmac.compare_digest(presented.encode(), expected.encode())


def is_public_link(view_kwargs: dict[str, object]) -> bool:
    """Whether a URL with these arguments is a public link: a ``token``, no organisation."""
    return "token" in view_kwargs and "organisation" not in view_kwargs


def link_expired_response(request: HttpRequest, error: LinkExpiredError) -> HttpResponse:
    return render(
        request,
        "common/link_expired.html",
        {"organisation": error.organisation, "kind": error.kind},
        status=410,
    )


def too_many_tries_response(request: HttpRequest) -> HttpResponse:
    response = render(request, "common/too_many_tries.html", status=429)
    response["Retry-After"] = str(int(wrong_links().window.total_seconds()))
    return response


class PublicLinkMiddleware:
    """Expiry pages and the wrong-secret limit for every public link (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "_public_link", False) and response.status_code == 404:
            wrong_links().record(client_address(request))
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: tuple[object, ...],
        view_kwargs: dict[str, object],
    ) -> HttpResponse | None:
        if not is_public_link(view_kwargs):
            return None
        request._public_link = True  # type: ignore[attr-defined]
        if wrong_links().blocked(client_address(request)):
            return too_many_tries_response(request)
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, LinkExpiredError):
            return link_expired_response(request, exception)
        return None
