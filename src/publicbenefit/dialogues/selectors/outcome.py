"""What was heard, per framing question, for the outcome page, the email to hosts and the
printable summary: how many events discussed each question, how far they agreed (counts per
level), the main points and minority views with the area each came from, and the analyst's
themes with a few excerpts each."""

from dataclasses import dataclass, field

from django.db.models import Sum

from publicbenefit.dialogues.models import Agreement, Dialogue, FramingQuestion, WriteUp
from publicbenefit.dialogues.selectors.themes import OutcomeTheme, outcome_themes


@dataclass
class QuestionHeard:
    question: FramingQuestion
    events: int = 0
    agreement: list[tuple[str, int]] = field(default_factory=list)
    points: list[tuple[str, str]] = field(default_factory=list)
    minority: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Outcome:
    dialogue: Dialogue
    events: int
    participants: int
    areas: int
    questions: list[QuestionHeard]
    themes: list[OutcomeTheme] = field(default_factory=list)


def outcome(*, dialogue: Dialogue) -> Outcome:
    """What the dialogue heard, from its sent write-ups."""
    write_ups = WriteUp.objects.filter(event__dialogue=dialogue, submitted_at__isnull=False)
    heard = []
    for question in dialogue.questions.all():
        item = QuestionHeard(question=question)
        levels = dict.fromkeys(Agreement.values, 0)
        answers = (
            question.answers.filter(write_up__in=write_ups)
            .select_related("write_up__event__area")
            .order_by("write_up__event__starts_at", "pk")
        )
        for answer in answers:
            if not answer.main_points.strip():
                continue
            item.events += 1
            if answer.agreement:
                levels[answer.agreement] += 1
            where = answer.write_up.event.area.name
            item.points.append((where, answer.main_points))
            if answer.minority_views.strip():
                item.minority.append((where, answer.minority_views))
        item.agreement = [(Agreement(level).label, n) for level, n in levels.items()]
        heard.append(item)
    return Outcome(
        dialogue=dialogue,
        events=write_ups.count(),
        participants=write_ups.aggregate(n=Sum("participants"))["n"] or 0,
        areas=write_ups.values("event__area").distinct().count(),
        questions=heard,
        themes=outcome_themes(dialogue=dialogue),
    )


def outcome_recipients(*, dialogue: Dialogue) -> list[tuple[int, str, str]]:
    """(event id, host name, email) of every host whose event was held and who has not been
    sent the outcome yet (an erased host has no address, and is not written to)."""
    return list(
        dialogue.events.filter(
            write_up__submitted_at__isnull=False, outcome_sent_at=None, host__erased_at=None
        )
        .select_related("host")
        .values_list("pk", "host__name", "host__email")
    )
