"""Pages for recruiting a panel.

Staff (under ``/o/<organisation>/panels/<panel>/``): the address batches, uploading one, making
and downloading its letters; the members list (pseudonymous), one member, adding someone who
joined by phone or post, and erasing someone's data when they ask by phone or post.

The public (under ``/panel/``, no account): the sign-up, started from a letter code (typed in,
or from the letter's QR code) or a community partner's link, then one question a page, the
answers kept in the session and checked again before the member is created; and a member's own
pages, reached by the manage link, to see, change, leave or erase what is held about them.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.client_address import client_address
from publicbenefit.common.downloads import attachment
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.panels import exports
from publicbenefit.panels.codes import code_display
from publicbenefit.panels.forms.recruitment import (
    CONSENT,
    AddressUploadForm,
    CodeForm,
    EraseForm,
    JoinWizard,
    LeaveForm,
    LettersForm,
    ManageLinkForm,
    MemberDetailsForm,
    StaffEraseForm,
    StaffMemberDetailsForm,
    StaffMemberForm,
)
from publicbenefit.panels.models import Member, Panel
from publicbenefit.panels.selectors import recruitment as selectors
from publicbenefit.panels.selectors.margins import features
from publicbenefit.panels.selectors.waves import feedback_for_member
from publicbenefit.panels.services import manage_links
from publicbenefit.panels.services import recruitment as services
from publicbenefit.privacy.downloads import staff_data_download

#: The session key holding a sign-up in progress, and the one holding a finished sign-up.
JOIN = "panel_join"
JOINED = "panel_joined"

REFUSED_STATUS = {"unknown": 404, "inactive": 404, "used": 410, "closed": 410, "throttled": 429}


# Staff: addresses and letters.


def _panel_url(name: str, membership: Membership, panel: Panel, **kwargs: Any) -> str:
    return reverse(
        f"panels:{name}",
        kwargs={"organisation": membership.organisation.slug, "panel_pk": panel.pk, **kwargs},
    )


@organisation_member()
def address_batches(request: HttpRequest, membership: Membership, panel_pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    return staff_page(
        request,
        membership,
        "panels/recruitment/batches.html",
        panel=panel,
        batches=selectors.batch_list(panel=panel),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def address_upload(request: HttpRequest, membership: Membership, panel_pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    form = AddressUploadForm(posted(request), request.FILES or None)
    form.helper.attrs = {"enctype": "multipart/form-data"}
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.address_batch_import(
                actor=membership,
                panel=panel,
                name=form.cleaned_data["name"],
                data=form.cleaned_data["file"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(
                request,
                _("%(count)s addresses imported, each with its own code")
                % {"count": f"{batch.addresses.count():,}"},
            )
            return redirect(_panel_url("address_batch", membership, panel, batch_pk=batch.pk))
    return staff_form_page(
        request,
        membership,
        form,
        back_url=_panel_url("address_batches", membership, panel),
        caption=panel.name,
    )


@organisation_member()
def address_batch(
    request: HttpRequest, membership: Membership, panel_pk: int, batch_pk: int
) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    batch = selectors.batch_get(panel=panel, pk=batch_pk)
    return staff_page(
        request,
        membership,
        "panels/recruitment/batch.html",
        panel=panel,
        batch=batch,
        letters=selectors.letters_file(batch=batch),
        can_engage=membership.can(Capability.ENGAGE),
        back_url=_panel_url("address_batches", membership, panel),
    )


@organisation_member(Capability.ENGAGE)
def letters_make(
    request: HttpRequest, membership: Membership, panel_pk: int, batch_pk: int
) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    batch = selectors.batch_get(panel=panel, pk=batch_pk)
    form = LettersForm(posted(request))
    batch_url = _panel_url("address_batch", membership, panel, batch_pk=batch.pk)
    done = form_done(
        request,
        form,
        lambda: exports.letters_make.enqueue(
            batch_id=batch.pk, contact=form.cleaned_data["contact"].strip()
        ),
        success=_("The letters are being made. Refresh this page in a minute to download them"),
        next_url=batch_url,
    )
    return done or staff_form_page(
        request, membership, form, back_url=batch_url, caption=f"{panel.name}: {batch.name}"
    )


@organisation_member(Capability.ENGAGE)
def letters_download(
    request: HttpRequest, membership: Membership, panel_pk: int, batch_pk: int
) -> FileResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    batch = selectors.batch_get(panel=panel, pk=batch_pk)
    letters = selectors.letters_file(batch=batch)
    if letters is None:
        raise Http404
    services.letters_downloaded(actor=membership, batch=batch)
    return FileResponse(
        default_storage.open(letters.name, "rb"),
        as_attachment=True,
        filename=f"panel-letters-{batch.pk}.pdf",
        content_type="application/pdf",
    )


# Staff: members.


@organisation_member()
def member_list(request: HttpRequest, membership: Membership, panel_pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    panel_features = features(panel=panel)
    labels = selectors.value_labels(panel=panel)
    members = [
        {
            "member": member,
            "profile": [
                labels[feature.key].get(member.profile.get(feature.key, ""), "")
                for feature in panel_features
            ],
        }
        for member in selectors.member_list(panel=panel)
    ]
    return staff_page(
        request,
        membership,
        "panels/recruitment/members.html",
        panel=panel,
        features=panel_features,
        members=members,
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member()
def member_detail(
    request: HttpRequest, membership: Membership, panel_pk: int, member_pk: int
) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    member = selectors.member_get(panel=panel, pk=member_pk)
    can_see_contact = membership.can(Capability.ENGAGE)
    if can_see_contact:
        services.member_contact_read(actor=membership, member=member)
    return staff_page(
        request,
        membership,
        "panels/recruitment/member.html",
        panel=panel,
        member=member,
        profile=selectors.profile_labels(panel=panel, profile=member.profile),
        can_see_contact=can_see_contact,
        back_url=_panel_url("member_list", membership, panel),
    )


@organisation_member(Capability.ENGAGE)
def member_add(request: HttpRequest, membership: Membership, panel_pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    form = StaffMemberForm(posted(request), panel=panel, features=features(panel=panel))
    done = form_done(
        request,
        form,
        lambda: services.member_add_by_staff(actor=membership, panel=panel, answers=form.answers()),
        success=_("Member added"),
        next_url=_panel_url("member_list", membership, panel),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_panel_url("member_list", membership, panel),
        caption=panel.name,
        template="panels/recruitment/member_add.html",
        panel=panel,
    )


@organisation_member(Capability.ENGAGE)
def member_data_download(
    request: HttpRequest, membership: Membership, panel_pk: int, member_pk: int
) -> HttpResponse:
    """Everything held about a member who asked by post or phone, as a JSON file."""
    panel = selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    member = selectors.member_get(panel=panel, pk=member_pk)
    return staff_data_download(
        request,
        membership,
        data=lambda how_asked: services.member_data_by_staff(
            actor=membership, member=member, how_asked=how_asked
        ),
        filename=f"member-{member.pseudonym}.json",
        back_url=_panel_url("member_detail", membership, panel, member_pk=member.pk),
        caption=member.pseudonym,
    )


def _details_initial(member: Member) -> dict[str, Any]:
    """A member's details as the change forms (theirs and staff's) start from."""
    return {
        "name": member.name,
        "channel": member.channel,
        "email": member.email,
        "phone": member.phone,
        "postal_address": member.postal_address,
        "language": member.language,
        "prize_draw": "yes" if member.prize_draw else "no",
    }


@organisation_member(Capability.ENGAGE)
def member_change(
    request: HttpRequest, membership: Membership, panel_pk: int, member_pk: int
) -> HttpResponse:
    """Correct a member's details when they ask by post or phone."""
    panel = selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    member = selectors.member_get(panel=panel, pk=member_pk)
    detail_url = _panel_url("member_detail", membership, panel, member_pk=member.pk)
    if member.status != Member.Status.ACTIVE:
        return redirect(detail_url)
    form = StaffMemberDetailsForm(posted(request), panel=panel, initial=_details_initial(member))
    done = form_done(
        request,
        form,
        lambda: services.member_details_change_by_staff(
            actor=membership,
            member=member,
            how_asked=form.cleaned_data["how_asked"],
            **form.values(),
        ),
        success=_("Their details have been saved"),
        next_url=detail_url,
    )
    return done or staff_form_page(
        request, membership, form, back_url=detail_url, caption=member.pseudonym
    )


@organisation_member(Capability.ENGAGE)
def member_erase(
    request: HttpRequest, membership: Membership, panel_pk: int, member_pk: int
) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    member = selectors.member_get(panel=panel, pk=member_pk)
    form = StaffEraseForm(posted(request))
    detail_url = _panel_url("member_detail", membership, panel, member_pk=member.pk)
    done = form_done(
        request,
        form,
        lambda: services.member_erase_by_staff(
            actor=membership, member=member, how_asked=form.cleaned_data["how_asked"]
        ),
        success=_("Their personal data has been erased"),
        next_url=detail_url,
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=detail_url,
        caption=member.pseudonym,
        template="panels/recruitment/member_erase.html",
    )


# The public sign-up.


def _refused(request: HttpRequest, error: services.JoinRefusedError) -> HttpResponse:
    panel = error.panel
    return render(
        request,
        "panels/public/refused.html",
        {
            "reason": error.reason,
            "panel": panel,
            "organisation": panel.organisation if panel else None,
        },
        status=REFUSED_STATUS[error.reason],
    )


def _start(request: HttpRequest, panel: Panel, **source: int | None) -> HttpResponse:
    """Begin a fresh sign-up in the session (forgetting any earlier one) and show the panel."""
    request.session.cycle_key()
    request.session[JOIN] = {
        "panel": panel.pk,
        "address": source.get("address"),
        "partner": source.get("partner"),
        "answers": {},
    }
    request.session.pop(JOINED, None)
    return redirect("panels:join_about")


def join_start(request: HttpRequest) -> HttpResponse:
    """What a Citizens' Panel is, and the box for the letter's code."""
    if services.join_throttled(client_ip=client_address(request)):
        return _refused(request, services.JoinRefusedError("throttled"))
    form = CodeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            address = services.join_by_code(
                text=form.cleaned_data["code"], client_ip=client_address(request)
            )
        except services.JoinRefusedError as error:
            if error.reason != "unknown":
                return _refused(request, error)
            form.add_error(
                "code",
                _("Enter the code exactly as it is printed on your letter, like 7K2M-Q9XA"),
            )
        else:
            return _start(request, address.batch.panel, address=address.pk)
    return render(request, "panels/public/start.html", {"form": form})


def join_code(request: HttpRequest, code: str) -> HttpResponse:
    """The web address in a letter's QR code: the code is already filled in."""
    try:
        address = services.join_by_code(text=code, client_ip=client_address(request))
    except services.JoinRefusedError as error:
        return _refused(request, error)
    return _start(request, address.batch.panel, address=address.pk)


def join_partner(request: HttpRequest, token: str) -> HttpResponse:
    """A community partner's own link to the sign-up."""
    try:
        partner = services.join_by_partner(token=token)
    except services.JoinRefusedError as error:
        return _refused(request, error)
    return _start(request, partner.panel, partner=partner.pk)


def _join_state(request: HttpRequest) -> dict[str, Any] | None:
    state = request.session.get(JOIN)
    if not isinstance(state, dict) or not isinstance(state.get("answers"), dict):
        return None
    return state


def _wizard(state: dict[str, Any]) -> tuple[Panel, JoinWizard]:
    panel = selectors.panel_for_join(pk=state["panel"])
    letter_address = ""
    if state.get("address"):
        address = selectors.address_for_join(pk=state["address"], panel=panel)
        if address is not None:
            letter_address = "\n".join(
                line
                for line in (address.line_1, address.line_2, address.town, address.postcode)
                if line
            )
    return panel, JoinWizard(
        panel=panel,
        features=features(panel=panel),
        stored=state["answers"],
        letter_address=letter_address,
    )


def _step_url(slug: str) -> str:
    return reverse("panels:join_step", kwargs={"step": slug})


def join_about(request: HttpRequest) -> HttpResponse:
    """The panel: what it is for, what members are asked, and how their data is used."""
    state = _join_state(request)
    if state is None:
        return redirect("panels:join_start")
    panel = selectors.panel_for_join(pk=state["panel"])
    if not panel.signup_open:
        return _refused(request, services.JoinRefusedError("closed", panel))
    return render(
        request,
        "panels/public/about.html",
        {"panel": panel, "organisation": panel.organisation, "start_url": _step_url(CONSENT)},
    )


@never_cache
def join_step(request: HttpRequest, step: str) -> HttpResponse:
    """One page of the sign-up's questions."""
    state = _join_state(request)
    if state is None:
        return redirect("panels:join_start")
    panel, wizard = _wizard(state)
    if not wizard.has(step):
        raise Http404
    if not panel.signup_open:
        return _refused(request, services.JoinRefusedError("closed", panel))
    slugs = [each.slug for each in wizard.steps]
    first = wizard.first_incomplete()
    if first is not None and slugs.index(first) < slugs.index(step):
        return redirect(_step_url(first))
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        form = wizard.form(step, request.POST)
        if form.is_valid():
            state["answers"][step] = wizard.fields_of(step, request.POST)
            request.session.modified = True
            following = wizard.first_incomplete() if changing else wizard.next_after(step)
            return redirect(_step_url(following) if following else reverse("panels:join_check"))
    else:
        form = wizard.form(step)
    previous = wizard.previous(step)
    if changing:
        back_url = reverse("panels:join_check")
    elif previous:
        back_url = _step_url(previous)
    else:
        back_url = reverse("panels:join_about")
    return render(
        request,
        "panels/public/step.html",
        {
            "form": form,
            "panel": panel,
            "organisation": panel.organisation,
            "back_url": back_url,
            "is_consent": step == CONSENT,
        },
    )


@never_cache
def join_check(request: HttpRequest) -> HttpResponse:
    """Check your answers, then join."""
    state = _join_state(request)
    if state is None:
        return redirect("panels:join_start")
    panel, wizard = _wizard(state)
    first = wizard.first_incomplete()
    if first is not None:
        return redirect(_step_url(first))
    problems: list[str] = []
    if request.method == "POST":
        try:
            joined = services.member_join(
                panel_id=panel.pk,
                address_id=state.get("address"),
                partner_id=state.get("partner"),
                answers=wizard.answers(),
            )
        except services.JoinRefusedError as error:
            return _refused(request, error)
        except ValidationError as error:
            problems = [str(message) for message in error.messages]
        else:
            request.session.pop(JOIN, None)
            request.session[JOINED] = {
                "panel": panel.name,
                "organisation": panel.organisation.name,
                "manage_url": joined.manage_url,
                "emailed": bool(joined.member.email),
            }
            return redirect("panels:join_done")
    return render(
        request,
        "panels/public/check.html",
        {
            "panel": panel,
            "rows": [
                (label, value, _step_url(slug) + "?change=1")
                for label, value, slug in wizard.summary()
            ],
            "problems": problems,
            "page_has_errors": bool(problems),
            "back_url": _step_url(wizard.steps[-1].slug),
        },
        status=400 if problems else 200,
    )


@never_cache
def join_done(request: HttpRequest) -> HttpResponse:
    """The confirmation, with the member's manage link shown this once: the next person at a
    shared computer who goes back to this page sees the confirmation without the link."""
    joined = request.session.get(JOINED)
    if not isinstance(joined, dict):
        return redirect("panels:join_start")
    request.session[JOINED] = {**joined, "manage_url": ""}
    return render(request, "panels/public/done.html", {"joined": joined})


# Members' control.


def _member_or_404(request: HttpRequest, token: str) -> Member | HttpResponse:
    member = selectors.member_get_by_manage_token(token=token)
    if member is None:
        return render(request, "panels/public/link_unusable.html", status=404)
    return member


@never_cache
def me(request: HttpRequest, token: str) -> HttpResponse:
    """What is held about a member, in plain English, and what they can do about it."""
    member = _member_or_404(request, token)
    if isinstance(member, HttpResponse):
        return member
    return render(
        request,
        "panels/public/me.html",
        {
            "member": member,
            "panel": member.panel,
            "organisation": member.panel.organisation,
            "profile": selectors.profile_labels(panel=member.panel, profile=member.profile),
            "letter_code": code_display(member.address.code) if member.address else "",
            "feedback": feedback_for_member(member),
            "token": token,
        },
    )


@never_cache
def me_change(request: HttpRequest, token: str) -> HttpResponse:
    member = _member_or_404(request, token)
    if isinstance(member, HttpResponse):
        return member
    me_url = reverse("panels:me", kwargs={"token": token})
    if member.status != Member.Status.ACTIVE:
        return redirect(me_url)
    form = MemberDetailsForm(posted(request), panel=member.panel, initial=_details_initial(member))
    done = form_done(
        request,
        form,
        lambda: services.member_details_change(member=member, **form.values()),
        success=_("Your details have been saved"),
        next_url=me_url,
    )
    return done or render(
        request,
        "form_page.html",
        {"form": form, "back_url": me_url, "caption": member.panel.name},
    )


def _me_confirm(
    request: HttpRequest,
    token: str,
    *,
    action: str,
) -> HttpResponse:
    member = _member_or_404(request, token)
    if isinstance(member, HttpResponse):
        return member
    me_url = reverse("panels:me", kwargs={"token": token})
    if action == "leave" and member.status != Member.Status.ACTIVE:
        return redirect(me_url)
    form = (LeaveForm if action == "leave" else EraseForm)(posted(request))
    if request.method == "POST" and form.is_valid():
        if action == "leave":
            services.member_leave(member=member)
            messages.success(request, _("You have left the panel"))
            return redirect(me_url)
        services.member_erase(member=member)
        return redirect("panels:me_erased")
    return render(
        request,
        f"panels/public/me_{action}.html",
        {"form": form, "back_url": me_url, "member": member, "panel": member.panel},
    )


@never_cache
def me_data_download(request: HttpRequest, token: str) -> HttpResponse:
    """Everything held about the member, survey answers included, as a JSON file."""
    member = _member_or_404(request, token)
    if isinstance(member, HttpResponse):
        return member
    return attachment(services.member_data(member=member), "my-details.json", "application/json")


@never_cache
def me_leave(request: HttpRequest, token: str) -> HttpResponse:
    return _me_confirm(request, token, action="leave")


@never_cache
def me_erase(request: HttpRequest, token: str) -> HttpResponse:
    return _me_confirm(request, token, action="erase")


def me_help(request: HttpRequest) -> HttpResponse:
    """Where the emails' unsubscribe header points: how to reach your own page, and a form to
    have a new link emailed (the answer is the same whether or not the address is known)."""
    form = ManageLinkForm(posted(request))
    if request.method == "POST" and form.is_valid():
        manage_links.manage_link_request(
            email=form.cleaned_data["email"], client=client_address(request)
        )
        return redirect("panels:me_link_sent")
    return render(request, "panels/public/me_help.html", {"form": form})


def me_link_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "panels/public/me_link_sent.html")


def me_erased(request: HttpRequest) -> HttpResponse:
    return render(request, "panels/public/me_erased.html")
