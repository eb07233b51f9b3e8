"""A juror's own pages by their secret link: what they show, who can open them, and what a
juror can do there (access needs, expenses, questions, secret ballots)."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.test import Client

from publicbenefit.accounts.tests.helpers import error_summary, page_heading
from publicbenefit.juries.models import Ballot, BallotCast, ExpenseClaim, Juror, Recommendation
from publicbenefit.juries.services.process_juror import (
    ballot_cast,
    expense_claim_submit,
    question_ask,
)
from publicbenefit.juries.tests.factories import (
    EvidenceItemFactory,
    JurorFactory,
    JurySessionFactory,
    RecommendationFactory,
    WitnessFactory,
)

pytestmark = pytest.mark.django_db


def home(juror):
    return f"/jury/juror/{juror.token}/"


@pytest.fixture
def voting(jury):
    return RecommendationFactory(jury=jury, status=Recommendation.Status.VOTING)


def test_the_page_shows_the_charge_schedule_and_evidence_and_is_never_cached(jury, juror):
    session = JurySessionFactory(jury=jury, location="Calderbrook Library")
    witness = WitnessFactory(jury=jury, name="Dr Ama Mensah")
    session.items.create(starts_at="11:00", title="How the model works", witness=witness)
    EvidenceItemFactory(jury=jury, title="Briefing on early help")

    response = Client().get(home(juror))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert jury.charge_question in page
    assert "Calderbrook Library" in page
    assert "How the model works" in page
    assert "Dr Ama Mensah" in page
    assert "Briefing on early help" in page
    assert juror.volunteer.pseudonym in page
    assert "<script" not in page.split('id="main-content"')[1].split("</main>")[0]


@pytest.mark.parametrize("token", ["juror-token-0-" + "x" * 29 + "y", "nonsense", "a" * 43])
def test_an_altered_or_unknown_link_is_page_not_found(juror, token):
    response = Client().get(f"/jury/juror/{token}/")
    assert response.status_code == 404
    assert page_heading(response.content) == "Page not found"


def test_a_juror_who_dropped_out_can_no_longer_open_their_page(juror):
    Juror.objects.filter(pk=juror.pk).update(status=Juror.Status.DROPPED)
    assert Client().get(home(juror)).status_code == 404
    assert Client().get(home(juror) + "expenses/").status_code == 404


def test_a_juror_updates_their_access_needs(juror):
    response = Client().post(home(juror) + "access/", {"access_needs": " Hearing loop please "})
    assert response.status_code == 302
    juror.volunteer.refresh_from_db()
    assert juror.volunteer.access_needs == "Hearing loop please"
    assert "Hearing loop please" in Client().get(home(juror)).content.decode()


def test_a_juror_claims_expenses_and_sees_the_claim_and_its_status(juror):
    response = Client().post(
        home(juror) + "expenses/", {"description": "Bus fare", "amount": "4.50"}
    )
    assert response.status_code == 302
    claim = ExpenseClaim.objects.get(juror=juror)
    assert (claim.amount, claim.status) == (Decimal("4.50"), ExpenseClaim.Status.SUBMITTED)
    page = Client().get(home(juror)).content.decode()
    assert "Bus fare" in page
    assert "£4.50" in page
    assert "Submitted" in page


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("", "Enter the amount"),
        ("four", "Amount must be a number, like 4.50"),
        ("0", "Amount must be more than £0"),
        ("-3", "Amount must be more than £0"),
        ("1000.01", "Amount must be £1,000 or less. Contact the organisers about larger costs"),
        ("4.505", "Amount must be in pounds and pence, like 4.50"),
    ],
)
def test_a_bad_amount_is_refused_with_a_message(juror, amount, message):
    response = Client().post(home(juror) + "expenses/", {"description": "Taxi", "amount": amount})
    assert response.status_code == 200
    assert error_summary(response.content) == [message]
    assert not ExpenseClaim.objects.exists()


def test_a_juror_asks_a_witness_a_question(jury, juror):
    witness = WitnessFactory(jury=jury, name="Sam Patel")
    response = Client().post(
        home(juror) + "questions/", {"witness": witness.pk, "question": "Who sees the scores?"}
    )
    assert response.status_code == 302
    question = jury.questions.get()
    assert (question.witness, question.asked_by) == (witness, juror)
    assert "Who sees the scores?" in Client().get(home(juror)).content.decode()


def test_a_question_to_another_jurys_witness_is_refused(juror):
    other = WitnessFactory()
    response = Client().post(home(juror) + "questions/", {"witness": other.pk, "question": "Why?"})
    assert error_summary(response.content) == ["Select a witness from the list"]
    with pytest.raises(ValidationError):
        question_ask(juror=juror, question="Why?", witness=other)


def test_a_juror_votes_once_in_secret(jury, juror, voting):
    assert "Vote on this recommendation" in Client().get(home(juror)).content.decode()
    response = Client().post(home(juror) + f"vote/{voting.pk}/", {"choice": "for"})
    assert response.status_code == 302

    assert list(Ballot.objects.values_list("choice", flat=True)) == ["for"]
    assert BallotCast.objects.filter(juror=juror, recommendation=voting).count() == 1
    assert not any(field.name == "juror" for field in Ballot._meta.get_fields())
    assert isinstance(Ballot.objects.get().pk, uuid.UUID)  # random: no order to match casts to
    assert "You have voted" in Client().get(home(juror)).content.decode()

    again = Client().post(home(juror) + f"vote/{voting.pk}/", {"choice": "against"})
    assert error_summary(again.content) == ["You have already voted on this recommendation"]
    assert Ballot.objects.count() == 1


def test_a_second_ballot_is_refused_by_the_service(juror, voting):
    ballot_cast(juror=juror, recommendation=voting, choice="against")
    with pytest.raises(ValidationError) as refused:
        ballot_cast(juror=juror, recommendation=voting, choice="for")
    assert refused.value.messages == ["You have already voted on this recommendation"]
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize("status", [Recommendation.Status.DRAFT, Recommendation.Status.CLOSED])
def test_a_vote_that_is_not_open_is_refused(jury, juror, status):
    recommendation = RecommendationFactory(jury=jury, status=status)
    with pytest.raises(ValidationError) as refused:
        ballot_cast(juror=juror, recommendation=recommendation, choice="for")
    assert refused.value.messages == ["Voting on this recommendation is closed"]
    response = Client().post(home(juror) + f"vote/{recommendation.pk}/", {"choice": "for"})
    assert "Voting on this recommendation is closed" in error_summary(response.content)
    assert not Ballot.objects.exists()
    assert not BallotCast.objects.exists()


def test_a_bad_choice_and_another_jurys_recommendation_are_refused(juror, voting):
    response = Client().post(home(juror) + f"vote/{voting.pk}/", {"choice": "maybe"})
    assert response.status_code == 200
    assert len(error_summary(response.content)) == 1
    assert not Ballot.objects.exists()
    other = RecommendationFactory(status=Recommendation.Status.VOTING)
    assert Client().get(home(juror) + f"vote/{other.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        ballot_cast(juror=juror, recommendation=other, choice="for")


def test_a_dropped_juror_cannot_act(jury, voting):
    juror = JurorFactory(jury=jury, status=Juror.Status.DROPPED)
    with pytest.raises(PermissionDenied):
        ballot_cast(juror=juror, recommendation=voting, choice="for")
    with pytest.raises(PermissionDenied):
        expense_claim_submit(juror=juror, description="Bus", amount=Decimal(2))


def test_an_evidence_document_downloads_as_an_attachment_never_sniffed(jury, juror):
    item = EvidenceItemFactory(jury=jury, link="")
    item.document.save("briefing.txt", ContentFile(b"The briefing."))
    response = Client().get(home(juror) + f"evidence/{item.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b"The briefing."
    other = EvidenceItemFactory(link="")
    other.document.save("other.txt", ContentFile(b"Other jury."))
    assert Client().get(home(juror) + f"evidence/{other.pk}/").status_code == 404


@pytest.mark.parametrize("page", ["", "access/", "expenses/", "questions/"])
def test_each_juror_page_has_one_heading_and_is_never_cached(juror, page):
    response = Client().get(home(juror) + page)
    assert response.status_code == 200
    assert page_heading(response.content)
    assert "no-store" in response["Cache-Control"]
