"""The page of themes in a wave's free-text answers: for each free-text question, the themes the
core pipeline finds in the submitted answers, with a few answers each; small themes hidden."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.permissions import organisation_member
from publicbenefit.common.pages import staff_page
from publicbenefit.panels.selectors import themes as selectors
from publicbenefit.panels.selectors import waves as wave_selectors


@organisation_member()
def wave_themes(
    request: HttpRequest, membership: Membership, panel_pk: int, wave_pk: int
) -> HttpResponse:
    panel = wave_selectors.panel_get(organisation=membership.organisation, pk=panel_pk)
    wave = wave_selectors.wave_get(panel=panel, pk=wave_pk)
    return staff_page(
        request,
        membership,
        "panels/waves/themes.html",
        panel=panel,
        wave=wave,
        found=selectors.wave_themes(wave=wave),
        back_url=reverse(
            "panels:wave_results",
            kwargs={
                "organisation": panel.organisation.slug,
                "panel_pk": panel.pk,
                "wave_pk": wave.pk,
            },
        ),
    )
