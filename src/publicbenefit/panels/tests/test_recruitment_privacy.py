"""What a review of the public pages asked for: erasure leaves nothing that points back to the
person, the manage link is shown once, one person has one place on the panel, partner links are
for those who run the panel, secrets stay out of the logs, and exported margins are safe to open
in a spreadsheet."""

import logging
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.panels.models import Address, Member, Message, Wave
from publicbenefit.panels.selectors.setup import margins_csv
from publicbenefit.panels.services import recruitment as services
from publicbenefit.panels.services.setup import margins_parse
from publicbenefit.panels.tests.test_recruitment_builders import (
    batch_make,
    member_make,
    panel_make,
    partner_make,
)
from publicbenefit.surveys.logs import RedactSurveyLinks
from publicbenefit.surveys.models import Survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def panel(lead):
    return panel_make(lead)


def test_erasure_leaves_no_trail_back_to_the_person(lead, panel):
    address = batch_make(lead, panel, ["7K2MQ9XA"]).addresses.get()
    joined = member_make(panel, address)
    member = joined.member
    address.refresh_from_db()
    assert address.used_at == member.joined_at
    wave_message = Message.objects.create(
        wave=_wave(lead, panel),
        member=member,
        kind=Message.Kind.INVITATION,
        message_id="<x@example>",
        status=Message.Status.BOUNCED,
        error="550 <amina@example.org>: no such user",
    )

    services.member_erase(member=member)

    address.refresh_from_db()
    assert address.used_at is not None
    assert address.used_at != member.joined_at
    assert not Address.objects.filter(used_at=member.joined_at).exists()
    wave_message.refresh_from_db()
    assert "amina" not in wave_message.error.lower()


def _wave(lead, panel):
    survey = Survey.objects.create(organisation=panel.organisation, title="S", created_by=lead.user)
    return Wave.objects.create(
        panel=panel,
        survey=survey,
        name="W",
        closes_at=timezone.now() + timedelta(days=7),
        created_by=lead.user,
    )


def test_the_same_email_cannot_join_twice(panel):
    member_make(panel)
    with pytest.raises(ValidationError) as refused:
        member_make(panel, email="AMINA@example.org")
    assert "already on the panel" in str(refused.value)
    assert panel.members.filter(status=Member.Status.ACTIVE).count() == 1


def test_the_manage_link_is_shown_only_once(panel):
    client = Client()
    session = client.session
    session["panel_joined"] = {
        "panel": panel.name,
        "organisation": panel.organisation.name,
        "manage_url": "http://testserver/panel/me/a-secret-token/",
        "emailed": True,
    }
    session.save()
    first = client.get("/panel/join/done/")
    assert "a-secret-token" in first.text
    assert "no-store" in first["Cache-Control"] or "no-cache" in first["Cache-Control"]
    again = client.get("/panel/join/done/")
    assert "a-secret-token" not in again.text
    assert "shown only once" in again.text


def test_partner_links_are_shown_only_to_those_who_run_the_panel(client_for, lead, viewer, panel):
    partner_make(panel, token="partner-secret-token")
    url = f"/o/{panel.organisation.slug}/panels/{panel.pk}/partners/"
    assert "partner-secret-token" in client_for(lead.user).get(url).text
    page = client_for(viewer.user).get(url)
    assert page.status_code == 200
    assert "partner-secret-token" not in page.text


@pytest.mark.parametrize(
    ("logged", "kept"),
    [
        ("Gone: /panel/join/p/partner-secret/", "Gone: /panel/join/p/[link]/"),
        ("Not Found: /panel/join/7K2M-Q9XA/", "Not Found: /panel/join/[link]/"),
        ("Not Found: /panel/me/manage-secret/change/", "Not Found: /panel/me/[link]/change/"),
        ("Gone: /s/survey-secret/q/2/", "Gone: /s/[link]/q/2/"),
        ("Not Found: /panel/join/questions/consent/", "Not Found: /panel/join/questions/consent/"),
    ],
)
def test_public_secrets_are_kept_out_of_the_logs(logged, kept):
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, logged, (), None)
    RedactSurveyLinks().filter(record)
    assert record.getMessage() == kept


def test_exported_margins_are_safe_in_a_spreadsheet_and_read_back_as_typed(lead, panel):
    feature = panel.features.first()
    value = feature.values.first()
    value.label = "=HYPERLINK(1)"
    value.save()
    text = margins_csv(panel=panel)
    assert "'=HYPERLINK(1)" in text
    read = margins_parse(text)
    assert "=HYPERLINK(1)" in str(read)
