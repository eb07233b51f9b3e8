"""The world the attacker's tests work in: every URL in the URL conf, opened with real objects.

The victim organisation is the one the project's staff-area access test builds (an organisation
with real objects of every kind); this module fills each URL's arguments with those objects:
a staff URL's ``int`` arguments by the path segment before them (``.../juries/<int:pk>/`` takes a
jury's id), a public URL's token by a real, working token made here for the victim's invitation,
member, juror, host and so on. A URL whose argument this module cannot fill is reported by
``unknown_arguments`` so a new page cannot slip past the checks unnoticed.
"""

import itertools
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.db import models
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp import DEVICE_ID_SESSION_KEY

from publicbenefit.accounts.models import Invitation as StaffInvitation
from publicbenefit.accounts.models import Membership, User
from publicbenefit.accounts.tests.two_factor import two_factor_device_for
from publicbenefit.accounts.tokens import token_hash, token_new
from publicbenefit.assessments.models import Evidence
from publicbenefit.common.tests.test_staff_area_access import (
    _ROUTE_ARGUMENT,
    ALL_URLS,
    STAFF_URLS,
    TEXT_ARGUMENTS,
    TEXT_ARGUMENTS_BY_URL,
    StaffUrl,
    Victim,
)
from publicbenefit.decisions.models import Condition, EvidenceLink
from publicbenefit.dialogues.models import (
    Area,
    Community,
    Dialogue,
    Event,
    FramingQuestion,
    Host,
)
from publicbenefit.engagement.models import (
    Milestone,
    OrganisationQuestion,
    PlanGroup,
    PlanQuestion,
)
from publicbenefit.frameworks.models import FrameworkVersion
from publicbenefit.juries.models import (
    AgendaItem,
    Draw,
    EvidenceItem,
    ExpenseClaim,
    Juror,
    JurorQuestion,
    Jury,
    JuryLetterBatch,
    JurySession,
    Lottery,
    Recommendation,
    Volunteer,
    Witness,
)
from publicbenefit.panels.models import (
    Address,
    AddressBatch,
    CommunityPartner,
    Member,
    Panel,
    Wave,
)
from publicbenefit.partnerships.models import LeadershipDecision
from publicbenefit.proposals.models import DataItem, Party, Proposal
from publicbenefit.surveys.models import EventBatch, Survey, SurveyQuestion
from publicbenefit.surveys.models import Invitation as SurveyInvitation

__all__ = ["ALL_URLS", "PUBLIC_URLS", "STAFF_URLS", "StaffUrl", "Victim"]

PUBLIC_URLS = [url for url in ALL_URLS if "organisation" not in url.arguments]

#: The model whose id an ``int`` argument takes, by the path segment just before it (and, where
#: one segment names different objects in different apps, by the argument's name too).
SEGMENT_MODELS: dict[tuple[str, str | None], list[type[models.Model]]] = {
    ("addresses", None): [AddressBatch],
    ("agenda", None): [AgendaItem],
    ("areas", None): [Area],
    ("communities", None): [Community],
    ("conditions", None): [Condition],
    ("data", None): [DataItem],
    ("decisions", None): [LeadershipDecision],
    ("dialogues", None): [Dialogue],
    ("draws", None): [Draw],
    ("events", "batch_pk"): [EventBatch],
    ("events", "event_pk"): [Event],
    ("evidence", "evidence_pk"): [Evidence],
    ("evidence", "item_pk"): [EvidenceItem],
    ("evidence", "link_pk"): [EvidenceLink],
    ("expenses", None): [ExpenseClaim],
    ("frameworks", None): [FrameworkVersion],
    ("groups", None): [PlanGroup],
    ("hosts", None): [Host],
    ("invitations", None): [StaffInvitation],
    ("juries", None): [Jury],
    ("jurors", None): [Juror],
    ("letters", None): [JuryLetterBatch],
    ("lotteries", None): [Lottery],
    ("members", "member_pk"): [Member],
    ("members", "pk"): [Membership],
    ("milestones", None): [Milestone],
    ("organisations", None): [Party],
    ("panels", None): [Panel],
    ("partners", None): [CommunityPartner],
    ("pool", None): [Volunteer],
    ("programme", None): [JurySession],
    ("proposals", None): [Proposal],
    ("question-bank", None): [OrganisationQuestion],
    ("questions", None): [SurveyQuestion, FramingQuestion, JurorQuestion, PlanQuestion],
    ("recommendations", None): [Recommendation],
    ("register", None): [Proposal],
    ("surveys", None): [Survey],
    ("waves", None): [Wave],
    ("witnesses", None): [Witness],
}


def _segment_arguments(route: str) -> Iterator[tuple[str, str, str]]:
    """Each ``(segment before it, argument name, converter)`` in a route."""
    for match in _ROUTE_ARGUMENT.finditer(route):
        before = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        yield before, match["name"], match["converter"] or "str"


def models_for(segment: str, name: str) -> list[type[models.Model]] | None:
    return SEGMENT_MODELS.get((segment, name)) or SEGMENT_MODELS.get((segment, None))


def unknown_arguments(urls: list[StaffUrl]) -> list[str]:
    """The staff URLs with an ``int`` argument this module does not know how to fill."""
    return [
        f"{url.name}: {segment}/<{name}>"
        for url in urls
        for segment, name, converter in _segment_arguments(url.route)
        if converter == "int" and name != "organisation" and models_for(segment, name) is None
    ]


#: Every export format a ``file_format`` argument might take (the others answer 404).
FILE_FORMATS = ["csv", "json", "pdf", "docx", "xlsx", "ods", "txt"]


def staff_paths(
    url: StaffUrl,
    victim: Victim,
    organisation_slug: str | None = None,
    *,
    every_format: bool = False,
) -> list[str]:
    """The URL filled with the victim's objects: every combination of the objects of the right
    kind for each ``int`` argument (for most URLs, exactly one path); with ``every_format``, a
    ``file_format`` argument takes each of ``FILE_FORMATS`` in turn."""
    slug = organisation_slug or victim.slug
    choices: list[list[tuple[str, str]]] = []
    for segment, name, converter in _segment_arguments(url.route):
        if name == "organisation":
            continue
        if converter == "int":
            kinds = models_for(segment, name)
            if kinds is None:
                ids = victim.object_ids
            else:
                ids = sorted(
                    {pk for kind in kinds for pk in kind.objects.values_list("pk", flat=True)}
                )
            choices.append([(name, str(pk)) for pk in ids])
        elif name == "file_format" and every_format:
            choices.append([(name, file_format) for file_format in FILE_FORMATS])
        else:
            texts = {**TEXT_ARGUMENTS, **TEXT_ARGUMENTS_BY_URL.get(url.name, {})}
            value = texts.get(name) or (str(uuid.uuid4()) if converter == "uuid" else "example")
            choices.append([(name, value)])
    paths = []
    for combination in itertools.product(*choices):
        values = {"organisation": slug, **dict(combination)}
        paths.append("/" + _ROUTE_ARGUMENT.sub(lambda match, v=values: v[match["name"]], url.route))
    return paths


@dataclass
class PublicTokens:
    """Working secrets for the victim's public links."""

    survey: str
    member: str
    juror: str
    host: str
    staff_invitation: str
    partner: str
    jury_volunteer: str
    dialogue: str
    letter_code: str
    password_reset_uid: str
    password_reset: str


def public_tokens(victim: Victim) -> PublicTokens:
    """Give the victim's invitation, member, juror and host links secrets this test knows."""
    survey_token, member_token, juror_token, host_token = (token_new() for _ in range(4))
    survey = Survey.objects.get(organisation__slug=victim.slug)
    SurveyInvitation.objects.create(
        survey=survey,
        token_hash=token_hash(survey_token),
        respondent="R-VICTIM",
        closes_at=timezone.now() + timedelta(weeks=2),
    )
    Member.objects.filter(panel__organisation__slug=victim.slug).update(
        manage_token_hash=token_hash(member_token)
    )
    Juror.objects.filter(jury__organisation__slug=victim.slug).update(
        page_token_hash=token_hash(juror_token)
    )
    event = Event.objects.filter(dialogue__organisation__slug=victim.slug).first()
    Event.objects.filter(pk=event.pk).update(host_token_hash=token_hash(host_token))
    user = victim.colleague.user
    return PublicTokens(
        survey=survey_token,
        member=member_token,
        juror=juror_token,
        host=host_token,
        staff_invitation="secret",
        partner=CommunityPartner.objects.get(panel__organisation__slug=victim.slug).token,
        jury_volunteer=Jury.objects.get(organisation__slug=victim.slug).volunteer_token,
        dialogue=Dialogue.objects.get(organisation__slug=victim.slug).public_token,
        letter_code=Address.objects.filter(batch__panel__organisation__slug=victim.slug)
        .first()
        .code,
        password_reset_uid=urlsafe_base64_encode(force_bytes(user.pk)),
        password_reset=default_token_generator.make_token(user),
    )


def public_path(url: StaffUrl, tokens: PublicTokens, victim: Victim) -> str:
    """A public URL filled with the victim's working tokens and ids."""
    route = url.route
    jury = Jury.objects.get(organisation__slug=victim.slug)
    by_prefix = [
        ("s/", tokens.survey),
        ("panel/join/p/", tokens.partner),
        ("panel/me/", tokens.member),
        ("jury/juror/", tokens.juror),
        ("dialogue/host/", tokens.host),
        ("invitations/", tokens.staff_invitation),
        ("jury/", tokens.jury_volunteer),
        ("dialogue/", tokens.dialogue),
        ("password-reset/", tokens.password_reset),
    ]

    simple = {
        "uidb64": tokens.password_reset_uid,
        "code": tokens.letter_code,
        "step": "example",
        "number": "1",
        "wave_pk": str(Wave.objects.get(panel__organisation__slug=victim.slug).pk),
    }

    def fill(match: Any) -> str:
        name, before = match["name"], route[: match.start()]
        if name == "token":
            return next(value for prefix, value in by_prefix if before.startswith(prefix))
        if name in simple:
            return simple[name]
        if name == "pk" and "/vote/" in before:
            return str(Recommendation.objects.filter(jury=jury).first().pk)
        if name == "pk" and "/evidence/" in before:
            return str(EvidenceItem.objects.filter(jury=jury).first().pk)
        if name == "pk" and before.startswith("register/"):
            return str(victim.proposal.pk)
        return str(jury.pk) if name == "pk" else "example"

    return "/" + _ROUTE_ARGUMENT.sub(fill, route)


def signed_in(user: User, **options: Any) -> Client:
    """A client signed in as ``user`` with a verified second factor (as the project's
    ``client_for`` fixture makes), with any ``Client`` options such as ``enforce_csrf_checks``."""
    client = Client(**options)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = two_factor_device_for(user).persistent_id
    session.save()
    return client


def project_models() -> list[type[models.Model]]:
    """Every model of the project's own apps, and the user model."""
    return [
        model
        for model in apps.get_models()
        if model.__module__.startswith("publicbenefit.") or model is User
    ]


def everything(exclude: Callable[[type[models.Model]], bool] = lambda model: False) -> dict:
    """A snapshot of every row of every project table."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in project_models()
        if not exclude(model)
    }
