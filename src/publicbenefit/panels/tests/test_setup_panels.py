"""Setting up a panel: the list, making one with the starting privacy notice, its hub page and
settings (a changed notice is a new version), community partners and their links, and who may
do what."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.panels.models import CommunityPartner, Member, Panel
from publicbenefit.panels.selectors.setup import (
    partner_by_token,
    partner_list,
    partner_signup_path,
    privacy_notice_default,
)
from publicbenefit.panels.services.setup import (
    margins_import,
    panel_create,
    panel_update,
    partner_add,
    partner_deactivate,
)

pytestmark = pytest.mark.django_db

NOTICE = "Calderbrook City Council holds your details to run the panel. Contact dpo@example.org."


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def panel(lead):
    return panel_create(
        actor=lead,
        name="Calderbrook Citizens' Panel",
        area="Calderbrook",
        description="Residents tell us what they think.",
        privacy_notice=NOTICE,
    )


def settings(panel, **changes):
    return {
        "name": panel.name,
        "area": panel.area,
        "description": panel.description,
        "privacy_notice": panel.privacy_notice,
        "min_cell": panel.min_cell,
        "prize_draw": panel.prize_draw,
        "signup_open": panel.signup_open,
        **changes,
    }


def base(membership):
    return f"/o/{membership.organisation.slug}/panels/"


# Services


def test_a_new_panel_starts_closed_at_notice_version_1(panel, lead):
    assert panel.organisation == lead.organisation
    assert panel.privacy_notice_version == 1
    assert not panel.signup_open
    assert panel.created_by == lead.user


def test_the_starting_notice_names_the_organisation_and_must_be_filled_in(lead, organisation):
    notice = privacy_notice_default(organisation=organisation, area="Calderbrook")
    assert "Calderbrook City Council runs the Calderbrook Citizens' Panel" in notice
    assert "public task (UK GDPR Article 6(1)(e))" in notice
    assert "Information Commissioner's Office" in notice

    with pytest.raises(ValidationError) as refused:
        panel_create(
            actor=lead, name="P", area="Calderbrook", description="x", privacy_notice=notice
        )
    assert (
        "Replace [name or role] in the privacy notice"
        in refused.value.message_dict["privacy_notice"][0]
    )


def test_blank_fields_are_refused_by_name(lead):
    with pytest.raises(ValidationError) as refused:
        panel_create(actor=lead, name=" ", area="", description="", privacy_notice="")
    assert set(refused.value.message_dict) == {"name", "area", "description", "privacy_notice"}
    assert not Panel.objects.exists()


def test_changing_the_notice_text_makes_a_new_version(panel, lead):
    panel = panel_update(actor=lead, panel=panel, **settings(panel, min_cell=5, prize_draw=True))
    assert panel.privacy_notice_version == 1
    assert (panel.min_cell, panel.prize_draw) == (5, True)

    panel = panel_update(
        actor=lead, panel=panel, **settings(panel, privacy_notice=NOTICE + " We keep it 2 years.")
    )
    assert panel.privacy_notice_version == 2


def test_sign_up_opens_only_once_there_are_margins(panel, lead):
    with pytest.raises(ValidationError) as refused:
        panel_update(actor=lead, panel=panel, **settings(panel, signup_open=True))
    assert "signup_open" in refused.value.message_dict

    margins_import(actor=lead, panel=panel, csv_text="feature,value,share\nage,a,0.5\nage,b,0.5\n")
    assert panel_update(actor=lead, panel=panel, **settings(panel, signup_open=True)).signup_open


def test_only_engagement_roles_of_the_organisation_may_change_a_panel(panel, viewer, assessor):
    for actor in (viewer, assessor, MembershipFactory(role=Role.ADMINISTRATOR)):
        with pytest.raises(PermissionDenied):
            panel_update(actor=actor, panel=panel, **settings(panel, name="Taken"))
        with pytest.raises(PermissionDenied):
            partner_add(actor=actor, panel=panel, name="Someone")
    with pytest.raises(PermissionDenied):
        panel_create(actor=viewer, name="P", area="A", description="x", privacy_notice="x")


def test_a_partner_gets_an_unguessable_link_that_stops_when_deactivated(panel, lead):
    partner = partner_add(
        actor=lead, panel=panel, name="Riverside Mosque", reaches="Asian families in Riverside"
    )
    other = partner_add(actor=lead, panel=panel, name="Young Carers")

    assert len(partner.token) >= 43
    assert partner.token != other.token
    assert partner_signup_path(partner) == f"/panel/join/p/{partner.token}/"
    assert partner_by_token(token=partner.token) is None  # sign-up is closed

    panel.signup_open = True
    panel.save()
    assert partner_by_token(token=partner.token) == partner
    assert partner_by_token(token=partner.token[:-1] + "x") is None

    partner_deactivate(actor=lead, partner=partner)
    assert partner_by_token(token=partner.token) is None
    with pytest.raises(ValidationError):
        partner_deactivate(actor=lead, partner=partner)


def test_a_partner_needs_a_name_not_already_working(panel, lead):
    partner_add(actor=lead, panel=panel, name="Young Carers")
    with pytest.raises(ValidationError) as refused:
        partner_add(actor=lead, panel=panel, name="young carers ")
    assert "name" in refused.value.message_dict
    with pytest.raises(ValidationError):
        partner_add(actor=lead, panel=panel, name="  ")


def test_members_recruited_are_counted_per_partner(panel, lead):
    partner = partner_add(actor=lead, panel=panel, name="Young Carers")
    partner_add(actor=lead, panel=panel, name="Allotment Society")
    for status in (Member.Status.ACTIVE, Member.Status.ACTIVE, Member.Status.LEFT):
        Member.objects.create(
            panel=panel,
            pseudonym=f"P{Member.objects.count():05d}",
            source=Member.Source.PARTNER,
            partner=partner,
            consented_at=timezone.now(),
            privacy_notice_version=1,
            manage_token_hash=token_hash(token_new()),
            status=status,
        )

    counts = {
        item.name: (item.recruited, item.active_recruited) for item in partner_list(panel=panel)
    }
    assert counts == {"Young Carers": (3, 2), "Allotment Society": (0, 0)}


# Pages


def test_making_a_panel_through_the_pages(client_for, lead):
    client = client_for(lead.user)
    form = client.get(base(lead) + "new/").content.decode()
    assert "Calderbrook City Council runs the [the area] Citizens" in form

    response = client.post(
        base(lead) + "new/",
        {
            "name": "Calderbrook Citizens' Panel",
            "area": "Calderbrook",
            "description": "Residents tell us what they think.",
            "privacy_notice": NOTICE,
        },
    )

    panel = Panel.objects.get()
    assert response["Location"] == f"{base(lead)}{panel.pk}/"
    hub = client.get(response["Location"]).content.decode()
    assert "Calderbrook Citizens&#x27; Panel" in hub
    assert "Not imported yet" in hub
    assert f"{base(lead)}{panel.pk}/margins/" in hub
    assert f"{base(lead)}{panel.pk}/partners/" in hub
    assert f"{base(lead)}{panel.pk}/representativeness/" in hub
    assert "Calderbrook Citizens&#x27; Panel" in client.get(base(lead)).content.decode()


def test_the_settings_page_bumps_the_notice_version(client_for, lead, panel):
    response = client_for(lead.user).post(
        f"{base(lead)}{panel.pk}/settings/",
        {
            **settings(panel, privacy_notice="A new notice."),
            "signup_open": "no",
            "prize_draw": "yes",
        },
    )

    assert response.status_code == 302
    panel.refresh_from_db()
    assert (panel.privacy_notice_version, panel.prize_draw) == (2, True)


def test_the_settings_page_shows_a_refusal_on_its_field(client_for, lead, panel):
    response = client_for(lead.user).post(
        f"{base(lead)}{panel.pk}/settings/",
        {**settings(panel), "signup_open": "yes", "prize_draw": "no"},
    )
    assert "Import the population margins before opening sign-up" in response.content.decode()


def test_adding_and_stopping_a_partner_through_the_pages(client_for, lead, panel):
    client = client_for(lead.user)
    partners = f"{base(lead)}{panel.pk}/partners/"

    assert (
        client.post(partners + "add/", {"name": "Riverside Mosque", "reaches": ""})["Location"]
        == partners
    )
    partner = CommunityPartner.objects.get()
    page = client.get(partners).content.decode()
    assert f"http://testserver/panel/join/p/{partner.token}/" in page

    assert client.post(f"{partners}{partner.pk}/stop/")["Location"] == partners
    partner.refresh_from_db()
    assert not partner.active
    assert partner.token not in client.get(partners).content.decode()


def test_a_viewer_reads_but_cannot_change(client_for, viewer, lead, panel):
    partner = partner_add(actor=lead, panel=panel, name="Young Carers")
    client = client_for(viewer.user)
    home = f"{base(viewer)}{panel.pk}/"

    for page in ("", "margins/", "partners/", "representativeness/", "margins.csv"):
        assert client.get(home + page).status_code == 200, page
    assert client.get(base(viewer)).status_code == 200
    for page in ("settings/", "margins/import/", "partners/add/", f"partners/{partner.pk}/stop/"):
        assert client.get(home + page).status_code == 403, page
        assert client.post(home + page).status_code == 403, page
    assert client.post(base(viewer) + "new/").status_code == 403
    partner.refresh_from_db()
    assert partner.active
    assert "Set up a panel" not in client.get(base(viewer)).content.decode()


def test_another_organisations_panel_and_partner_are_not_found(client_for, lead, panel):
    partner = partner_add(actor=lead, panel=panel, name="Young Carers")
    stranger = MembershipFactory(role=Role.ADMINISTRATOR)
    client = client_for(stranger.user)
    mine = f"/o/{stranger.organisation.slug}/panels/{panel.pk}/"

    for page in ("", "settings/", "margins/", "margins/import/", "partners/", "margins.csv"):
        assert client.get(mine + page).status_code == 404, page
    assert client.post(mine + f"partners/{partner.pk}/stop/").status_code == 404
    assert client.get(f"{base(lead)}{panel.pk}/").status_code == 404

    other_panel = panel_create(
        actor=stranger, name="Other", area="Elsewhere", description="x", privacy_notice="x"
    )
    assert (
        client.post(
            f"/o/{stranger.organisation.slug}/panels/{other_panel.pk}/partners/{partner.pk}/stop/"
        ).status_code
        == 404
    )
    partner.refresh_from_db()
    assert partner.active
