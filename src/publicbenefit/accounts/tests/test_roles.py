"""What each role may do."""

import pytest

from publicbenefit.accounts.roles import ROLE_DESCRIPTIONS, Capability, Role, role_can


@pytest.mark.parametrize("role", list(Role))
def test_every_role_can_view_and_is_described(role):
    assert role_can(role, Capability.VIEW)
    assert ROLE_DESCRIPTIONS[role]


def test_only_administrators_manage_members():
    assert [role for role in Role if role_can(role, Capability.MANAGE_MEMBERS)] == [
        Role.ADMINISTRATOR
    ]


@pytest.mark.parametrize(
    ("role", "capability"),
    [
        (Role.ASSESSOR, Capability.ASSESS),
        (Role.PROPOSER, Capability.PROPOSE),
        (Role.ENGAGEMENT_LEAD, Capability.ENGAGE),
    ],
)
def test_each_specialist_role_has_its_own_capability_and_no_other(role, capability):
    assert {c for c in Capability if role_can(role, c)} == {Capability.VIEW, capability}


def test_administrators_can_do_everything():
    assert all(role_can(Role.ADMINISTRATOR, capability) for capability in Capability)


def test_an_unknown_role_can_do_nothing():
    assert not any(role_can("superuser", capability) for capability in Capability)
