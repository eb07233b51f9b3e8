"""Staff pages for the evidence report and the DPIA input on a proposal: each as a page, and
as downloads (the report as a PDF; the DPIA input as a Word document and a PDF).

Both are for members of the proposal's own organisation, as the engagement pages are: they
bring together the organisation's engagement, which partners do not see. Within them, the
partners' positions follow the partnership's rule (shown once the organisation has submitted
its own assessment). They hold no personal data, so reading them is not audited.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.text import slugify

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.common.downloads import attachment
from publicbenefit.common.pages import staff_page
from publicbenefit.proposals.models import Proposal
from publicbenefit.proposals.selectors import proposal_get
from publicbenefit.reports import render
from publicbenefit.reports.dpia import dpia_input
from publicbenefit.reports.evidence import evidence_report


def _proposal(membership: Membership, pk: int) -> Proposal:
    return proposal_get(organisation=membership.organisation, pk=pk)


def _kwargs(membership: Membership, proposal: Proposal) -> dict[str, object]:
    return {"organisation": membership.organisation.slug, "pk": proposal.pk}


def _filename(kind: str, proposal: Proposal, extension: str) -> str:
    return f"{kind}-{proposal.pk}-{slugify(proposal.title)[:50]}.{extension}"


@organisation_member()
def evidence_report_page(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    kwargs = _kwargs(membership, proposal)
    return staff_page(
        request,
        membership,
        "reports/document_page.html",
        proposal=proposal,
        document=evidence_report(proposal=proposal, membership=membership),
        downloads=[
            (reverse("reports:evidence_report_pdf", kwargs=kwargs), "PDF"),
        ],
    )


@organisation_member()
def evidence_report_pdf(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    document = evidence_report(proposal=proposal, membership=membership)
    return attachment(
        render.to_pdf(document), _filename("evidence-report", proposal, "pdf"), "application/pdf"
    )


@organisation_member()
def dpia_page(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    kwargs = _kwargs(membership, proposal)
    return staff_page(
        request,
        membership,
        "reports/document_page.html",
        proposal=proposal,
        document=dpia_input(proposal=proposal, membership=membership),
        downloads=[
            (reverse("reports:dpia_docx", kwargs=kwargs), "Word"),
            (reverse("reports:dpia_pdf", kwargs=kwargs), "PDF"),
        ],
    )


@organisation_member()
def dpia_docx(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    document = dpia_input(proposal=proposal, membership=membership)
    return attachment(
        render.to_docx(document),
        _filename("dpia-input", proposal, "docx"),
        render.DOCX_CONTENT_TYPE,
    )


@organisation_member()
def dpia_pdf(request: HttpRequest, membership: Membership, pk: int) -> HttpResponse:
    proposal = _proposal(membership, pk)
    document = dpia_input(proposal=proposal, membership=membership)
    return attachment(
        render.to_pdf(document), _filename("dpia-input", proposal, "pdf"), "application/pdf"
    )
