"""The start page, the accessibility statement and the GOV.UK-styled error pages."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from publicbenefit.accounts.selectors import membership_list_for_user


def home(request: HttpRequest) -> HttpResponse:
    """Signed out: what the service is. Signed in: your organisations (straight to it if one)."""
    if not request.user.is_authenticated:
        return render(request, "common/start.html")
    memberships = list(membership_list_for_user(user=request.user))
    if len(memberships) == 1:
        return redirect("accounts:organisation_home", organisation=memberships[0].organisation.slug)
    return render(request, "common/your_organisations.html", {"memberships": memberships})


def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "common/accessibility.html")


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: the failure may be in the session or the database.
    return render(None, "errors/500.html", {"service_name": settings.SERVICE_NAME}, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token, usually from a page left open too long."""
    return render(request, "errors/csrf.html", status=403)
