"""Staff pages for setting up a Citizens' Panel: the organisation's panels, a panel's hub page,
its settings, its population margins (import, table, CSV template and download), its community
partners with their sign-up links, and how representative it is, with recruitment targets and
the trend over time."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.downloads import attachment
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.panels.forms.setup import (
    MarginsImportForm,
    PanelForm,
    PanelSettingsForm,
    PartnerDeactivateForm,
    PartnerForm,
    TargetSizeForm,
)
from publicbenefit.panels.models import Panel
from publicbenefit.panels.selectors import setup as selectors
from publicbenefit.panels.services import setup as services


def panel_url(name: str, membership: Membership, panel: Panel | None = None, **kwargs: int) -> str:
    """The address of one of the panel's setup pages."""
    if panel is not None:
        kwargs["pk"] = panel.pk
    return reverse(
        f"panels:{name}", kwargs={"organisation": membership.organisation.slug, **kwargs}
    )


@organisation_member()
def panel_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    return staff_page(
        request,
        membership,
        "panels/setup/panel_list.html",
        panels=selectors.panel_list(organisation=membership.organisation),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def panel_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = PanelForm(
        posted(request),
        initial={
            "privacy_notice": selectors.privacy_notice_default(organisation=membership.organisation)
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            panel = services.panel_create(actor=membership, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Panel set up. Import its population margins next."))
            return redirect(panel_url("panel_detail", membership, panel))
    return staff_form_page(
        request,
        membership,
        form,
        back_url=panel_url("panel_list", membership),
        caption=membership.organisation.name,
    )


@organisation_member()
def panel_detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=pk)
    return staff_page(
        request,
        membership,
        "panels/setup/panel_detail.html",
        panel=panel,
        counts=selectors.panel_counts(panel=panel),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def panel_settings(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=pk)
    form = PanelSettingsForm(
        posted(request),
        initial={
            "name": panel.name,
            "area": panel.area,
            "description": panel.description,
            "privacy_notice": panel.privacy_notice,
            "min_cell": panel.min_cell,
            "signup_open": "yes" if panel.signup_open else "no",
            "prize_draw": "yes" if panel.prize_draw else "no",
        },
    )
    done = form_done(
        request,
        form,
        lambda: services.panel_update(actor=membership, panel=panel, **form.cleaned_data),
        success=_("Settings saved"),
        next_url=panel_url("panel_detail", membership, panel),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=panel_url("panel_detail", membership, panel),
        caption=panel.name,
        template="panels/setup/panel_settings.html",
        panel=panel,
    )


@organisation_member()
def margins(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=pk)
    return staff_page(
        request,
        membership,
        "panels/setup/margins.html",
        panel=panel,
        tables=selectors.margins_table(panel=panel),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def margins_import(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=pk)
    form = MarginsImportForm(posted(request), request.FILES or None)
    done = form_done(
        request,
        form,
        lambda: services.margins_import(
            actor=membership, panel=panel, csv_text=form.cleaned_data["csv_file"]
        ),
        success=_("Margins imported"),
        next_url=panel_url("margins", membership, panel),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=panel_url("margins", membership, panel),
        caption=panel.name,
        template="panels/setup/margins_import.html",
        panel=panel,
        has_members=selectors.panel_counts(panel=panel)["active"] > 0,
    )


@organisation_member()
def margins_template(request: HttpRequest, membership: Membership) -> HttpResponse:
    return attachment(selectors.margins_template_csv(), "margins-template.csv", "text/csv")


@organisation_member()
def margins_download(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=pk)
    return attachment(
        selectors.margins_csv(panel=panel), f"panel-{panel.pk}-margins.csv", "text/csv"
    )


@organisation_member()
def partner_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=pk)
    partners = selectors.partner_list(panel=panel)
    return staff_page(
        request,
        membership,
        "panels/setup/partner_list.html",
        panel=panel,
        # The links let anyone join the panel: only those who run it see them.
        partners=[
            (
                partner,
                request.build_absolute_uri(selectors.partner_signup_path(partner))
                if membership.can(Capability.ENGAGE)
                else "",
            )
            for partner in partners
        ],
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def partner_add(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=pk)
    form = PartnerForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: services.partner_add(actor=membership, panel=panel, **form.cleaned_data),
        success=_("Partner added. Send them their link below."),
        next_url=panel_url("partner_list", membership, panel),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=panel_url("partner_list", membership, panel),
        caption=panel.name,
    )


@organisation_member(Capability.ENGAGE)
def partner_deactivate(
    request: HttpRequest, membership: Membership, pk: int, partner_pk: int
) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=pk)
    partner = selectors.partner_get(panel=panel, pk=partner_pk)
    form = PartnerDeactivateForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: services.partner_deactivate(actor=membership, partner=partner),
        success=_("%(name)s's link has been stopped") % {"name": partner.name},
        next_url=panel_url("partner_list", membership, panel),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=panel_url("partner_list", membership, panel),
        caption=panel.name,
        template="panels/setup/partner_deactivate.html",
        partner=partner,
    )


@organisation_member()
def representativeness(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    panel = selectors.panel_get(organisation=membership.organisation, pk=pk)
    form = TargetSizeForm(request.GET if "size" in request.GET else None)
    # With no size, or a wrong one (its error shows above), the targets are for today's size.
    size = form.cleaned_data["size"] if form.is_bound and form.is_valid() else None
    trend_features, trend = selectors.snapshot_trend(panel=panel)
    return staff_page(
        request,
        membership,
        "panels/setup/representativeness.html",
        panel=panel,
        form=form,
        rows=selectors.representativeness(panel=panel, target_size=size),
        size=size,
        members=selectors.panel_counts(panel=panel)["active"],
        under_points=selectors.UNDER_POINTS,
        under_percent=int(selectors.UNDER_RELATIVE * 100),
        trend_features=trend_features,
        trend=trend,
        page_has_errors=form.is_bound and bool(form.errors),
    )
