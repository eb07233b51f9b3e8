"""The guard on every staff page: signed in, a member of the organisation in the URL, and a
role with the capability the page needs.

Someone who is not a member gets 404, so that a page does not reveal that another
organisation's object exists; a member whose role lacks the capability gets 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Capability
from publicbenefit.accounts.selectors import membership_get

MemberView = Callable[Concatenate[HttpRequest, Membership, ...], HttpResponse]


def organisation_member(
    capability: Capability = Capability.VIEW,
) -> Callable[[MemberView], Callable[..., HttpResponse]]:
    """Decorate a view taking ``(request, membership, ...)`` for URLs with an
    ``<organisation>`` slug."""

    def decorator(view: MemberView) -> Callable[..., HttpResponse]:
        @login_required
        @wraps(view)
        def guarded(
            request: HttpRequest, organisation: str, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            membership = membership_get(user=request.user, organisation_slug=organisation)
            if not membership.can(capability):
                raise PermissionDenied
            request.membership = membership  # type: ignore[attr-defined]
            return view(request, membership, *args, **kwargs)

        guarded.required_capability = capability  # type: ignore[attr-defined]
        return guarded

    return decorator
