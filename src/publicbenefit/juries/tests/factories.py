"""factory_boy factories for Citizens' Juries: a jury, its features and values (with quotas),
volunteers in its pool, a finished lottery, a draw and its jurors.

A juror built with ``token="..."`` stores only the hash of that token, as a drawn juror does, so
tests can open the juror's own pages with it.
"""

import datetime

import factory
from factory.django import DjangoModelFactory

from publicbenefit.accounts.tests.factories import OrganisationFactory, UserFactory
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.juries.models import (
    Draw,
    EvidenceItem,
    Juror,
    Jury,
    JuryFeature,
    JurySession,
    JuryValue,
    Lottery,
    Recommendation,
    Volunteer,
    Witness,
)


class JuryFactory(DjangoModelFactory):
    class Meta:
        model = Jury

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Citizens' Jury on predictive modelling {n}")
    area = "Calderbrook"
    charge_question = "Should the council use predictive modelling to offer families early help?"
    description = "Eighteen residents hear the evidence and make recommendations."
    privacy_notice = "Calderbrook City Council holds your details to run the jury."
    size = 12
    volunteer_token = factory.LazyFunction(token_new)
    created_by = factory.SubFactory(UserFactory)


class JuryFeatureFactory(DjangoModelFactory):
    class Meta:
        model = JuryFeature

    jury = factory.SubFactory(JuryFactory)
    key = factory.Sequence(lambda n: f"feature{n}")
    label = factory.LazyAttribute(lambda feature: feature.key.capitalize())
    question = factory.LazyAttribute(lambda feature: f"What is your {feature.key}?")
    order = factory.Sequence(lambda n: n)


class JuryValueFactory(DjangoModelFactory):
    class Meta:
        model = JuryValue

    feature = factory.SubFactory(JuryFeatureFactory)
    value = factory.Sequence(lambda n: f"value{n}")
    label = factory.LazyAttribute(lambda value: value.value.capitalize())
    minimum = 0
    maximum = 0
    order = factory.Sequence(lambda n: n)


class VolunteerFactory(DjangoModelFactory):
    class Meta:
        model = Volunteer

    jury = factory.SubFactory(JuryFactory)
    pseudonym = factory.Sequence(lambda n: f"V-{n:06d}")
    name = factory.Sequence(lambda n: f"Volunteer {n}")
    email = factory.Sequence(lambda n: f"volunteer{n}@example.org")
    profile = factory.LazyFunction(dict)
    source = Volunteer.Source.IMPORT


class LotteryFactory(DjangoModelFactory):
    """A finished lottery (its numbers are whatever the test gives)."""

    class Meta:
        model = Lottery

    jury = factory.SubFactory(JuryFactory)
    algorithm = Jury.Algorithm.LEXIMIN
    algorithm_version = "1"
    status = Lottery.Status.DONE
    requested_by = factory.SubFactory(UserFactory)


class DrawFactory(DjangoModelFactory):
    class Meta:
        model = Draw

    jury = factory.SubFactory(JuryFactory)
    lottery = factory.SubFactory(LotteryFactory, jury=factory.SelfAttribute("..jury"))
    seed = "2026"
    audit = factory.LazyFunction(dict)
    audit_digest = "0" * 64
    drawn_by = factory.SubFactory(UserFactory)


class JurorFactory(DjangoModelFactory):
    """A serving juror. Pass ``token`` to open their own pages with it."""

    class Meta:
        model = Juror

    class Params:
        token = factory.LazyFunction(token_new)

    jury = factory.SubFactory(JuryFactory)
    volunteer = factory.SubFactory(VolunteerFactory, jury=factory.SelfAttribute("..jury"))
    draw = factory.SubFactory(DrawFactory, jury=factory.SelfAttribute("..jury"))
    page_token_hash = factory.LazyAttribute(lambda juror: token_hash(juror.token))


# The jury's process (sessions, witnesses, evidence, recommendations).


class JurySessionFactory(DjangoModelFactory):
    class Meta:
        model = JurySession

    jury = factory.SubFactory(JuryFactory)
    stage = JurySession.Stage.UNDERSTANDING
    date = factory.LazyFunction(lambda: datetime.date(2027, 3, 6))
    starts_at = datetime.time(10, 0)
    ends_at = datetime.time(16, 0)
    location = "Calderbrook Town Hall, Council Chamber"


class WitnessFactory(DjangoModelFactory):
    class Meta:
        model = Witness

    jury = factory.SubFactory(JuryFactory)
    name = factory.Sequence(lambda n: f"Witness {n}")
    role = "Professor of social policy, Calderbrook University"
    perspective = Witness.Perspective.NEUTRAL


class EvidenceItemFactory(DjangoModelFactory):
    class Meta:
        model = EvidenceItem

    jury = factory.SubFactory(JuryFactory)
    title = factory.Sequence(lambda n: f"Evidence {n}")
    link = "https://www.example.org/evidence"


class RecommendationFactory(DjangoModelFactory):
    class Meta:
        model = Recommendation

    jury = factory.SubFactory(JuryFactory)
    text = factory.Sequence(lambda n: f"Recommendation {n}: publish how the model works.")
    order = factory.Sequence(lambda n: n)
