"""The evidence report for the people who decide on a proposal, built as a ``Document``: the
proposal, the assessment and the partners' positions, the screening and the engagement plan,
each engagement that took place (who took part against the population, the results with their
95% intervals, the themes with quotes, the acceptability score) and the decision.

Every figure comes from the selector or presenter of the app that owns it (nothing is worked
out again here), and only what those show is shown: a suppressed cell stays hidden, a theme
raised by too few people stays unnamed. The report holds no personal data: aggregates,
pseudonymous counts, and roles rather than people.

The sections are also the building blocks of the DPIA input (``reports.dpia``).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.assessments import presenters as assessment_presenters
from publicbenefit.assessments.selectors import assessment_get_for, assessment_score
from publicbenefit.decisions.models import Decision
from publicbenefit.dialogues.models import Dialogue
from publicbenefit.dialogues.selectors.coverage import coverage_by_area, totals
from publicbenefit.dialogues.selectors.outcome import outcome as dialogue_outcome
from publicbenefit.engagement import presenters as engagement_presenters
from publicbenefit.engagement import selectors as engagement_selectors
from publicbenefit.engagement.models import EngagementPlan, Screening
from publicbenefit.juries.models import Jury
from publicbenefit.juries.selectors import process as jury_process
from publicbenefit.juries.selectors.draw import draw_current
from publicbenefit.panels.models import Wave
from publicbenefit.panels.selectors.acceptability import wave_acceptability
from publicbenefit.panels.selectors.results import wave_results
from publicbenefit.panels.selectors.setup import representativeness
from publicbenefit.panels.selectors.themes import wave_themes
from publicbenefit.partnerships import presenters as partnership_presenters
from publicbenefit.partnerships import rules as partnership_rules
from publicbenefit.partnerships import selectors as partnership_selectors
from publicbenefit.proposals.models import Proposal
from publicbenefit.reports import selectors
from publicbenefit.reports.document import (
    Block,
    Bullets,
    Document,
    Facts,
    Paragraph,
    Quote,
    Section,
    Subheading,
    Table,
)
from publicbenefit.surveys.acceptability import Answered
from publicbenefit.surveys.acceptability_score import (
    MIN_RESPONDENTS,
    ScoreParts,
    score_responses,
    seed_from,
)
from publicbenefit.surveys.event_selectors import submitted as survey_submitted

# Formatting the figures the selectors return.


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def interval(low: float | None, high: float | None, unit: str = "%") -> str:
    if low is None or high is None:
        return ""
    return f"{low:.1f}{unit} to {high:.1f}{unit}"


def hidden(min_cell: int) -> str:
    return _("Hidden (fewer than %(min)s people, or to protect a small group)") % {"min": min_cell}


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


# The proposal.


def proposal_facts(proposal: Proposal) -> Facts:
    return Facts(
        (
            (_("Summary"), proposal.summary),
            (_("Purpose and problem"), proposal.purpose),
            (_("Whose data"), proposal.data_subjects),
            (
                _("Roughly how many people"),
                _("Not given")
                if proposal.data_subject_count is None
                else f"{proposal.data_subject_count:,}",
            ),
            (_("How long the data is kept"), proposal.retention),
            (_("Consent sought"), yes_no(proposal.consent_sought)),
            (_("Predictive modelling about individuals"), yes_no(proposal.predictive_modelling)),
            (_("Solely automated decisions"), yes_no(proposal.automated_decisions)),
            (_("The use can be punitive"), yes_no(proposal.punitive_use)),
            (_("Targets groups seen as at risk"), yes_no(proposal.targets_at_risk_groups)),
            (_("Status"), str(proposal.get_status_display())),
        )
    )


def lawful_basis(proposal: Proposal) -> Facts:
    return Facts(
        (
            (_("Article 6 lawful basis"), str(proposal.get_article_6_basis_display())),
            (
                _("Article 9 condition"),
                str(proposal.get_article_9_condition_display() or _("None")),
            ),
            (_("Article 10 condition"), proposal.article_10_condition or _("None")),
        )
    )


def parties_table(proposal: Proposal) -> Table:
    return Table(
        _("Organisations in the share"),
        (_("Organisation"), _("Role in the share")),
        tuple((party.name, str(party.get_role_display())) for party in proposal.parties.all()),
    )


def data_items_table(proposal: Proposal) -> Table:
    return Table(
        _("Data items"),
        (_("Data item"), _("Category"), _("Where it comes from"), _("Linked with other data")),
        tuple(
            (item.name, str(item.get_category_display()), item.source, yes_no(item.linked))
            for item in proposal.data_items.all()
        ),
    )


def proposal_section(proposal: Proposal) -> Section:
    blocks: list[Block] = [proposal_facts(proposal), parties_table(proposal)]
    if proposal.data_items.exists():
        blocks.append(data_items_table(proposal))
    else:
        blocks.append(Paragraph(_("No data items have been recorded.")))
    blocks += [Subheading(_("Lawful basis")), lawful_basis(proposal)]
    return Section(_("The proposal"), tuple(blocks), "proposal")


# The assessment and the partnership.


def assessment_blocks(proposal: Proposal) -> list[Block]:
    assessment = assessment_get_for(proposal=proposal, organisation=proposal.organisation)
    if assessment is None:
        return [Paragraph(_("The organisation has not started its assessment of the proposal."))]
    scored = assessment_score(assessment=assessment)
    revisions = list(assessment.revisions.all())
    status = str(assessment.get_status_display())
    if revisions:
        status += " " + _("(revision %(number)s)") % {"number": revisions[-1].number}
    blocks: list[Block] = [
        Facts(
            (
                (_("Framework"), str(assessment.framework_version)),
                (_("Status of the assessment"), status),
            )
        )
    ]
    if scored is None:
        blocks.append(Paragraph(_("Not every question is answered yet, so there is no band.")))
        return blocks
    view = assessment_presenters.result_view(assessment.framework_version.framework, scored)
    blocks += [
        Facts(
            (
                (_("Band"), view.outcome_label),
                (_("What the band means"), view.outcome_text),
                (
                    _("Overall score"),
                    _("%(score)s on a scale of %(low)s to %(high)s")
                    % {"score": view.score, "low": view.lowest, "high": view.highest},
                ),
            )
        ),
        Table(
            _("Score for each element"),
            (_("Element"), _("Position")),
            tuple((f"{number}. {text}", position) for number, text, position in view.elements),
        ),
    ]
    if view.explanation:
        blocks.append(
            Table(
                _("The answers that decide the band"),
                (_("Question"), _("Answer"), _("Pull")),
                tuple(
                    (f"{item.question.id} {item.question.text}", item.label, item.pull)
                    for item in view.explanation
                ),
            )
        )
    return blocks


def partnership_blocks(proposal: Proposal, membership: Membership) -> list[Block]:
    participants = partnership_selectors.participant_list(proposal=proposal)
    if len(participants) < 2:
        return [Paragraph(_("No partner organisation was invited to assess the proposal."))]
    blocks: list[Block] = [
        Table(
            _("Organisations assessing the proposal"),
            (_("Organisation"), _("Role"), _("Assessment")),
            tuple(
                (
                    item.organisation.name,
                    _("Lead") if item.is_lead else _("Partner"),
                    _("Submitted (revision %(number)s)") % {"number": item.latest.number}
                    if item.latest
                    else (_("In progress") if item.assessment else _("Not started")),
                )
                for item in participants
            ),
        )
    ]
    # Nobody sees another organisation's answers before submitting their own.
    if not partnership_rules.has_submitted(membership, proposal):
        blocks.append(
            Paragraph(
                _(
                    "The partners' positions are shown once your organisation has submitted "
                    "its own assessment."
                )
            )
        )
        return blocks
    view = partnership_selectors.partnership_divergence(proposal=proposal)
    if view is None:
        blocks.append(
            Paragraph(_("The partners' positions are shown once a partner has submitted."))
        )
        return blocks
    table = partnership_presenters.divergence_table(
        view, partnership_selectors.agreed_positions(proposal=proposal)
    )
    blocks.append(
        Table(
            _("Each organisation's band"),
            (_("Organisation"), _("Band"), _("Score")),
            table.outcomes,
        )
    )
    blocks.append(
        Table(
            _("Element positions by organisation, and how far apart they are"),
            (_("Element"), *table.organisations, _("Spread")),
            tuple((element, *positions, spread) for element, positions, spread in table.elements),
        )
    )
    divergent = [row for row in table.rows if row.spread > 0 or row.agreed]
    if divergent:
        blocks.append(
            Table(
                _("Questions where the organisations differ, and the agreed positions"),
                (_("Question"), *table.organisations, _("Agreed position"), _("Why")),
                tuple(
                    (
                        f"{row.question.id} {row.question.text}",
                        *row.cells,
                        row.agreed or _("Not agreed yet"),
                        row.agreed_rationale,
                    )
                    for row in divergent
                ),
            )
        )
    else:
        blocks.append(Paragraph(_("The organisations gave the same answer to every question.")))
    return blocks


def assessment_section(proposal: Proposal, membership: Membership) -> Section:
    return Section(
        _("The assessment and the partnership's position"),
        (
            *assessment_blocks(proposal),
            Subheading(_("Partner organisations")),
            *partnership_blocks(proposal, membership),
        ),
        "assessment",
    )


# Screening and the plan.


def screening_blocks(screening: Screening | None) -> list[Block]:
    if screening is None:
        return [Paragraph(_("The proposal has not been screened for public engagement."))]
    view = engagement_presenters.screening_view(screening)
    blocks: list[Block] = [
        Facts(
            (
                (_("Minimum depth of engagement"), view.depth),
                (_("DPIA required"), yes_no(screening.dpia_required)),
                (_("Screened on"), f"{timezone.localtime(screening.screened_at):%d %B %Y}"),
                (_("Assessment band at screening"), view.band or _("No band yet")),
            )
        )
    ]
    if view.fired:
        blocks.append(
            Table(
                _("Rules that fired"),
                (_("Depth it requires"), _("DPIA"), _("Why")),
                tuple(
                    (
                        rule["depth_label"],
                        _("Required") if rule["dpia_required"] else "",
                        rule["why"],
                    )
                    for rule in view.fired
                ),
            )
        )
    else:
        blocks.append(
            Paragraph(
                _("No rule fired: telling the public what is shared, why and by whom is enough.")
            )
        )
    return blocks


def plan_blocks(plan: EngagementPlan | None, screening: Screening | None) -> list[Block]:
    if plan is None:
        return [Paragraph(_("No engagement has been planned."))]
    view = engagement_presenters.plan_view(plan, screening)
    chosen = plan.option_name or _("Not chosen yet")
    rows = [
        (_("Methods chosen"), chosen),
        (_("Recommended by the chooser"), view.recommended_name or _("Not worked out")),
    ]
    if plan.override_reason:
        rows.append((_("Why another option was chosen"), plan.override_reason))
    rows += [
        (_("Engagement starts"), f"{plan.starts_on:%d %B %Y}"),
        (_("Decision point"), f"{plan.decision_by:%d %B %Y}"),
        (_("Budget"), view.budget),
        (_("Estimated cost"), view.total if view.methods else _("No method chosen")),
        (_("People the proposal concerns"), view.population),
        (
            _("Reported"),
            f"{plan.reported_on:%d %B %Y}" if plan.reported_on else _("Not reported yet"),
        ),
    ]
    blocks: list[Block] = [Facts(tuple(rows))]
    if plan.report_summary:
        blocks += [Subheading(_("What the engagement found")), Paragraph(plan.report_summary)]
    groups = list(plan.groups.all())
    if groups:
        blocks.append(
            Table(
                _("Groups the engagement must reach"),
                (_("Group"), _("Recruitment target"), _("How they will be reached")),
                tuple(
                    (group.name, "" if group.target is None else str(group.target), group.how)
                    for group in groups
                ),
            )
        )
    milestones = list(plan.milestones.all())
    if milestones:
        blocks.append(
            Table(
                _("Timeline"),
                (_("Date"), _("Milestone")),
                tuple((f"{item.due_on:%d %B %Y}", item.title) for item in milestones),
            )
        )
    for estimate in view.estimates:
        blocks.append(
            Table(
                _("Cost of %(method)s") % {"method": estimate["name"]},
                (_("Item"), _("Working"), _("Amount")),
                (
                    *(
                        (line["label"], line["working"], line["amount"])
                        for line in estimate["lines"]
                    ),
                    (_("Total"), "", estimate["total"]),
                ),
            )
        )
    if view.warnings:
        blocks.append(Bullets(tuple(str(warning) for warning in view.warnings)))
    return blocks


def timing_override_blocks(proposal: Proposal) -> list[Block]:
    overrides = engagement_selectors.timing_overrides(proposal=proposal)
    if not overrides:
        return []
    return [
        Subheading(_("Decided before the engagement reported")),
        *(
            Paragraph(
                _("Recorded %(date)s: %(reason)s")
                % {
                    "date": f"{timezone.localtime(item.recorded_at):%d %B %Y}",
                    "reason": item.reason,
                }
            )
            for item in overrides
        ),
    ]


def screening_section(proposal: Proposal) -> Section:
    screening = engagement_selectors.screening_latest(proposal=proposal)
    plan = engagement_selectors.plan_get(proposal=proposal)
    return Section(
        _("Screening and the engagement plan"),
        (
            *screening_blocks(screening),
            Subheading(_("The engagement plan")),
            *plan_blocks(plan, screening),
            *timing_override_blocks(proposal),
        ),
        "screening",
    )


# Engagement that took place.


def representativeness_blocks(wave: Wave) -> list[Block]:
    rows = representativeness(panel=wave.panel)
    if not rows:
        return [Paragraph(_("The panel has no population margins to compare with."))]
    return [
        Table(
            _("The panel's active members against the area's population: %(feature)s")
            % {"feature": row.label},
            (_("Group"), _("Population"), _("Panel"), _("Gap (points)"), _("Under-represented")),
            tuple(
                (
                    group.label,
                    percent(float(group.population_percent)),
                    percent(float(group.panel_percent)),
                    f"{float(group.gap_points):+.1f}",
                    _("Yes") if group.under else "",
                )
                for group in row.groups
            ),
        )
        for row in rows
    ]


def results_blocks(wave: Wave) -> list[Block]:
    results = wave_results(wave=wave)
    weighting = results.weighting
    blocks: list[Block] = [
        Paragraph(
            (
                _(
                    "%(n)s people answered. Results are weighted to the area's population "
                    "(design effect %(deff).2f; as precise as a random sample of %(ess).0f)."
                )
                if weighting.weighted
                else _("%(n)s people answered. The results are not weighted: %(problems)s")
            )
            % {
                "n": weighting.respondents,
                "deff": weighting.design_effect,
                "ess": weighting.effective_sample_size,
                "problems": " ".join(weighting.problems),
            }
        )
    ]
    for question in results.questions:
        for part in question.parts:
            title = f"{question.number}. {part.title}"
            if part.blocks:
                overall = part.blocks[0]
                if overall.suppressed:
                    blocks.append(Paragraph(f"{title}: {hidden(results.min_cell)}"))
                    continue
                blocks.append(
                    Table(
                        _("%(title)s (%(base)s answered)") % {"title": title, "base": overall.base},
                        (_("Answer"), _("Weighted share"), _("95% interval")),
                        tuple(
                            (
                                line.label,
                                hidden(results.min_cell)
                                if line.cell.suppressed
                                else percent(line.cell.percent),
                                ""
                                if line.cell.suppressed
                                else interval(line.cell.low, line.cell.high),
                            )
                            for line in overall.lines
                        ),
                    )
                )
            for mean in part.means[:1]:
                blocks.append(
                    Paragraph(
                        f"{title}: {hidden(results.min_cell)}"
                        if mean.base is None
                        else _("%(title)s: mean %(mean).2f (95%% interval %(low).2f to %(high).2f)")
                        % {"title": title, "mean": mean.mean, "low": mean.low, "high": mean.high}
                    )
                )
            if question.question.kind == "free_text":
                blocks.append(
                    Paragraph(
                        f"{title}: {hidden(results.min_cell)}"
                        if part.text_answers is None
                        else _("%(title)s: %(n)s written answers (their themes follow).")
                        % {"title": title, "n": part.text_answers}
                    )
                )
    return blocks


def wave_theme_blocks(wave: Wave) -> list[Block]:
    found = wave_themes(wave=wave)
    blocks: list[Block] = []
    for question in found.questions:
        blocks.append(Subheading(_("Themes: %(question)s") % {"question": question.question.text}))
        if not question.themed:
            blocks.append(
                Paragraph(
                    _("Too few answers to find themes (%(min)s are needed).")
                    % {"min": found.min_answers}
                )
            )
            continue
        for theme in question.themes:
            if theme.suppressed:
                blocks.append(
                    Paragraph(
                        _("A theme raised by fewer than %(min)s people (not shown).")
                        % {"min": found.min_cell}
                    )
                )
                continue
            blocks.append(
                Paragraph(
                    _("%(label)s (%(n)s answers): %(description)s")
                    % {"label": theme.label, "n": theme.answers, "description": theme.description}
                )
            )
            blocks += [Quote(example) for example in theme.examples[:3]]
    return blocks


def score_blocks(parts: ScoreParts, *, weighted: bool, min_cell: int) -> list[Block]:
    report = parts.report
    if report is None:
        return []
    score = report.score
    blocks: list[Block] = [Subheading(_("Public acceptability score"))]
    if score.score is None:
        blocks.append(Paragraph(score.reason or hidden(min_cell)))
    else:
        blocks.append(
            Paragraph(
                _(
                    "%(score).0f out of 100 (95%% interval %(low).1f to %(high).1f), from "
                    "%(n)s people with a score%(weighted)s."
                )
                % {
                    "score": score.score,
                    "low": score.low,
                    "high": score.high,
                    "n": score.scored,
                    "weighted": _(", weighted to the area's population") if weighted else "",
                }
            )
        )
    if parts.decisions:
        blocks.append(
            Table(
                _("Should it go ahead?"),
                (_("Answer"), _("Share"), _("95% interval")),
                tuple(
                    (
                        share.label,
                        hidden(min_cell) if share.cell.suppressed else percent(share.cell.percent),
                        "" if share.cell.suppressed else interval(share.cell.low, share.cell.high),
                    )
                    for share in parts.decisions
                ),
            )
        )
    if report.conditions:
        blocks.append(
            Paragraph(
                _("Conditions people often set: %(phrases)s")
                % {
                    "phrases": "; ".join(
                        f"{phrase.text} ({phrase.participants})" for phrase in report.conditions
                    )
                }
            )
        )
    return blocks


def wave_blocks(wave: Wave) -> list[Block]:
    blocks: list[Block] = [
        Subheading(
            _("Citizens' Panel: %(panel)s, %(wave)s")
            % {"panel": wave.panel.name, "wave": wave.name}
        ),
        Paragraph(
            _("Survey “%(survey)s”, sent %(date)s, status %(status)s.")
            % {
                "survey": wave.survey.title,
                "date": f"{timezone.localtime(wave.sent_at):%d %B %Y}" if wave.sent_at else "",
                "status": wave.get_status_display(),
            }
        ),
        *representativeness_blocks(wave),
        *results_blocks(wave),
        *wave_theme_blocks(wave),
    ]
    acceptability = wave_acceptability(wave=wave)
    blocks += score_blocks(
        ScoreParts(
            acceptability.module,
            acceptability.report,
            acceptability.groups,
            acceptability.decisions,
            acceptability.confidence,
            acceptability.assessment,
            acceptability.elements,
        ),
        weighted=acceptability.weighting.weighted,
        min_cell=acceptability.min_cell,
    )
    return blocks


def jury_blocks(jury: Jury) -> list[Block]:
    blocks: list[Block] = [
        Subheading(_("Citizens' Jury: %(name)s") % {"name": jury.name}),
        Paragraph(_("Charge question: %(question)s") % {"question": jury.charge_question}),
    ]
    if draw_current(jury=jury) is None:
        blocks.append(Paragraph(_("The jury has not been drawn yet.")))
        return blocks
    serving, checks = selectors.jury_profile(jury=jury)
    blocks.append(
        Table(
            _("The %(n)s serving jurors against the quotas") % {"n": serving},
            (
                _("Feature"),
                _("Group"),
                _("Population"),
                _("Quota"),
                _("Jurors"),
                _("Within quota"),
            ),
            tuple(
                (
                    check.feature,
                    check.value,
                    check.share,
                    f"{check.minimum} to {check.maximum}",
                    str(check.serving),
                    yes_no(check.within),
                )
                for check in checks
            ),
        )
    )
    recommendations = jury_process.recommendations_with_counts(jury=jury)
    if recommendations:
        blocks.append(
            Table(
                _("Recommendations (%(threshold)s)") % {"threshold": jury.get_threshold_display()},
                (_("Recommendation"), _("For"), _("Against"), _("Abstain"), _("Supported")),
                tuple(
                    (
                        item.text,
                        str(count.support),
                        str(count.oppose),
                        str(count.abstain),
                        yes_no(jury_process.threshold_met(threshold=jury.threshold, count=count))
                        if item.status == item.Status.CLOSED
                        else _("Not voted on yet"),
                    )
                    for item, count in recommendations
                ),
            )
        )
    verdict = jury_process.verdict_of(jury=jury)
    if verdict is not None:
        blocks += [
            Paragraph(
                (
                    _("Verdict (reached by %(how)s):")
                    if verdict.published_at
                    else _("Verdict (reached by %(how)s; not yet published):")
                )
                % {"how": verdict.get_reached_by_display()}
            ),
            Quote(verdict.text, _("The jury")),
        ]
    else:
        blocks.append(Paragraph(_("The jury has not given its verdict yet.")))
    report = jury_process.final_report_of(jury=jury)
    if report is not None:
        blocks += [Paragraph(_("Final report: %(summary)s") % {"summary": report.summary})]
    return blocks


def dialogue_blocks(dialogue: Dialogue) -> list[Block]:
    heard = dialogue_outcome(dialogue=dialogue)
    rows = coverage_by_area(dialogue=dialogue)
    total = totals(rows)
    blocks: list[Block] = [
        Subheading(_("Distributed Dialogue: %(title)s") % {"title": dialogue.title}),
        Paragraph(
            _(
                "%(events)s conversations were written up, with %(people)s people in "
                "%(areas)s areas."
            )
            % {"events": heard.events, "people": heard.participants, "areas": heard.areas}
        ),
        Table(
            _("Coverage by area, against the targets"),
            (_("Area"), _("Events held"), _("Target events"), _("People"), _("Target people")),
            tuple(
                (
                    row.name,
                    str(row.held),
                    str(row.target_events),
                    str(row.participants),
                    str(row.target_participants),
                )
                for row in [*rows, total]
            ),
        ),
    ]
    for item in heard.questions:
        if not item.events:
            continue
        blocks.append(
            Paragraph(
                _("%(question)s: discussed at %(n)s events; agreement %(levels)s.")
                % {
                    "question": item.question.text,
                    "n": item.events,
                    "levels": ", ".join(f"{label} {count}" for label, count in item.agreement),
                }
            )
        )
    for theme in heard.themes:
        blocks.append(
            Paragraph(
                _("Theme: %(label)s (%(events)s events, %(areas)s areas). %(description)s")
                % {
                    "label": theme.label,
                    "events": theme.events,
                    "areas": theme.areas,
                    "description": theme.description,
                }
            )
        )
        blocks += [Quote(text, area) for text, area in theme.quotes[:3]]
    if not heard.themes:
        blocks.append(Paragraph(_("No themes have been drawn from the conversations yet.")))
    return blocks


def survey_score_blocks(proposal: Proposal) -> list[Block]:
    blocks: list[Block] = []
    for survey in selectors.surveys_outside_panels(proposal=proposal):
        responses = list(survey_submitted(survey=survey))
        if not responses:
            continue
        parts = score_responses(
            survey=survey,
            answered=[Answered(item.invitation.respondent, item.answers) for item in responses],
            seed=seed_from(f"publicbenefit acceptability survey {survey.pk} batch 0"),
            min_count=MIN_RESPONDENTS,
        )
        if parts.report is None:
            continue
        blocks += [
            Subheading(_("Survey: %(title)s") % {"title": survey.title}),
            Paragraph(
                _("%(n)s people answered; the score is not weighted.") % {"n": len(responses)}
            ),
            *score_blocks(parts, weighted=False, min_cell=MIN_RESPONDENTS),
        ]
    return blocks


def engagement_section(proposal: Proposal) -> Section:
    waves = list(selectors.waves_sent(proposal=proposal))
    juries = list(selectors.juries_of(proposal=proposal))
    dialogues = list(selectors.dialogues_of(proposal=proposal))
    blocks: list[Block] = []
    for wave in waves:
        blocks += wave_blocks(wave)
    if not waves:
        blocks.append(Paragraph(_("No Citizens' Panel survey about this proposal was sent.")))
    for jury in juries:
        blocks += jury_blocks(jury)
    if not juries:
        blocks.append(Paragraph(_("No Citizens' Jury was held on this proposal.")))
    for dialogue in dialogues:
        blocks += dialogue_blocks(dialogue)
    if not dialogues:
        blocks.append(Paragraph(_("No Distributed Dialogue was held on this proposal.")))
    blocks += survey_score_blocks(proposal)
    return Section(_("The engagement that took place"), tuple(blocks), "engagement")


# The decision.


def decision_blocks(decision: Decision) -> list[Block]:
    rows = [
        (_("Outcome"), str(decision.get_outcome_display())),
        (_("Who decided"), decision.decision_maker),
        (_("Date of the decision"), f"{decision.decided_on:%d %B %Y}"),
        (
            _("Review date"),
            f"{decision.review_date:%d %B %Y}" if decision.review_date else _("None set"),
        ),
        (_("Why"), decision.rationale or _("Not given yet")),
    ]
    if decision.amendment_reason:
        rows.append((_("Why it was amended"), decision.amendment_reason))
    blocks: list[Block] = [Facts(tuple(rows))]
    conditions = list(decision.conditions.all())
    if conditions:
        blocks += [
            Subheading(_("Conditions")),
            Bullets(tuple(condition.text for condition in conditions)),
        ]
    evidence = list(decision.evidence.all())
    if evidence:
        blocks.append(
            Table(
                _("The evidence the decision rests on"),
                (_("Evidence"), _("What it found"), _("Framework questions"), _("Conditions")),
                tuple(
                    (
                        f"{item.title} ({item.get_kind_display()})",
                        item.finding,
                        ", ".join(str(question) for question in item.question_ids),
                        "; ".join(condition.text for condition in item.conditions.all()),
                    )
                    for item in evidence
                ),
            )
        )
    return blocks


def decision_section(proposal: Proposal) -> Section:
    in_force = selectors.decision_in_force(proposal=proposal)
    draft = selectors.decision_draft(proposal=proposal)
    blocks: list[Block] = []
    if in_force is not None:
        blocks += [
            Subheading(_("The decision in force (version %(n)s)") % {"n": in_force.version}),
            *decision_blocks(in_force),
        ]
    if draft is not None:
        blocks += [
            Subheading(_("Draft decision (version %(n)s, not published)") % {"n": draft.version}),
            *decision_blocks(draft),
        ]
    if not blocks:
        blocks.append(Paragraph(_("No decision has been recorded yet.")))
    return Section(_("The decision"), tuple(blocks), "decision")


def evidence_report(*, proposal: Proposal, membership: Membership) -> Document:
    """The evidence report on ``proposal`` for a member of its organisation."""
    return Document(
        title=proposal.title,
        caption=_("Evidence report for decision-makers: %(organisation)s")
        % {"organisation": proposal.organisation.name},
        introduction=_(
            "What is proposed, how it was assessed, how the public were engaged and what they "
            "said, and what was decided. Figures are aggregates; groups too small to show safely "
            "are hidden."
        ),
        made_at=timezone.localtime(),
        sections=(
            proposal_section(proposal),
            assessment_section(proposal, membership),
            screening_section(proposal),
            engagement_section(proposal),
            decision_section(proposal),
        ),
    )
