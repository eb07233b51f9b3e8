"""Turns a framework version into what its page shows: the questions grouped by element, the
outcome bands with the scores that reach them, and the scoring rule in plain English."""

from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from publicbenefit.core import Element, Framework, Question


@dataclass(frozen=True)
class ElementQuestions:
    """An element and its questions, in the framework's order."""

    element: Element
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Band:
    """An outcome and the scores that reach it."""

    label: str
    text: str
    scores: str


def number(value: Fraction | int) -> str:
    """A score as a person writes it: 2, 2.5, 2.333 (no trailing zeros)."""
    value = Fraction(value)
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.3f}".rstrip("0").rstrip(".")


def elements(framework: Framework) -> list[ElementQuestions]:
    return [
        ElementQuestions(element=element, questions=framework.questions_of(element.id))
        for element in framework.elements
    ]


def bands(framework: Framework) -> list[Band]:
    """Each outcome with its range of scores: below the first threshold, between two, or at
    least the last."""
    thresholds = [threshold.min_score for threshold in framework.scoring.thresholds]
    result = []
    for index, outcome in enumerate(framework.outcomes):
        low = thresholds[index - 1] if index > 0 else None
        high = thresholds[index] if index < len(thresholds) else None
        if low is None:
            scores = _("Below %(high)s") % {"high": number(high or 0)}
        elif high is None:
            scores = _("%(low)s or more") % {"low": number(low)}
        else:
            scores = _("%(low)s or more, but below %(high)s") % {
                "low": number(low),
                "high": number(high),
            }
        result.append(Band(label=outcome.label, text=outcome.text, scores=scores))
    return result


def scoring_rule(framework: Framework) -> list[str]:
    """The scoring rule, one sentence per step, as ``docs/framework-scoring.md`` explains it."""
    scale, scoring = framework.scale, framework.scoring
    sentences = [
        _(
            "Each answer counts as its position on the scale, from %(lowest)s (the left anchor) "
            "to %(highest)s (the right anchor)."
        )
        % {"lowest": scale.lowest, "highest": scale.highest},
        _("“%(label)s” counts as position %(position)s until it is resolved.")
        % {
            "label": scale.dont_know.label,
            "position": _position(framework, scoring.dont_know_counts_as),
        },
    ]
    if scoring.not_applicable_counts_as is None:
        sentences.append(
            _("“%(label)s” is left out of the score.") % {"label": scale.not_applicable.label}
        )
    else:
        sentences.append(
            _("“%(label)s” counts as position %(position)s.")
            % {
                "label": scale.not_applicable.label,
                "position": _position(framework, scoring.not_applicable_counts_as),
            }
        )
    sentences.append(_("An element's position is the mean of its counted answers."))
    weights = {element.id: scoring.weight(element.id) for element in framework.elements}
    if len(set(weights.values())) == 1:
        sentences.append(
            _(
                "The score is the mean of the element positions, each element weighing the "
                "same, so it runs from %(lowest)s to %(highest)s."
            )
            % {"lowest": scale.lowest, "highest": scale.highest}
        )
    else:
        listed = "; ".join(
            _("element %(number)s weighs %(weight)s")
            % {"number": element.number, "weight": number(weights[element.id])}
            for element in framework.elements
        )
        sentences.append(
            _(
                "The score is the weighted mean of the element positions (%(weights)s), so it "
                "runs from %(lowest)s to %(highest)s."
            )
            % {"weights": listed, "lowest": scale.lowest, "highest": scale.highest}
        )
    sentences.append(_("A score exactly on a threshold reaches the band that starts there."))
    return sentences


def caps(framework: Framework) -> list[str]:
    """Each rule that holds the outcome back whatever the score, in plain English."""
    labels = {outcome.id: outcome.label for outcome in framework.outcomes}
    result = []
    for cap in framework.scoring.caps:
        watched = (
            _("any answer")
            if cap.question_ids is None
            else _("an answer to question %(ids)s") % {"ids": ", ".join(cap.question_ids)}
        )
        result.append(
            _(
                "%(description)s While %(watched)s counts as position %(position)s or further "
                "left, the outcome is at most “%(outcome)s”, whatever the score."
            )
            % {
                "description": cap.description,
                "watched": watched,
                "position": _position(framework, cap.at_most_position),
                "outcome": labels[cap.max_outcome_id],
            }
        )
    return result


def _position(framework: Framework, value: int) -> str:
    if value == framework.scale.lowest:
        return _("%(value)s (the left anchor)") % {"value": value}
    if value == framework.scale.highest:
        return _("%(value)s (the right anchor)") % {"value": value}
    return str(value)
