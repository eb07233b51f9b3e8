"""Reads for write-ups: one event's write-up with its answers, the dialogue's sent write-ups,
and the quality flags that make Appendix D's worries visible (a framing question left out, very
short answers, a group that only agreed, an event smaller or larger than the kit is written
for)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from publicbenefit.dialogues.models import (
    EVENT_SIZE_MAX,
    EVENT_SIZE_MIN,
    Agreement,
    Dialogue,
    Event,
    FramingQuestion,
    WriteUp,
    WriteUpAnswer,
)

#: Main points shorter than this (in words) are flagged as very short.
SHORT_ANSWER_WORDS = 15

#: The aggregate counts a write-up may give: group, then its categories.
COUNT_GROUPS: dict[str, list[str]] = {
    "age": ["under-25", "25-44", "45-64", "65-plus", "age-not-said"],
    "gender": ["women", "men", "gender-other", "gender-not-said"],
    "disability": ["disabled", "not-disabled", "disability-not-said"],
    "ethnicity": ["white", "minority-ethnic", "ethnicity-not-said"],
}


#: What each group and category of counts is called on pages.
COUNT_LABELS = {
    "age": gettext_lazy("Age"),
    "under-25": gettext_lazy("Under 25"),
    "25-44": gettext_lazy("25 to 44"),
    "45-64": gettext_lazy("45 to 64"),
    "65-plus": gettext_lazy("65 or over"),
    "age-not-said": gettext_lazy("Age not said"),
    "gender": gettext_lazy("Gender"),
    "women": gettext_lazy("Women"),
    "men": gettext_lazy("Men"),
    "gender-other": gettext_lazy("Another gender"),
    "gender-not-said": gettext_lazy("Gender not said"),
    "disability": gettext_lazy("Disability"),
    "disabled": gettext_lazy("Disabled people"),
    "not-disabled": gettext_lazy("Not disabled"),
    "disability-not-said": gettext_lazy("Disability not said"),
    "ethnicity": gettext_lazy("Ethnic group"),
    "white": gettext_lazy("White"),
    "minority-ethnic": gettext_lazy("Ethnic minority groups"),
    "ethnicity-not-said": gettext_lazy("Ethnic group not said"),
}


@dataclass(frozen=True)
class Flag:
    """A quality flag on a write-up: a short ``code`` and a plain-English message."""

    code: str
    message: str


def write_up_for(event: Event) -> WriteUp | None:
    """The event's write-up, sent or not, if the host has started one."""
    try:
        return event.write_up
    except WriteUp.DoesNotExist:
        return None


def answers_by_question(write_up: WriteUp | None) -> dict[int, WriteUpAnswer]:
    if write_up is None:
        return {}
    return {answer.question_id: answer for answer in write_up.answers.all()}


def sent_write_ups(*, dialogue: Dialogue) -> list[WriteUp]:
    """The dialogue's sent write-ups, with their event, area and community, and answers."""
    return list(
        WriteUp.objects.filter(event__dialogue=dialogue, submitted_at__isnull=False)
        .select_related("event__area", "event__community", "event__host")
        .prefetch_related("answers__question")
        .order_by("event__starts_at", "pk")
    )


def _words(text: str) -> int:
    return len(text.split())


def write_up_flags(write_up: WriteUp, questions: list[FramingQuestion]) -> list[Flag]:
    """The quality flags on a write-up, against the dialogue's framing questions."""
    flags: list[Flag] = []
    answers = answers_by_question(write_up)
    answered = [
        answers[q.pk] for q in questions if q.pk in answers and answers[q.pk].main_points.strip()
    ]
    missing = [q for q in questions if q.pk not in answers or not answers[q.pk].main_points.strip()]
    if missing:
        flags.append(
            Flag(
                "missing",
                ngettext(
                    "%(count)d framing question was not written up",
                    "%(count)d framing questions were not written up",
                    len(missing),
                )
                % {"count": len(missing)},
            )
        )
    short = [a for a in answered if _words(a.main_points) < SHORT_ANSWER_WORDS]
    if short:
        flags.append(
            Flag(
                "short",
                ngettext(
                    "%(count)d answer is very short (under %(words)d words)",
                    "%(count)d answers are very short (under %(words)d words)",
                    len(short),
                )
                % {"count": len(short), "words": SHORT_ANSWER_WORDS},
            )
        )
    if (
        answered
        and all(a.agreement == Agreement.ALL for a in answered)
        and not any(a.minority_views.strip() for a in answered)
    ):
        flags.append(
            Flag("only_agreed", _("The group agreed on everything and reported no other views"))
        )
    if not EVENT_SIZE_MIN <= write_up.participants <= EVENT_SIZE_MAX:
        flags.append(
            Flag(
                "size",
                _("%(count)d people took part: the kit is written for %(min)d to %(max)d")
                % {"count": write_up.participants, "min": EVENT_SIZE_MIN, "max": EVENT_SIZE_MAX},
            )
        )
    return flags


def write_ups_with_flags(*, dialogue: Dialogue) -> list[tuple[WriteUp, list[Flag]]]:
    """Every sent write-up of the dialogue with its flags."""
    questions = list(dialogue.questions.all())
    return [(w, write_up_flags(w, questions)) for w in sent_write_ups(dialogue=dialogue)]


def counts_table(write_up: WriteUp) -> list[tuple[str, list[tuple[str, int]]]]:
    """The write-up's aggregate counts, named, in the form's order."""
    table = []
    for group, keys in COUNT_GROUPS.items():
        values = write_up.counts.get(group) or {}
        if values:
            table.append(
                (
                    str(COUNT_LABELS[group]),
                    [(str(COUNT_LABELS[k]), values[k]) for k in keys if k in values],
                )
            )
    return table
