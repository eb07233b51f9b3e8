"""The ordered scales engagement planning reasons with.

The ladder of engagement depth runs inform < consult < involve < deliberate: to *inform* is to
tell the public; to *consult* is to ask their views; to *involve* is to work with them on the
decision; to *deliberate* is to let them weigh the evidence together and recommend. The other
scales rate a method: how representative its results are, how well it reaches a specific group,
how much control the commissioning body must share, its relative cost and its scale.
"""

from enum import Enum


class _Ordered(Enum):
    """An enum whose members are ordered by their place in the declaration (compare ``rank``)."""

    @property
    def rank(self) -> int:
        """The member's place, from 0."""
        return list(type(self)).index(self)


class Depth(_Ordered):
    """A rung on the ladder of engagement, shallowest first."""

    INFORM = "inform"
    CONSULT = "consult"
    INVOLVE = "involve"
    DELIBERATE = "deliberate"


class Representativeness(_Ordered):
    """How far a method's results stand for the population."""

    NONE = "none"
    BROAD = "broad"
    STATISTICAL = "statistical"


class Reach(_Ordered):
    """How well a method can make sure a specific group is heard."""

    WEAK = "weak"
    SOME = "some"
    GOOD = "good"


class Control(_Ordered):
    """How much control over the process is shared with the public."""

    NONE = "none"
    SOME = "some"
    A_LOT = "a_lot"


class RelativeCost(_Ordered):
    """The source's sense of a method's cost, before the cost model puts a figure on it."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Scale(_Ordered):
    """How many people a method engages."""

    SMALL = "small"
    LARGE = "large"
