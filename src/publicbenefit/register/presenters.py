"""The public record of a proposal on the register, as plain data: the one thing the register's
pages, its CSV and JSON files and the per-proposal JSON are all made from, so what one shows the
others show, and none shows more.

The record follows ``data/schemas/register.schema.json`` (``$defs/proposal``) and
``docs/open-data.md`` describes every field. It never holds a person: no member of staff (the
decision-maker is a role or a body), no member of the public, only counts with small cells
hidden.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone, translation

from publicbenefit.assessments.presenters import result_view
from publicbenefit.assessments.selectors import Scored
from publicbenefit.core import Answer as CoreAnswer
from publicbenefit.core import Special, make_answers, moves_to_next_band, score
from publicbenefit.core.errors import PublicBenefitError
from publicbenefit.decisions.models import Decision
from publicbenefit.engagement.models import EngagementPlan
from publicbenefit.proposals.models import Proposal
from publicbenefit.register import selectors

#: Makes an absolute address of a path (``request.build_absolute_uri``).
Linker = Callable[[str], str]


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _datetime(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _text(value: str) -> str | None:
    return value.strip() or None


def _coded(code: str, label: Any) -> dict[str, str] | None:
    return {"code": code, "label": str(label)} if code else None


def page_url(proposal: Proposal) -> str:
    return reverse("register:proposal", kwargs={"pk": proposal.pk})


def you_said_we_did_url(proposal: Proposal) -> str:
    return reverse("register:you_said_we_did", kwargs={"pk": proposal.pk})


def json_url(proposal: Proposal) -> str:
    return reverse("register:proposal_json", kwargs={"pk": proposal.pk})


# The assessment.


def assessment(proposal: Proposal) -> dict[str, Any] | None:
    """The band of the owning organisation's latest submitted assessment and why it is in that
    band, scored again from the frozen answers with the framework they were given to."""
    revision = selectors.latest_revision(proposal=proposal)
    if revision is None:
        return None
    snapshot = revision.snapshot or {}
    framework = revision.assessment.framework_version.framework
    base = {
        "band": str(snapshot.get("result", {}).get("outcome_label", revision.outcome_id)),
        "band_id": revision.outcome_id,
        "band_explanation": "",
        "score": None,
        "scale": None,
        "framework": {
            "id": str(snapshot.get("framework", {}).get("id", framework.id)),
            "version": str(snapshot.get("framework", {}).get("version", framework.version)),
        },
        "submitted_on": _date(timezone.localdate(revision.submitted_at)),
        "elements": [],
        "held_back_by": [],
        "answers_keeping_it_from_the_next_band": [],
    }
    try:
        answers = make_answers(
            framework,
            [
                CoreAnswer(
                    question_id=item["question_id"],
                    value=Special(item["special"])
                    if item.get("special")
                    else int(item.get("position") or 0),
                    reason="",
                    justification="",
                )
                for item in snapshot.get("answers", [])
                if any(question.id == item.get("question_id") for question in framework.questions)
            ],
        )
        view = result_view(
            framework,
            Scored(result=score(framework, answers), path=moves_to_next_band(framework, answers)),
        )
    except (PublicBenefitError, KeyError, TypeError, ValueError):
        return base
    return base | {
        "band": view.outcome_label,
        "band_explanation": view.outcome_text,
        "score": view.score,
        "scale": {"lowest": view.lowest, "highest": view.highest},
        "elements": [
            {"number": number, "element": text, "position": position}
            for number, text, position in view.elements
        ],
        "held_back_by": [
            {
                "at_best": band,
                "questions": [{"id": q.id, "question": q.text} for q in questions],
            }
            for band, questions in view.binding_caps
        ],
        "answers_keeping_it_from_the_next_band": [
            {"id": item.question.id, "question": item.question.text, "answer": item.label}
            for item in view.explanation
        ],
    }


# Engagement.


def _profile(lines: list[selectors.ProfileLine]) -> list[dict[str, Any]]:
    return [
        {
            "feature": line.feature,
            "values": [
                {"value": label, "count": count, "suppressed": count is None}
                for label, count in line.values
            ],
        }
        for line in lines
    ]


def engagement(proposal: Proposal) -> dict[str, Any]:
    """Who took part in each kind of engagement, and what was published of what they said."""
    waves = [selectors.wave_taking_part(wave) for wave in selectors.waves(proposal=proposal)]
    juries = [selectors.jury_taking_part(jury) for jury in selectors.juries(proposal=proposal)]
    dialogues = [
        selectors.dialogue_taking_part(dialogue)
        for dialogue in selectors.dialogues(proposal=proposal)
    ]
    plan = EngagementPlan.objects.filter(proposal=proposal).first()
    methods = [
        method
        for method, used in (("panel", waves), ("jury", juries), ("dialogue", dialogues))
        if used
    ]
    return {
        "methods": methods,
        "engagement_report": _text(plan.report_summary) if plan and plan.has_reported else None,
        "engagement_reported_on": _date(plan.reported_on) if plan else None,
        "panel_waves": [
            {
                "name": item.wave.name,
                "panel": item.wave.panel.name,
                "area": item.wave.panel.area,
                "status": str(item.wave.get_status_display()),
                "sent_on": _date(timezone.localdate(item.wave.sent_at))
                if item.wave.sent_at
                else None,
                "closes_on": _date(timezone.localdate(item.wave.closes_at)),
                "invited": item.invited,
                "responses": item.responses,
                "responses_suppressed": item.responses is None,
                "smallest_count_shown": item.threshold,
                "you_said_we_did": _text(item.feedback),
            }
            for item in waves
        ],
        "juries": [
            {
                "name": item.jury.name,
                "area": item.jury.area,
                "charge_question": item.jury.charge_question,
                "size": item.size,
                "jurors_serving": item.serving,
                "profile": _profile(item.profile),
                "smallest_count_shown": item.threshold,
                "verdict": _text(item.verdict),
                "verdict_reached_by": item.verdict_reached_by or None,
                "report_summary": _text(item.report_summary),
                "organisations_response": _text(item.organisers_response),
            }
            for item in juries
        ],
        "dialogues": [
            {
                "title": item.dialogue.title,
                "events_held": item.events,
                "participants": item.participants,
                "areas": [
                    {"area": name, "events": events, "participants": count}
                    for name, events, count in item.areas
                ],
                "profile": _profile(item.profile),
                "smallest_count_shown": item.threshold,
                "themes": [
                    {"theme": theme.label, "description": theme.description, "events": theme.events}
                    for theme in item.themes
                ],
                "what_happens_next": _text(item.what_next),
            }
            for item in dialogues
        ],
    }


# The decision.


def summaries(decision: dict[str, Any]) -> list[dict[str, str]]:
    """The decision's plain-English summary and, where the organisation gave one, its Welsh
    translation, each with its language code. The page's own language comes first, so that a
    Welsh reader sees the Welsh summary first; both are always shown, because the service's own
    pages are not yet translated into Welsh."""
    found = [
        {"language": code, "text": text}
        for code, text in (
            ("en", decision.get("public_summary") or ""),
            ("cy", decision.get("public_summary_cy") or ""),
        )
        if text.strip()
    ]
    if (translation.get_language() or "").lower().startswith("cy"):
        found.reverse()
    return found


def decision(item: Decision) -> dict[str, Any]:
    conditions = list(item.conditions.all())
    numbers = {condition.pk: number for number, condition in enumerate(conditions, start=1)}
    evidence = list(item.evidence.all())
    led_to = {link.pk: {c.pk for c in link.conditions.all()} for link in evidence}
    return {
        "version": item.version,
        "outcome": item.outcome,
        "outcome_label": str(item.get_outcome_display()),
        "decision_maker": item.decision_maker,
        "decided_on": _date(item.decided_on),
        "published_at": _datetime(item.published_at),
        "review_date": _date(item.review_date),
        "rationale": _text(item.rationale),
        "public_summary": _text(item.public_summary),
        "public_summary_cy": _text(item.public_summary_cy),
        "amendment_reason": _text(item.amendment_reason),
        "conditions": [
            {
                "number": numbers[condition.pk],
                "condition": condition.text,
                "evidence": [link.title for link in evidence if condition.pk in led_to[link.pk]],
            }
            for condition in conditions
        ],
        "evidence": [
            {
                "kind": link.kind,
                "kind_label": str(link.get_kind_display()),
                "evidence": link.title,
                "finding": link.finding,
                "framework_questions": [str(q) for q in (link.question_ids or [])],
                "led_to_conditions": sorted(numbers[pk] for pk in led_to[link.pk] if pk in numbers),
            }
            for link in evidence
        ],
    }


def earlier(decisions: list[Decision]) -> list[dict[str, Any]]:
    """The versions before the one in force, newest first, each with why it was amended."""
    reasons = {d.amends_id: d.amendment_reason for d in decisions if d.amends_id}
    newer_reason = {
        older.pk: decisions[index - 1].amendment_reason
        for index, older in enumerate(decisions)
        if index
    }
    return [
        {
            "version": item.version,
            "outcome": item.outcome,
            "outcome_label": str(item.get_outcome_display()),
            "decision_maker": item.decision_maker,
            "decided_on": _date(item.decided_on),
            "review_date": _date(item.review_date),
            "public_summary": _text(item.public_summary),
            "conditions": [condition.text for condition in item.conditions.all()],
            "replaced_because": _text(reasons.get(item.pk) or newer_reason.get(item.pk, "")),
        }
        for item in decisions[1:]
    ]


# The whole record.


def record(proposal: Proposal, link: Linker) -> dict[str, Any]:
    """Everything the register publishes about one proposal."""
    decisions = selectors.published_decisions(proposal=proposal)
    in_force = decisions[0] if decisions else None
    entry = proposal.register_entry
    overrides = selectors.timing_overrides(proposal=proposal, decisions=decisions)
    review = in_force.review_date if in_force and in_force.review_date else proposal.review_date
    return {
        "id": proposal.pk,
        "url": link(page_url(proposal)),
        "json_url": link(json_url(proposal)),
        "you_said_we_did_url": link(you_said_we_did_url(proposal)),
        "title": proposal.title,
        "organisation": proposal.organisation.name,
        "status": proposal.status,
        "status_label": str(proposal.get_status_display()),
        "published_on_register_at": _datetime(entry.published_at),
        "summary": proposal.summary,
        "purpose": proposal.purpose,
        "whose_data": proposal.data_subjects,
        "roughly_how_many_people": proposal.data_subject_count,
        "data_items": [
            {
                "data_item": item.name,
                "category": item.category,
                "category_label": str(item.get_category_display()),
                "source": item.source,
                "linked_with_other_data": item.linked,
            }
            for item in proposal.data_items.all()
        ],
        "organisations_in_the_share": [
            {
                "organisation": party.name,
                "role": party.role,
                "role_label": str(party.get_role_display()),
            }
            for party in proposal.parties.all()
        ],
        "lawful_basis": {
            "article_6": _coded(proposal.article_6_basis, proposal.get_article_6_basis_display()),
            "article_9": _coded(
                proposal.article_9_condition, proposal.get_article_9_condition_display()
            ),
            "article_10": _text(proposal.article_10_condition),
        },
        "consent_sought": proposal.consent_sought,
        "retention": proposal.retention,
        "assessment": assessment(proposal),
        "engagement": engagement(proposal),
        "decision": decision(in_force) if in_force else None,
        "earlier_decisions": earlier(decisions),
        "review_date": _date(review),
        "timing_overrides": [
            {
                "reason": override.reason,
                "recorded_on": _date(timezone.localdate(override.recorded_at)),
                "used_on": _date(timezone.localdate(override.used_at))
                if override.used_at
                else None,
            }
            for override in overrides
        ],
    }


def register_document(proposals: list[Proposal], link: Linker) -> dict[str, Any]:
    """The whole register as one JSON document."""
    return {
        "schema": link(reverse("register:schema")),
        "generated_at": _datetime(timezone.now()),
        "smallest_count_shown": selectors.min_cell(),
        "proposals": [record(proposal, link) for proposal in proposals],
    }


#: The register as CSV: one row per proposal, lists joined with " | ".
CSV_HEADER = (
    "id",
    "url",
    "title",
    "organisation",
    "status",
    "published_on_register_at",
    "summary",
    "purpose",
    "data_categories",
    "organisations_in_the_share",
    "article_6",
    "article_9",
    "article_10",
    "assessment_band",
    "engagement_methods",
    "decision",
    "decision_maker",
    "decided_on",
    "conditions",
    "public_summary",
    "review_date",
    "timing_override_reasons",
)


def csv_row(item: dict[str, Any]) -> list[Any]:
    decided = item["decision"] or {}
    basis = item["lawful_basis"]
    categories = sorted({d["category_label"] for d in item["data_items"]})
    return [
        item["id"],
        item["url"],
        item["title"],
        item["organisation"],
        item["status_label"],
        item["published_on_register_at"],
        item["summary"],
        item["purpose"],
        " | ".join(categories),
        " | ".join(
            f"{p['organisation']} ({p['role_label']})" for p in item["organisations_in_the_share"]
        ),
        basis["article_6"]["label"] if basis["article_6"] else "",
        basis["article_9"]["label"] if basis["article_9"] else "",
        basis["article_10"] or "",
        item["assessment"]["band"] if item["assessment"] else "",
        " | ".join(item["engagement"]["methods"]),
        decided.get("outcome_label", ""),
        decided.get("decision_maker", ""),
        decided.get("decided_on") or "",
        " | ".join(c["condition"] for c in decided.get("conditions", [])),
        decided.get("public_summary") or "",
        item["review_date"] or "",
        " | ".join(o["reason"] for o in item["timing_overrides"]),
    ]
