"""Token attacks on the public links: guessed, tampered, expired and reused secrets.

Every public URL with a ``<token>`` (found from the URL conf: survey invitation, panel member's
manage link, juror's page, event host's page, invitation to join, jury volunteer form, dialogue
page, community partner's link) is opened, by GET and by POST, with a freshly guessed secret and
with the victim's working secret changed in one character, cut short, lengthened and
upper-cased. Each must be refused with 404 or 410 and change nothing. Expired and already used
links (a closed survey invitation, an answered one, an expired or accepted invitation to join)
are refused and change nothing too. The working secrets of personal links are stored only as
hashes: the raw secret is nowhere in the database.
"""

import dataclasses
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from publicbenefit.accounts.models import Invitation as StaffInvitation
from publicbenefit.accounts.tokens import token_new
from publicbenefit.audit.models import AuditEntry
from publicbenefit.dialogues.models import Event
from publicbenefit.juries.models import Juror
from publicbenefit.panels.codes import code_new
from publicbenefit.panels.models import Address, Member, Panel
from publicbenefit.panels.services.recruitment import WRONG_CODES_ALLOWED
from publicbenefit.surveys.letter_codes import letter_code_new
from publicbenefit.surveys.models import Invitation, Response, SurveyQuestion

from .world import PUBLIC_URLS, everything, public_path, public_tokens

pytestmark = pytest.mark.django_db

TOKEN_URLS = [
    url
    for url in PUBLIC_URLS
    if "token" in url.arguments and url.name != "accounts:password_reset_confirm"
]
REFUSED = {404, 410}


def _not_audit(model) -> bool:
    return model is AuditEntry


def _tampered(secret: str) -> list[str]:
    flipped = secret[:-1] + ("A" if secret[-1] != "A" else "B")
    return [token_new(), flipped, secret[:-1], secret + "x", secret.upper(), " " + secret]


def test_every_public_link_with_a_secret_is_found():
    names = {url.name for url in TOKEN_URLS}

    assert {
        "surveys:start",
        "surveys:question",
        "panels:me",
        "panels:me_erase",
        "juries:juror_home",
        "juries:juror_vote",
        "dialogues:host_home",
        "dialogues:host_write_up",
        "accounts:invitation_accept",
    } <= names
    assert len(TOKEN_URLS) >= 25


def test_guessed_and_tampered_secrets_are_refused_and_change_nothing(victim, mailoutbox):
    tokens = public_tokens(victim)
    _marked = dataclasses.replace(tokens, **dict.fromkeys(vars(tokens), "SECRET"))
    client = Client(raise_request_exception=False)
    before = everything(exclude=_not_audit)

    failures, tried = [], 0
    for url in TOKEN_URLS:
        real = public_path(url, tokens, victim)
        marked = public_path(url, _marked, victim).split("/")
        secret = real.split("/")[marked.index("SECRET")]
        for wrong in _tampered(secret):
            if wrong == secret:
                continue
            path = real.replace(secret, wrong)
            for method in (client.get, client.post):
                response = method(path, {"choice": "for", "email": "x@evil.example"})
                tried += 1
                if response.status_code not in REFUSED:
                    failures.append(f"{method.__name__.upper()} {path}: {response.status_code}")

    assert failures == []
    assert tried >= 250
    assert everything(exclude=_not_audit) == before
    assert mailoutbox == []
    # The working secrets do open the pages: the refusals above are the secrets' doing.
    working = [
        url.name
        for url in TOKEN_URLS
        if client.get(public_path(url, tokens, victim)).status_code not in REFUSED
    ]
    assert len(working) >= 20, working


def test_personal_link_secrets_are_stored_only_as_hashes(victim):
    tokens = public_tokens(victim)
    stored = json.dumps(everything(), cls=DjangoJSONEncoder)

    for secret in (tokens.survey, tokens.member, tokens.juror, tokens.host):
        assert secret not in stored


def _survey_invitation(victim, **fields):
    tokens = public_tokens(victim)
    invitation = Invitation.objects.get(respondent="R-VICTIM")
    Invitation.objects.filter(pk=invitation.pk).update(**fields)
    return tokens.survey, invitation


def test_an_expired_survey_link_is_gone_and_takes_no_answer(victim, client):
    token, invitation = _survey_invitation(victim, closes_at=timezone.now() - timedelta(minutes=1))
    question = SurveyQuestion.objects.get(survey=invitation.survey)
    before = everything(exclude=_not_audit)

    start = client.get(reverse("surveys:start", kwargs={"token": token}))
    answer = client.post(
        reverse("surveys:question", kwargs={"token": token, "number": 1}),
        {f"q{question.pk}": "late", "answer": "late"},
    )

    assert start.status_code == 410
    assert answer.status_code == 410
    assert everything(exclude=_not_audit) == before


def test_an_answered_survey_link_cannot_be_used_again(victim, client):
    token, invitation = _survey_invitation(victim)
    question = SurveyQuestion.objects.get(survey=invitation.survey)
    Response.objects.create(
        invitation=invitation, answers={str(question.pk): "first"}, submitted_at=timezone.now()
    )
    before = everything(exclude=_not_audit)

    client.post(
        reverse("surveys:question", kwargs={"token": token, "number": 1}),
        {f"q{question.pk}": "second", "answer": "second"},
    )
    client.post(reverse("surveys:check", kwargs={"token": token}))

    assert everything(exclude=_not_audit) == before
    assert Response.objects.get(invitation=invitation).answers == {str(question.pk): "first"}


@pytest.mark.parametrize(
    "state",
    [
        {"expires_at": timezone.now() - timedelta(days=1)},
        {"accepted_at": timezone.now() - timedelta(days=1)},
        {"withdrawn_at": timezone.now() - timedelta(days=1)},
    ],
    ids=["expired", "used", "withdrawn"],
)
def test_an_invitation_to_join_that_is_spent_is_refused(victim, client, state, mailoutbox):
    StaffInvitation.objects.filter(pk=victim.invitation.pk).update(**state)
    before = everything(exclude=_not_audit)
    path = reverse("accounts:invitation_accept", kwargs={"token": "secret"})

    get = client.get(path)
    post = client.post(
        path,
        {
            "full_name": "Mallory",
            "password1": "a-long-Password-1",
            "password2": "a-long-Password-1",
        },
    )

    assert get.status_code == 410
    assert post.status_code == 410
    assert everything(exclude=_not_audit) == before
    assert mailoutbox == []


@pytest.fixture
def fresh_throttles():
    cache.clear()
    yield
    cache.clear()


def test_guessing_survey_letter_codes_is_stopped(victim, client, fresh_throttles):
    _token, invitation = _survey_invitation(victim)
    right = letter_code_new()
    Invitation.objects.filter(pk=invitation.pk).update(letter_code=right)
    path = reverse("surveys:code")

    guesses = [client.post(path, {"code": letter_code_new()}) for _ in range(12)]
    after = client.post(path, {"code": right})

    assert guesses[-1].status_code == 429
    assert after.status_code == 429
    assert Invitation.objects.get(pk=invitation.pk).opened_at is None


def test_guessing_panel_letter_codes_is_stopped(victim, client, fresh_throttles):
    right = code_new()
    Address.objects.filter(batch__panel__organisation__slug=victim.slug).update(code=right)
    Panel.objects.filter(organisation__slug=victim.slug).update(signup_open=True)
    opens = client.get(reverse("panels:join_code", kwargs={"code": right}))
    assert opens.status_code in {200, 302}

    for _ in range(WRONG_CODES_ALLOWED):
        wrong = client.get(reverse("panels:join_code", kwargs={"code": code_new()}))
        assert wrong.status_code in REFUSED | {429}
    after = client.get(reverse("panels:join_code", kwargs={"code": right}))

    assert after.status_code not in {200, 302}


def _spend_juror(victim) -> None:
    Juror.objects.filter(jury__organisation__slug=victim.slug).update(status=Juror.Status.DROPPED)


def _spend_host(victim) -> None:
    Event.objects.filter(dialogue__organisation__slug=victim.slug).update(
        status=Event.Status.CANCELLED
    )


def _spend_member(victim) -> None:
    Member.objects.filter(panel__organisation__slug=victim.slug).update(
        status=Member.Status.ERASED, erased_at=timezone.now()
    )


@pytest.mark.parametrize(
    ("prefix", "spend"),
    [
        ("jury/juror/", _spend_juror),
        ("dialogue/host/", _spend_host),
        ("panel/me/<", _spend_member),
    ],
    ids=["dropped juror", "cancelled event's host", "erased panel member"],
)
def test_a_personal_link_stops_working_when_its_purpose_is_spent(victim, prefix, spend, mailoutbox):
    tokens = public_tokens(victim)
    urls = [url for url in TOKEN_URLS if url.route.startswith(prefix)]
    spend(victim)
    client = Client(raise_request_exception=False)
    before = everything(exclude=_not_audit)

    statuses = {
        (method.__name__, url.name): method(
            public_path(url, tokens, victim), {"choice": "for", "description": "x"}
        ).status_code
        for url in urls
        for method in (client.get, client.post)
    }

    assert len(urls) >= 3
    assert {key: status for key, status in statuses.items() if status not in REFUSED} == {}
    assert everything(exclude=_not_audit) == before
    assert mailoutbox == []
