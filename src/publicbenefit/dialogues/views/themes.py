"""Staff pages for a dialogue's themes: the analyst's view of the themes (each with its counts
by event and area and its excerpts linking back to their write-ups), the analyst's edits and
what became of them, the divergent narratives per framing question; finding the themes again
(in the background); and the edit forms (rename, merge, split, move, undo)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.dialogues import tasks
from publicbenefit.dialogues.forms.themes import (
    MergeForm,
    MoveForm,
    RenameForm,
    SplitForm,
    SplitThemeForm,
    ThemeRunForm,
)
from publicbenefit.dialogues.models import Dialogue
from publicbenefit.dialogues.selectors.themes import analyst_themes, themes_page
from publicbenefit.dialogues.services import themes as services
from publicbenefit.dialogues.views.staff import _dialogue, dialogue_url


@organisation_member()
def themes(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    return staff_page(
        request,
        membership,
        "dialogues/staff/themes.html",
        dialogue=dialogue,
        page=themes_page(dialogue=dialogue),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def themes_run(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    form = ThemeRunForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            run = services.theme_run_request(
                actor=membership, dialogue=dialogue, k=form.cleaned_data["k"]
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            tasks.theme_run.enqueue(run_id=run.pk)
            messages.success(request, _("Finding themes: the page shows them when they are ready"))
            return redirect(dialogue_url("themes", membership, dialogue))
    return staff_form_page(
        request,
        membership,
        form,
        back_url=dialogue_url("themes", membership, dialogue),
        caption=dialogue.title,
    )


def _edit_page(
    request: HttpRequest,
    membership: Membership,
    dialogue: Dialogue,
    form_class: Any,
    success: str,
    **kwargs: Any,
) -> HttpResponse:
    found = analyst_themes(dialogue=dialogue)
    if found is None:
        messages.error(request, _("Find the themes before editing them"))
        return redirect(dialogue_url("themes", membership, dialogue))
    form = form_class(posted(request), analyst=found[1], **kwargs)
    done = form_done(
        request,
        form,
        lambda: services.theme_edit_add(actor=membership, dialogue=dialogue, edit=form.edit()),
        success=success,
        next_url=dialogue_url("themes", membership, dialogue),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=dialogue_url("themes", membership, dialogue),
        caption=dialogue.title,
    )


@organisation_member(Capability.ENGAGE)
def theme_rename(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    return _edit_page(request, membership, dialogue, RenameForm, _("Theme renamed"))


@organisation_member(Capability.ENGAGE)
def theme_merge(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    return _edit_page(request, membership, dialogue, MergeForm, _("Themes merged"))


@organisation_member(Capability.ENGAGE)
def theme_move(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    return _edit_page(request, membership, dialogue, MoveForm, _("Excerpt moved"))


@organisation_member(Capability.ENGAGE)
def theme_split(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    found = analyst_themes(dialogue=dialogue)
    theme_id = request.GET.get("theme", "")
    if found is not None and found[1].view.theme(theme_id) is None:
        # First, which theme: a GET form, so the page works without JavaScript.
        chooser = SplitThemeForm(request.GET or None, analyst=found[1])
        chooser.helper.form_method = "get"
        chooser.is_valid()
        return staff_form_page(
            request,
            membership,
            chooser,
            back_url=dialogue_url("themes", membership, dialogue),
            caption=dialogue.title,
        )
    return _edit_page(request, membership, dialogue, SplitForm, _("Theme split"), theme_id=theme_id)


@organisation_member(Capability.ENGAGE)
def theme_undo(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    dialogue = _dialogue(membership, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.theme_edit_undo(actor=membership, dialogue=dialogue)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your last change was undone"))
    return redirect(dialogue_url("themes", membership, dialogue))
