"""Pages for the public acceptability score: adding the acceptability module to a survey (or
changing it), a wave's score page with its CSV and JSON exports, and the page explaining how
the score is worked out (the plain-English account of ``docs/acceptability.md``). The score
pages are for every member (``VIEW``); the module is changed by engagement leads and
administrators."""

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.forms import posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.panels.forms.waves import ResultsForm
from publicbenefit.panels.models import Wave
from publicbenefit.panels.selectors import acceptability as selectors
from publicbenefit.panels.selectors import waves as wave_selectors
from publicbenefit.panels.selectors.margins import features
from publicbenefit.surveys import acceptability as module
from publicbenefit.surveys import rules
from publicbenefit.surveys import selectors as survey_selectors
from publicbenefit.surveys.acceptability_forms import ModuleForm


@organisation_member(Capability.ENGAGE)
def module_edit(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    survey = survey_selectors.survey_get(organisation=membership.organisation, pk=pk)
    if not rules.can_change(membership, survey):
        raise PermissionDenied
    existing = module.survey_module(survey)
    if existing is not None:
        initial = {"elicitation": existing.elicitation.value, "description": existing.description}
    else:
        description = module.proposal_description(survey.proposal) if survey.proposal else ""
        initial = {"elicitation": "points", "description": description}
    form = ModuleForm(posted(request), changing=existing is not None, initial=initial)
    detail_url = reverse(
        "surveys:detail", kwargs={"organisation": membership.organisation.slug, "pk": survey.pk}
    )
    save = module.module_update if existing is not None else module.module_add
    done = form_done(
        request,
        form,
        lambda: save(
            actor=membership,
            survey=survey,
            elicitation=form.cleaned_data["elicitation"],
            description=form.cleaned_data["description"],
        ),
        success=_("The acceptability module is saved"),
        next_url=detail_url + "#questions",
    )
    return done or staff_form_page(
        request, membership, form, back_url=detail_url, caption=survey.title
    )


def _wave(membership: Membership, panel_pk: int, wave_pk: int) -> Wave:
    panel = wave_selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    return wave_selectors.wave_get(panel=panel, pk=wave_pk)


def _result(request: HttpRequest, wave: Wave) -> tuple[ResultsForm, selectors.WaveAcceptability]:
    form = ResultsForm(request.GET or None, features=features(panel=wave.panel))
    by, trim_max = form.settings()
    return form, selectors.wave_acceptability(wave=wave, by=by, trim_max=trim_max)


@organisation_member()
def wave_acceptability(
    request: HttpRequest, membership: Membership, panel_pk: int, wave_pk: int
) -> HttpResponse:
    wave = _wave(membership, panel_pk, wave_pk)
    form, result = _result(request, wave)
    query = request.GET.urlencode()
    return staff_page(
        request,
        membership,
        "panels/acceptability/score.html",
        panel=wave.panel,
        wave=wave,
        form=form,
        result=result,
        query=f"?{query}" if query else "",
        back_url=reverse(
            "panels:wave_detail",
            kwargs={
                "organisation": membership.organisation.slug,
                "panel_pk": wave.panel.pk,
                "wave_pk": wave.pk,
            },
        ),
    )


@organisation_member()
def wave_acceptability_export(
    request: HttpRequest, membership: Membership, panel_pk: int, wave_pk: int, file_format: str
) -> HttpResponse:
    if file_format not in {"csv", "json"}:
        raise Http404
    wave = _wave(membership, panel_pk, wave_pk)
    _form, result = _result(request, wave)
    if result.report is None:
        raise Http404
    if file_format == "csv":
        response = HttpResponse(
            selectors.acceptability_csv(result), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            json.dumps(selectors.acceptability_json(result), indent=2),
            content_type="application/json",
        )
    response["Content-Disposition"] = (
        f'attachment; filename="wave-{wave.pk}-acceptability.{file_format}"'
    )
    return response


@organisation_member()
def method(request: HttpRequest, membership: Membership) -> HttpResponse:
    return staff_page(request, membership, "panels/acceptability/method.html")
