"""Pages for a panel's survey waves: the list of waves, creating one, reviewing and sending it,
the wave's page (counts, response rates by group, closing early), the letters for members
invited by post, weighted results with their exports, attrition across waves, "you said, we did"
feedback and the prize draw (with its public page, which shows no personal data)."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.downloads import attachment
from publicbenefit.common.forms import ConfirmForm, errors_onto_form, posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.common.pdf import pdf_from_html
from publicbenefit.core.weighting import WeightingSettingsError
from publicbenefit.panels import charts
from publicbenefit.panels.forms.waves import (
    AttritionForm,
    FeedbackForm,
    PrizeDrawForm,
    ResultsForm,
    WaveForm,
)
from publicbenefit.panels.models import Panel, Wave
from publicbenefit.panels.selectors import results as results_selectors
from publicbenefit.panels.selectors import waves as selectors
from publicbenefit.panels.selectors.margins import features
from publicbenefit.panels.services import waves as services
from publicbenefit.surveys.acceptability import survey_module
from publicbenefit.surveys.letter_codes import letter_code_display


class _SendForm(ConfirmForm):
    # The button's text is set on the class: the form's layout is built when it is made.
    page_title = gettext_lazy("Send the wave")
    submit_text = gettext_lazy("Send the wave")


class _CloseForm(ConfirmForm):
    page_title = gettext_lazy("Close the wave now?")
    submit_text = gettext_lazy("Close the wave")


def _panel(membership: Membership, panel_pk: int) -> Panel:
    return selectors.panel_get(organisation=membership.organisation, pk=panel_pk)


def _wave(membership: Membership, panel_pk: int, wave_pk: int) -> Wave:
    return selectors.wave_get(panel=_panel(membership, panel_pk), pk=wave_pk)


def _url(name: str, panel: Panel, wave: Wave | None = None) -> str:
    kwargs: dict[str, object] = {"organisation": panel.organisation.slug, "panel_pk": panel.pk}
    if wave is not None:
        kwargs["wave_pk"] = wave.pk
    return reverse(f"panels:{name}", kwargs=kwargs)


def _hub_url(panel: Panel) -> str:
    return reverse(
        "panels:panel_detail", kwargs={"organisation": panel.organisation.slug, "pk": panel.pk}
    )


@organisation_member()
def wave_list(request: HttpRequest, membership: Membership, panel_pk: int) -> HttpResponse:
    panel = _panel(membership, panel_pk)
    return staff_page(
        request,
        membership,
        "panels/waves/wave_list.html",
        panel=panel,
        waves=selectors.wave_list(panel=panel),
        can_engage=membership.can(Capability.ENGAGE),
        hub_url=_hub_url(panel),
    )


@organisation_member(Capability.ENGAGE)
def wave_create(request: HttpRequest, membership: Membership, panel_pk: int) -> HttpResponse:
    panel = _panel(membership, panel_pk)
    form = WaveForm(
        posted(request),
        surveys=selectors.surveys_ready(organisation=membership.organisation),
        features=features(panel=panel),
    )
    if request.method == "POST" and form.is_valid():
        try:
            wave = services.wave_create(actor=membership, panel=panel, **form.wave_arguments())
        except ValidationError as error:
            if hasattr(error, "error_dict") and "closes_at" in error.error_dict:
                error.error_dict["closes_on"] = error.error_dict.pop("closes_at")
            errors_onto_form(form, error)
        else:
            return redirect(_url("wave_review", panel, wave))
    return staff_form_page(
        request,
        membership,
        form,
        back_url=_url("wave_list", panel),
        caption=panel.name,
        template="panels/waves/wave_create.html",
        no_surveys=not form.surveys,
    )


@organisation_member()
def wave_review(
    request: HttpRequest, membership: Membership, panel_pk: int, wave_pk: int
) -> HttpResponse:
    """Who the wave will invite, group by group and by which channel; then Send."""
    wave = _wave(membership, panel_pk, wave_pk)
    if wave.status != Wave.Status.DRAFT:
        return redirect(_url("wave_detail", wave.panel, wave))
    can_engage = membership.can(Capability.ENGAGE)
    form = _SendForm(posted(request)) if can_engage else None
    if form is None and request.method == "POST":
        raise PermissionDenied
    done = form_done(
        request,
        form,
        lambda: services.wave_send(actor=membership, wave=wave),
        success=_("The wave is sent: invitations are on their way"),
        next_url=_url("wave_detail", wave.panel, wave),
    )
    if done:
        return done
    try:
        plan = selectors.sample_plan(wave=wave)
        problem = ""
    except WeightingSettingsError as error:
        plan, problem = None, error.message
    return staff_page(
        request,
        membership,
        "panels/waves/wave_review.html",
        panel=wave.panel,
        wave=wave,
        plan=plan,
        problem=problem,
        form=form,
        back_url=_url("wave_list", wave.panel),
    )


@organisation_member()
def wave_detail(
    request: HttpRequest, membership: Membership, panel_pk: int, wave_pk: int
) -> HttpResponse:
    wave = _wave(membership, panel_pk, wave_pk)
    if wave.status == Wave.Status.DRAFT:
        return redirect(_url("wave_review", wave.panel, wave))
    can_engage = membership.can(Capability.ENGAGE)
    return staff_page(
        request,
        membership,
        "panels/waves/wave_detail.html",
        panel=wave.panel,
        wave=wave,
        counts=selectors.wave_counts(wave=wave),
        rates=selectors.rate_tables(panel=wave.panel, waves=[wave]),
        rate_waves=[wave],
        bounces=selectors.message_problems(wave=wave) if can_engage else None,
        draw=selectors.prize_draw_get(wave=wave),
        can_engage=can_engage,
        back_url=_url("wave_list", wave.panel),
    )


@organisation_member(Capability.ENGAGE)
def wave_close(
    request: HttpRequest, membership: Membership, panel_pk: int, wave_pk: int
) -> HttpResponse:
    wave = _wave(membership, panel_pk, wave_pk)
    form = _CloseForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: services.wave_close(actor=membership, wave=wave),
        success=_("The wave is closed"),
        next_url=_url("wave_detail", wave.panel, wave),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_url("wave_detail", wave.panel, wave),
        caption=wave.name,
        template="panels/waves/wave_close.html",
        wave=wave,
    )


@organisation_member(Capability.ENGAGE)
def wave_letters(
    request: HttpRequest, membership: Membership, panel_pk: int, wave_pk: int
) -> HttpResponse:
    """The printable letters for members invited by post: names and addresses (personal
    data), so only for those who run engagement."""
    wave = _wave(membership, panel_pk, wave_pk)
    html = render_to_string(
        "panels/waves/letters_print.html",
        {
            "wave": wave,
            "panel": wave.panel,
            "organisation": membership.organisation,
            "letters": [
                (letter, letter_code_display(letter.code))
                for letter in services.wave_letters_read(actor=membership, wave=wave)
            ],
            "letter_url": selectors.letter_url(),
        },
    )
    response = attachment(pdf_from_html(html), f"wave-{wave.pk}-letters.pdf", "application/pdf")
    response["Cache-Control"] = "no-store"
    return response


def _results(
    request: HttpRequest, wave: Wave
) -> tuple[ResultsForm, results_selectors.Results | None]:
    form = ResultsForm(request.GET or None, features=features(panel=wave.panel))
    by, trim_max = form.settings()
    try:
        return form, results_selectors.wave_results(wave=wave, trim_max=trim_max, by=by)
    except WeightingSettingsError as error:
        form.add_error("trim_max", error.message)
        return form, None


@organisation_member()
def wave_results(
    request: HttpRequest, membership: Membership, panel_pk: int, wave_pk: int
) -> HttpResponse:
    wave = _wave(membership, panel_pk, wave_pk)
    form, results = _results(request, wave)
    query = request.GET.urlencode()
    return staff_page(
        request,
        membership,
        "panels/waves/results.html",
        panel=wave.panel,
        wave=wave,
        form=form,
        results=results,
        charted=charts.results_charts(results) if results else [],
        has_module=survey_module(wave.survey) is not None,
        query=f"?{query}" if query else "",
        back_url=_url("wave_detail", wave.panel, wave),
    )


@organisation_member()
def wave_results_export(
    request: HttpRequest, membership: Membership, panel_pk: int, wave_pk: int, file_format: str
) -> HttpResponse:
    if file_format not in {"csv", "json"}:
        raise Http404
    wave = _wave(membership, panel_pk, wave_pk)
    _form, results = _results(request, wave)
    if results is None:
        return redirect(_url("wave_results", wave.panel, wave))
    if file_format == "csv":
        response = HttpResponse(
            results_selectors.results_csv(results), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            json.dumps(results_selectors.results_json(results), indent=2),
            content_type="application/json",
        )
    response["Content-Disposition"] = f'attachment; filename="wave-{wave.pk}-results.{file_format}"'
    return response


@organisation_member()
def attrition(request: HttpRequest, membership: Membership, panel_pk: int) -> HttpResponse:
    panel = _panel(membership, panel_pk)
    form = AttritionForm(request.GET or None)
    return staff_page(
        request,
        membership,
        "panels/waves/attrition.html",
        panel=panel,
        form=form,
        attrition=selectors.attrition(panel=panel, last_n=form.chosen()),
        back_url=_url("wave_list", panel),
    )


@organisation_member(Capability.ENGAGE)
def wave_feedback(
    request: HttpRequest, membership: Membership, panel_pk: int, wave_pk: int
) -> HttpResponse:
    wave = _wave(membership, panel_pk, wave_pk)
    form = FeedbackForm(posted(request), initial={"feedback": wave.feedback})
    done = form_done(
        request,
        form,
        lambda: services.wave_feedback_publish(
            actor=membership, wave=wave, feedback=form.cleaned_data["feedback"]
        ),
        success=_("The feedback is published and on its way to members"),
        next_url=_url("wave_detail", wave.panel, wave),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=_url("wave_detail", wave.panel, wave),
        caption=wave.name,
        template="panels/waves/feedback.html",
        wave=wave,
    )


@organisation_member()
def wave_prize_draw(
    request: HttpRequest, membership: Membership, panel_pk: int, wave_pk: int
) -> HttpResponse:
    wave = _wave(membership, panel_pk, wave_pk)
    can_engage = membership.can(Capability.ENGAGE)
    result = selectors.prize_draw_get(wave=wave)
    form = None
    if result is None and can_engage:
        form = PrizeDrawForm(posted(request))
        done = form_done(
            request,
            form,
            lambda: services.prize_draw_run(actor=membership, wave=wave, **form.cleaned_data),
            success=_("The prizes are drawn"),
            next_url=_url("wave_prize_draw", wave.panel, wave),
        )
        if done:
            return done
    elif request.method == "POST":
        raise PermissionDenied
    return staff_page(
        request,
        membership,
        "panels/waves/prize_draw.html",
        panel=wave.panel,
        wave=wave,
        result=result,
        form=form,
        entries=len(selectors.prize_draw_entries(wave=wave)) if result is None else None,
        winners=services.prize_draw_winners_read(actor=membership, result=result)
        if result and can_engage
        else None,
        public_url=reverse("panels:prize_draw_public", kwargs={"wave_pk": wave.pk}),
        back_url=_url("wave_detail", wave.panel, wave),
    )


def prize_draw_public(request: HttpRequest, wave_pk: int) -> HttpResponse:
    """The published draw: before it, the SHA-256 of the seed fixed when the wave was sent;
    after it, the seed, the entry codes, the winners' and reserves' codes, and how to re-run
    and check it. No personal data."""
    wave, result = selectors.prize_draw_public(wave_pk=wave_pk)
    return render(
        request,
        "panels/waves/prize_draw_public.html",
        {"result": result, "wave": wave, "panel": wave.panel},
    )
