"""Where the current request comes from, for the audit trail.

Services record audit entries with the member who acts (``actor``); the client's address is a
property of the request, which services never see. ``AuditContextMiddleware`` keeps it in a
context variable for the length of the request; outside a request (a management command, a
background task) the address is empty and the entry says where it came from in ``details``.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

from publicbenefit.common.client_address import client_address

_address: ContextVar[str] = ContextVar("audit_client_address", default="")


def current_client_address() -> str:
    """The address of the request being served, or ``""`` outside a request."""
    return _address.get()


class AuditContextMiddleware:
    """Keeps the client's address for the audit entries the request records."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _address.set(client_address(request))
        try:
            return self.get_response(request)
        finally:
            _address.reset(token)
