"""An assessment as a document to take away: JSON (everything, for machines), CSV (one row
per question, safe to open in a spreadsheet) and PDF (a clean printed page, rendered by
WeasyPrint from the same HTML template the print stylesheet styles).

A PDF of one assessment is small and bounded (one framework's questions), and renders in well
under a second, so it is made in the request rather than queued.
"""

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from publicbenefit.assessments.models import Assessment
from publicbenefit.assessments.presenters import answer_label, number, result_view
from publicbenefit.assessments.selectors import answers_by_question, assessment_score
from publicbenefit.common.csv_safety import csv_text
from publicbenefit.common.pdf import pdf_from_html

CSV_HEADER = (
    "element",
    "question_id",
    "question",
    "position",
    "special_answer",
    "answer",
    "reason",
    "justification",
    "evidence",
)


def export_document(assessment: Assessment) -> dict[str, Any]:
    """Everything about the assessment as plain data (the JSON export)."""
    framework = assessment.framework_version.framework
    answers = answers_by_question(assessment=assessment)
    scored = assessment_score(assessment=assessment)
    document: dict[str, Any] = {
        "proposal": {"id": assessment.proposal_id, "title": assessment.proposal.title},
        "organisation": assessment.organisation.name,
        "framework": {
            "id": assessment.framework_version.framework_id,
            "version": assessment.framework_version.version,
            "title": assessment.framework_version.title,
        },
        "status": assessment.status,
        "exported_at": timezone.now().isoformat(),
        "answers": [],
        "result": None,
    }
    for question in framework.questions:
        answer = answers.get(question.id)
        document["answers"].append(
            {
                "element_id": question.element_id,
                "question_id": question.id,
                "question": question.text,
                "position": answer.position if answer else None,
                "special": answer.special if answer else "",
                "answer": answer_label(framework, question, answer),
                "reason": answer.reason if answer else "",
                "justification": answer.justification if answer else "",
                "evidence": [
                    {"title": item.title, "url": item.url, "file": item.file.name or ""}
                    for item in answer.evidence.all()
                ]
                if answer
                else [],
            }
        )
    if scored is not None:
        result = scored.result
        document["result"] = {
            "outcome_id": result.outcome.id,
            "outcome": result.outcome.label,
            "score": float(result.score),
            "elements": [
                {
                    "element_id": element.element_id,
                    "position": None if element.position is None else float(element.position),
                }
                for element in result.elements
            ],
            "explanation": [answer.question_id for answer in result.explanation],
            "moves_to_next_band": [
                {"question_id": move.question_id, "to_position": move.to_position}
                for move in scored.path.moves
            ],
        }
    return document


def export_csv(assessment: Assessment) -> str:
    document = export_document(assessment)
    rows = (
        (
            item["element_id"],
            item["question_id"],
            item["question"],
            "" if item["position"] is None else item["position"],
            item["special"],
            item["answer"],
            item["reason"],
            item["justification"],
            "; ".join(
                f"{evidence['title']} {evidence['url'] or evidence['file']}".strip()
                for evidence in item["evidence"]
            ),
        )
        for item in document["answers"]
    )
    return csv_text(CSV_HEADER, rows)


def export_pdf(assessment: Assessment) -> bytes:
    framework = assessment.framework_version.framework
    scored = assessment_score(assessment=assessment)
    answers = answers_by_question(assessment=assessment)
    html = render_to_string(
        "assessments/export.html",
        {
            "assessment": assessment,
            "proposal": assessment.proposal,
            "framework": framework,
            "rows": [
                (
                    question,
                    answers.get(question.id),
                    answer_label(framework, question, answers.get(question.id)),
                )
                for question in framework.questions
            ],
            "view": result_view(framework, scored) if scored else None,
            "score": number(scored.result.score) if scored else "",
            "exported_at": timezone.now(),
        },
    )
    return pdf_from_html(html, stylesheet="assessments/export.css")
