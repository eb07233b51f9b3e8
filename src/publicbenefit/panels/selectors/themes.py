"""Themes in the free-text answers of a wave's survey, found offline by the core themes pipeline
(``publicbenefit.core.themes``: TF-IDF, co-occurrence smoothing and NMF) each time the page is
read, with a fixed seed so the same answers always give the same themes. Nothing is stored.

Each submitted, non-empty answer to a free-text question is one excerpt; its source is the
respondent's pseudonym (never a name) and its area the member's value of the panel's area or
ward feature, if the panel has one. A question needs :data:`MIN_ANSWERS` answers to be themed.
A theme raised by fewer people than the panel's smallest cell (``min_cell``) is shown only as
"fewer than N", without its label, description or answers, so nobody is recognisable by what
they wrote. Erased members' free text is already blank, so it is left out.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from publicbenefit.core.themes import Excerpt, ThemeSettings, extract_themes
from publicbenefit.core.themes.labels import readable_terms
from publicbenefit.panels.models import Member, ProfileFeature, Wave
from publicbenefit.panels.selectors.margins import features
from publicbenefit.panels.selectors.rights import ERASED_ANSWER
from publicbenefit.surveys.acceptability import MODULE_KINDS
from publicbenefit.surveys.models import Response, SurveyQuestion

#: The fewest answers to a question worth theming.
MIN_ANSWERS = 10
#: How many answers the page quotes for each theme.
EXAMPLES = 5
#: The seed for the pipeline: the page shows the same themes for the same answers.
SEED = 0
#: Profile features (by key or label) that say where a member lives.
AREA_WORDS = ("ward", "area")


@dataclass(frozen=True)
class WaveTheme:
    """A theme of one question's answers; ``suppressed`` when fewer than ``min_cell`` people
    raised it (no label, description or examples are then given)."""

    label: str
    description: str
    answers: int
    examples: tuple[str, ...]
    suppressed: bool


@dataclass(frozen=True)
class QuestionThemes:
    """One free-text question: how many answered, its themes (largest first) and how many
    answers fit no theme; ``themed`` is false when there were too few answers to theme."""

    number: int
    question: SurveyQuestion
    answers: int
    themed: bool
    themes: tuple[WaveTheme, ...] = ()
    unthemed: int = 0


@dataclass(frozen=True)
class WaveThemes:
    wave: Wave
    min_cell: int
    min_answers: int
    questions: tuple[QuestionThemes, ...]


def free_text_questions(*, wave: Wave) -> list[SurveyQuestion]:
    """The wave's survey's free-text questions in order."""
    return list(
        wave.survey.questions.filter(kind=SurveyQuestion.Kind.FREE_TEXT).order_by("order", "pk")
    )


def area_feature(*, wave: Wave) -> ProfileFeature | None:
    """The panel's area or ward feature, if it has one."""
    for feature in features(panel=wave.panel):
        words = f"{feature.key} {feature.label}".lower()
        if any(word in words for word in AREA_WORDS):
            return feature
    return None


def answer_excerpts(wave: Wave, questions: list[SurveyQuestion]) -> dict[int, list[Excerpt]]:
    """Each question's submitted, non-empty answers as excerpts, by question id."""
    feature = area_feature(wave=wave)
    labels = {value.value: value.label for value in feature.values.all()} if feature else {}
    profiles = dict(
        Member.objects.filter(invitations__wave=wave).values_list("pseudonym", "profile")
    )
    rows = (
        Response.objects.filter(submitted_at__isnull=False, invitation__wave_invitation__wave=wave)
        .select_related("invitation")
        .order_by("pk")
    )
    found: dict[int, list[Excerpt]] = {question.pk: [] for question in questions}
    for row in rows:
        pseudonym = row.invitation.respondent
        area = ""
        if feature is not None:
            value = (profiles.get(pseudonym) or {}).get(feature.key)
            area = "" if value is None else labels.get(str(value), str(value))
        answers = row.answers or {}
        for question in questions:
            text = answers.get(str(question.pk))
            # An erased member's words are gone; the marker left in their place is not an excerpt.
            if not isinstance(text, str) or not text.strip() or text == ERASED_ANSWER:
                continue
            found[question.pk].append(
                Excerpt(
                    id=f"r{row.pk}-q{question.pk}",
                    text=text.strip(),
                    source_id=pseudonym,
                    event_id="",
                    area=area,
                    question_id=str(question.pk),
                )
            )
    return found


def _description(terms: tuple[str, ...]) -> str:
    named = readable_terms(terms, 3)
    if not named:
        return _("Answers grouped together.")
    joined = named[0] if len(named) == 1 else ", ".join(named[:-1]) + _(" and ") + named[-1]
    return _("Answers mentioning %(terms)s.") % {"terms": joined}


def _question_themes(
    number: int, question: SurveyQuestion, excerpts: list[Excerpt], min_cell: int
) -> QuestionThemes:
    if len(excerpts) < MIN_ANSWERS:
        return QuestionThemes(number, question, len(excerpts), themed=False)
    found = extract_themes(excerpts, ThemeSettings(seed=SEED))
    themes = []
    for theme in found.themes:
        size = len(theme.members)
        if size < min_cell:
            themes.append(WaveTheme("", "", size, (), suppressed=True))
            continue
        examples = tuple(found.by_id[item].text for item in theme.excerpt_ids[:EXAMPLES])
        themes.append(
            WaveTheme(theme.label, _description(theme.terms), size, examples, suppressed=False)
        )
    themes.sort(key=lambda item: -item.answers)
    return QuestionThemes(
        number,
        question,
        len(excerpts),
        themed=True,
        themes=tuple(themes),
        unthemed=len(found.unthemed),
    )


def wave_themes(*, wave: Wave) -> WaveThemes:
    """The themes of each free-text question's answers in the wave (see the module's
    docstring); the number is the question's place among the results page's questions."""
    numbers = {
        question.pk: number
        for number, question in enumerate(
            wave.survey.questions.exclude(kind__in=MODULE_KINDS).order_by("order", "pk"), start=1
        )
    }
    questions = free_text_questions(wave=wave)
    excerpts = answer_excerpts(wave, questions)
    min_cell = wave.panel.min_cell
    return WaveThemes(
        wave=wave,
        min_cell=min_cell,
        min_answers=MIN_ANSWERS,
        questions=tuple(
            _question_themes(numbers.get(q.pk, 0), q, excerpts[q.pk], min_cell) for q in questions
        ),
    )
