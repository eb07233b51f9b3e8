"""The public volunteer form: anyone with the jury's link (printed on invitation letters, with the
letter's code in the QR code) can volunteer while volunteering is open. No account is needed;
the page works on a phone without JavaScript."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from publicbenefit.common.client_address import client_address
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.juries.forms.selection import VolunteerForm
from publicbenefit.juries.models import Jury
from publicbenefit.juries.selectors import jury as jury_selectors
from publicbenefit.juries.selectors import quotas as quota_selectors
from publicbenefit.juries.services import pool as pool_services


def _closed(request: HttpRequest) -> HttpResponse:
    return render(request, "juries/public/closed.html", status=404)


def _open_jury(token: str) -> Jury | None:
    return jury_selectors.jury_by_volunteer_token(token=token)


def volunteer(request: HttpRequest, token: str) -> HttpResponse:
    jury = _open_jury(token)
    if jury is None:
        return _closed(request)
    form = VolunteerForm(
        posted(request),
        initial={"code": request.GET.get("code", "")[:20]},
        features=quota_selectors.features(jury=jury),
    )
    if request.method == "POST" and form.is_valid():
        try:
            pool_services.volunteer_submit(
                jury=jury, answers=form.answers(), client_ip=client_address(request)
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            return redirect(reverse("juries:volunteer_done", kwargs={"token": token}))
    return render(request, "juries/public/volunteer.html", {"form": form, "jury": jury})


def volunteer_done(request: HttpRequest, token: str) -> HttpResponse:
    jury = _open_jury(token)
    if jury is None:
        return _closed(request)
    return render(request, "juries/public/done.html", {"jury": jury})
