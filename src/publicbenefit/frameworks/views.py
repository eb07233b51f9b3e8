"""Pages for framework versions: the versions an organisation may use, one version's questions,
bands and scoring rule, its YAML to download, and making a new version by uploading YAML or by
tailoring an existing version on the page; replacing a version no assessment has used."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.common.pages import staff_page
from publicbenefit.frameworks import presenters, selectors, services
from publicbenefit.frameworks.forms import (
    FrameworkReplaceForm,
    FrameworkTailorForm,
    FrameworkUploadForm,
)
from publicbenefit.frameworks.models import FrameworkVersion


def _detail(version: FrameworkVersion, membership: Membership) -> HttpResponse:
    return redirect("frameworks:detail", organisation=membership.organisation.slug, pk=version.pk)


def _url(name: str, membership: Membership, **kwargs: Any) -> str:
    return reverse(
        f"frameworks:{name}", kwargs={"organisation": membership.organisation.slug, **kwargs}
    )


@organisation_member()
def framework_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    return staff_page(
        request,
        membership,
        "frameworks/framework_list.html",
        versions=selectors.framework_version_list_with_use(organisation=membership.organisation),
        can_make=membership.can(Capability.ASSESS),
    )


@organisation_member()
def framework_detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    version = selectors.framework_version_get(organisation=membership.organisation, pk=pk)
    framework = version.framework
    return staff_page(
        request,
        membership,
        "frameworks/framework_detail.html",
        version=version,
        framework=framework,
        elements=presenters.elements(framework),
        bands=presenters.bands(framework),
        scoring_rule=presenters.scoring_rule(framework),
        caps=presenters.caps(framework),
        in_use=selectors.framework_version_in_use(framework_version=version),
        can_make=membership.can(Capability.ASSESS),
        can_change=membership.can(Capability.ASSESS)
        and selectors.framework_version_can_change(
            framework_version=version, organisation=membership.organisation
        ),
    )


@organisation_member()
def framework_download(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    version = selectors.framework_version_get(organisation=membership.organisation, pk=pk)
    response = HttpResponse(version.yaml_text, content_type="text/yaml; charset=utf-8")
    # The framework id and version number are restricted by the schema to letters, digits,
    # full stops, hyphens and underscores, so the name needs no quoting beyond this.
    response["Content-Disposition"] = (
        f'attachment; filename="{version.framework_id}-{version.version}.yaml"'
    )
    return response


@organisation_member(Capability.ASSESS)
def framework_upload(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = FrameworkUploadForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.framework_version_create(
                actor=membership, yaml_text=form.cleaned_data["yaml_text"]
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Version %(version)s saved") % {"version": version.version})
            return _detail(version, membership)
    return staff_page(
        request,
        membership,
        "frameworks/framework_upload.html",
        form=form,
        back_url=_url("list", membership),
    )


@organisation_member(Capability.ASSESS)
def framework_tailor(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    based_on = selectors.framework_version_get(organisation=membership.organisation, pk=pk)
    form = FrameworkTailorForm(posted(request), framework=based_on.framework)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.framework_version_tailor(
                actor=membership, based_on=based_on, **form.service_fields()
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Version %(version)s saved") % {"version": version.version})
            return _detail(version, membership)
    return staff_page(
        request,
        membership,
        "frameworks/framework_tailor.html",
        form=form,
        based_on=based_on,
        back_url=_url("detail", membership, pk=based_on.pk),
        caption=str(based_on),
    )


@organisation_member(Capability.ASSESS)
def framework_replace(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    version = selectors.framework_version_get(organisation=membership.organisation, pk=pk)
    form = FrameworkReplaceForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.framework_version_replace(
                actor=membership,
                framework_version=version,
                yaml_text=form.cleaned_data["yaml_text"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Version replaced"))
            return _detail(version, membership)
    return staff_page(
        request,
        membership,
        "frameworks/framework_replace.html",
        form=form,
        version=version,
        can_change=selectors.framework_version_can_change(
            framework_version=version, organisation=membership.organisation
        ),
        back_url=_url("detail", membership, pk=version.pk),
        caption=str(version),
    )
