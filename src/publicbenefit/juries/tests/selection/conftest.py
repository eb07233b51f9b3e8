"""Fixtures for the selection tests: an engagement lead, a jury with margins and proposed quotas
accepted, and a small pool imported from a people file."""

import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.juries.services.jury import jury_create
from publicbenefit.juries.services.pool import pool_import
from publicbenefit.juries.services.quotas import margins_import, quotas_accept_proposed

MARGINS = """feature,value,share
age,16-29,0.3
age,30-59,0.45
age,60+,0.25
sex,female,0.5
sex,male,0.5
"""


def people_csv(count: int = 30, seed: int = 7, shared_address: bool = True) -> str:
    """A people file: ``count`` people with ids p001..., random age and sex, an address each
    (the first two share one when ``shared_address``)."""
    rng = random.Random(seed)  # noqa: S311
    lines = ["id,name,email,age,sex,address1,postcode"]
    for number in range(1, count + 1):
        age = rng.choice(["16-29", "30-59", "30-59", "60+"])
        sex = rng.choice(["female", "male"])
        street = 1 if shared_address and number <= 2 else number
        lines.append(
            f"p{number:03d},Person {number},p{number}@example.org,{age},{sex},"
            f"{street} High Street,AB1 2CD"
        )
    return "\n".join(lines) + "\n"


def upload(text: str | bytes, name: str = "file.csv") -> SimpleUploadedFile:
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.fixture(autouse=True)
def _forget_wrong_tries():
    """Wrong letter codes are counted in the cache: start each test afresh."""
    from django.core.cache import cache  # noqa: PLC0415

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def other_lead():
    """An engagement lead of another organisation."""
    return MembershipFactory(role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def jury(lead):
    return jury_create(
        actor=lead,
        name="Citizens' Jury on predictive modelling",
        area="Calderbrook",
        charge_question="Should the council use predictive modelling?",
        description="Residents hear the evidence.",
        privacy_notice="We hold your details to run the jury.",
        size=6,
        quota_tolerance=1,
    )


@pytest.fixture
def quota_jury(lead, jury):
    """The jury with margins imported and the proposed quotas accepted."""
    margins_import(actor=lead, jury=jury, csv_text=MARGINS)
    quotas_accept_proposed(actor=lead, jury=jury)
    return jury


@pytest.fixture
def pooled_jury(lead, quota_jury):
    """The jury with quotas and a pool of 30."""
    pool_import(actor=lead, jury=quota_jury, csv_text=people_csv())
    return quota_jury


def url(name: str, jury=None, **kwargs) -> str:
    """The address of a jury staff page."""
    from django.urls import reverse  # noqa: PLC0415

    organisation = kwargs.pop("organisation", None) or jury.organisation.slug
    if jury is not None:
        kwargs["pk"] = jury.pk
    return reverse(f"juries:{name}", kwargs={"organisation": organisation, **kwargs})
