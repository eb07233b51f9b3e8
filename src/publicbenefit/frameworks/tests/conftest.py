"""Fixtures for framework version tests: the shipped version and a tailored one of the
organisation's own."""

import pytest

from publicbenefit.accounts.models import Membership
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.frameworks.services import framework_version_create, framework_version_shipped
from publicbenefit.frameworks.tests.helpers import local_yaml


@pytest.fixture
def shipped() -> FrameworkVersion:
    return framework_version_shipped()


@pytest.fixture
def own_version(administrator: Membership, shipped: FrameworkVersion) -> FrameworkVersion:
    """A tailored version of the organisation's, not used by any assessment yet."""
    return framework_version_create(
        actor=administrator, yaml_text=local_yaml("2019.1-calderbrook-1"), based_on=shipped
    )
