"""The start page, error pages and the security headers every page carries."""

import re

import pytest
from django.urls import reverse

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, UserFactory
from publicbenefit.accounts.tests.helpers import page_heading, page_title
from publicbenefit.common import views

pytestmark = pytest.mark.django_db

HOME = reverse("common:home")


def test_visitors_see_the_start_page(client):
    response = client.get(HOME)

    assert response.status_code == 200
    assert page_heading(response.content) == "Data for Public Benefit"
    assert f'href="{reverse("accounts:sign_in")}"' in response.content.decode()


def test_someone_in_one_organisation_goes_straight_to_it(organisation, viewer, client_for):
    response = client_for(viewer.user).get(HOME)

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "accounts:organisation_home", kwargs={"organisation": organisation.slug}
    )


def test_someone_in_two_organisations_chooses_one(organisation, viewer, client_for):
    MembershipFactory(user=viewer.user, organisation__name="Westmarch Police", role=Role.ASSESSOR)

    response = client_for(viewer.user).get(HOME)

    assert response.status_code == 200
    assert page_heading(response.content) == "Your organisations"
    content = response.content.decode()
    assert ">Calderbrook City Council</a>" in content
    assert ">Westmarch Police</a>" in content
    assert '<td class="govuk-table__cell">Assessor</td>' in content


def test_someone_in_no_organisation_is_told_to_ask_for_an_invitation(client_for):
    response = client_for(UserFactory()).get(HOME)

    assert response.status_code == 200
    assert "Ask an administrator of your organisation to invite you." in response.content.decode()


def test_the_accessibility_statement_is_public(client):
    response = client.get(reverse("common:accessibility"))

    assert response.status_code == 200
    assert page_heading(response.content) == "Accessibility statement"


def test_an_unknown_address_shows_the_govuk_page_not_found(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert page_title(response.content) == "Page not found \N{EN DASH} Data for Public Benefit"
    assert page_heading(response.content) == "Page not found"
    content = response.content.decode()
    assert 'class="govuk-template"' in content
    assert "govuk-header" in content


def test_a_refusal_shows_the_govuk_page(viewer, client_for, organisation):
    response = client_for(viewer.user).get(
        reverse("accounts:member_invite", kwargs={"organisation": organisation.slug})
    )

    assert response.status_code == 403
    assert page_heading(response.content) == "You cannot do this"
    assert 'class="govuk-template"' in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/sign-in/", "/no-such-page/"])
def test_pages_carry_a_strict_content_security_policy(client, path):
    policy = client.get(path)["Content-Security-Policy"]

    directives = {}
    for directive in policy.split(";"):
        name, _, value = directive.strip().partition(" ")
        directives[name] = value
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy


@pytest.mark.parametrize("path", ["/", "/sign-in/"])
def test_pages_have_no_inline_scripts_or_styles(client, path):
    # The policy refuses 'unsafe-inline', so browsers would block any inline script or style.
    content = client.get(path).content.decode()

    assert re.findall(r"<script\b[^>]*>", content)
    assert not re.search(r"<script\b(?![^>]*\ssrc=)[^>]*>", content)
    assert "<style" not in content
    assert not re.search(r"\s(style|on[a-z]+)=", content)


def test_a_server_error_shows_the_govuk_page(rf):
    response = views.server_error(rf.get("/"))

    assert response.status_code == 500
    assert page_heading(response.content) == "Sorry, there is a problem with the service"


def test_pages_cannot_be_framed_and_do_not_leak_referrers(client):
    response = client.get(HOME)

    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
