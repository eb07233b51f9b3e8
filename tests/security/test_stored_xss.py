"""Stored XSS: script typed into any free-text field is rendered inert on every page.

Every free-text field (``CharField``/``TextField`` without choices, not an identifier, token,
code or email) of every model of the apps people type into is filled, for every object of the
victim organisation, with a payload that starts with a tag naming the field. Then every staff
page (walked from the URL conf with the victim's objects, exports in every format) and every
public page (with working tokens) is opened. No HTML page may contain the payload's markup
unescaped, nor any event-handler attribute or ``javascript:`` address (the payload also tries
to break out of an unquoted attribute); the escaped payload must show, and the fields seen
rendered are counted per model so the check is not vacuous; PDF and Word exports must still be
made.
"""

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

import pytest
from django.db import IntegrityError, models, transaction
from django.test import Client
from django.utils import timezone

from publicbenefit.assessments.models import Assessment, Comment
from publicbenefit.juries.models import FinalReport, Jury, PublicForum, Recommendation, Verdict
from publicbenefit.partnerships.models import AgreedPosition

from .world import (
    PUBLIC_URLS,
    STAFF_URLS,
    project_models,
    public_path,
    public_tokens,
    signed_in,
    staff_paths,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

#: Markup, a broken-out attribute (for text put in an unquoted attribute) and both quotes.
PAYLOAD = '<script>alert("pb")</script><img src=x onerror=alert(1)>"\' onfocus=alert(2) autofocus'
#: What must never reach a page as markup.
RAW_MARKERS = ["<script>alert(", "<img src=x onerror"]
ESCAPED = "&lt;script&gt;alert("

#: The apps whose models hold text that staff or the public type in.
APPS = {
    "accounts",
    "proposals",
    "assessments",
    "partnerships",
    "engagement",
    "surveys",
    "panels",
    "juries",
    "dialogues",
}
#: Parts of field names that mark an identifier, a secret or a machine-read value.
NOT_FREE_TEXT = re.compile(
    r"token|hash|code|key|slug|email|password|pseudonym|digest|seed|version|algorithm|"
    r"language|kind|format|_id$|^id$|yaml|mime|content_type|ip_address|user_agent"
)
#: Models whose every free-text field must be seen rendered (escaped) on some page.
MUST_RENDER = {
    "proposals.Proposal",
    "proposals.Party",
    "proposals.DataItem",
    "assessments.Answer",
    "engagement.PlanGroup",
    "engagement.PlanQuestion",
    "surveys.Survey",
    "surveys.SurveyQuestion",
    "panels.Panel",
    "panels.Member",
    "juries.Jury",
    "juries.Witness",
    "juries.EvidenceItem",
    "juries.Recommendation",
    "juries.Verdict",
    "juries.FinalReport",
    "juries.PublicForum",
    "assessments.Comment",
    "dialogues.Dialogue",
    "dialogues.Host",
    "dialogues.Event",
    "dialogues.WriteUp",
}


class _Handlers(HTMLParser):
    """The event-handler attributes (``onclick``...) and ``javascript:`` addresses in a page:
    the strict CSP allows no inline script, so the service's own pages have none."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")


def handlers(html: str) -> list[str]:
    parser = _Handlers()
    parser.feed(html)
    return parser.found


@dataclass(frozen=True)
class Seeded:
    tag: str
    label: str
    field: str


def free_text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, (models.CharField, models.TextField))
        and not isinstance(field, (models.EmailField, models.URLField, models.SlugField))
        and not field.choices
        and not field.unique
        and not field.primary_key
        and field.concrete
        and not NOT_FREE_TEXT.search(field.name)
    ]


def seed(payload: str = PAYLOAD) -> list[Seeded]:
    """Fill every free-text field of every object with ``pbx<n>q`` and the payload."""
    seeded = []
    for model in project_models():
        if model._meta.app_label not in APPS:
            continue
        for field in free_text_fields(model):
            tag = f"pbx{len(seeded)}q"
            seeded.append(Seeded(tag, model._meta.label, field.name))
            for pk in model.objects.values_list("pk", flat=True):
                value = f"{tag}{pk}{payload}"
                if field.max_length:
                    value = value[: field.max_length]
                try:
                    with transaction.atomic():
                        model.objects.filter(pk=pk).update(**{field.name: value})
                except IntegrityError:
                    pass
    return seeded


def test_free_text_is_found_in_every_main_model():
    labels = {
        model._meta.label
        for model in project_models()
        if model._meta.app_label in APPS and free_text_fields(model)
    }

    assert labels >= MUST_RENDER


def _more_objects(victim) -> None:
    """The objects the victim has none of yet: a comment, an agreed position, the jury's
    forum, verdict and published report (so its public page shows); and the jury's volunteer
    form and vote opened."""
    user = victim.administrator.user
    jury = Jury.objects.get(organisation__slug=victim.slug)
    assessment = Assessment.objects.get(proposal=victim.proposal)
    Comment.objects.create(assessment=assessment, question_id="1.1", author=user, body="c")
    AgreedPosition.objects.create(
        proposal=victim.proposal, question_id="1.1", position=3, rationale="r", recorded_by=user
    )
    # Open the public forms that show the jury's questions and a recommendation to vote on.
    Jury.objects.filter(pk=jury.pk).update(volunteering_open=True)
    Recommendation.objects.filter(jury=jury).update(status=Recommendation.Status.VOTING)
    PublicForum.objects.create(jury=jury, held_on=date(2027, 5, 1), place="p", record="r")
    Verdict.objects.create(
        jury=jury,
        text="v",
        reached_by=Verdict.ReachedBy.choices[0][0],
        published_at=timezone.now(),
        published_by=user,
    )
    FinalReport.objects.create(
        jury=jury,
        summary="s",
        organisers_response="o",
        published_at=timezone.now(),
        published_by=user,
    )


def test_script_in_free_text_is_rendered_inert_everywhere(victim):
    _more_objects(victim)
    tokens = public_tokens(victim)
    seeded = seed()
    staff = signed_in(victim.administrator.user, raise_request_exception=False)
    anonymous = Client(raise_request_exception=False)
    requests = [
        (staff, path) for url in STAFF_URLS for path in staff_paths(url, victim, every_format=True)
    ] + [(anonymous, public_path(url, tokens, victim)) for url in PUBLIC_URLS]

    unescaped, crashed, documents, pages = [], [], [], []
    rendered = set()
    for client, path in requests:
        # Public links often lead on (a partner's link to the sign-up): follow them there.
        response = client.get(path, follow=client is anonymous)
        if response.status_code >= 500:
            crashed.append(path)
            continue
        content_type = response.get("Content-Type", "")
        if "pdf" in content_type or "officedocument" in content_type:
            documents.append(path)
            assert response.status_code == 200, path
            body = b"".join(response) if response.streaming else response.content
            assert body[:4] in {b"%PDF", b"PK\x03\x04"}, path
            continue
        if "text/html" not in content_type or response.status_code != 200:
            continue
        html = response.content.decode()
        pages.append(path)
        unescaped += [f"{path}: {marker}" for marker in RAW_MARKERS if marker in html]
        unescaped += [f"{path}: {found}" for found in handlers(html)]
        if ESCAPED in html:
            rendered |= {item.label for item in seeded if item.tag in html}

    assert unescaped == []
    assert crashed == []
    assert len(pages) >= 200
    assert len(documents) >= 10
    assert MUST_RENDER - rendered == set()
