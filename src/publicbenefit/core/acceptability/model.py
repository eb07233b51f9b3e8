"""The inputs of the public acceptability score: how a survey asks what matters, the answers to
the overall question, and each participant's checked answers, as frozen dataclasses.

A :class:`Participant` holds answers already checked (by
:func:`publicbenefit.core.acceptability.elicitation.read_participant` or the CSV adapter): the
weights they give the framework's elements, summing to 1, and where they place the proposal on
the framework's scale for each element, ``None`` for "don't know". A :class:`Survey` holds the
participants with the framework's element ids and scale ends, which is all the score needs.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from publicbenefit.core.framework import Framework

#: How a "don't know" rating is written (the framework's own name for the answer).
DONT_KNOW = "dont_know"

#: The confidence question's answers, from 1 (not at all confident) to 4 (very confident).
CONFIDENCE_LABELS: Mapping[int, str] = {
    1: "not at all confident",
    2: "not very confident",
    3: "fairly confident",
    4: "very confident",
}


class Elicitation(StrEnum):
    """How a survey asks each participant how much each element matters to them."""

    POINTS = "points"
    """Share 100 points between the elements (whole numbers, 0 to 100 each, adding up to 100)."""
    RANKING = "ranking"
    """Rank the elements from 1 (matters most) to k, no ties; weights by rank-order centroid."""


class Decision(StrEnum):
    """The answers to the overall question "Should this data sharing go ahead?"."""

    YES = "yes"
    YES_WITH_CONDITIONS = "yes_with_conditions"
    NO = "no"
    DONT_KNOW = "dont_know"


@dataclass(frozen=True)
class Participant:
    """One participant's checked answers.

    ``weights`` maps every element id to the weight the participant gives it (they sum to 1);
    ``ratings`` maps every element id to a position on the framework's scale, or ``None`` for
    "don't know". ``confidence`` (1 to 4), ``decision`` and ``conditions`` are ``None`` or empty
    when not answered. ``attributes`` are anything else known about the participant (an age
    band, whether they belong to the group the data is about) for sub-group results. ``line`` is
    where the participant was read from, when read from text.
    """

    id: str
    weights: Mapping[str, float]
    ratings: Mapping[str, int | None]
    confidence: int | None = None
    decision: Decision | None = None
    conditions: str = ""
    attributes: Mapping[str, str] = field(default_factory=dict)
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Survey:
    """The participants of one acceptability survey of one proposal, with what the score needs
    from the framework: its element ids (in order) and the two ends of its scale."""

    element_ids: tuple[str, ...]
    lowest: int
    highest: int
    elicitation: Elicitation
    participants: tuple[Participant, ...]

    def __post_init__(self) -> None:
        if self.highest <= self.lowest:
            message = f"the scale must run upwards, not from {self.lowest} to {self.highest}"
            raise ValueError(message)
        expected = set(self.element_ids)
        for participant in self.participants:
            if set(participant.weights) != expected or set(participant.ratings) != expected:
                message = f"participant {participant.id!r} does not answer every element"
                raise ValueError(message)

    @classmethod
    def for_framework(
        cls,
        framework: Framework,
        elicitation: Elicitation,
        participants: tuple[Participant, ...] | list[Participant],
    ) -> "Survey":
        """The survey of ``participants`` on ``framework``'s elements and scale."""
        return cls(
            element_ids=tuple(element.id for element in framework.elements),
            lowest=framework.scale.lowest,
            highest=framework.scale.highest,
            elicitation=elicitation,
            participants=tuple(participants),
        )

    def __len__(self) -> int:
        return len(self.participants)

    @property
    def ids(self) -> tuple[str, ...]:
        """The participants' ids, in order."""
        return tuple(participant.id for participant in self.participants)
