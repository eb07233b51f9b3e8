"""The engagement plan exported as PDF and as a Word document: both show the screening, the
choice, the constraints, the groups, the tailored questions, the timeline and the costs, and a
plan that is not finished yet still exports.

pypdf is not installed, so the PDF's words are checked in the HTML page it is printed from, and
the PDF itself only for being a PDF."""

import datetime
import io
from decimal import Decimal
from typing import Any

import docx
import pytest
from django.db import transaction

from publicbenefit.accounts.models import Membership
from publicbenefit.accounts.roles import Role
from publicbenefit.accounts.tests.factories import MembershipFactory, OrganisationFactory
from publicbenefit.engagement import services
from publicbenefit.engagement.exports import plan_document, plan_docx, plan_html, plan_pdf
from publicbenefit.engagement.models import EngagementPlan
from publicbenefit.proposals.models import Proposal
from publicbenefit.proposals.tests.factories import ProposalFactory

STARTS_ON = datetime.date(2026, 3, 2)
DECISION_BY = STARTS_ON + datetime.timedelta(weeks=26)  # 31 August 2026

WHY_HEALTH = "what they think about their health data being used"
EVIDENCE_LARGE = "people affected: 250,000 (at least 100,000)"
DEPTH = "The public must be engaged at least at the depth “Deliberate”."
SOURCE_HEALTH = "Part 2 §3 (Implementation); UK GDPR Article 35(3)(b)"
OPTION = "Citizens' Panel + Citizens' Jury"
TAILORED = (
    "Calderbrook City Council intends to use GP records to plan school nurse visits "
    "– do the public want it?"  # noqa: RUF001 - the source's en dash
)
BANK_ORIGINAL = (
    "Testing individual projects: what are the intended actions – do the public want it?"  # noqa: RUF001
)
# 20 jurors instead of the default 18: £200 more recruitment and £800 more incentives.
WORKING = "£100 \u00d7 20 jurors \u00d7 4 days = £8,000"
TOTAL = "£61,900"
BUDGET = "£80,000"

# Every test needs the database, even those that only read the shared export: pytest-django sets
# the test database up only when a selected test asks for it.
pytestmark = pytest.mark.django_db


def _screen_and_constrain(actor: Membership, proposal: Proposal) -> None:
    services.screening_run(
        actor=actor,
        proposal=proposal,
        facts={"special_category_data": True, "people_affected": 250_000},
    )
    services.plan_constraints_save(
        actor=actor,
        proposal=proposal,
        starts_on=STARTS_ON,
        decision_by=DECISION_BY,
        budget=Decimal(80_000),
        population=250_000,
        representative=True,
        group_to_hear="Families with young children",
        control="some",
        panel_exists=False,
    )


def _build_full_plan(actor: Membership, proposal: Proposal) -> EngagementPlan:
    """A plan with everything filled in, taking the chooser's recommendation."""
    _screen_and_constrain(actor, proposal)
    services.plan_choose(actor=actor, proposal=proposal, option_id="panel_and_jury")
    services.plan_group_add(
        actor=actor,
        proposal=proposal,
        name="Parents of children under five",
        target=40,
        how="Through the children's centres",
    )
    values = {
        "organisation": "Calderbrook City Council",
        "data": "GP records",
        "purpose": "plan school nurse visits",
    }
    services.question_tailor(
        actor=actor,
        proposal=proposal,
        bank_question_id="P1",
        method_id="citizens_jury",
        values=values,
    )
    services.question_tailor(
        actor=actor, proposal=proposal, bank_question_id="P2", method_id="", values=values
    )
    services.plan_costs_save(
        actor=actor, proposal=proposal, figures={"citizens_jury": {"jurors": Decimal(20)}}
    )
    return EngagementPlan.objects.get(proposal=proposal)


def _docx_parts(data: bytes) -> dict[str, Any]:
    """The Word document's headings (with their style), paragraphs and tables."""
    document = docx.Document(io.BytesIO(data))
    return {
        "headings": [
            (paragraph.style.name, paragraph.text)
            for paragraph in document.paragraphs
            if paragraph.style.name.startswith(("Heading", "Title"))
        ],
        "paragraphs": [paragraph.text for paragraph in document.paragraphs],
        "tables": document.tables,
        "cells": [
            cell.text for table in document.tables for row in table.rows for cell in row.cells
        ],
    }


def _text(parts: dict[str, Any]) -> str:
    return "\n".join(parts["paragraphs"] + parts["cells"])


@pytest.fixture(scope="module")
def full(django_db_setup: None, django_db_blocker: Any) -> dict[str, Any]:
    """One complete plan exported once (PDF, its HTML and the Word document) and shared by the
    tests below; the data is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        organisation = OrganisationFactory(name="Calderbrook City Council", slug="calderbrook")
        actor = MembershipFactory(organisation=organisation, role=Role.ADMINISTRATOR)
        proposal = ProposalFactory(
            organisation=organisation, owner=actor.user, title="School nurse visit planning"
        )
        plan = _build_full_plan(actor, proposal)
        exported = {
            "document": plan_document(plan),
            "html": plan_html(plan),
            "pdf": plan_pdf(plan),
            "docx": plan_docx(plan),
        }
        transaction.set_rollback(True)
    return exported


EXPECTED = (
    "School nurse visit planning",
    "Calderbrook City Council",
    DEPTH,
    WHY_HEALTH,
    EVIDENCE_LARGE,
    SOURCE_HEALTH,
    "A data protection impact assessment (DPIA) is required.",
    OPTION,
    "This is the option the method chooser recommended.",
    "Families with young children",
    "Parents of children under five",
    "Through the children's centres",
    TAILORED,
    "P1: " + BANK_ORIGINAL,
    "2.1",
    "11 May 2026",
    "Citizens' Jury reports",
    "31 August 2026",
    WORKING,
    TOTAL,
    BUDGET,
    "The engagement has not reported yet.",
)


def test_pdf_is_a_pdf_printed_from_a_page_with_the_whole_plan(full: dict[str, Any]) -> None:
    assert full["pdf"].startswith(b"%PDF")
    html = full["html"].replace("&#x27;", "'").replace("&lt;", "<")
    for expected in EXPECTED:
        assert expected in html, expected
    assert "Inform < Consult < Involve < <strong>Deliberate</strong>" in html
    assert "Estimated at £61,900 against a budget of £80,000: £18,100 to spare." in html


def test_pdf_page_fetches_nothing(full: dict[str, Any]) -> None:
    assert "src=" not in full["html"]
    assert "<link" not in full["html"]
    assert "http" not in full["html"]


def test_word_document_has_the_whole_plan_under_real_headings(full: dict[str, Any]) -> None:
    parts = _docx_parts(full["docx"])
    text = _text(parts)
    for expected in EXPECTED:
        assert expected in text, expected
    headings = parts["headings"]
    assert ("Title", "School nurse visit planning") in headings
    for section in (
        "Screening for public engagement",
        "How the public will be engaged",
        "Constraints",
        "Groups to reach",
        "Research questions",
        "Timeline",
        "Cost estimate",
        "Report",
    ):
        assert ("Heading 1", section) in headings
    # Each fired rule and each method's questions and costs sit under their own Heading 2.
    assert ("Heading 2", "Special category data") in headings
    assert ("Heading 2", "All methods") in headings
    assert ("Heading 2", "Citizens' Jury") in headings
    assert ("Heading 2", "Citizens' Panel") in headings


def test_word_document_questions_sit_under_their_method(full: dict[str, Any]) -> None:
    parts = _docx_parts(full["docx"])
    headings = [text for _style, text in parts["headings"]]
    questions = headings.index("Research questions")
    assert headings[questions + 1 : questions + 3] == ["All methods", "Citizens' Jury"]
    tables = {
        table.rows[1].cells[0].text: table for table in parts["tables"] if len(table.rows) > 1
    }
    assert TAILORED in tables
    assert tables[TAILORED].rows[1].cells[1].text == "P1: " + BANK_ORIGINAL


def test_word_document_tables_have_header_rows(full: dict[str, Any]) -> None:
    tables = _docx_parts(full["docx"])["tables"]
    assert tables
    for table in tables:
        header = table.rows[0]
        assert header._tr.trPr is not None
        assert header._tr.trPr.xpath("./w:tblHeader"), [cell.text for cell in header.cells]
        assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    constraints = next(table for table in tables if table.rows[0].cells[0].text == "Constraint")
    rows = {row.cells[0].text: row.cells[1].text for row in constraints.rows[1:]}
    assert rows["Decision point (the engagement must finish before it)"] == "31 August 2026"
    assert rows["Weeks available"] == "26"
    assert rows["Budget"] == BUDGET
    assert rows["People the proposal concerns"] == "250,000"
    assert rows["Results must be representative"] == "Yes"
    assert rows["A Citizens' Panel already exists"] == "No"
    timeline = next(table for table in tables if table.rows[0].cells[0].text == "Date")
    milestones = [(row.cells[0].text, row.cells[1].text) for row in timeline.rows[1:]]
    assert milestones[0] == ("2 March 2026", "Engagement starts")
    assert ("11 May 2026", "Citizens' Jury reports") in milestones
    assert milestones[-1] == ("31 August 2026", "Decision point")


def test_both_formats_say_the_same_cost_lines(full: dict[str, Any]) -> None:
    costs = full["document"]["costs"]
    jury = next(method for method in costs["methods"] if method["method"] == "Citizens' Jury")
    incentives = next(line for line in jury["lines"] if line["label"].startswith("Incentives"))
    assert incentives["working"] == WORKING
    assert incentives["changed"]
    assert costs["total"] == TOTAL
    assert costs["within_budget"]
    text = _text(_docx_parts(full["docx"]))
    for method in costs["methods"]:
        assert method["total"] in full["html"]
        assert method["total"] in text


def test_both_formats_give_each_groups_recruitment_target(full: dict[str, Any]) -> None:
    row = ("Parents of children under five", "40", "Through the children's centres")
    tables = _docx_parts(full["docx"])["tables"]
    groups = next(table for table in tables if table.rows[0].cells[0].text == "Group")
    assert [cell.text for cell in groups.rows[0].cells] == [
        "Group",
        "Recruitment target",
        "How they will be reached",
    ]
    assert row in [tuple(cell.text for cell in r.cells) for r in groups.rows[1:]]
    html = full["html"].replace("&#x27;", "'")
    assert '<th class="number">Recruitment target</th>' in html
    assert '<td>{}</td><td class="number">{}</td><td>{}</td>'.format(*row) in html


def test_override_reason_and_broken_constraints_are_exported(
    administrator: Membership, proposal: Proposal
) -> None:
    _screen_and_constrain(administrator, proposal)
    reason = "The jury can sit before the budget closes; the panel cannot be recruited in time."
    services.plan_choose(
        actor=administrator, proposal=proposal, option_id="citizens_jury", reason=reason
    )
    plan = EngagementPlan.objects.get(proposal=proposal)

    document = plan_document(plan)
    assert document["choice"]["followed"] is False
    assert document["choice"]["recommended"] == OPTION
    html = plan_html(plan).replace("&#x27;", "'")
    text = _text(_docx_parts(plan_docx(plan)))
    for output in (html, text):
        assert "Citizens' Jury" in output
        assert reason in output
        assert f"The method chooser recommended {OPTION}; a different option was chosen." in output
        assert "Group that must be heard" in output
        assert "Families with young children must be heard" in output


def test_plan_without_a_method_still_exports(administrator: Membership, proposal: Proposal) -> None:
    _screen_and_constrain(administrator, proposal)
    plan = EngagementPlan.objects.get(proposal=proposal)

    pdf = plan_pdf(plan)
    assert pdf.startswith(b"%PDF")
    html = plan_html(plan)
    text = _text(_docx_parts(plan_docx(plan)))
    for output in (html, text):
        assert "No method chosen yet" in output
        assert "No method has been chosen, so there is no cost estimate yet." in output
        assert "No milestones yet." in output
        assert DEPTH in output


def test_plan_not_screened_yet_still_exports(administrator: Membership, proposal: Proposal) -> None:
    services.plan_constraints_save(
        actor=administrator,
        proposal=proposal,
        starts_on=STARTS_ON,
        decision_by=DECISION_BY,
        budget=Decimal(0),
        population=1_000,
        representative=False,
        group_to_hear="",
        control="none",
        panel_exists=False,
    )
    plan = EngagementPlan.objects.get(proposal=proposal)

    text = _text(_docx_parts(plan_docx(plan)))
    assert "The proposal has not been screened for public engagement yet." in text
    assert "No groups have been added yet." in text
    assert "No research questions have been tailored yet." in text


def test_reported_engagement_is_exported(administrator: Membership, proposal: Proposal) -> None:
    _screen_and_constrain(administrator, proposal)
    services.plan_choose(actor=administrator, proposal=proposal, option_id="panel_and_jury")
    services.plan_report_record(
        actor=administrator,
        proposal=proposal,
        reported_on=datetime.date(2025, 6, 30),
        summary="The jury supported the share on condition that families are told.",
    )
    plan = EngagementPlan.objects.get(proposal=proposal)

    text = _text(_docx_parts(plan_docx(plan)))
    assert "The engagement reported on 30 June 2025." in text
    assert "The jury supported the share on condition that families are told." in text


def test_screening_again_after_choosing_is_flagged(
    administrator: Membership, proposal: Proposal
) -> None:
    _screen_and_constrain(administrator, proposal)
    services.plan_choose(actor=administrator, proposal=proposal, option_id="panel_and_jury")
    services.screening_run(actor=administrator, proposal=proposal, facts={"childrens_data": True})
    plan = EngagementPlan.objects.get(proposal=proposal)

    text = _text(_docx_parts(plan_docx(plan)))
    assert "The public must be engaged at least at the depth “Involve”." in text
    assert "The proposal was screened again after the method was chosen" in text
