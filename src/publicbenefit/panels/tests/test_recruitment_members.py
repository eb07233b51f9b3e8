"""Members' control by the manage link (see, change, leave, erase) and the staff pages for
members (the pseudonymous list, one member with contact details for engagement leads only,
adding someone who joined by phone or post, erasing on request), with who may do what."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.audit.models import AuditEntry
from publicbenefit.panels.models import Member, RepresentativenessSnapshot
from publicbenefit.panels.services import recruitment as services
from publicbenefit.panels.tests.test_recruitment_builders import (
    PROFILE,
    answers,
    batch_make,
    member_make,
    panel_make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def panel(lead):
    return panel_make(lead, prize_draw=True)


@pytest.fixture
def joined(lead, panel):
    address = batch_make(lead, panel, ["7K2MQ9XA"]).addresses.get()
    return member_make(panel, address, phone="01632 960 001", prize_draw=True)


def me(joined, suffix=""):
    return f"/panel/me/{joined.manage_token}/{suffix}"


CHANGES = {
    "name": "Amina K. Khan",
    "channel": "post",
    "email": "",
    "phone": "",
    "postal_address": "Flat 2\n3 High Street\nCalderbrook",
    "language": "Urdu",
    "prize_draw": "no",
}


def test_a_member_sees_everything_held_about_them(joined):
    page = Client().get(me(joined)).content.decode()
    for shown in (
        "Amina Khan",
        "amina@example.org",
        "01632 960 001",
        "English",
        joined.member.pseudonym,
        "35 to 64",
        "Rent it",
        "Letter to a sampled address",
        "7K2M-Q9XA",
        "1 Mill Lane",
        "version 2",
        "You enter prize draws",
        "Active",
    ):
        assert shown in page, shown


def test_a_member_changes_their_details(joined):
    client = Client()
    response = client.post(me(joined, "change/"), CHANGES)
    assert response.url == me(joined)
    member = Member.objects.get()
    assert member.name == "Amina K. Khan"
    assert member.channel == "post"
    assert member.email == ""
    assert member.postal_address == "Flat 2\n3 High Street\nCalderbrook"
    assert member.language == "Urdu"
    assert member.prize_draw is False
    assert "Your details have been saved" in client.get(me(joined)).content.decode()


def test_changed_details_must_fit_the_channel(joined):
    response = Client().post(me(joined, "change/"), {**CHANGES, "channel": "email", "email": "x"})
    assert "Enter an email address in the correct format" in response.content.decode()
    response = Client().post(me(joined, "change/"), {**CHANGES, "postal_address": ""})
    assert "Enter your postal address" in response.content.decode()
    assert Member.objects.get().name == "Amina Khan"


def test_a_member_leaves_the_panel(joined):
    client = Client()
    assert "Leave the panel?" in client.get(me(joined, "leave/")).content.decode()
    assert client.post(me(joined, "leave/")).url == me(joined)
    member = Member.objects.get()
    assert member.status == Member.Status.LEFT
    assert member.left_at is not None
    assert member.prize_draw is False
    snapshot = RepresentativenessSnapshot.objects.get()
    assert snapshot.members == 0
    page = client.get(me(joined)).content.decode()
    assert "You left the panel on" in page
    # Nothing left to change, but their data can still be erased.
    assert client.get(me(joined, "change/")).url == me(joined)
    assert "Erase your personal data" in page


def test_a_member_erases_their_personal_data(joined):
    client = Client()
    page = client.get(me(joined, "erase/")).content.decode()
    assert "Results that have already been published will not change" in page
    assert client.post(me(joined, "erase/")).url == "/panel/me/erased/"
    member = Member.objects.get()
    assert (member.name, member.email, member.phone, member.postal_address) == ("", "", "", "")
    assert member.address is None
    assert member.status == Member.Status.ERASED
    assert member.erased_at is not None
    assert member.profile == PROFILE
    assert member.pseudonym == joined.member.pseudonym
    assert member.manage_token_hash != joined.member.manage_token_hash
    # The link no longer works.
    response = client.get(me(joined))
    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()
    assert client.post(me(joined, "change/"), CHANGES).status_code == 404
    assert "has been erased" in client.get("/panel/me/erased/").content.decode()


def test_a_wrong_or_altered_link_is_not_found(joined):
    for token in (
        "not-a-token",
        joined.manage_token[:-1] + ("A" if joined.manage_token[-1] != "A" else "B"),
    ):
        for suffix in ("", "change/", "leave/", "erase/"):
            assert Client().get(f"/panel/me/{token}/{suffix}").status_code == 404
    assert Member.objects.get().status == Member.Status.ACTIVE


# Staff pages.


def url(panel, suffix=""):
    return f"/o/{panel.organisation.slug}/panels/{panel.pk}/members/{suffix}"


def test_the_members_list_shows_no_names_or_contact_details(client_for, viewer, panel, joined):
    page = client_for(viewer.user).get(url(panel)).content.decode()
    assert joined.member.pseudonym in page
    assert "35 to 64" in page
    assert "Rent it" in page
    assert "Letter to a sampled address" in page
    for private in ("Amina", "amina@example.org", "01632 960 001", "Mill Lane"):
        assert private not in page


def test_contact_details_are_shown_to_engagement_leads_only(
    client_for, lead, viewer, panel, joined
):
    path = url(panel, f"{joined.member.pk}/")
    lead_page = client_for(lead.user).get(path).content.decode()
    assert "amina@example.org" in lead_page
    assert "Access to members' personal data is limited" in lead_page
    viewer_page = client_for(viewer.user).get(path).content.decode()
    assert "amina@example.org" not in viewer_page
    assert "Amina" not in viewer_page
    assert "Access to members' personal data is limited" in viewer_page


def test_staff_add_someone_who_joined_by_phone(client_for, lead, panel, mailoutbox):
    data = {
        "consent": "on",
        "name": "Joe Bloggs",
        "channel": "phone",
        "email": "",
        "phone": "01632 960 002",
        "postal_address": "",
        "language": "English",
        "profile_age": "65+",
        "profile_tenure": "owns",
        "prize_draw": "no",
    }
    client = client_for(lead.user)
    response = client.post(url(panel, "add/"), data)
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.source == Member.Source.STAFF
    assert member.profile == {"age": "65+", "tenure": "owns"}
    assert member.consented_at is not None
    assert member.privacy_notice_version == 2
    assert mailoutbox == []


def test_the_staff_form_checks_consent_contact_and_profile(client_for, lead, panel):
    response = client_for(lead.user).post(
        url(panel, "add/"), {"name": "Joe", "channel": "email", "language": "English"}
    )
    page = response.content.decode()
    for message in (
        "Confirm that they agreed to the privacy notice",
        "Enter your email address",
        "Select an answer: How old are you?",
    ):
        assert message in page
    assert Member.objects.count() == 0


def test_staff_erase_a_members_data_on_request(client_for, lead, panel, joined):
    path = url(panel, f"{joined.member.pk}/erase/")
    client = client_for(lead.user)
    # How they asked is required: without it nothing is erased.
    refused = client.post(path, {"how_asked": "  "})
    assert refused.status_code == 200
    assert "Enter how they asked" in refused.content.decode()
    assert Member.objects.get().status == Member.Status.ACTIVE

    assert client.post(path, {"how_asked": "Letter received 3 May"}).status_code == 302
    member = Member.objects.get()
    assert member.status == Member.Status.ERASED
    assert member.email == ""
    entry = AuditEntry.objects.get(action="panels.member.erased")
    assert entry.category == AuditEntry.Category.PERSONAL_DATA_CHANGE
    assert entry.details["how_asked"] == "Letter received 3 May"
    assert "Amina" not in entry.summary


def test_staff_correct_a_members_details_on_request(client_for, lead, panel, joined):
    path = url(panel, f"{joined.member.pk}/change/")
    client = client_for(lead.user)
    page = client.get(path).content.decode()
    assert "Change this member&#x27;s details" in page or "Change this member's details" in page
    assert joined.member.name in page

    # How they asked is required, and the details are checked as the member's own page does.
    refused = client.post(path, {**CHANGES, "how_asked": " "})
    assert "Enter how they asked" in refused.content.decode()
    wrong = client.post(
        path, {**CHANGES, "channel": "email", "email": "not an address", "how_asked": "Phone"}
    )
    assert wrong.status_code == 200
    assert Member.objects.get().name == joined.member.name

    saved = client.post(path, {**CHANGES, "how_asked": "Phone call on 3 May"})
    assert saved.status_code == 302
    member = Member.objects.get()
    assert member.name == "Amina K. Khan"
    assert member.channel == "post"
    assert member.postal_address == "Flat 2\n3 High Street\nCalderbrook"
    entry = AuditEntry.objects.get(action="panels.member.details_changed")
    assert entry.category == AuditEntry.Category.PERSONAL_DATA_CHANGE
    assert entry.details["how_asked"] == "Phone call on 3 May"
    assert "Amina" not in entry.summary
    assert "Change their details" in client.get(url(panel, f"{member.pk}/")).content.decode()


def test_staff_cannot_change_a_member_who_left(client_for, lead, panel, joined):
    services.member_leave(member=joined.member)
    client = client_for(lead.user)
    path = url(panel, f"{joined.member.pk}/change/")
    assert client.post(path, {**CHANGES, "how_asked": "Phone"}).status_code == 302
    assert Member.objects.get().name == joined.member.name
    assert not AuditEntry.objects.filter(action="panels.member.details_changed").exists()


def test_a_viewer_may_not_add_or_erase(client_for, viewer, panel, joined):
    client = client_for(viewer.user)
    assert client.get(url(panel, "add/")).status_code == 403
    assert client.post(url(panel, f"{joined.member.pk}/erase/")).status_code == 403
    assert client.post(url(panel, f"{joined.member.pk}/change/"), CHANGES).status_code == 403
    with pytest.raises(PermissionDenied):
        services.member_add_by_staff(actor=viewer, panel=panel, answers=answers())
    with pytest.raises(PermissionDenied):
        services.member_erase_by_staff(actor=viewer, member=joined.member, how_asked="Phone")
    with pytest.raises(PermissionDenied):
        services.member_details_change_by_staff(
            actor=viewer,
            member=joined.member,
            how_asked="Phone",
            name="X",
            channel="post",
            email="",
            phone="",
            postal_address="1 Road",
            language="",
            prize_draw=False,
        )
    assert Member.objects.get().status == Member.Status.ACTIVE


def test_another_organisation_cannot_see_the_members(client_for, panel, joined):
    stranger = MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
    client = client_for(stranger.user)
    base = f"/o/{stranger.organisation.slug}/panels/{panel.pk}/members/"
    assert client.get(base).status_code == 404
    assert client.get(f"{base}{joined.member.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.member_erase_by_staff(actor=stranger, member=joined.member, how_asked="Phone")


def test_the_unsubscribe_address_explains_how_to_reach_your_page():
    response = Client().get("/panel/me/")
    assert response.status_code == 200
    assert "open the link to manage your details" in response.content.decode()
