"""Builders shared by the waves and results tests: a panel with two margins (age and sex),
members made directly, a ready survey with one question of each kind, and submitted responses.
The checks at the end make sure the builders build what the other tests assume."""

import datetime
from collections.abc import Iterable
from typing import Any

import pytest
from django.utils import timezone

from publicbenefit.accounts.models import Membership, Organisation
from publicbenefit.panels.models import Member, Panel, ProfileFeature, ProfileValue, Wave
from publicbenefit.surveys.models import Invitation, Response, Survey, SurveyQuestion

pytestmark = pytest.mark.django_db

#: The margins: a third young, half middle-aged, the rest older; half female.
AGE = {"16-34": "0.3", "35-64": "0.5", "65+": "0.2"}
SEX = {"female": "0.5", "male": "0.5"}


def make_panel(
    organisation: Organisation,
    actor: Membership,
    *,
    prize_draw: bool = False,
    min_cell: int = 10,
) -> Panel:
    """A panel with the margins ``AGE`` and ``SEX``."""
    panel = Panel.objects.create(
        organisation=organisation,
        name="Calderbrook Citizens' Panel",
        area="Calderbrook",
        description="Residents who tell the council what they think.",
        privacy_notice="We keep your details until you leave.",
        prize_draw=prize_draw,
        min_cell=min_cell,
        created_by=actor.user,
    )
    for order, (key, values) in enumerate((("age", AGE), ("sex", SEX))):
        feature = ProfileFeature.objects.create(
            panel=panel, key=key, label=key.title(), question=f"Your {key}?", order=order
        )
        for position, (value, share) in enumerate(values.items()):
            ProfileValue.objects.create(
                feature=feature, value=value, label=value, share=share, order=position
            )
    return panel


_counter = iter(range(1, 10**9))


def make_member(panel: Panel, profile: dict[str, str], **fields: Any) -> Member:
    """An active member with an email address unless ``fields`` say otherwise."""
    number = next(_counter)
    values: dict[str, Any] = {
        "panel": panel,
        "pseudonym": f"P{number:06d}",
        "name": f"Resident {number}",
        "email": f"resident{number}@example.org",
        "postal_address": f"{number} High Street\nCalderbrook\nCB1 {number % 10}AA",
        "profile": profile,
        "source": Member.Source.STAFF,
        "consented_at": timezone.now(),
        "privacy_notice_version": 1,
        "manage_token_hash": f"{number:064d}",
        **fields,
    }
    return Member.objects.create(**values)


def make_members(panel: Panel, groups: Iterable[tuple[dict[str, str], int]]) -> list[Member]:
    """``count`` members with each profile."""
    return [make_member(panel, profile) for profile, count in groups for _ in range(count)]


def make_survey(organisation: Organisation, actor: Membership, *, ready: bool = True) -> Survey:
    """A survey with a single-choice question first, then multiple, number, free text, grid."""
    survey = Survey.objects.create(
        organisation=organisation,
        title="Sharing data for social care",
        status=Survey.Status.READY if ready else Survey.Status.DRAFT,
        created_by=actor.user,
    )
    yes_no = [{"value": "yes", "label": "Yes"}, {"value": "no", "label": "No"}]
    SurveyQuestion.objects.create(
        survey=survey, order=0, kind="single", text="Should the council share?", choices=yes_no
    )
    SurveyQuestion.objects.create(
        survey=survey,
        order=1,
        kind="multiple",
        text="Which safeguards matter?",
        choices=[{"value": "audit", "label": "Audit"}, {"value": "consent", "label": "Consent"}],
    )
    SurveyQuestion.objects.create(survey=survey, order=2, kind="number", text="How many?")
    SurveyQuestion.objects.create(survey=survey, order=3, kind="free_text", text="Anything else?")
    SurveyQuestion.objects.create(
        survey=survey,
        order=4,
        kind="grid",
        text="How far do you agree?",
        choices=yes_no,
        rows=[{"value": "fair", "label": "It is fair"}],
    )
    return survey


def questions(survey: Survey) -> list[SurveyQuestion]:
    return list(survey.questions.order_by("order"))


def make_wave(panel: Panel, survey: Survey, actor: Membership, **fields: Any) -> Wave:
    """A draft wave closing in 14 days, with reminders 7 and 2 days before."""
    values: dict[str, Any] = {
        "panel": panel,
        "survey": survey,
        "name": "Wave 1",
        "seed": "published-seed",
        "closes_at": timezone.now() + datetime.timedelta(days=14),
        "reminder_days": [7, 2],
        "created_by": actor.user,
        **fields,
    }
    return Wave.objects.create(**values)


def submit(invitation: Invitation, answers: dict[str, Any]) -> Response:
    """A submitted response with ``answers`` (question ids as text)."""
    return Response.objects.create(
        invitation=invitation, answers=answers, submitted_at=timezone.now()
    )


def test_make_panel_has_margins_summing_to_one(
    organisation: Organisation, administrator: Membership
) -> None:
    panel = make_panel(organisation, administrator)
    shares = {
        feature.key: sum(float(value.share) for value in feature.values.all())
        for feature in panel.features.all()
    }
    assert shares == {"age": pytest.approx(1.0), "sex": pytest.approx(1.0)}


def test_make_members_gives_unique_pseudonyms(
    organisation: Organisation, administrator: Membership
) -> None:
    panel = make_panel(organisation, administrator)
    members = make_members(panel, [({"age": "65+", "sex": "male"}, 3)])
    assert len({member.pseudonym for member in members}) == 3
