"""An engagement plan as a document to take away: a PDF (a clean printed page, rendered by
WeasyPrint from an HTML template, as the assessment's PDF is) and a Word document (real headings
and tables with header rows, so that a data protection officer can paste it into their own
template).

Both are made from ``plan_document``, which gathers everything the exported plan shows as plain
data with its wording already written: the screening that counts and every rule that fired, the
option chosen and why, the constraints, the groups to reach, the tailored questions, the timeline,
the cost estimate against the budget and whether the engagement has reported. A plan is small and
bounded, so both are made in the request rather than queued.
"""

import datetime
import io
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from publicbenefit.common.pdf import pdf_from_html
from publicbenefit.core.engagement import pounds
from publicbenefit.data import default_framework, default_screening_rules
from publicbenefit.engagement import selectors
from publicbenefit.engagement.models import Depth, EngagementPlan

DATE_FORMAT = "j F Y"


def _date(value: datetime.date) -> str:
    return formats.date_format(value, DATE_FORMAT)


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def _constraint_labels() -> dict[str, str]:
    """Plain names for the constraints an option can break (the chooser's ids)."""
    return {
        "minimum_depth": _("Minimum depth of engagement"),
        "time": _("Time to the decision point"),
        "budget": _("Budget"),
        "population": _("Number of people concerned"),
        "representative": _("Representative results"),
        "group": _("Group that must be heard"),
        "control": _("Control shared with the public"),
    }


def _depth_label(value: str) -> str:
    return str(Depth(value).label) if value in Depth.values else value


def _option_name(option_id: str) -> str:
    """The name of a method or a mix (the id itself when the methods file no longer has it)."""
    catalogue = selectors.methods()
    for option in (*catalogue.methods, *catalogue.mixes):
        if option.id == option_id:
            return option.name
    return option_id


def _screening(plan: EngagementPlan) -> dict[str, Any] | None:
    screening = selectors.screening_latest(proposal=plan.proposal)
    if screening is None:
        return None
    depth = Depth(screening.minimum_depth)
    questions = {fact.name: fact.question for fact in default_screening_rules().facts}
    screened_on = _date(timezone.localdate(screening.screened_at))
    return {
        "screened_on": screened_on,
        "screened": _("Screened on %(date)s with the rules %(rules)s, version %(version)s.")
        % {
            "date": screened_on,
            "rules": screening.rules_id,
            "version": screening.rules_version,
        },
        "depth": str(depth.label),
        "ladder": [{"label": str(rung.label), "required": rung == depth} for rung in Depth],
        "depth_sentence": _("The public must be engaged at least at the depth “%(depth)s”.")
        % {"depth": str(depth.label)},
        "dpia_required": screening.dpia_required,
        "dpia": _("A data protection impact assessment (DPIA) is required.")
        if screening.dpia_required
        else _("No screening rule requires a data protection impact assessment (DPIA)."),
        "fired": [
            {
                "rule_id": rule.get("rule_id", ""),
                "title": rule.get("rule_id", "").replace("_", " ").capitalize(),
                "why": rule.get("why", ""),
                "evidence": list(rule.get("evidence", [])),
                "source": rule.get("source", ""),
                "effect": (
                    _("This rule raises the minimum depth to “%(depth)s” and requires a DPIA.")
                    if rule.get("dpia_required")
                    else _("This rule raises the minimum depth to “%(depth)s”.")
                )
                % {"depth": _depth_label(rule.get("minimum_depth", ""))},
            }
            for rule in screening.fired
        ],
        "not_given": [questions.get(name, name) for name in screening.facts_not_given],
        "screened_again": _(
            "The proposal was screened again after the method was chosen: check that the method "
            "still meets the minimum depth."
        )
        if plan.screening_id is not None and plan.screening_id != screening.pk
        else "",
    }


def _choice(plan: EngagementPlan) -> dict[str, Any]:
    labels = _constraint_labels()
    chosen = bool(plan.option_id)
    followed = chosen and plan.option_id == plan.recommended_option_id
    if not chosen:
        summary = _("No method has been chosen yet.")
    elif followed:
        summary = _("This is the option the method chooser recommended.")
    elif plan.recommended_option_id:
        summary = _("The method chooser recommended %(option)s; a different option was chosen.") % {
            "option": _option_name(plan.recommended_option_id)
        }
    else:
        summary = _(
            "The method chooser recommended no option, because every option breaks at least one "
            "constraint."
        )
    return {
        "chosen": chosen,
        "option": plan.option_name if chosen else _("No method chosen yet"),
        "followed": followed,
        "recommended": _option_name(plan.recommended_option_id)
        if plan.recommended_option_id
        else "",
        "summary": summary,
        "chosen_on": _date(timezone.localdate(plan.chosen_at)) if plan.chosen_at else "",
        "override_reason": plan.override_reason,
        "breaks": [
            {
                "constraint": labels.get(item.get("constraint", ""), item.get("constraint", "")),
                "reason": item.get("reason", ""),
            }
            for item in plan.breaks or []
        ],
    }


def _constraints(plan: EngagementPlan) -> list[tuple[str, str]]:
    return [
        (_("Engagement starts"), _date(plan.starts_on)),
        (
            _("Decision point (the engagement must finish before it)"),
            _date(plan.decision_by),
        ),
        (_("Weeks available"), str(plan.weeks_available)),
        (_("Budget"), pounds(Decimal(plan.budget))),
        (_("People the proposal concerns"), f"{plan.population:,}"),
        (_("Results must be representative"), _yes_no(plan.representative)),
        (_("Group that must be heard"), plan.group_to_hear or _("None named")),
        (_("Control shared with the public"), str(plan.get_control_display())),
        (_("A Citizens' Panel already exists"), _yes_no(plan.panel_exists)),
    ]


def _questions(plan: EngagementPlan) -> list[dict[str, Any]]:
    """The tailored questions grouped by method: those for every method first, then the plan's
    methods in order, then any left from a method the plan no longer runs."""
    framework = {question.id: question.text for question in default_framework().questions}
    methods = {method.id: method.name for method in selectors.option_methods(plan.option_id)}
    grouped: dict[str, list[dict[str, Any]]] = {"": [], **{method_id: [] for method_id in methods}}
    for question in plan.questions.all():
        grouped.setdefault(question.method_id, []).append(
            {
                "bank_id": question.bank_question_id,
                "text": question.text,
                "original": question.original_text,
                "informs": [
                    {
                        "id": informs,
                        "text": framework.get(informs, ""),
                        "label": f"{informs} {framework.get(informs, '')}".strip(),
                    }
                    for informs in question.informs
                ],
            }
        )
    groups = []
    for method_id, questions in grouped.items():
        if not questions:
            continue
        if not method_id:
            name = _("All methods")
        elif method_id in methods:
            name = methods[method_id]
        else:
            name = _("%(method)s (no longer in the plan)") % {"method": _option_name(method_id)}
        groups.append({"method": name, "questions": questions})
    return groups


def _costs(plan: EngagementPlan) -> dict[str, Any]:
    estimates = selectors.cost_estimates(plan)
    total = selectors.cost_total(estimates)
    budget = Decimal(plan.budget)
    if not estimates:
        summary = _("No method has been chosen, so there is no cost estimate yet.")
    elif total <= budget:
        summary = _("Estimated at %(total)s against a budget of %(budget)s: %(left)s to spare.") % {
            "total": pounds(total),
            "budget": pounds(budget),
            "left": pounds(budget - total),
        }
    else:
        summary = _(
            "Estimated at %(total)s against a budget of %(budget)s: %(over)s over budget."
        ) % {"total": pounds(total), "budget": pounds(budget), "over": pounds(total - budget)}
    return {
        "methods": [
            {
                "method": _option_name(estimate.method_id),
                "existing": _("The panel already exists, so recruiting it is left out.")
                if estimate.existing
                else "",
                "lines": [
                    {
                        "label": line.label,
                        "working": line.working(),
                        "amount": pounds(line.amount),
                        "changed": _("changed from the default figures") if line.overridden else "",
                    }
                    for line in estimate.lines
                ],
                "total": pounds(estimate.total),
            }
            for estimate in estimates
        ],
        "total": pounds(total),
        "budget": pounds(budget),
        "within_budget": total <= budget,
        "summary": summary,
    }


def _report(plan: EngagementPlan) -> dict[str, Any]:
    if plan.reported_on is None:
        return {
            "reported": False,
            "sentence": _("The engagement has not reported yet."),
            "summary": "",
        }
    return {
        "reported": True,
        "sentence": _("The engagement reported on %(date)s.") % {"date": _date(plan.reported_on)},
        "summary": plan.report_summary,
    }


def _wording() -> dict[str, str]:
    """The fixed wording both formats use: headings, column headings and what an empty section
    says."""
    return {
        "document": _("Engagement plan"),
        "screening": _("Screening for public engagement"),
        "not_screened": _("The proposal has not been screened for public engagement yet."),
        "minimum_depth": _("Minimum depth of engagement:"),
        "ladder": _("The ladder, shallowest first:"),
        "no_rules": _("No screening rule fired."),
        "evidence": _("What made it fire:"),
        "source": _("Source:"),
        "not_given": _(
            "Not answered at screening, so the rules that ask about these could not fire:"
        ),
        "choice": _("How the public will be engaged"),
        "override_reason": _("Why this option was chosen:"),
        "breaks": _("The option chosen breaks these constraints:"),
        "constraints": _("Constraints"),
        "constraint": _("Constraint"),
        "value": _("Value"),
        "why": _("Why"),
        "groups": _("Groups to reach"),
        "group": _("Group"),
        "target": _("Recruitment target"),
        "how": _("How they will be reached"),
        "no_groups": _("No groups have been added yet."),
        "questions": _("Research questions"),
        "question": _("Question, tailored to the proposal"),
        "bank_question": _("Question in the bank"),
        "informs": _("Framework questions it informs"),
        "no_questions": _("No research questions have been tailored yet."),
        "timeline": _("Timeline"),
        "date": _("Date"),
        "milestone": _("Milestone"),
        "no_milestones": _("No milestones yet."),
        "costs": _("Cost estimate"),
        "item": _("Item"),
        "working": _("How it is worked out"),
        "method_total": _("Total"),
        "report": _("Report"),
    }


def plan_document(plan: EngagementPlan) -> dict[str, Any]:
    """Everything the exported plan shows, as plain data with its wording written, so that the
    PDF and the Word document say the same things."""
    proposal = plan.proposal
    exported_on = _date(timezone.localdate())
    return {
        "title": proposal.title,
        "organisation": proposal.organisation.name,
        "exported_on": exported_on,
        "caption": _("%(organisation)s's engagement plan, exported %(date)s")
        % {"organisation": proposal.organisation.name, "date": exported_on},
        "wording": _wording(),
        "screening": _screening(plan),
        "choice": _choice(plan),
        "constraints": _constraints(plan),
        "groups": [
            {
                "name": group.name,
                "target": "" if group.target is None else f"{group.target:,}",
                "how": group.how,
            }
            for group in plan.groups.all()
        ],
        "questions": _questions(plan),
        "milestones": [
            {"date": _date(milestone.due_on), "title": milestone.title}
            for milestone in plan.milestones.all()
        ],
        "costs": _costs(plan),
        "report": _report(plan),
    }


def plan_html(plan: EngagementPlan) -> str:
    """The plan as the HTML page the PDF is printed from."""
    return render_to_string("engagement/export.html", {"document": plan_document(plan)})


def plan_pdf(plan: EngagementPlan) -> bytes:
    """The plan as a printed PDF."""
    return pdf_from_html(plan_html(plan), stylesheet="engagement/export.css")


def plan_docx(plan: EngagementPlan) -> bytes:
    """The plan as a Word document: the title, then a Heading 1 per section and a Heading 2 per
    rule or method, with tables whose first row is a header row that repeats on every page."""
    import docx  # noqa: PLC0415  (loaded only when a Word document is asked for)

    document = plan_document(plan)
    words = document["wording"]
    word = docx.Document()
    word.core_properties.title = document["title"]
    word.core_properties.author = document["organisation"]
    word.add_heading(document["title"], level=0)
    word.add_paragraph(document["caption"])

    word.add_heading(words["screening"], level=1)
    if document["screening"] is None:
        word.add_paragraph(words["not_screened"])
    else:
        _docx_screening(word, document["screening"], words)
    _docx_choice(word, document["choice"], words)
    _docx_plan(word, document, words)
    _docx_costs(word, document["costs"], words)

    report = document["report"]
    word.add_heading(words["report"], level=1)
    word.add_paragraph(report["sentence"])
    if report["summary"]:
        word.add_paragraph(report["summary"])

    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _docx_choice(word: Any, choice: dict[str, Any], words: dict[str, str]) -> None:
    word.add_heading(words["choice"], level=1)
    word.add_paragraph().add_run(choice["option"]).bold = True
    word.add_paragraph(choice["summary"])
    if choice["override_reason"]:
        paragraph = word.add_paragraph()
        paragraph.add_run(words["override_reason"] + " ").bold = True
        paragraph.add_run(choice["override_reason"])
    if choice["breaks"]:
        word.add_paragraph(words["breaks"])
        _docx_table(
            word,
            (words["constraint"], words["why"]),
            [(item["constraint"], item["reason"]) for item in choice["breaks"]],
        )


def _docx_plan(word: Any, document: dict[str, Any], words: dict[str, str]) -> None:
    """The constraints, the groups, the questions and the timeline."""
    word.add_heading(words["constraints"], level=1)
    _docx_table(word, (words["constraint"], words["value"]), document["constraints"])

    word.add_heading(words["groups"], level=1)
    if document["groups"]:
        _docx_table(
            word,
            (words["group"], words["target"], words["how"]),
            [(group["name"], group["target"], group["how"]) for group in document["groups"]],
        )
    else:
        word.add_paragraph(words["no_groups"])

    word.add_heading(words["questions"], level=1)
    if not document["questions"]:
        word.add_paragraph(words["no_questions"])
    for group in document["questions"]:
        word.add_heading(group["method"], level=2)
        _docx_table(
            word,
            (words["question"], words["bank_question"], words["informs"]),
            [
                (
                    question["text"],
                    f"{question['bank_id']}: {question['original']}",
                    "\n".join(item["label"] for item in question["informs"]),
                )
                for question in group["questions"]
            ],
        )

    word.add_heading(words["timeline"], level=1)
    if document["milestones"]:
        _docx_table(
            word,
            (words["date"], words["milestone"]),
            [(item["date"], item["title"]) for item in document["milestones"]],
        )
    else:
        word.add_paragraph(words["no_milestones"])


def _docx_costs(word: Any, costs: dict[str, Any], words: dict[str, str]) -> None:
    word.add_heading(words["costs"], level=1)
    for method in costs["methods"]:
        word.add_heading(method["method"], level=2)
        if method["existing"]:
            word.add_paragraph(method["existing"])
        rows = [(line["label"], _docx_working(line)) for line in method["lines"]]
        _docx_table(
            word,
            (words["item"], words["working"]),
            [*rows, (words["method_total"], method["total"])],
            total=True,
        )
    word.add_paragraph(costs["summary"])


def _docx_working(line: dict[str, Any]) -> str:
    if line["changed"]:
        return f"{line['working']} ({line['changed']})"
    return str(line["working"])


def _docx_screening(word: Any, screening: dict[str, Any], words: dict[str, str]) -> None:
    word.add_paragraph(screening["screened"])
    paragraph = word.add_paragraph(words["minimum_depth"] + " ")
    paragraph.add_run(screening["depth"]).bold = True
    ladder = word.add_paragraph(words["ladder"] + " ")
    for index, rung in enumerate(screening["ladder"]):
        if index:
            ladder.add_run(" < ")
        ladder.add_run(rung["label"]).bold = rung["required"]
    word.add_paragraph(screening["depth_sentence"])
    word.add_paragraph(screening["dpia"])
    if screening["screened_again"]:
        word.add_paragraph(screening["screened_again"])
    if not screening["fired"]:
        word.add_paragraph(words["no_rules"])
    for rule in screening["fired"]:
        word.add_heading(rule["title"], level=2)
        word.add_paragraph(rule["why"])
        if rule["evidence"]:
            word.add_paragraph(words["evidence"])
            for item in rule["evidence"]:
                word.add_paragraph(item, style="List Bullet")
        paragraph = word.add_paragraph()
        paragraph.add_run(words["source"] + " ").bold = True
        paragraph.add_run(rule["source"])
        word.add_paragraph(rule["effect"])
    if screening["not_given"]:
        word.add_paragraph(words["not_given"])
        for question in screening["not_given"]:
            word.add_paragraph(question, style="List Bullet")


def _docx_table(
    word: Any, header: tuple[str, ...], rows: list[tuple[str, ...]], *, total: bool = False
) -> None:
    """A table whose first row is a real header row (bold, repeated on every page)."""
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    table = word.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    heading_row = table.rows[0]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    heading_row._tr.get_or_add_trPr().append(marker)
    for cell, text in zip(heading_row.cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for index, row in enumerate(rows):
        cells = table.add_row().cells
        last = total and index == len(rows) - 1
        for cell, text in zip(cells, row, strict=True):
            cell.paragraphs[0].add_run(str(text)).bold = last
