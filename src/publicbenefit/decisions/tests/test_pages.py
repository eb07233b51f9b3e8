"""The decision pages: what each shows, what each changes, who may open them (403 for a role
that may not change the decision, 404 for another organisation), and the clear message when a
published decision would change."""

import datetime

import pytest
from django.urls import reverse

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory
from publicbenefit.decisions import selectors, services
from publicbenefit.decisions.models import Decision, Outcome
from publicbenefit.decisions.tests.conftest import DRAFT
from publicbenefit.dialogues.tests.factories import DialogueFactory, HostFactory
from publicbenefit.proposals.models import Status

pytestmark = pytest.mark.django_db


def url(name, proposal, **kwargs):
    return reverse(
        f"decisions:{name}",
        kwargs={"organisation": proposal.organisation.slug, "pk": proposal.pk, **kwargs},
    )


def _date_fields(name, value):
    return {f"{name}_0": value.day, f"{name}_1": value.month, f"{name}_2": value.year}


def _draft_form(**changes):
    data = {**DRAFT, **changes}
    return {
        "outcome": data["outcome"],
        "rationale": data["rationale"],
        "decision_maker": data["decision_maker"],
        **_date_fields("decided_on", data["decided_on"]),
        **_date_fields("review_date", data["review_date"]),
        "public_summary": data["public_summary"],
        "public_summary_cy": "",
    }


@pytest.fixture
def client(assessor, client_for):
    return client_for(assessor.user)


def test_the_proposal_page_links_to_the_decision(informed, client):
    response = client.get(
        reverse(
            "proposals:detail",
            kwargs={"organisation": informed.organisation.slug, "pk": informed.pk},
        )
    )
    assert url("detail", informed).encode() in response.content


def test_recording_a_draft_then_publishing_it(informed, client):
    page = client.get(url("detail", informed))
    assert b"No decision has been recorded yet" in page.content

    form = client.get(url("draft", informed))
    assert form.status_code == 200
    assert b"reading age of 9 to 11" in form.content

    response = client.post(url("draft", informed), _draft_form())
    assert response.status_code == 302
    decision = Decision.objects.get(proposal=informed)

    form = client.get(url("draft", informed))
    assert b"reading age of about" in form.content
    assert b"does not stop you publishing" in form.content

    page = client.get(url("detail", informed))
    assert b"Draft: version 1" in page.content
    assert url("publish", informed).encode() in page.content

    confirm = client.get(url("publish", informed))
    assert b"Publishing decides the proposal" in confirm.content
    response = client.post(url("publish", informed))
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.is_published

    page = client.get(url("detail", informed))
    assert b"The decision in force: version 1" in page.content
    assert url("amend", informed).encode() in page.content
    assert url("review_start", informed).encode() in page.content


def test_bad_draft_input_shows_the_messages_and_saves_nothing(informed, client):
    response = client.post(url("draft", informed), _draft_form(decision_maker="", outcome=""))
    assert response.status_code == 200
    assert b"Enter who decided" in response.content
    assert b"Select the outcome" in response.content
    response = client.post(
        url("draft", informed),
        _draft_form(review_date=DRAFT["decided_on"] - datetime.timedelta(days=3)),
    )
    assert b"The review date must be after the date of the decision" in response.content
    assert not Decision.objects.exists()


def test_publishing_shows_every_missing_item_together(informed, assessor, client):
    services.decision_draft_create(
        actor=assessor,
        proposal=informed,
        **{
            **DRAFT,
            "outcome": Outcome.GO_AHEAD_WITH_CONDITIONS,
            "rationale": "",
            "public_summary": "",
        },
    )
    page = client.get(url("detail", informed))
    assert b"Before it can be published" in page.content
    assert url("publish", informed).encode() not in page.content

    response = client.post(url("publish", informed))
    assert response.status_code == 200
    for text in (b"rationale", b"at least one condition", b"summary for the public"):
        assert text in response.content
    assert b"govuk-error-summary" in response.content
    assert not Decision.objects.get(proposal=informed).is_published


def test_conditions_are_added_moved_and_removed(draft, client):
    proposal = draft.proposal
    client.post(url("conditions", proposal), {"text": "First"})
    client.post(url("conditions", proposal), {"text": "Second"})
    second = draft.conditions.get(text="Second")
    client.post(url("condition_move", proposal, condition_pk=second.pk), {"direction": "up"})
    assert list(draft.conditions.values_list("text", flat=True)) == ["Second", "First"]
    page = client.get(url("conditions", proposal))
    assert b"1. Second" in page.content
    client.post(url("condition_remove", proposal, condition_pk=second.pk))
    assert list(draft.conditions.values_list("text", flat=True)) == ["First"]
    response = client.post(url("conditions", proposal), {"text": ""})
    assert b"Enter the condition" in response.content


def test_evidence_is_linked_from_the_candidates(deliberate, plan, assessor, client):
    decision = services.decision_draft_create(actor=assessor, proposal=deliberate, **DRAFT)
    condition = services.condition_add(actor=assessor, decision=decision, text="Delete it.")
    page = client.get(url("evidence", deliberate))
    assert b"Engagement report" in page.content
    assert plan.report_summary.encode() in page.content
    source = f"plan:{plan.pk}"
    add = url("evidence_add", deliberate) + f"?source={source}"
    form = client.get(add)
    assert b"1.1: " in form.content  # questions by their text
    assert b"Delete it." in form.content

    response = client.post(add, {"question_ids": []})
    assert b"Select the framework questions" in response.content
    response = client.post(add, {"question_ids": ["1.1"], "condition_ids": [condition.pk]})
    assert response.status_code == 302
    link = decision.evidence.get()
    assert list(link.conditions.all()) == [condition]

    page = client.get(url("detail", deliberate))
    assert b"Informed the framework questions" in page.content
    assert b"Led to the conditions" in page.content
    client.post(url("evidence_remove", deliberate, link_pk=link.pk))
    assert not decision.evidence.exists()
    assert client.get(url("evidence_add", deliberate) + "?source=plan:0").status_code == 404
    without = client.get(url("evidence_add", deliberate))
    assert without.status_code == 302
    assert without["Location"] == url("evidence", deliberate)


def test_amending_and_the_published_message(published, client):
    proposal = published.proposal
    # There is no draft to change: the page says why, and nothing changes.
    response = client.get(url("conditions", proposal), follow=True)
    assert b"published and cannot change" in response.content
    response = client.post(url("conditions", proposal), {"text": "Sneaked"}, follow=True)
    assert b"published and cannot change" in response.content
    assert not published.conditions.exists()

    response = client.post(url("amend", proposal), {"reason": ""})
    assert b"Enter why the decision is amended" in response.content
    response = client.post(url("amend", proposal), {"reason": "The retention changed."})
    assert response.status_code == 302
    page = client.get(url("detail", proposal))
    assert b"Draft: version 2" in page.content
    assert b"Amends version 1" in page.content
    response = client.post(url("publish", proposal))
    assert response.status_code == 302
    page = client.get(url("detail", proposal))
    assert b"The decision in force: version 2" in page.content
    assert b"Earlier versions" in page.content
    assert b"Version 1, published" in page.content


def test_the_decision_page_counts_who_was_told_and_who_needs_a_letter(
    draft, assessor, client, django_capture_on_commit_callbacks
):
    dialogue = DialogueFactory(organisation=draft.proposal.organisation, proposal=draft.proposal)
    HostFactory(dialogue=dialogue, hear_back=True, email="asked@example.org")
    HostFactory(dialogue=dialogue, hear_back=True, email="")
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_publish(actor=assessor, decision=draft)

    page = client.get(url("detail", draft.proposal)).content.decode()

    assert "Emailed: 1. Waiting to send: 0. Bounced: 0." in page
    assert "1 person who asked to hear back has no email address" in page
    assert "asked@example.org" not in page


def test_starting_a_review_and_seeing_what_changed(published, client):
    proposal = published.proposal
    assert client.get(url("review_start", proposal)).status_code == 200
    response = client.post(url("review_start", proposal))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_REVIEW

    page = client.get(url("changes", proposal))
    assert b"What changed since the decision" in page.content
    assert b"No answer has changed since the decision" in page.content
    reviews = client.get(
        reverse("decisions:review_list", kwargs={"organisation": proposal.organisation.slug})
    )
    assert proposal.title.encode() in reviews.content
    assert b"Started" in reviews.content


@pytest.mark.parametrize("role", [Role.PROPOSER, Role.VIEWER, Role.ENGAGEMENT_LEAD])
def test_members_who_may_not_decide_read_but_cannot_change(draft, organisation, role, client_for):
    member = MembershipFactory(organisation=organisation, role=role)
    client = client_for(member.user)
    proposal = draft.proposal
    assert client.get(url("detail", proposal)).status_code == 200
    for name in ("draft", "conditions", "evidence", "publish"):
        assert client.get(url(name, proposal)).status_code == 403, name
        assert client.post(url(name, proposal)).status_code == 403, name
    assert client.post(url("condition_remove", proposal, condition_pk=1)).status_code == 403
    assert not selectors.decision_in_force(proposal)


@pytest.mark.parametrize(
    "name",
    [
        "detail",
        "draft",
        "conditions",
        "evidence",
        "evidence_add",
        "publish",
        "amend",
        "review_start",
        "changes",
    ],
)
def test_another_organisations_decision_is_not_found(published, name, client_for):
    outsider = MembershipFactory(role=Role.ADMINISTRATOR)
    client = client_for(outsider.user)
    proposal = published.proposal
    path = reverse(
        f"decisions:{name}",
        kwargs={"organisation": outsider.organisation.slug, "pk": proposal.pk},
    )
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    # And through the victim's own slug: not a member.
    assert client.get(url(name, proposal)).status_code == 404


def test_the_reviews_list_does_not_show_another_organisations(published, client_for):
    outsider = MembershipFactory(role=Role.ADMINISTRATOR)
    response = client_for(outsider.user).get(
        reverse("decisions:review_list", kwargs={"organisation": outsider.organisation.slug})
    )
    assert response.status_code == 200
    assert published.proposal.title.encode() not in response.content
