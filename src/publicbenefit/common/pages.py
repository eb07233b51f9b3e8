"""Rendering pages inside an organisation's staff area.

Every staff page needs the member and their organisation in its context: the menu links to the
organisation's pages and captions name it. One function puts them there.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from publicbenefit.accounts.models import Membership


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
