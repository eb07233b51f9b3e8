"""Writes for a dialogue's themes: asking for a run of the machine's suggestion (done in the
background by ``tasks.theme_run``), the run itself, and the analyst's edits (rename, merge,
split, move), kept in order on the dialogue and replayed on every suggestion, so that a re-run
never loses them. An edit that would not apply to the analyst's view as it stands is refused
with the reason; one that no longer applies after a re-run is kept and shown as stale."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from publicbenefit.accounts.models import Membership
from publicbenefit.core.themes import (
    Edit,
    Status,
    ThemesError,
    ThemeSettings,
    apply_edits,
    edit_to_dict,
    extract_themes,
)
from publicbenefit.dialogues.models import Dialogue, ThemeRun
from publicbenefit.dialogues.rules import require
from publicbenefit.dialogues.selectors.themes import (
    dialogue_excerpts,
    latest_done_run,
    stored_edits,
    themes_from_data,
    themes_to_data,
)

#: The fewest excerpts worth theming.
MIN_EXCERPTS = 5
MIN_THEMES = 2
MAX_THEMES = 16


@transaction.atomic
def theme_run_request(
    *, actor: Membership, dialogue: Dialogue, k: int | None = None, seed: int = 0
) -> ThemeRun:
    """Ask for a new suggestion of themes over the sent write-ups (run it with the task)."""
    require(actor, dialogue)
    if k is not None and not MIN_THEMES <= k <= MAX_THEMES:
        raise ValidationError(
            {
                "k": _("The number of themes must be from %(min)d to %(max)d")
                % {"min": MIN_THEMES, "max": MAX_THEMES}
            }
        )
    found = len(dialogue_excerpts(dialogue=dialogue).excerpts)
    if found < MIN_EXCERPTS:
        raise ValidationError(
            _(
                "There is too little in the sent write-ups to find themes in: %(found)d "
                "excerpts, and at least %(min)d are needed"
            )
            % {"found": found, "min": MIN_EXCERPTS}
        )
    return ThemeRun.objects.create(
        dialogue=dialogue, k=k, seed=seed, excerpts=found, created_by=actor.user
    )


def theme_run_execute(*, run_id: int) -> ThemeRun:
    """Run the machine's suggestion for a requested run and store it (or why it failed)."""
    run = ThemeRun.objects.select_related("dialogue").get(pk=run_id)
    if run.status != ThemeRun.Status.QUEUED:
        return run
    sources = dialogue_excerpts(dialogue=run.dialogue)
    try:
        themes = extract_themes(sources.excerpts, ThemeSettings(themes=run.k, seed=run.seed))
    except (ThemesError, ValueError) as error:
        run.status, run.error = ThemeRun.Status.FAILED, str(error)
    else:
        run.status = ThemeRun.Status.DONE
        run.suggestion = themes_to_data(themes, sources.questions)
    run.excerpts = len(sources.excerpts)
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "suggestion", "excerpts", "finished_at"])
    return run


@transaction.atomic
def theme_edit_add(*, actor: Membership, dialogue: Dialogue, edit: Edit) -> Dialogue:
    """Add an analyst's edit after the others; refused, with the reason, if it does not apply
    to the themes as the analyst sees them now."""
    require(actor, dialogue)
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    run = latest_done_run(dialogue=dialogue)
    if run is None:
        raise ValidationError(_("Find the themes before editing them"))
    edits = [*stored_edits(dialogue), edit]
    outcome = apply_edits(themes_from_data(run.suggestion), edits).outcomes[-1]
    if outcome.status is Status.STALE:
        raise ValidationError(
            _("That change cannot be made: %(reason)s") % {"reason": outcome.reason}
        )
    dialogue.theme_edits = [*dialogue.theme_edits, edit_to_dict(edit)]
    dialogue.save(update_fields=["theme_edits"])
    return dialogue


@transaction.atomic
def theme_edit_undo(*, actor: Membership, dialogue: Dialogue) -> Dialogue:
    """Take back the analyst's last edit."""
    require(actor, dialogue)
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    if not dialogue.theme_edits:
        raise ValidationError(_("There is no change to undo"))
    dialogue.theme_edits = dialogue.theme_edits[:-1]
    dialogue.save(update_fields=["theme_edits"])
    return dialogue
