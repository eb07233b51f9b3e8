"""The DPIA input: the ICO's seven steps of a data protection impact assessment, pre-filled
from what the service already knows about a proposal (its facts, the assessment, the screening
rules that fired, the engagement and what the public said, and the decision with its
conditions), built once as a ``Document`` so that the page, the Word document and the PDF say
the same. What only the data protection officer can say is marked "To be completed"."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from publicbenefit.accounts.models import Membership
from publicbenefit.core.acceptability import AcceptabilityReport
from publicbenefit.decisions.models import Decision
from publicbenefit.dialogues.models import Dialogue
from publicbenefit.dialogues.selectors.outcome import Outcome
from publicbenefit.dialogues.selectors.outcome import outcome as dialogue_outcome
from publicbenefit.engagement import presenters as engagement_presenters
from publicbenefit.engagement import selectors as engagement_selectors
from publicbenefit.juries.models import Jury, Verdict
from publicbenefit.juries.selectors import process as jury_process
from publicbenefit.panels.models import Wave
from publicbenefit.panels.selectors.acceptability import wave_acceptability
from publicbenefit.partnerships import selectors as partnership_selectors
from publicbenefit.proposals.models import Proposal
from publicbenefit.reports import evidence, selectors
from publicbenefit.reports.document import (
    Block,
    Bullets,
    Document,
    Facts,
    Paragraph,
    Section,
    Subheading,
    Table,
)

TO_COMPLETE = gettext_lazy("To be completed")

#: The ICO's seven steps, in order, as its DPIA template heads them.
STEPS = (
    gettext_lazy("Step 1: Identify the need for a DPIA"),
    gettext_lazy("Step 2: Describe the processing"),
    gettext_lazy("Step 3: Consultation process"),
    gettext_lazy("Step 4: Assess necessity and proportionality"),
    gettext_lazy("Step 5: Identify and assess risks"),
    gettext_lazy("Step 6: Identify measures to reduce risk"),
    gettext_lazy("Step 7: Sign off and record outcomes"),
)


def _to_complete() -> str:
    return str(TO_COMPLETE)


def _decision(proposal: Proposal) -> Decision | None:
    """The decision the DPIA records: the one in force, else the draft."""
    return selectors.decision_in_force(proposal=proposal) or selectors.decision_draft(
        proposal=proposal
    )


def _fired(proposal: Proposal) -> list[dict[str, object]]:
    screening = engagement_selectors.screening_latest(proposal=proposal)
    return engagement_presenters.screening_view(screening).fired if screening else []


def step_1(proposal: Proposal) -> list[Block]:
    screening = engagement_selectors.screening_latest(proposal=proposal)
    blocks: list[Block] = [
        Paragraph(
            _("What the project aims to achieve: %(purpose)s") % {"purpose": proposal.purpose}
        ),
        Paragraph(proposal.summary),
    ]
    if screening is None:
        blocks.append(
            Paragraph(
                _(
                    "The proposal has not been screened, so the service cannot yet say whether "
                    "a DPIA is required. Screen it on the engagement page."
                )
            )
        )
        return blocks
    fired = engagement_presenters.screening_view(screening).fired
    needing = [rule for rule in fired if rule["dpia_required"]]
    if screening.dpia_required:
        blocks.append(
            Paragraph(_("The screening found that a DPIA is required, for these reasons:"))
        )
        blocks.append(Bullets(tuple(str(rule["why"]) for rule in needing)))
    else:
        blocks.append(
            Paragraph(
                _(
                    "The screening rules do not require a DPIA; it is recorded here as good "
                    "practice. Check the ICO's list of processing likely to result in high risk."
                )
            )
        )
    others = [rule for rule in fired if not rule["dpia_required"]]
    if others:
        blocks += [
            Paragraph(_("Other screening findings:")),
            Bullets(tuple(str(rule["why"]) for rule in others)),
        ]
    return blocks


def step_2(proposal: Proposal) -> list[Block]:
    blocks: list[Block] = [
        Subheading(_("The nature of the processing")),
        evidence.parties_table(proposal),
        evidence.data_items_table(proposal),
        Facts(
            (
                (_("How long the data is kept"), proposal.retention),
                (_("How the data is collected, used, stored and deleted"), _to_complete()),
                (_("Processors, and whether data leaves the UK"), _to_complete()),
            )
        ),
        Subheading(_("The scope of the processing")),
        Facts(
            (
                (_("Whose data"), proposal.data_subjects),
                (
                    _("Roughly how many people"),
                    _("Not given")
                    if proposal.data_subject_count is None
                    else f"{proposal.data_subject_count:,}",
                ),
                (
                    _("Special category or criminal offence data"),
                    ", ".join(
                        filter(
                            None,
                            [
                                str(proposal.get_article_9_condition_display()),
                                proposal.article_10_condition,
                            ],
                        )
                    )
                    or _("None recorded"),
                ),
            )
        ),
        Subheading(_("The context of the processing")),
        Facts(
            (
                (_("Consent sought"), evidence.yes_no(proposal.consent_sought)),
                (
                    _("Predictive modelling about individuals"),
                    evidence.yes_no(proposal.predictive_modelling),
                ),
                (_("Solely automated decisions"), evidence.yes_no(proposal.automated_decisions)),
                (_("The use can be punitive"), evidence.yes_no(proposal.punitive_use)),
                (
                    _("Targets groups seen as at risk"),
                    evidence.yes_no(proposal.targets_at_risk_groups),
                ),
            )
        ),
        Subheading(_("The purposes of the processing")),
        Paragraph(proposal.purpose),
    ]
    return blocks


@dataclass(frozen=True)
class Heard:
    """What the public said, read once for the whole DPIA input: each panel wave sent with its
    acceptability report, each jury with its serving jurors and verdict, and each dialogue with
    what it heard."""

    waves: list[tuple[Wave, AcceptabilityReport | None]]
    juries: list[tuple[Jury, int, Verdict | None]]
    dialogues: list[tuple[Dialogue, Outcome]]


def heard_on(proposal: Proposal) -> Heard:
    return Heard(
        waves=[
            (wave, wave_acceptability(wave=wave).report)
            for wave in selectors.waves_sent(proposal=proposal)
        ],
        juries=[
            (jury, selectors.jury_profile(jury=jury)[0], jury_process.verdict_of(jury=jury))
            for jury in selectors.juries_of(proposal=proposal)
        ],
        dialogues=[
            (dialogue, dialogue_outcome(dialogue=dialogue))
            for dialogue in selectors.dialogues_of(proposal=proposal)
        ],
    )


def _engagement_rows(heard: Heard) -> list[tuple[str, str, str]]:
    """(who, how, what they said) for each engagement that took place."""
    rows = []
    for wave, report in heard.waves:
        said = _("Survey results in the evidence report.")
        if report is not None and report.score.score is not None:
            said = _(
                "Acceptability %(score).0f out of 100 (95%% interval %(low).1f to %(high).1f)."
            ) % {"score": report.score.score, "low": report.score.low, "high": report.score.high}
        rows.append(
            (
                _("Citizens' Panel members (%(panel)s)") % {"panel": wave.panel.name},
                _("Survey “%(survey)s”, %(wave)s")
                % {"survey": wave.survey.title, "wave": wave.name},
                said,
            )
        )
    for jury, serving, verdict in heard.juries:
        rows.append(
            (
                _("%(n)s jurors drawn by lot to reflect the area") % {"n": serving},
                _("Citizens' Jury “%(name)s”") % {"name": jury.name},
                verdict.text if verdict else _("No verdict yet."),
            )
        )
    for dialogue, outcome in heard.dialogues:
        rows.append(
            (
                _("%(people)s people at %(events)s conversations")
                % {"people": outcome.participants, "events": outcome.events},
                _("Distributed Dialogue “%(title)s”") % {"title": dialogue.title},
                "; ".join(theme.label for theme in outcome.themes) or _("No themes drawn yet."),
            )
        )
    return rows


def step_3(proposal: Proposal, heard: Heard) -> list[Block]:
    plan = engagement_selectors.plan_get(proposal=proposal)
    blocks: list[Block] = [Subheading(_("The public"))]
    if plan is None or not plan.option_name:
        blocks.append(Paragraph(_("No public engagement has been planned.")))
    else:
        blocks.append(
            Paragraph(_("Engagement planned: %(option)s.") % {"option": plan.option_name})
        )
        groups = [group.name for group in plan.groups.all()]
        if groups:
            blocks.append(
                Paragraph(_("Groups to reach: %(groups)s.") % {"groups": ", ".join(groups)})
            )
    rows = _engagement_rows(heard)
    if rows:
        blocks.append(
            Table(
                _("Who was consulted, how, and what they said"),
                (_("Who"), _("How"), _("What they said")),
                tuple(rows),
            )
        )
    else:
        blocks.append(Paragraph(_("No public engagement has taken place yet.")))
    if plan is not None and plan.report_summary:
        blocks.append(
            Paragraph(
                _("What the engagement found: %(summary)s") % {"summary": plan.report_summary}
            )
        )
    partners = [
        item.organisation.name
        for item in partnership_selectors.participant_list(proposal=proposal)
        if not item.is_lead
    ]
    blocks += [
        Subheading(_("Organisations and advisers")),
        Facts(
            (
                (
                    _("Partner organisations who assessed the proposal"),
                    ", ".join(partners) or _("None"),
                ),
                (_("Data protection officer"), _to_complete()),
                (_("Information security and processors"), _to_complete()),
            )
        ),
    ]
    return blocks


def step_4(proposal: Proposal) -> list[Block]:
    blocks: list[Block] = [
        evidence.lawful_basis(proposal),
        Subheading(_("The Data for Public Benefit assessment")),
        *evidence.assessment_blocks(proposal),
        Facts(
            (
                (_("Does the processing achieve the purpose?"), _to_complete()),
                (_("Is there another way to achieve the same outcome?"), _to_complete()),
                (_("How is function creep prevented?"), _to_complete()),
                (_("How is data quality and data minimisation ensured?"), _to_complete()),
                (_("What information is given to individuals?"), _to_complete()),
                (_("How are individuals' rights supported?"), _to_complete()),
                (_("How are international transfers safeguarded?"), _to_complete()),
            )
        ),
    ]
    return blocks


def step_5(proposal: Proposal, heard: Heard) -> list[Block]:
    fired = _fired(proposal)
    rows = [(str(rule["why"]), _to_complete(), _to_complete(), _to_complete()) for rule in fired]
    blocks: list[Block] = []
    if rows:
        blocks.append(
            Table(
                _("Risks the screening found"),
                (
                    _("Source of risk and potential impact on individuals"),
                    _("Likelihood of harm"),
                    _("Severity of harm"),
                    _("Overall risk"),
                ),
                tuple(rows),
            )
        )
    else:
        blocks.append(Paragraph(_("No screening rule fired; list any risks you identify.")))
    concerns = [theme.label for _dialogue, outcome in heard.dialogues for theme in outcome.themes]
    concerns += [
        phrase.text for _wave, report in heard.waves if report for phrase in report.conditions
    ]
    if concerns:
        blocks += [
            Paragraph(_("What the public raised, to weigh as risks:")),
            Bullets(tuple(dict.fromkeys(concerns))),
        ]
    return blocks


def step_6(proposal: Proposal) -> list[Block]:
    decision = _decision(proposal)
    conditions = list(decision.conditions.all()) if decision else []
    if not conditions:
        return [
            Paragraph(
                _(
                    "No conditions have been recorded in a decision yet. Record the measures "
                    "that reduce each risk here."
                )
            )
        ]
    return [
        Table(
            _("Measures: the conditions of the decision"),
            (
                _("Risk"),
                _("Options to reduce or eliminate risk"),
                _("Evidence it came from"),
                _("Effect on risk"),
                _("Residual risk"),
                _("Measure approved"),
            ),
            tuple(
                (
                    _to_complete(),
                    condition.text,
                    "; ".join(item.title for item in condition.evidence.all()) or _("None linked"),
                    _to_complete(),
                    _to_complete(),
                    _("Yes, in the published decision")
                    if decision and decision.is_published
                    else _("Not yet: the decision is a draft"),
                )
                for condition in conditions
            ),
        )
    ]


def step_7(proposal: Proposal) -> list[Block]:
    decision = _decision(proposal)
    if decision is not None:
        outcome = str(decision.get_outcome_display())
        if not decision.is_published:
            outcome += " " + _("(draft, not yet published)")
        decided = f"{decision.decision_maker}, {decision.decided_on:%d %B %Y}"
        review = f"{decision.review_date:%d %B %Y}" if decision.review_date else _to_complete()
    else:
        outcome, decided = _to_complete(), _to_complete()
        review = f"{proposal.review_date:%d %B %Y}" if proposal.review_date else _to_complete()
    return [
        Table(
            _("Sign off"),
            (_("Item"), _("Name, role and date"), _("Notes")),
            (
                (_("Outcome of the decision"), decided, outcome),
                (_("Measures approved by"), decided if decision else _to_complete(), ""),
                (_("Residual risks approved by"), _to_complete(), ""),
                (_("DPO advice provided"), _to_complete(), ""),
                (_("Summary of DPO advice"), _to_complete(), ""),
                (_("DPO advice accepted or overruled by"), _to_complete(), ""),
                (_("Consultation responses reviewed by"), _to_complete(), ""),
                (_("This DPIA will be kept under review by"), _to_complete(), review),
            ),
        )
    ]


def dpia_input(*, proposal: Proposal, membership: Membership) -> Document:
    """The DPIA input for ``proposal``, for a member of its organisation."""
    heard = heard_on(proposal)
    steps = (
        step_1(proposal),
        step_2(proposal),
        step_3(proposal, heard),
        step_4(proposal),
        step_5(proposal, heard),
        step_6(proposal),
        step_7(proposal),
    )
    return Document(
        title=proposal.title,
        caption=_("DPIA input: %(organisation)s") % {"organisation": proposal.organisation.name},
        introduction=_(
            "The ICO's seven steps of a data protection impact assessment, filled in from what "
            "this service records. Your data protection officer completes it in your own "
            "template; items marked “To be completed” are theirs."
        ),
        made_at=timezone.localtime(),
        sections=tuple(
            Section(str(heading), tuple(blocks), f"step-{number}")
            for number, (heading, blocks) in enumerate(zip(STEPS, steps, strict=True), start=1)
        ),
    )
