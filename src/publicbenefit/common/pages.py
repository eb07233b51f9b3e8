"""Rendering pages inside an organisation's staff area.

Every staff page needs the member and their organisation in its context: the menu links to the
organisation's pages and captions name it. One function puts them there.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from publicbenefit.accounts.models import Membership
from publicbenefit.common.forms import errors_onto_form


def staff_page(
    request: HttpRequest, membership: Membership, template: str, **context: Any
) -> HttpResponse:
    """Render ``template`` for a member, with ``membership`` and ``organisation`` in context."""
    return render(
        request,
        template,
        {"membership": membership, "organisation": membership.organisation, **context},
    )


def staff_form_page(
    request: HttpRequest,
    membership: Membership,
    form: Any,
    *,
    back_url: str,
    caption: str,
    template: str = "form_page.html",
    **context: Any,
) -> HttpResponse:
    """A page with one form (``form_page.html`` unless another template extends it), a back
    link and a caption above the heading."""
    return staff_page(
        request, membership, template, form=form, back_url=back_url, caption=caption, **context
    )


def form_done(
    request: HttpRequest,
    form: forms.BaseForm | None,
    action: Callable[[], object],
    *,
    success: str,
    next_url: str,
) -> HttpResponse | None:
    """The usual end of a form page: when the form was posted and is valid, run ``action`` (a
    service call); if the service refuses with a ``ValidationError``, put its messages on the
    form and return ``None`` so the page shows them; otherwise say ``success`` and redirect to
    ``next_url``. Returns ``None`` too when there is nothing to do yet (a GET, or errors)."""
    if form is None or request.method != "POST" or not form.is_valid():
        return None
    try:
        action()
    except ValidationError as error:
        errors_onto_form(form, error)
        return None
    if success:
        messages.success(request, success)
    return redirect(next_url)
