"""The demo's jury process: a finished jury from a drawn one, made once."""

import random

import pytest

from publicbenefit.demo.jury_process import demo_jury_process
from publicbenefit.juries.models import Ballot, BallotCast, Jury, JurySession
from publicbenefit.juries.selectors.process import (
    programme_warnings,
    report_due,
    witness_balance,
)
from publicbenefit.juries.tests.factories import JurorFactory

pytestmark = pytest.mark.django_db


def test_the_demo_runs_a_drawn_jury_to_its_published_report_once(lead, jury):
    rng = random.Random(1)  # noqa: S311 (a demo, not a secret)
    for _ in range(18):
        JurorFactory(jury=jury)

    assert demo_jury_process(jury, lead.user, rng) is True

    assert jury.sessions.count() == 4
    assert {session.stage for session in jury.sessions.all()} == set(JurySession.Stage.values)
    assert programme_warnings(jury=jury) == []
    assert jury.witnesses.count() == 4
    assert witness_balance(jury=jury) == []
    assert jury.evidence.count() == 3
    assert jury.questions.exclude(answer="").count() == 3
    assert [r.supported for r in jury.recommendations.all()] == [True, True, False]
    assert Ballot.objects.count() == BallotCast.objects.count() == 3 * 18
    jury = Jury.objects.get(pk=jury.pk)
    assert jury.verdict.published_at is not None
    assert jury.forum.attendees == 86
    due = report_due(jury=jury)
    assert due.published is not None
    assert due.due_from <= due.published <= due.due_by
    assert not due.overdue

    assert demo_jury_process(jury, lead.user, rng) is False
    assert jury.sessions.count() == 4
    assert Ballot.objects.count() == 3 * 18
