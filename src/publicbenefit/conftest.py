"""Fixtures shared by every app's tests: an organisation with members in each role, clients
signed in as a given person, a proposal ready to send for assessment, and a check that no
background task failed unnoticed."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished

from publicbenefit.accounts.models import Membership, Organisation, User
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.accounts.tests.two_factor import two_factor_device_for
from publicbenefit.proposals.models import DataItem, Party, Proposal
from publicbenefit.proposals.tests.factories import (
    DataItemFactory,
    PartyFactory,
    ProposalFactory,
)


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """Start every test with an empty cache, so that wrong tries counted by one test (public
    links, letter codes) never block another."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def no_failed_tasks() -> Iterator[None]:
    """Fail any test during which a background task failed.

    Tasks run immediately in tests, and the task backend logs a failure instead of raising it,
    so without this a broken email would only show as an email that never arrived.
    """
    failed: list[Any] = []

    def record(sender: object, task_result: Any, **kwargs: object) -> None:
        if task_result.status == TaskResultStatus.FAILED:
            failed.append(task_result)

    task_finished.connect(record, dispatch_uid="publicbenefit-no-failed-tasks")
    try:
        yield
    finally:
        task_finished.disconnect(dispatch_uid="publicbenefit-no-failed-tasks")
    if failed:
        pytest.fail(
            "background tasks failed: "
            + "; ".join(
                f"{result.task.module_path}: {result.errors[-1].traceback}" for result in failed
            )
        )


@pytest.fixture
def organisation() -> Organisation:
    return OrganisationFactory(name="Calderbrook City Council", slug="calderbrook")


@pytest.fixture
def administrator(organisation: Organisation) -> Membership:
    """The only administrator of ``organisation``."""
    return MembershipFactory(
        organisation=organisation,
        role=Role.ADMINISTRATOR,
        user__email="admin@calderbrook.example",
        user__full_name="Priya Shah",
    )


@pytest.fixture
def viewer(organisation: Organisation) -> Membership:
    return MembershipFactory(
        organisation=organisation,
        role=Role.VIEWER,
        user__email="viewer@calderbrook.example",
        user__full_name="Tom Hughes",
    )


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    """Make a test client already signed in as a person, with their second factor too: they
    get an authenticator app (``two_factor_device_for``) and the session is verified with it,
    as ``django_otp.login`` does after a right code."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = two_factor_device_for(user).persistent_id
        session.save()
        return client

    return make


@pytest.fixture
def proposer(organisation: Organisation) -> Membership:
    return MembershipFactory(organisation=organisation, role=Role.PROPOSER)


@pytest.fixture
def other_proposer(organisation: Organisation) -> Membership:
    return MembershipFactory(organisation=organisation, role=Role.PROPOSER)


@pytest.fixture
def assessor(organisation: Organisation) -> Membership:
    return MembershipFactory(organisation=organisation, role=Role.ASSESSOR)


@pytest.fixture
def proposal(proposer: Membership) -> Proposal:
    """A draft owned by ``proposer``, complete enough to send for assessment."""
    proposal = ProposalFactory(organisation=proposer.organisation, owner=proposer.user)
    PartyFactory(proposal=proposal, role=Party.Role.SHARES)
    PartyFactory(proposal=proposal, name="Calderbrook City Council", role=Party.Role.RECEIVES)
    DataItemFactory(proposal=proposal, category=DataItem.Category.PERSONAL)
    return proposal
