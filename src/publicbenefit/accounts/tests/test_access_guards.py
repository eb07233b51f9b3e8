"""The guards in front of the staff area: every staff page (found by walking the URL conf) is
closed to someone who has given their password but not their second factor, and a session ends
after 30 minutes without a request or 8 hours after signing in."""

import re
import time
import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from publicbenefit.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.accounts.tests.two_factor import two_factor_device_for

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:two_factor_verify")
SETUP = reverse("accounts:two_factor_setup")
SIGN_IN = reverse("accounts:sign_in")
IDLE = "You were signed out because you had not used the service for 30 minutes"
TOO_LONG = (
    "You were signed out because you signed in more than 8 hours ago. Sign in again to carry on"
)


def _routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def _path(route, organisation):
    def fill(match):
        converter, name = match.group(1) or "str", match.group(2)
        if name == "organisation":
            return organisation
        return {"int": "1", "uuid": str(uuid.uuid4())}.get(converter, "x")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


STAFF_ROUTES = sorted(route for route in _routes() if route.startswith("o/"))
ACCOUNT_PATHS = [
    reverse("common:home"),
    reverse("accounts:account"),
    reverse("accounts:password_change"),
    reverse("accounts:two_factor_reset"),
]
PUBLIC_PATHS = [
    reverse("common:accessibility"),
    reverse("accounts:sign_out"),
    reverse("accounts:signed_out"),
    reverse("accounts:password_reset"),
    reverse("panels:join_start"),
]


@pytest.fixture
def organisation():
    return OrganisationFactory(slug="calderbrook")


def _password_only(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_staff_area_is_found():
    assert len(STAFF_ROUTES) > 50
    assert "o/<slug:organisation>/members/" in STAFF_ROUTES


@pytest.mark.parametrize("route", STAFF_ROUTES)
def test_every_staff_page_needs_the_second_factor(route, organisation):
    administrator = MembershipFactory(organisation=organisation, role=Role.ADMINISTRATOR)
    client = _password_only(administrator.user)
    path = _path(route, organisation.slug)

    response = client.get(path)
    assert response.status_code == 302, path
    assert response["Location"].startswith(f"{SETUP}?next="), path

    response = client.post(path, {"submit": ""})
    assert response.status_code == 302, path
    assert response["Location"] == SETUP, path

    two_factor_device_for(administrator.user)
    assert client.get(path)["Location"].startswith(f"{VERIFY}?next="), path


@pytest.mark.parametrize("path", ACCOUNT_PATHS)
def test_the_account_pages_need_the_second_factor(path, organisation):
    lead = MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)
    two_factor_device_for(lead.user)

    response = _password_only(lead.user).get(path)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{VERIFY}?next=")


@pytest.mark.parametrize("path", [*PUBLIC_PATHS, SETUP])
def test_public_pages_and_signing_out_stay_open(path, organisation):
    administrator = MembershipFactory(organisation=organisation, role=Role.ADMINISTRATOR)

    response = _password_only(administrator.user).get(path)

    assert response.status_code == 200, path


def test_someone_whose_role_does_not_need_it_gets_in_with_a_password(organisation):
    viewer = MembershipFactory(organisation=organisation, role=Role.VIEWER)

    assert _password_only(viewer.user).get("/o/calderbrook/").status_code == 200


def test_the_second_factor_is_not_needed_where_the_requirement_is_off(settings, organisation):
    settings.TWO_FACTOR_REQUIRED = False
    administrator = MembershipFactory(organisation=organisation, role=Role.ADMINISTRATOR)

    assert _password_only(administrator.user).get("/o/calderbrook/").status_code == 200


def test_a_verified_session_reaches_the_staff_area(organisation, client_for):
    administrator = MembershipFactory(organisation=organisation, role=Role.ADMINISTRATOR)

    assert client_for(administrator.user).get("/o/calderbrook/").status_code == 200


def test_another_organisations_administrator_cannot_reset_a_members_app(
    organisation, administrator, client_for
):
    outsider = MembershipFactory(role=Role.ADMINISTRATOR)
    url = reverse(
        "accounts:member_two_factor_reset",
        kwargs={"organisation": organisation.slug, "pk": administrator.pk},
    )

    assert client_for(outsider.user).post(url, {"submit": ""}).status_code == 404


# Session timeout ------------------------------------------------------------------------------


def _age(client, *, idle, signed_in):
    session = client.session
    now = time.time()
    session[LAST_SEEN] = now - idle.total_seconds()
    session[SIGNED_IN_AT] = now - signed_in.total_seconds()
    session.save()


def test_signing_in_starts_both_clocks(organisation, client_for):
    administrator = MembershipFactory(organisation=organisation, role=Role.ADMINISTRATOR)
    before = time.time()

    session = client_for(administrator.user).session

    assert session[SIGNED_IN_AT] >= before
    assert session[LAST_SEEN] >= before


def test_a_session_used_within_30_minutes_carries_on(organisation, client_for):
    client = client_for(MembershipFactory(organisation=organisation, role=Role.VIEWER).user)
    _age(client, idle=timedelta(minutes=29), signed_in=timedelta(hours=7))

    assert client.get("/o/calderbrook/").status_code == 200
    assert time.time() - client.session[LAST_SEEN] < 5


def test_a_session_idle_for_30_minutes_ends_with_a_message(organisation, client_for):
    client = client_for(MembershipFactory(organisation=organisation, role=Role.VIEWER).user)
    _age(client, idle=timedelta(minutes=31), signed_in=timedelta(hours=1))

    response = client.get("/o/calderbrook/members/")

    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next=%2Fo%2Fcalderbrook%2Fmembers%2F"
    assert "_auth_user_id" not in client.session
    assert IDLE in client.get(response["Location"]).content.decode()
    assert client.get("/o/calderbrook/")["Location"].startswith(SIGN_IN)


def test_a_session_ends_8_hours_after_signing_in_however_busy(organisation, client_for):
    client = client_for(MembershipFactory(organisation=organisation, role=Role.VIEWER).user)
    _age(client, idle=timedelta(seconds=10), signed_in=timedelta(hours=8, minutes=1))

    response = client.get("/o/calderbrook/", follow=True)

    assert "_auth_user_id" not in client.session
    assert response.redirect_chain[0][0].startswith(SIGN_IN)
    assert TOO_LONG in response.content.decode()


def test_a_timed_out_session_on_a_public_page_just_ends(organisation, client_for):
    client = client_for(MembershipFactory(organisation=organisation, role=Role.VIEWER).user)
    _age(client, idle=timedelta(hours=1), signed_in=timedelta(hours=1))

    response = client.get(reverse("common:accessibility"))

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert IDLE not in response.content.decode()


def test_the_timeouts_are_settings(settings):
    assert timedelta(minutes=30) == settings.STAFF_SESSION_IDLE_TIMEOUT
    assert timedelta(hours=8) == settings.STAFF_SESSION_MAX_AGE
    assert timedelta(seconds=settings.SESSION_COOKIE_AGE) == settings.STAFF_SESSION_MAX_AGE
