"""Recommendations and votes: drafting and reordering, the threshold chosen in advance and
fixed by the first vote, device ballots and paper totals, and closing a vote."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from publicbenefit.accounts.tests.helpers import error_summary
from publicbenefit.juries.models import Jury, Recommendation
from publicbenefit.juries.selectors.process import VoteCount, threshold_met, vote_count
from publicbenefit.juries.services import process_votes as services
from publicbenefit.juries.services.process_juror import ballot_cast
from publicbenefit.juries.tests.factories import JurorFactory

from .conftest import jury_url

pytestmark = pytest.mark.django_db


def count(support, oppose, abstain=0):
    return VoteCount(support=support, oppose=oppose, abstain=abstain, device=0)


@pytest.mark.parametrize(
    ("threshold", "votes", "supported"),
    [
        (Jury.Threshold.CONSENSUS, count(10, 0, 5), True),
        (Jury.Threshold.CONSENSUS, count(10, 1), False),
        (Jury.Threshold.TWO_THIRDS, count(8, 4, 6), True),
        (Jury.Threshold.TWO_THIRDS, count(7, 4), False),
        (Jury.Threshold.MAJORITY, count(6, 5, 7), True),
        (Jury.Threshold.MAJORITY, count(6, 6), False),
        (Jury.Threshold.MAJORITY, count(0, 0, 12), False),
        (Jury.Threshold.CONSENSUS, count(0, 0, 3), False),
    ],
)
def test_the_threshold_counts_votes_cast_without_abstentions(threshold, votes, supported):
    assert threshold_met(threshold=threshold, count=votes) is supported


@pytest.fixture
def many_jurors(jury):
    made = []
    for n in range(6):
        juror = JurorFactory(jury=jury, token=f"many-{n}-" + "z" * 30)
        juror.token = f"many-{n}-" + "z" * 30
        made.append(juror)
    return made


def test_drafting_editing_and_reordering(client_for, lead, jury):
    client = client_for(lead.user)
    for text in ("First", "Second", "Third"):
        client.post(jury_url(jury, "recommendations/add/"), {"text": text})
    first, _second, third = jury.recommendations.all()
    client.post(jury_url(jury, f"recommendations/{third.pk}/move/"), {"direction": "up"})
    assert [r.text for r in jury.recommendations.all()] == ["First", "Third", "Second"]
    client.post(jury_url(jury, f"recommendations/{first.pk}/move/"), {"direction": "up"})
    assert [r.text for r in jury.recommendations.all()] == ["First", "Third", "Second"]
    client.post(jury_url(jury, f"recommendations/{first.pk}/change/"), {"text": "First, reworded"})
    first.refresh_from_db()
    assert first.text == "First, reworded"
    response = client.post(jury_url(jury, "recommendations/add/"), {"text": ""})
    assert error_summary(response.content) == ["Enter the recommendation"]


def test_a_whole_vote_with_devices_and_paper(client_for, lead, jury, many_jurors):
    recommendation = services.recommendation_add(actor=lead, jury=jury, text="Publish the model")
    client = client_for(lead.user)
    client.post(jury_url(jury, f"recommendations/{recommendation.pk}/open/"), {"submit": ""})
    recommendation.refresh_from_db()
    jury.refresh_from_db()
    assert recommendation.status == Recommendation.Status.VOTING
    assert jury.threshold_fixed_at is not None

    for juror, choice in zip(many_jurors[:4], ["for", "for", "against", "abstain"], strict=True):
        assert (
            Client()
            .post(f"/jury/juror/{juror.token}/vote/{recommendation.pk}/", {"choice": choice})
            .status_code
            == 302
        )
    response = client.post(
        jury_url(jury, f"recommendations/{recommendation.pk}/paper/"),
        {"paper_for": "2", "paper_against": "0", "paper_abstain": "0"},
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert vote_count(recommendation=recommendation) == VoteCount(4, 1, 1, 4)

    response = client.post(
        jury_url(jury, f"recommendations/{recommendation.pk}/close/"), {"submit": ""}
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.status == Recommendation.Status.CLOSED
    assert recommendation.supported is True  # 4 of 5 votes cast: more than two-thirds
    results = client.get(jury_url(jury, "results/")).content.decode()
    assert "Supported" in results
    assert "Abstentions are not votes cast" in results

    # Nobody votes after the close.
    late = many_jurors[5]
    with pytest.raises(ValidationError):
        ballot_cast(juror=late, recommendation=recommendation, choice="for")


def test_the_threshold_cannot_change_once_a_vote_has_opened(client_for, lead, jury):
    services.threshold_set(actor=lead, jury=jury, threshold=Jury.Threshold.MAJORITY)
    recommendation = services.recommendation_add(actor=lead, jury=jury, text="R")
    services.vote_open(actor=lead, recommendation=recommendation)
    jury.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.threshold_set(actor=lead, jury=jury, threshold=Jury.Threshold.CONSENSUS)
    assert refused.value.message_dict == {
        "threshold": ["The support needed cannot change once voting has started"]
    }
    response = client_for(lead.user).post(
        jury_url(jury, "recommendations/threshold/"), {"threshold": "consensus"}
    )
    assert error_summary(response.content) == [
        "The support needed cannot change once voting has started"
    ]
    jury.refresh_from_db()
    assert jury.threshold == Jury.Threshold.MAJORITY


def test_a_recommendation_put_to_a_vote_cannot_change(lead, jury):
    recommendation = services.recommendation_add(actor=lead, jury=jury, text="R")
    services.vote_open(actor=lead, recommendation=recommendation)
    with pytest.raises(ValidationError):
        services.recommendation_update(actor=lead, recommendation=recommendation, text="New")
    with pytest.raises(ValidationError):
        services.recommendation_remove(actor=lead, recommendation=recommendation)
    with pytest.raises(ValidationError):
        services.vote_open(actor=lead, recommendation=recommendation)


def test_a_vote_cannot_close_empty_or_twice_and_paper_needs_an_open_vote(lead, jury, jurors):
    recommendation = services.recommendation_add(actor=lead, jury=jury, text="R")
    with pytest.raises(ValidationError):
        services.paper_totals_record(
            actor=lead, recommendation=recommendation, paper_for=1, paper_against=0, paper_abstain=0
        )
    services.vote_open(actor=lead, recommendation=recommendation)
    with pytest.raises(ValidationError) as refused:
        services.vote_close(actor=lead, recommendation=recommendation)
    assert refused.value.messages == ["Nobody has voted yet: enter the paper votes first"]
    with pytest.raises(ValidationError) as refused:
        services.paper_totals_record(
            actor=lead, recommendation=recommendation, paper_for=3, paper_against=1, paper_abstain=0
        )
    assert "more votes than serving jurors (3)" in refused.value.message_dict["paper_for"][0]
    services.paper_totals_record(
        actor=lead, recommendation=recommendation, paper_for=1, paper_against=2, paper_abstain=0
    )
    closed = services.vote_close(actor=lead, recommendation=recommendation)
    assert closed.supported is False
    with pytest.raises(ValidationError):
        services.vote_close(actor=lead, recommendation=closed)


def test_negative_paper_votes_are_refused_on_the_page(client_for, lead, jury):
    recommendation = services.recommendation_add(actor=lead, jury=jury, text="R")
    services.vote_open(actor=lead, recommendation=recommendation)
    response = client_for(lead.user).post(
        jury_url(jury, f"recommendations/{recommendation.pk}/paper/"),
        {"paper_for": "-1", "paper_against": "x", "paper_abstain": ""},
    )
    assert error_summary(response.content) == [
        "Enter a whole number, 0 or more",
        "Enter a whole number, 0 or more",
        "Enter the number who abstained, or 0",
    ]


def test_only_the_lead_of_the_organisation_runs_votes(viewer, outsider, lead, jury):
    recommendation = services.recommendation_add(actor=lead, jury=jury, text="R")
    for actor in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            services.vote_open(actor=actor, recommendation=recommendation)
        with pytest.raises(PermissionDenied):
            services.recommendation_add(actor=actor, jury=jury, text="R")
