"""The staff page that gives out everything held about one person, for a request made by post
or phone: a form asking how they asked, whose POST returns the JSON file. The panels, juries and
dialogues apps each call it with their own service."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from publicbenefit.accounts.models import Membership
from publicbenefit.common.downloads import attachment
from publicbenefit.common.forms import posted
from publicbenefit.common.pages import staff_form_page
from publicbenefit.privacy.forms import StaffRequestForm


def staff_data_download(
    request: HttpRequest,
    membership: Membership,
    *,
    data: Callable[[str], str],
    filename: str,
    back_url: str,
    caption: str,
) -> HttpResponse:
    """``data(how_asked)`` is the service that records the read and returns the JSON."""
    form = StaffRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        return attachment(data(form.cleaned_data["how_asked"]), filename, "application/json")
    return staff_form_page(
        request,
        membership,
        form,
        back_url=back_url,
        caption=caption,
        template="privacy/staff_data_download.html",
    )
