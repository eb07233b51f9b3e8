"""Token attacks on the public links: guessed, tampered, expired and reused secrets.

Every public URL with a ``<token>`` (found from the URL conf: survey invitation, panel member's
manage link, juror's page, event host's page, invitation to join, jury volunteer form, dialogue
page, community partner's link) is opened, by GET and by POST, with a freshly guessed secret and
with the victim's working secret changed in one character, cut short, lengthened and
upper-cased. Each must be refused with 404 or 410 and change nothing. Expired and already used
links (a closed survey invitation, an answered one, an expired or accepted invitation to join,
and a member's, juror's or host's link past its ``PUBLIC_LINK_LIFETIMES``) are refused and
change nothing too. Wrong secrets from one address stop every public link for that address
(429) and for no other. The working secrets of personal links are stored only as hashes: the
raw secret is nowhere in the database, and every lookup of one goes through its hash.
"""

import ast
import dataclasses
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from publicbenefit.accounts.models import Invitation as StaffInvitation
from publicbenefit.accounts.models import Organisation
from publicbenefit.accounts.tokens import token_new
from publicbenefit.audit.models import AuditEntry
from publicbenefit.common.public_links import secrets_match
from publicbenefit.dialogues.models import Event
from publicbenefit.juries.models import FinalReport, Juror, Jury, JurySession
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
                # From many addresses, so that these are refused for the secret, not the limit.
                response = method(
                    path,
                    {"choice": "for", "email": "x@evil.example"},
                    REMOTE_ADDR=f"10.0.{tried // 200}.{tried % 200}",
                )
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


# Expiry: every personal link runs out a documented time after its purpose is over.


def _expire_member(victim, days: int) -> None:
    Member.objects.filter(panel__organisation__slug=victim.slug).update(
        status=Member.Status.LEFT, left_at=timezone.now() - timedelta(days=days)
    )


def _expire_juror(victim, days: int) -> None:
    jury = Jury.objects.get(organisation__slug=victim.slug)
    JurySession.objects.filter(jury=jury).update(date=timezone.localdate() - timedelta(days=days))
    FinalReport.objects.filter(jury=jury).update(published_at=None)
    assert jury.sessions.exists()


def _expire_host(victim, days: int) -> None:
    Event.objects.filter(dialogue__organisation__slug=victim.slug).update(
        status=Event.Status.HELD, starts_at=timezone.now() - timedelta(days=days)
    )


EXPIRING = [
    pytest.param(("panel/me/<", _expire_member, "panel_member"), id="panel member's manage link"),
    pytest.param(("jury/juror/", _expire_juror, "juror"), id="juror's page"),
    pytest.param(("dialogue/host/", _expire_host, "event_host"), id="host's page"),
]


@pytest.mark.parametrize("link", EXPIRING)
def test_an_expired_personal_link_is_gone_and_changes_nothing(victim, link, settings, mailoutbox):
    prefix, expire, kind = link
    tokens = public_tokens(victim)
    urls = [url for url in TOKEN_URLS if url.route.startswith(prefix)]
    home = public_path(urls[0], tokens, victim)
    client = Client(raise_request_exception=False)
    days = settings.PUBLIC_LINK_LIFETIMES[kind]
    expire(victim, days - 1)
    assert client.get(home).status_code == 200, "a link still within its lifetime works"
    expire(victim, days + 1)
    before = everything(exclude=_not_audit)

    statuses = {
        (method.__name__, url.name): method(
            public_path(url, tokens, victim),
            {"choice": "for", "description": "x", "participants": "3", "confirm": "yes"},
        ).status_code
        for url in urls
        for method in (client.get, client.post)
    }
    page = client.get(home)

    assert len(urls) >= 3
    assert {key: status for key, status in statuses.items() if status != 410} == {}
    assert "This link has expired" in page.text
    assert Organisation.objects.get(slug=victim.slug).name in page.text
    assert everything(exclude=_not_audit) == before
    assert mailoutbox == []


# Rate limiting: wrong secrets from one address stop every public link for that address only.


def test_wrong_secrets_from_one_address_are_stopped_at_every_public_link(victim, settings):
    settings.PUBLIC_LINK_WRONG_TRIES = 3
    tokens = public_tokens(victim)
    client = Client(raise_request_exception=False)
    attacker, neighbour = {"REMOTE_ADDR": "203.0.113.7"}, {"REMOTE_ADDR": "198.51.100.9"}

    failures = []
    for url in TOKEN_URLS:
        cache.clear()
        real = public_path(url, tokens, victim)
        guessed = public_path(url, dataclasses.replace(tokens, **_guessed(tokens)), victim)
        assert guessed != real
        wrong = [client.get(guessed, **attacker).status_code for _ in range(3)]
        before = everything(exclude=_not_audit)
        stopped_get = client.get(real, **attacker).status_code
        stopped_post = client.post(real, {"choice": "for"}, **attacker).status_code
        unchanged = everything(exclude=_not_audit) == before
        neighbours = client.get(real, **neighbour).status_code
        if wrong != [404, 404, 404] or (stopped_get, stopped_post) != (429, 429):
            failures.append(f"{url.name}: wrong {wrong}, then {stopped_get}/{stopped_post}")
        if not unchanged:
            failures.append(f"{url.name}: a stopped request changed something")
        if neighbours == 429:
            failures.append(f"{url.name}: another address was stopped too")

    assert failures == []


def _guessed(tokens) -> dict[str, str]:
    """A fresh 256-bit guess for every secret in the links (and the staff invitation's)."""
    return {
        name: token_new()
        for name in vars(tokens)
        if name not in {"letter_code", "password_reset_uid"}
    }


def test_too_many_tries_is_a_plain_page_that_says_when_to_try_again(victim, settings):
    settings.PUBLIC_LINK_WRONG_TRIES = 1
    public_tokens(victim)
    client = Client(raise_request_exception=False)
    client.get(reverse("juries:juror_home", kwargs={"token": token_new()}))

    stopped = client.get(reverse("panels:me", kwargs={"token": token_new()}))

    assert stopped.status_code == 429
    assert "Too many tries" in stopped.text
    assert stopped["Retry-After"] == "900"


# Timing: secrets are looked up by their hash, or compared in constant time.

SOURCE = Path(__file__).resolve().parents[2] / "src" / "publicbenefit"
#: The shared links stored in the clear (docs/security.md section 6): looked up by the secret.
CLEARTEXT_LOOKUPS = {"token", "volunteer_token", "public_token"}
#: Comparisons of two stored hashes, neither of them presented by a visitor.
STORED_HASH_COMPARISONS = {("accounts/services.py", "locked.token_hash != invitation.token_hash")}


def _python_files():
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if "/tests/" in f"/{relative}" or "/migrations/" in f"/{relative}":
            continue
        yield relative, path.read_text()


def test_every_secret_lookup_goes_through_its_hash():
    lookups, unhashed = 0, []
    for relative, text in _python_files():
        for node in ast.walk(ast.parse(text)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in {"filter", "get", "exclude", "first"}:
                continue
            for keyword in node.keywords:
                name = (keyword.arg or "").split("__")[0]
                if "token" not in name or name in CLEARTEXT_LOOKUPS:
                    continue
                lookups += 1
                value = keyword.value
                hashed = (
                    isinstance(value, ast.Call)
                    and getattr(value.func, "id", getattr(value.func, "attr", "")) == "token_hash"
                )
                if not (name.endswith("_hash") and hashed):
                    unhashed.append(f"{relative}: {ast.unparse(keyword)}")

    assert unhashed == []
    assert lookups >= 5


def test_no_secret_is_compared_with_an_ordinary_equals():
    plain = []
    for relative, text in _python_files():
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Compare):
                continue
            if not any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops):
                continue
            sides = [node.left, *node.comparators]
            mentions_token = any("token" in ast.unparse(side).lower() for side in sides)
            if mentions_token and (relative, ast.unparse(node)) not in STORED_HASH_COMPARISONS:
                plain.append(f"{relative}: {ast.unparse(node)}")

    assert plain == []


def test_secrets_match_compares_in_constant_time():
    secret = token_new()

    assert secrets_match(secret, secret)
    assert not secrets_match(secret, secret[:-1] + ("A" if secret[-1] != "A" else "B"))
    assert not secrets_match(secret, "")
