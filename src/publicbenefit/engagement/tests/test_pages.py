"""The engagement pages: screening, the plan's constraints, the chooser's recommendation and the
choice, the plan's parts, the timing guard on the status page, and the question bank."""

import datetime

import pytest
from django.utils import timezone

from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.engagement import services
from publicbenefit.engagement.models import (
    EngagementPlan,
    Milestone,
    OrganisationQuestion,
    PlanGroup,
    PlanQuestion,
    Screening,
    TimingOverride,
)
from publicbenefit.proposals.models import Status

pytestmark = pytest.mark.django_db

RISKY = {
    "special_category_data": "no",
    "criminal_offence_data": "no",
    "childrens_data": "yes",
    "links_datasets": "yes",
    "individual_predictive_modelling": "yes",
    "automated_decisions": "supports_a_person",
    "targets_at_risk_groups": "yes",
    "stigma_risk": "yes",
    "without_consent": "yes",
    "punitive_use": "no",
    "people_affected": "12000",
    "new_technology": "no",
    "incompatible_purpose": "no",
}
SAFE = {
    **dict.fromkeys(RISKY, "no"),
    "automated_decisions": "none",
    "people_affected": "",
}


def _url(member, proposal, suffix=""):
    return f"/o/{member.organisation.slug}/proposals/{proposal.pk}/engagement/{suffix}"


def _date_fields(name, day):
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _constraints(start, weeks=20, budget="65000", **extra):
    return {
        **_date_fields("starts_on", start),
        **_date_fields("decision_by", start + datetime.timedelta(weeks=weeks)),
        "budget": budget,
        "population": "12000",
        "representative": "yes",
        "group_to_hear": "Families with young children",
        "control": "some",
        "panel_exists": "no",
        **extra,
    }


@pytest.fixture
def lead(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ENGAGEMENT_LEAD)


@pytest.fixture
def lead_client(client_for, lead):
    return client_for(lead.user)


@pytest.fixture
def planned(lead, lead_client, proposal):
    """The proposal screened at "deliberate", its constraints set and the recommended option
    (Citizens' Panel + Citizens' Jury) chosen, through the pages."""
    lead_client.post(_url(lead, proposal, "screening/"), RISKY)
    lead_client.post(_url(lead, proposal, "constraints/"), _constraints(timezone.localdate()))
    lead_client.post(_url(lead, proposal, "choose/"), {"option": "panel_and_jury"})
    return proposal


def test_screening_fills_in_what_the_proposal_says_and_explains_the_depth(
    lead, lead_client, proposal
):
    proposal.predictive_modelling = True
    proposal.save()
    page = lead_client.get(_url(lead, proposal, "screening/"))
    assert page.status_code == 200
    assert "The proposal&#x27;s record says: Yes." in page.text
    refused = lead_client.post(_url(lead, proposal, "screening/"), {})
    assert "Select an answer: Could being identified carry stigma" in refused.text
    assert not Screening.objects.exists()

    response = lead_client.post(_url(lead, proposal, "screening/"), RISKY)
    assert response.status_code == 302
    screening = Screening.objects.get()
    assert screening.minimum_depth == "deliberate"
    assert screening.dpia_required
    overview = lead_client.get(_url(lead, proposal))
    assert "Minimum depth: Deliberate" in overview.text
    assert "A DPIA is required" in overview.text
    assert "Should predictive modelling at individual level be used (even if highly secure)?" in (
        overview.text.replace("&#x27;", "'").replace("&quot;", '"')
    )
    assert "individual predictive modelling: yes" in overview.text


def test_a_proposal_with_no_risks_needs_only_to_inform(lead, lead_client, proposal):
    lead_client.post(_url(lead, proposal, "screening/"), SAFE)
    overview = lead_client.get(_url(lead, proposal))
    assert "Minimum depth: Inform" in overview.text
    assert "No rule fired" in overview.text
    assert "screening does not require the public to take part" in overview.text


def test_the_recommendation_quotes_the_source_and_the_lead_takes_it(lead, lead_client, proposal):
    lead_client.post(_url(lead, proposal, "screening/"), RISKY)
    overview = lead_client.get(_url(lead, proposal))
    assert "Plan the engagement" in overview.text
    response = lead_client.post(
        _url(lead, proposal, "constraints/"), _constraints(timezone.localdate())
    )
    assert response["Location"].endswith("/engagement/choose/")
    page = lead_client.get(_url(lead, proposal, "choose/"))
    assert "Recommended: Citizens&#x27; Panel + Citizens&#x27; Jury" in page.text
    assert "Allows you to target specific groups if large enough;" in page.text
    # The trade-off the recommendation made, quoting the cons it accepts.
    assert "The trade-off" in page.text
    assert "Can exclude non-native speakers;" in page.text
    assert "Ruled out" in page.text
    lead_client.post(_url(lead, proposal, "choose/"), {"option": "panel_and_jury"})
    plan = EngagementPlan.objects.get()
    assert plan.option_id == "panel_and_jury"
    assert plan.override_reason == ""
    assert plan.milestones.count() == 6
    assert plan.groups.get().name == "Families with young children"
    overview = lead_client.get(_url(lead, proposal))
    assert "the recommended option" in overview.text
    assert "Estimated total £60,900 against a budget of £65,000." in overview.text


def test_another_option_needs_a_reason_which_the_plan_shows(lead, lead_client, planned):
    refused = lead_client.post(_url(lead, planned, "choose/"), {"option": "citizens_jury"})
    assert "Enter the reason for choosing this option over" in refused.text
    assert EngagementPlan.objects.get().option_id == "panel_and_jury"
    lead_client.post(
        _url(lead, planned, "choose/"),
        {"option": "citizens_jury", "reason": "A jury is what the cabinet member asked for."},
    )
    plan = EngagementPlan.objects.get()
    assert plan.option_id == "citizens_jury"
    assert plan.breaks
    overview = lead_client.get(_url(lead, planned))
    assert "A jury is what the cabinet member asked for." in overview.text
    assert "It breaks these constraints:" in overview.text


def test_constraints_that_rule_out_every_method_are_explained(lead, lead_client, proposal):
    lead_client.post(_url(lead, proposal, "screening/"), RISKY)
    lead_client.post(
        _url(lead, proposal, "constraints/"),
        _constraints(timezone.localdate(), weeks=2, budget="1000"),
    )
    page = lead_client.get(_url(lead, proposal, "choose/"))
    assert page.status_code == 200
    assert "No method or mix fits these constraints." in page.text
    for name in ("Citizens&#x27; Jury", "Citizens&#x27; Panel", "Distributed Dialogue"):
        assert name in page.text
    assert page.text.count("<strong>Time</strong>") == 6
    assert page.text.count("<strong>Budget</strong>") == 6


def test_constraints_are_checked(lead, lead_client, proposal):
    lead_client.post(_url(lead, proposal, "screening/"), RISKY)
    today = timezone.localdate()
    refused = lead_client.post(
        _url(lead, proposal, "constraints/"),
        {**_constraints(today), **_date_fields("decision_by", today), "budget": "-5"},
    )
    assert "The decision point must be after the start date" in refused.text
    assert "The budget must be £0 or more" in refused.text
    assert not EngagementPlan.objects.exists()


def test_the_lead_tailors_questions_and_changes_the_plan(lead, lead_client, planned):
    pick = lead_client.get(_url(lead, planned, "questions/add/"))
    assert (
        "Testing individual projects: what are the intended actions \u2013 do the public want it?"
        in (pick.text)
    )
    form = lead_client.get(_url(lead, planned, "questions/add/P1/"))
    assert "Fill in {purpose}" in form.text
    refused = lead_client.post(
        _url(lead, planned, "questions/add/P1/"),
        {"data": "school records", "purpose": "", "organisation": "The council", "method_id": ""},
    )
    assert "Enter a value for {purpose}" in refused.text
    lead_client.post(
        _url(lead, planned, "questions/add/P1/"),
        {
            "data": "school records",
            "purpose": "offer early help",
            "organisation": "The council",
            "method_id": "citizens_jury",
        },
    )
    question = PlanQuestion.objects.get()
    assert question.text == (
        "The council intends to use school records to offer early help "
        "\u2013 do the public want it?"
    )
    assert question.bank_question_id == "P1"
    assert question.method_id == "citizens_jury"

    lead_client.post(
        _url(lead, planned, "groups/add/"), {"name": "Young carers", "target": "12", "how": ""}
    )
    assert PlanGroup.objects.filter(name="Young carers", target=12).exists()
    lead_client.post(
        _url(lead, planned, "milestones/add/"),
        {"title": "Results published", **_date_fields("due_on", timezone.localdate())},
    )
    assert Milestone.objects.filter(title="Results published").exists()

    costs = lead_client.get(_url(lead, planned, "costs/"))
    assert "Citizens&#x27; Jury: jurors" in costs.text
    refused = lead_client.post(_url(lead, planned, "costs/"), {"citizens_jury__jurors": "-1"})
    assert "must be 0 or more" in refused.text
    figures = _initial_cost_figures(costs.context["form"])
    figures["citizens_jury__jurors"] = "24"
    lead_client.post(_url(lead, planned, "costs/"), figures)
    assert EngagementPlan.objects.get().cost_overrides == {"citizens_jury": {"jurors": "24"}}

    overview = lead_client.get(_url(lead, planned))
    assert "The council intends to use school records to offer early help" in overview.text
    assert "Young carers" in overview.text
    assert "changed" in overview.text
    for model in (PlanQuestion, PlanGroup, Milestone):
        item = model.objects.order_by("-pk").first()
        name = {PlanQuestion: "questions", PlanGroup: "groups", Milestone: "milestones"}[model]
        lead_client.post(_url(lead, planned, f"{name}/{item.pk}/remove/"))
        assert not model.objects.filter(pk=item.pk).exists()


def _initial_cost_figures(form):
    return {name: str(form.fields[name].initial) for name in form.figures}


def test_a_viewer_reads_the_plan_but_changes_nothing(client_for, viewer, planned):
    client = client_for(viewer.user)
    overview = client.get(_url(viewer, planned))
    assert overview.status_code == 200
    assert "Citizens&#x27; Panel + Citizens&#x27; Jury" in overview.text
    assert "Add a group" not in overview.text
    assert "Screen again" not in overview.text
    assert client.get(_url(viewer, planned, "choose/")).status_code == 200
    for suffix in ("screening/", "constraints/", "groups/add/", "costs/", "report/"):
        assert client.post(_url(viewer, planned, suffix), {}).status_code == 403
    assert client.post(
        _url(viewer, planned, "choose/"), {"option": "citizens_jury"}
    ).status_code == (403)


def test_another_organisation_cannot_see_the_plan(client_for, planned):
    stranger = MembershipFactory(organisation=OrganisationFactory(), role=Role.ADMINISTRATOR)
    client = client_for(stranger.user)
    assert client.get(_url(stranger, planned)).status_code == 404
    assert client.get(_url(stranger, planned, "plan.pdf")).status_code == 404


def test_the_timing_guard_holds_a_decision_until_the_engagement_reports(
    client_for, lead, lead_client, assessor, planned
):
    planned.status = Status.UNDER_ENGAGEMENT
    planned.save()
    status_url = f"/o/{assessor.organisation.slug}/proposals/{planned.pk}/status/"
    client = client_for(assessor.user)
    refused = client.post(status_url, {"to_status": Status.DECIDED})
    assert "has not reported" in refused.text
    planned.refresh_from_db()
    assert planned.status == Status.UNDER_ENGAGEMENT
    overview = lead_client.get(_url(lead, planned))
    assert "Not yet." in overview.text

    future = timezone.localdate() + datetime.timedelta(days=1)
    refused = lead_client.post(
        _url(lead, planned, "report/"), {**_date_fields("reported_on", future), "summary": "x"}
    )
    assert "The report date must be today or in the past" in refused.text
    lead_client.post(
        _url(lead, planned, "report/"),
        {
            **_date_fields("reported_on", timezone.localdate()),
            "summary": "The jury accepted the share with conditions.",
        },
    )
    assert "Yes: the engagement has reported." in lead_client.get(_url(lead, planned)).text
    client.post(status_url, {"to_status": Status.DECIDED})
    planned.refresh_from_db()
    assert planned.status == Status.DECIDED


def test_an_administrator_can_override_the_timing_guard_with_a_reason(
    client_for, lead, assessor, administrator, planned
):
    planned.status = Status.UNDER_ENGAGEMENT
    planned.save()
    assert client_for(lead.user).get(_url(lead, planned, "timing-override/")).status_code == 403
    client = client_for(administrator.user)
    page = client.get(_url(administrator, planned, "timing-override/"))
    assert "has not reported" in page.text
    refused = client.post(_url(administrator, planned, "timing-override/"), {"reason": " "})
    assert "Enter why the decision cannot wait" in refused.text
    assert not TimingOverride.objects.exists()
    client.post(
        _url(administrator, planned, "timing-override/"),
        {"reason": "A court order sets the date."},
    )
    assert "A court order sets the date." in client.get(_url(administrator, planned)).text
    status_url = f"/o/{assessor.organisation.slug}/proposals/{planned.pk}/status/"
    client_for(assessor.user).post(status_url, {"to_status": Status.DECIDED})
    planned.refresh_from_db()
    assert planned.status == Status.DECIDED


def test_an_unscreened_proposal_cannot_be_decided(client_for, assessor, proposal):
    proposal.status = Status.UNDER_ASSESSMENT
    proposal.save()
    status_url = f"/o/{assessor.organisation.slug}/proposals/{proposal.pk}/status/"
    refused = client_for(assessor.user).post(status_url, {"to_status": Status.DECIDED})
    assert "has not been screened for public engagement" in refused.text
    proposal.refresh_from_db()
    assert proposal.status == Status.UNDER_ASSESSMENT


def test_the_question_bank_lists_the_report_and_takes_the_organisations_own(
    client_for, lead, lead_client, viewer
):
    bank_url = f"/o/{lead.organisation.slug}/question-bank/"
    page = lead_client.get(bank_url)
    assert "Do the public recognise that the specific issue is one to be addressed?" in page.text
    refused = lead_client.post(
        bank_url + "add/", {"theme_id": "purpose", "text": "Q?", "template": "{who} trusts?"}
    )
    assert "it uses {who}" in refused.text
    assert not OrganisationQuestion.objects.exists()
    lead_client.post(
        bank_url + "add/",
        {
            "theme_id": "acceptability",
            "text": "Would residents trust the council with this data?",
            "template": "Would {group} trust {organisation} with {data}?",
            "informs": ["3.3", "5.1"],
        },
    )
    own = OrganisationQuestion.objects.get()
    assert own.informs == ["3.3", "5.1"]
    assert "Would residents trust the council with this data?" in lead_client.get(bank_url).text
    viewer_client = client_for(viewer.user)
    assert "Add a question" not in viewer_client.get(bank_url).text
    assert viewer_client.post(bank_url + f"{own.pk}/remove/").status_code == 403
    lead_client.post(bank_url + f"{own.pk}/remove/")
    assert not OrganisationQuestion.objects.exists()


def test_an_own_question_is_tailored_like_the_reports(lead, lead_client, planned):
    own = services.organisation_question_add(
        actor=lead,
        theme_id="acceptability",
        text="Would residents trust the council with this data?",
        template="Would {group} trust {organisation} with {data}?",
        informs=["3.3"],
    )
    lead_client.post(
        _url(lead, planned, f"questions/add/{own.bank_id}/"),
        {"group": "parents", "organisation": "the council", "data": "school records"},
    )
    question = PlanQuestion.objects.get()
    assert question.text == "Would parents trust the council with school records?"
    assert question.informs == ["3.3"]


def test_a_groups_target_is_changed(lead, lead_client, planned):
    group = PlanGroup.objects.get(name="Families with young children")
    assert group.target is None
    page = lead_client.get(_url(lead, planned, f"groups/{group.pk}/"))
    assert "Change the group" in page.text
    lead_client.post(
        _url(lead, planned, f"groups/{group.pk}/"),
        {"name": group.name, "target": "60", "how": "Through the family hubs."},
    )
    group.refresh_from_db()
    assert (group.target, group.how) == (60, "Through the family hubs.")


def test_the_plan_warns_when_new_constraints_rule_its_option_out(lead, lead_client, planned):
    assert "would be ruled out" not in lead_client.get(_url(lead, planned)).text
    lead_client.post(
        _url(lead, planned, "constraints/"),
        _constraints(timezone.localdate(), weeks=20, budget="20000"),
    )
    overview = lead_client.get(_url(lead, planned))
    assert (
        "With what the engagement now has to work within, Citizens&#x27; Panel + Citizens&#x27; "
        "Jury would be ruled out" in overview.text
    )


def test_the_same_question_is_not_asked_twice_of_one_method(lead, lead_client, planned):
    answers = {
        "data": "school records",
        "purpose": "offer early help",
        "organisation": "The council",
        "method_id": "citizens_jury",
    }
    lead_client.post(_url(lead, planned, "questions/add/P1/"), answers)
    again = lead_client.post(_url(lead, planned, "questions/add/P1/"), answers)
    assert "The plan already asks this question of this method" in again.text
    assert PlanQuestion.objects.count() == 1
