"""Staff pages for choosing a jury: the organisation's juries, a jury's hub and settings, its
margins and quotas, its pool (imported, from letters or the volunteer form), the lotteries and
how they compare, the draw with its audit record, and the jurors with drop-outs and
replacements."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.downloads import attachment
from publicbenefit.common.forms import errors_onto_form, posted
from publicbenefit.common.pages import form_done, staff_form_page, staff_page
from publicbenefit.juries import exports, tasks
from publicbenefit.juries.forms.selection import (
    DropForm,
    JuryForm,
    JurySettingsForm,
    LotteryForm,
    MarginsForm,
    PoolImportForm,
    QuotasAcceptForm,
    QuotasForm,
    QuotasImportForm,
    ReplaceForm,
    SeedForm,
)
from publicbenefit.juries.models import Jury, Volunteer
from publicbenefit.juries.selectors import draw as draw_selectors
from publicbenefit.juries.selectors import jury as jury_selectors
from publicbenefit.juries.selectors import lottery as lottery_selectors
from publicbenefit.juries.selectors import pool as pool_selectors
from publicbenefit.juries.selectors import quotas as quota_selectors
from publicbenefit.juries.services import draw as draw_services
from publicbenefit.juries.services import jury as jury_services
from publicbenefit.juries.services import lottery as lottery_services
from publicbenefit.juries.services import pool as pool_services
from publicbenefit.juries.services import quotas as quota_services
from publicbenefit.juries.services import rights
from publicbenefit.panels.forms.recruitment import AddressUploadForm, LettersForm
from publicbenefit.privacy.downloads import staff_data_download
from publicbenefit.privacy.forms import StaffEraseRequestForm


def jury_url(name: str, membership: Membership, jury: Jury | None = None, **kwargs: int) -> str:
    """The address of one of the jury's staff pages."""
    if jury is not None:
        kwargs["pk"] = jury.pk
    return reverse(
        f"juries:{name}", kwargs={"organisation": membership.organisation.slug, **kwargs}
    )


def _jury(membership: Membership, pk: int) -> Jury:
    return jury_selectors.jury_get(organisation=membership.organisation, pk=pk)


def _jury_form(
    form_class: type[JuryForm], request: HttpRequest, membership: Membership, **kwargs: object
) -> JuryForm:
    organisation = membership.organisation
    return form_class(
        posted(request),
        proposals=jury_selectors.proposals_for(organisation=organisation),
        plans=jury_selectors.plans_for(organisation=organisation),
        **kwargs,
    )


# The jury.

#: The jury process's links on the hub page.
HUB_SECTION = "juries/process/hub_section.html"


def _template_if_exists(name: str) -> str:
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return ""
    return name


@organisation_member()
def jury_list(request: HttpRequest, membership: Membership) -> HttpResponse:
    return staff_page(
        request,
        membership,
        "juries/selection/jury_list.html",
        juries=jury_selectors.jury_list(organisation=membership.organisation),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def jury_create(request: HttpRequest, membership: Membership) -> HttpResponse:
    form = _jury_form(JuryForm, request, membership)
    if request.method == "POST" and form.is_valid():
        try:
            jury = jury_services.jury_create(actor=membership, **form.cleaned_data)
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("Jury set up. Import the population margins next."))
            return redirect(jury_url("jury_detail", membership, jury))
    return staff_form_page(
        request,
        membership,
        form,
        back_url=jury_url("jury_list", membership),
        caption=membership.organisation.name,
    )


@organisation_member()
def jury_detail(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return staff_page(
        request,
        membership,
        "juries/selection/jury_detail.html",
        jury=jury,
        steps=jury_selectors.jury_steps(jury=jury),
        volunteer_url=exports.volunteer_url(jury),
        hub_section=_template_if_exists(HUB_SECTION),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def jury_settings(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    initial = {name: getattr(jury, name) for name in jury_services.FIELDS}
    initial["volunteering_open"] = "yes" if jury.volunteering_open else "no"
    form = _jury_form(JurySettingsForm, request, membership, initial=initial)
    done = form_done(
        request,
        form,
        lambda: jury_services.jury_update(actor=membership, jury=jury, **form.cleaned_data),
        success=_("Settings saved"),
        next_url=jury_url("jury_detail", membership, jury),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=jury_url("jury_detail", membership, jury),
        caption=jury.name,
    )


# Margins and quotas.


@organisation_member()
def quotas(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    can_engage = membership.can(Capability.ENGAGE)
    if request.method == "POST" and not can_engage:
        raise PermissionDenied
    form = QuotasForm(posted(request), features=quota_selectors.features(jury=jury))
    done = form_done(
        request,
        form,
        lambda: quota_services.quotas_update(actor=membership, jury=jury, quotas=form.quotas()),
        success=_("Quotas saved"),
        next_url=jury_url("quotas", membership, jury),
    )
    return done or staff_page(
        request,
        membership,
        "juries/selection/quotas.html",
        jury=jury,
        form=form,
        tables=form.with_inputs(quota_selectors.quota_tables(jury=jury)),
        can_engage=can_engage,
    )


@organisation_member(Capability.ENGAGE)
def quotas_accept(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    form = QuotasAcceptForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: quota_services.quotas_accept_proposed(actor=membership, jury=jury),
        success=_("The proposed quotas are now the jury's quotas"),
        next_url=jury_url("quotas", membership, jury),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=jury_url("quotas", membership, jury),
        caption=jury.name,
        template="juries/selection/quotas_accept.html",
        jury=jury,
    )


def _csv_import(
    request: HttpRequest,
    membership: Membership,
    jury: Jury,
    form: object,
    action: object,
    *,
    success: str,
    next_name: str,
    template: str,
) -> HttpResponse:
    done = form_done(
        request, form, action, success=success, next_url=jury_url(next_name, membership, jury)
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=jury_url(next_name, membership, jury),
        caption=jury.name,
        template=template,
        jury=jury,
    )


@organisation_member(Capability.ENGAGE)
def margins_import(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    form = MarginsForm(posted(request), request.FILES or None)
    return _csv_import(
        request,
        membership,
        jury,
        form,
        lambda: quota_services.margins_import(
            actor=membership, jury=jury, csv_text=form.cleaned_data["csv_file"]
        ),
        success=_("Margins imported. Check the proposed quotas, then accept or change them."),
        next_name="quotas",
        template="juries/selection/margins_import.html",
    )


@organisation_member(Capability.ENGAGE)
def quotas_import(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    form = QuotasImportForm(posted(request), request.FILES or None)
    return _csv_import(
        request,
        membership,
        jury,
        form,
        lambda: quota_services.quotas_import(
            actor=membership, jury=jury, csv_text=form.cleaned_data["csv_file"]
        ),
        success=_("Quotas imported"),
        next_name="quotas",
        template="juries/selection/quotas_import.html",
    )


@organisation_member()
def quotas_download(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return attachment(
        quota_selectors.quotas_csv(jury=jury), f"jury-{jury.pk}-quotas.csv", "text/csv"
    )


# The pool.


@organisation_member()
def pool(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return staff_page(
        request,
        membership,
        "juries/selection/pool.html",
        jury=jury,
        counts=pool_selectors.value_counts(jury=jury),
        page=pool_selectors.pool_page(jury=jury, page=request.GET.get("page")),
        feature_list=quota_selectors.features(jury=jury),
        volunteer_url=exports.volunteer_url(jury),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def pool_import(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    form = PoolImportForm(posted(request), request.FILES or None, initial={"id_column": "id"})
    return _csv_import(
        request,
        membership,
        jury,
        form,
        lambda: pool_services.pool_import(
            actor=membership,
            jury=jury,
            csv_text=form.cleaned_data["csv_file"],
            id_column=form.cleaned_data["id_column"].strip(),
        ),
        success=_("Pool imported"),
        next_name="pool",
        template="juries/selection/pool_import.html",
    )


@organisation_member(Capability.ENGAGE)
def volunteer_detail(
    request: HttpRequest, membership: Membership, pk: int, volunteer_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    return staff_page(
        request,
        membership,
        "juries/selection/volunteer.html",
        jury=jury,
        volunteer=pool_services.volunteer_contact_read(
            actor=membership, volunteer=pool_selectors.volunteer_get(jury=jury, pk=volunteer_pk)
        ),
        feature_list=quota_selectors.features(jury=jury),
    )


@organisation_member(Capability.ENGAGE)
def volunteer_data_download(
    request: HttpRequest, membership: Membership, pk: int, volunteer_pk: int
) -> HttpResponse:
    """Everything held about a volunteer or juror who asked by post or phone, as JSON."""
    jury = _jury(membership, pk)
    volunteer = pool_selectors.volunteer_get(jury=jury, pk=volunteer_pk)
    return staff_data_download(
        request,
        membership,
        data=lambda how_asked: rights.volunteer_data_by_staff(
            actor=membership, volunteer=volunteer, how_asked=how_asked
        ),
        filename=f"volunteer-{volunteer.pseudonym}.json",
        back_url=_volunteer_url(membership, jury, volunteer),
        caption=volunteer.pseudonym,
    )


@organisation_member(Capability.ENGAGE)
def volunteer_erase(
    request: HttpRequest, membership: Membership, pk: int, volunteer_pk: int
) -> HttpResponse:
    """Erase a volunteer or juror who asked by post or phone."""
    jury = _jury(membership, pk)
    volunteer = pool_selectors.volunteer_get(jury=jury, pk=volunteer_pk)
    form = StaffEraseRequestForm(posted(request))
    back_url = _volunteer_url(membership, jury, volunteer)
    done = form_done(
        request,
        form,
        lambda: rights.volunteer_erase_by_staff(
            actor=membership, volunteer=volunteer, how_asked=form.cleaned_data["how_asked"]
        ),
        success=_("Their personal data has been erased"),
        next_url=back_url,
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=back_url,
        caption=volunteer.pseudonym,
        template="juries/selection/volunteer_erase.html",
    )


def _volunteer_url(membership: Membership, jury: Jury, volunteer: Volunteer) -> str:
    return reverse(
        "juries:volunteer_detail",
        kwargs={
            "organisation": membership.organisation.slug,
            "pk": jury.pk,
            "volunteer_pk": volunteer.pk,
        },
    )


# Letters.


@organisation_member()
def letter_batches(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return staff_page(
        request,
        membership,
        "juries/selection/letter_batches.html",
        jury=jury,
        batches=pool_selectors.letter_batches(jury=jury),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def letter_batch_upload(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    form = AddressUploadForm(posted(request), request.FILES or None)
    return _csv_import(
        request,
        membership,
        jury,
        form,
        lambda: pool_services.letter_batch_import(
            actor=membership,
            jury=jury,
            name=form.cleaned_data["name"],
            data=form.cleaned_data["file"],
        ),
        success=_("Addresses imported, each with its own code. Make the letters next."),
        next_name="letter_batches",
        template="form_page.html",
    )


@organisation_member()
def letter_batch(
    request: HttpRequest, membership: Membership, pk: int, batch_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    batch = pool_selectors.letter_batch_get(jury=jury, pk=batch_pk)
    return staff_page(
        request,
        membership,
        "juries/selection/letter_batch.html",
        jury=jury,
        batch=batch,
        ready=pool_selectors.letters_file_ready(batch.pk),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def letters_make(
    request: HttpRequest, membership: Membership, pk: int, batch_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    batch = pool_selectors.letter_batch_get(jury=jury, pk=batch_pk)
    form = LettersForm(posted(request))
    back = jury_url("letter_batch", membership, jury, batch_pk=batch.pk)
    done = form_done(
        request,
        form,
        lambda: exports.letters_make.enqueue(
            batch_id=batch.pk, contact=form.cleaned_data["contact"].strip()
        ),
        success=_("The letters are being made. Refresh this page in a minute to download them"),
        next_url=back,
    )
    return done or staff_form_page(
        request, membership, form, back_url=back, caption=f"{jury.name}: {batch.name}"
    )


@organisation_member(Capability.ENGAGE)
def letters_download(
    request: HttpRequest, membership: Membership, pk: int, batch_pk: int
) -> FileResponse:
    jury = _jury(membership, pk)
    batch = pool_selectors.letter_batch_get(jury=jury, pk=batch_pk)
    if not pool_selectors.letters_file_ready(batch.pk):
        raise Http404
    pool_services.letters_downloaded(actor=membership, batch=batch)
    return FileResponse(
        default_storage.open(pool_selectors.letters_file_name(batch.pk), "rb"),
        as_attachment=True,
        filename=f"jury-letters-{batch.pk}.pdf",
        content_type="application/pdf",
    )


# Lotteries.


@organisation_member()
def lottery_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return staff_page(
        request,
        membership,
        "juries/selection/lottery_list.html",
        jury=jury,
        lotteries=lottery_selectors.lotteries(jury=jury),
        comparison=lottery_selectors.comparison(jury=jury),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def lottery_create(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    form = LotteryForm(posted(request), initial={"algorithm": jury.algorithm})
    if request.method == "POST" and form.is_valid():
        try:
            lottery = lottery_services.lottery_request(
                actor=membership, jury=jury, **form.cleaned_data
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            tasks.lottery_run.enqueue(lottery_id=lottery.pk)
            return redirect(jury_url("lottery_detail", membership, jury, lottery_pk=lottery.pk))
    return staff_form_page(
        request,
        membership,
        form,
        back_url=jury_url("lottery_list", membership, jury),
        caption=jury.name,
        template="juries/selection/lottery_create.html",
        jury=jury,
    )


@organisation_member()
def lottery_detail(
    request: HttpRequest, membership: Membership, pk: int, lottery_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    lottery = lottery_selectors.lottery_get(jury=jury, pk=lottery_pk)
    return staff_page(
        request,
        membership,
        "juries/selection/lottery_detail.html",
        jury=jury,
        lottery=lottery,
        chances=lottery_selectors.chances(lottery=lottery),
        feature_list=quota_selectors.features(jury=jury),
        drawn=jury_selectors.jury_steps(jury=jury).draw is not None,
        can_engage=membership.can(Capability.ENGAGE),
    )


# The draw.


@organisation_member(Capability.ENGAGE)
def draw_create(
    request: HttpRequest, membership: Membership, pk: int, lottery_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    lottery = lottery_selectors.lottery_get(jury=jury, pk=lottery_pk)
    form = SeedForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            drawn = draw_services.draw_make(
                actor=membership, lottery=lottery, seed=form.cleaned_data["seed"]
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            # The links are shown once, on this response, and never stored.
            return staff_page(
                request,
                membership,
                "juries/selection/draw_done.html",
                jury=jury,
                draw=drawn.draw,
                links=[
                    (juror, draw_selectors.juror_link(drawn.tokens[juror.pk]))
                    for juror in pool_services.jurors_names_read(
                        actor=membership,
                        jury=jury,
                        jurors=[
                            juror
                            for juror in draw_selectors.jurors(jury=jury)
                            if juror.pk in drawn.tokens
                        ],
                        page="draw",
                    )
                ],
            )
    return staff_form_page(
        request,
        membership,
        form,
        back_url=jury_url("lottery_detail", membership, jury, lottery_pk=lottery.pk),
        caption=jury.name,
        template="juries/selection/draw_create.html",
        jury=jury,
        lottery=lottery,
    )


@organisation_member()
def draw_detail(
    request: HttpRequest, membership: Membership, pk: int, draw_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    draw = draw_selectors.draw_get(jury=jury, pk=draw_pk)
    return staff_page(
        request,
        membership,
        "juries/selection/draw_detail.html",
        jury=jury,
        draw=draw,
        command=lottery_selectors.select_command(lottery=draw.lottery, seed=draw.seed),
        audit_text=draw_selectors.audit_json(draw.audit),
    )


@organisation_member()
def draw_audit_json(
    request: HttpRequest, membership: Membership, pk: int, draw_pk: int
) -> HttpResponse:
    draw = draw_selectors.draw_get(jury=_jury(membership, pk), pk=draw_pk)
    return attachment(
        draw_selectors.audit_json(draw.audit), f"draw-{draw.pk}-audit.json", "application/json"
    )


@organisation_member()
def draw_people_csv(
    request: HttpRequest, membership: Membership, pk: int, draw_pk: int
) -> HttpResponse:
    draw = draw_selectors.draw_get(jury=_jury(membership, pk), pk=draw_pk)
    return attachment(draw.lottery.inputs["people_csv"], "people.csv", "text/csv")


@organisation_member()
def draw_quotas_csv(
    request: HttpRequest, membership: Membership, pk: int, draw_pk: int
) -> HttpResponse:
    draw = draw_selectors.draw_get(jury=_jury(membership, pk), pk=draw_pk)
    return attachment(draw.lottery.inputs["quotas_csv"], "quotas.csv", "text/csv")


# Jurors.


@organisation_member()
def juror_list(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    jury = _jury(membership, pk)
    return staff_page(
        request,
        membership,
        "juries/selection/juror_list.html",
        jury=jury,
        draw=draw_selectors.draw_current(jury=jury),
        jurors=draw_selectors.jurors(jury=jury),
        feature_list=quota_selectors.features(jury=jury),
        can_engage=membership.can(Capability.ENGAGE),
    )


@organisation_member(Capability.ENGAGE)
def juror_drop(
    request: HttpRequest, membership: Membership, pk: int, juror_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    juror = draw_selectors.juror_get(jury=jury, pk=juror_pk)
    form = DropForm(posted(request))
    done = form_done(
        request,
        form,
        lambda: draw_services.juror_drop(
            actor=membership, juror=juror, reason=form.cleaned_data["reason"]
        ),
        success=_("Marked as dropped out. Draw a replacement next."),
        next_url=jury_url("juror_list", membership, jury),
    )
    return done or staff_form_page(
        request,
        membership,
        form,
        back_url=jury_url("juror_list", membership, jury),
        caption=f"{jury.name}: {juror.volunteer.pseudonym}",
    )


@organisation_member(Capability.ENGAGE)
def juror_replace(
    request: HttpRequest, membership: Membership, pk: int, juror_pk: int
) -> HttpResponse:
    jury = _jury(membership, pk)
    juror = draw_selectors.juror_get(jury=jury, pk=juror_pk)
    form = ReplaceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            replaced = draw_services.juror_replace(
                actor=membership, juror=juror, seed=form.cleaned_data["seed"]
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            return staff_page(
                request,
                membership,
                "juries/selection/replace_done.html",
                jury=jury,
                juror=pool_services.jurors_names_read(
                    actor=membership, jury=jury, jurors=[replaced.juror], page="replacement"
                )[0],
                link=draw_selectors.juror_link(replaced.token),
            )
    return staff_form_page(
        request,
        membership,
        form,
        back_url=jury_url("juror_list", membership, jury),
        caption=f"{jury.name}: {juror.volunteer.pseudonym}",
    )
