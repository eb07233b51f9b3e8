"""Each error in the summary links to an element that exists on the page."""

import re

import pytest

from publicbenefit.accounts.tests.helpers import BUTTON

pytestmark = pytest.mark.django_db

_LINK = re.compile(r'govuk-error-summary__list">(.*?)</ul>', re.DOTALL)


def _targets(html):
    summary = _LINK.search(html).group(1)
    return re.findall(r'href="#([^"]+)"', summary)


def _assert_targets_exist(html):
    targets = _targets(html)
    assert targets
    for target in targets:
        assert f'id="{target}"' in html, target


def test_radio_and_text_errors_link_to_inputs(client_for, administrator):
    page = client_for(administrator.user).post(
        f"/o/{administrator.organisation.slug}/members/invite/", {}
    )
    assert "id_role_1" in _targets(page.text)
    _assert_targets_exist(page.text)


def test_a_date_error_links_to_its_first_box(client_for, proposer):
    page = client_for(proposer.user).post(
        f"/o/{proposer.organisation.slug}/proposals/new/",
        {"review_date_0": "31", "review_date_1": "2", "review_date_2": "2027"},
    )
    assert "id_review_date_0" in _targets(page.text)
    _assert_targets_exist(page.text)


def test_an_error_on_a_form_that_is_only_a_button_links_to_the_button(client_for, administrator):
    page = client_for(administrator.user).post(
        f"/o/{administrator.organisation.slug}/members/{administrator.pk}/remove/", BUTTON
    )
    assert _targets(page.text) == ["id_submit"]
    _assert_targets_exist(page.text)
