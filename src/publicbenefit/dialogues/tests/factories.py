"""factory_boy factories for dialogues, their areas, communities, questions, hosts, events and
write-ups. An event built with ``token="..."`` stores only the hash of that token, as an
approved event does, so tests can open the host's link."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from publicbenefit.accounts.tests.factories import OrganisationFactory, UserFactory
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.dialogues.models import (
    Agreement,
    Area,
    Community,
    Dialogue,
    Event,
    FramingQuestion,
    Host,
    WriteUp,
    WriteUpAnswer,
)


class DialogueFactory(DjangoModelFactory):
    class Meta:
        model = Dialogue

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Conversations about sharing care records {n}")
    background = "The council and the hospital want to share discharge dates."
    guide = "Welcome everyone, agree ground rules, discuss each question for 20 minutes."
    easy_read = "We want to know what you think."
    privacy_notice = "We hold your name and contact details to run your event, for one year."
    status = Dialogue.Status.OPEN
    public_token = factory.LazyFunction(token_new)
    created_by = factory.SubFactory(UserFactory)


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    dialogue = factory.SubFactory(DialogueFactory)
    name = factory.Sequence(lambda n: f"Ward {n}")
    code = factory.Sequence(lambda n: f"W{n:03d}")
    target_events = 2
    target_participants = 20


class CommunityFactory(DjangoModelFactory):
    class Meta:
        model = Community

    dialogue = factory.SubFactory(DialogueFactory)
    name = factory.Sequence(lambda n: f"Community {n}")
    target_events = 1
    target_participants = 10


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = FramingQuestion

    dialogue = factory.SubFactory(DialogueFactory)
    text = factory.Sequence(lambda n: f"Framing question {n}?")
    order = factory.Sequence(lambda n: n)


class HostFactory(DjangoModelFactory):
    class Meta:
        model = Host

    dialogue = factory.SubFactory(DialogueFactory)
    name = factory.Sequence(lambda n: f"Host {n}")
    group = "Millbrook Tenants' Association"
    email = factory.Sequence(lambda n: f"host{n}@example.org")
    phone = "01632 960000"
    consented_at = factory.LazyFunction(timezone.now)


class EventFactory(DjangoModelFactory):
    """An approved event next week. Pass ``token`` for a host's link with that secret."""

    class Meta:
        model = Event

    class Params:
        token = None

    dialogue = factory.SubFactory(DialogueFactory)
    host = factory.SubFactory(HostFactory, dialogue=factory.SelfAttribute("..dialogue"))
    area = factory.SubFactory(AreaFactory, dialogue=factory.SelfAttribute("..dialogue"))
    title = factory.Sequence(lambda n: f"Coffee morning {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    venue = "Millbrook library"
    expected_size = 12
    status = Event.Status.APPROVED
    host_token_hash = factory.LazyAttribute(
        lambda event: token_hash(event.token) if event.token else None
    )


class WriteUpFactory(DjangoModelFactory):
    class Meta:
        model = WriteUp

    event = factory.SubFactory(EventFactory, status=Event.Status.HELD)
    participants = 12
    submitted_at = factory.LazyFunction(timezone.now)


LONG = (
    "People were broadly in favour of sharing discharge dates if it meant homes were ready, "
    "but wanted to know who could see the data and for how long."
)


def answer(write_up: WriteUp, question: FramingQuestion, **fields: object) -> WriteUpAnswer:
    values = {"main_points": LONG, "agreement": Agreement.MOST, **fields}
    return WriteUpAnswer.objects.create(write_up=write_up, question=question, **values)
