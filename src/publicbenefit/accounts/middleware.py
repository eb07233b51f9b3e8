"""Two guards on every request from someone signed in.

``SessionTimeoutMiddleware`` ends a session after ``STAFF_SESSION_IDLE_TIMEOUT`` without a
request, and in any case ``STAFF_SESSION_MAX_AGE`` after signing in, and says why on the
sign-in page.

``TwoFactorMiddleware`` (after django-otp's ``OTPMiddleware``) keeps a person who has signed
in with their password, but not yet with a code, out of the staff area: the pages under
``/o/<organisation>/``, their account pages and the home page that lists their organisations.
They are sent to enter a code, or to set up an authenticator app if their role needs one.
Public pages, signing out and the two-factor pages themselves stay open.
"""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext

from publicbenefit.accounts.rules import two_factor_required
from publicbenefit.accounts.selectors import two_factor_enabled

#: Session keys: when the person signed in, and when they last made a request (Unix time).
SIGNED_IN_AT = "publicbenefit_signed_in_at"
LAST_SEEN = "publicbenefit_last_seen"

#: Pages outside ``/o/`` that show a signed-in person's own information.
ACCOUNT_ROUTES = ("o/", "account/")
ACCOUNT_VIEW_NAMES = frozenset({"common:home"})


def is_staff_path(path: str) -> bool:
    """Whether ``path`` is a staff page: one that needs a fully signed-in person."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.route.startswith(ACCOUNT_ROUTES) or match.view_name in ACCOUNT_VIEW_NAMES


def _with_next(url_name: str, request: HttpRequest) -> str:
    url = reverse(url_name)
    if request.method in ("GET", "HEAD"):
        url += "?" + urlencode({"next": request.get_full_path()})
    return url


def session_started(sender: object, request: HttpRequest, user: Any, **kwargs: object) -> None:
    """On signing in (connected to ``user_logged_in``): start both clocks."""
    if getattr(request, "session", None) is not None:
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now


def _timed_out_message(reason: str) -> str:
    if reason == "idle":
        minutes = int(settings.STAFF_SESSION_IDLE_TIMEOUT.total_seconds() // 60)
        return ngettext(
            "You were signed out because you had not used the service for %(count)d minute",
            "You were signed out because you had not used the service for %(count)d minutes",
            minutes,
        ) % {"count": minutes}
    hours = int(settings.STAFF_SESSION_MAX_AGE.total_seconds() // 3600)
    return ngettext(
        "You were signed out because you signed in more than %(count)d hour ago. Sign in again "
        "to carry on",
        "You were signed out because you signed in more than %(count)d hours ago. Sign in again "
        "to carry on",
        hours,
    ) % {"count": hours}


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            last_seen = session.get(LAST_SEEN)
            signed_in_at = session.get(SIGNED_IN_AT)
            reason = None
            if last_seen is not None and (
                now - last_seen > settings.STAFF_SESSION_IDLE_TIMEOUT.total_seconds()
            ):
                reason = "idle"
            elif signed_in_at is not None and (
                now - signed_in_at > settings.STAFF_SESSION_MAX_AGE.total_seconds()
            ):
                reason = "max_age"
            if reason is not None:
                logout(request)
                if is_staff_path(request.path_info):
                    messages.info(request, _timed_out_message(reason))
                    return redirect(_with_next(settings.LOGIN_URL, request))
            else:
                if signed_in_at is None:
                    session[SIGNED_IN_AT] = now
                session[LAST_SEEN] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()  # type: ignore[union-attr]
            and is_staff_path(request.path_info)
        ):
            if two_factor_enabled(user=user):  # type: ignore[arg-type]
                return redirect(_with_next("accounts:two_factor_verify", request))
            if two_factor_required(user):  # type: ignore[arg-type]
                return redirect(_with_next("accounts:two_factor_setup", request))
        return self.get_response(request)
