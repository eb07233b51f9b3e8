"""Staff pages for privacy: for administrators, the retention periods and what each run of the
retention task erased in their organisation."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.accounts.roles import Capability
from publicbenefit.common.pages import staff_page
from publicbenefit.privacy.models import RetentionReport
from publicbenefit.privacy.retention import AUDIT_KIND, KINDS, audit_period, periods

KIND_LABELS = {
    "panel_leavers": _("Panel members who left"),
    "jury_pool": _("People in a jury's pool, after its final report"),
    "dialogue_hosts": _("Dialogue hosts, after the dialogue closed"),
    "sampled_addresses": _("Sampled addresses nobody used"),
    AUDIT_KIND: _("Audit trail entries"),
}


@organisation_member(Capability.MANAGE_MEMBERS)
def retention_reports(request: HttpRequest, membership: Membership) -> HttpResponse:
    """For administrators: the retention periods and what each run erased here."""
    configured = periods()
    return staff_page(
        request,
        membership,
        "privacy/retention_reports.html",
        periods=[
            *((KIND_LABELS[kind], configured.get(kind)) for kind in KINDS),
            (KIND_LABELS[AUDIT_KIND], audit_period()),
        ],
        reports=[
            (
                report,
                [(KIND_LABELS.get(kind, kind), count) for kind, count in report.erased.items()],
            )
            for report in RetentionReport.objects.filter(organisation=membership.organisation)[:100]
        ],
    )
