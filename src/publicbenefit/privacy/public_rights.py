"""The pages on which someone the service reaches by a private link (a juror, a dialogue host)
sees what is held about them, downloads a copy and deletes it, without an account.

Each kind of participant gives ``RightsPages`` how to find the person from the link, what is held
about them, the copy to download and how to erase them; the views, the confirmation form and the
"deleted" page are the same for all. Panel members have their own page (``panels``), which also
lets them leave or change their details.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.views.decorators.cache import never_cache

from publicbenefit.common.downloads import attachment
from publicbenefit.common.forms import posted
from publicbenefit.privacy.forms import EraseMyDetailsForm


@dataclass(frozen=True)
class Holder:
    """The person a private link reaches, with what their rights pages show around them."""

    person: Any
    #: The jury or dialogue they took part in, shown as the pages' caption.
    caption: str
    organisation: Any
    #: Their own home page, where "Back" leads from the details page.
    home_url: str


@dataclass(frozen=True)
class RightsPages:
    """The details, download, delete and deleted pages for one kind of participant.

    ``names`` maps "data", "download", "erase" and "erased" to URL names; ``find`` returns the
    ``Holder`` for a token, or the page saying the link does not work; ``erase_template`` says
    what will be deleted and what stays; ``erased_link`` and ``erased_kept`` are the two lines of
    the "deleted" page."""

    names: dict[str, str]
    find: Callable[[HttpRequest, str], Holder | HttpResponse]
    held: Callable[[Any], Any]
    data: Callable[[Any], str]
    erase: Callable[[Any], Any]
    erase_template: str
    erased_link: Promise
    erased_kept: Promise

    def _url(self, page: str, token: str) -> str:
        return reverse(self.names[page], kwargs={"token": token})

    def data_page(self, request: HttpRequest, token: str) -> HttpResponse:
        """Everything held about the person, on screen, with a download and the way to delete
        it."""
        holder = self.find(request, token)
        if isinstance(holder, HttpResponse):
            return holder
        return render(
            request,
            "privacy/held_public.html",
            {
                "held": self.held(holder.person),
                "caption": holder.caption,
                "organisation": holder.organisation,
                "back_url": holder.home_url,
                "download_url": self._url("download", token),
                "erase_url": self._url("erase", token),
            },
        )

    def download(self, request: HttpRequest, token: str) -> HttpResponse:
        holder = self.find(request, token)
        if isinstance(holder, HttpResponse):
            return holder
        return attachment(self.data(holder.person), "my-details.json", "application/json")

    def erase_page(self, request: HttpRequest, token: str) -> HttpResponse:
        """Confirm, then delete the person's details (a POST: their links stop working)."""
        holder = self.find(request, token)
        if isinstance(holder, HttpResponse):
            return holder
        form = EraseMyDetailsForm(posted(request))
        if request.method == "POST" and form.is_valid():
            self.erase(holder.person)
            return redirect(self.names["erased"])
        return render(
            request,
            self.erase_template,
            {"form": form, "back_url": self._url("data", token), "caption": holder.caption},
        )

    def erased_page(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "privacy/erased_public.html",
            {"link_line": self.erased_link, "kept_line": self.erased_kept},
        )

    def views(self) -> tuple[Callable[..., HttpResponse], ...]:
        """The data, download, erase and erased views, ready for the URL conf (never cached:
        the pages carry the secret in their address)."""
        return (
            never_cache(self.data_page),
            never_cache(self.download),
            never_cache(self.erase_page),
            self.erased_page,
        )
