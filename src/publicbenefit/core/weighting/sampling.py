"""Stratified random sub-samples of the panel for a survey wave.

The size ``n`` is shared among the strata in proportion to their sizes or equally, capped by
each stratum's size (what a full stratum cannot take is shared among the others in the same
way), and rounded by largest remainder (Hamilton's method: each stratum gets the whole part of
its quota, then the strata with the largest fractional parts one more each; ties go to the
larger stratum, then the first by name). Within each stratum the members are sorted by id and
drawn with ``rng.sample``, so that the same panel, size and seed give the same sub-sample
whatever order the panel is listed in.
"""

import random
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from publicbenefit.core.weighting.errors import WeightingSettingsError


class Allocation(StrEnum):
    """How a sub-sample is shared among strata."""

    PROPORTIONAL = "proportional"
    EQUAL = "equal"


@dataclass(frozen=True)
class StratumShare:
    """One stratum: how many members it has and how many were drawn."""

    stratum: str
    size: int
    drawn: int


@dataclass(frozen=True)
class Subsample:
    """The members drawn, stratum by stratum in name order, each in the order drawn."""

    ids: tuple[str, ...]
    strata: tuple[StratumShare, ...]
    allocation: Allocation


def allocate(sizes: Mapping[str, int], n: int, allocation: Allocation) -> dict[str, int]:
    """How many to draw from each stratum (by name): ``n`` in all, none more than its size."""
    total = sum(sizes.values())
    if not 0 <= n <= total or any(size < 0 for size in sizes.values()):
        message = f"A sub-sample of {n} cannot be drawn from a panel of {total}"
        raise WeightingSettingsError(message, error_params={"n": n, "panel": total})
    drawn = dict.fromkeys(sorted(sizes), 0)
    open_strata = [stratum for stratum in drawn if sizes[stratum] > 0]
    remaining = n
    while True:
        # Quotas as exact fractions numerator / denominator, so rounding never drifts.
        if allocation is Allocation.PROPORTIONAL:
            denominator = sum(sizes[stratum] for stratum in open_strata) or 1
            numerators = {stratum: remaining * sizes[stratum] for stratum in open_strata}
        else:
            denominator = len(open_strata) or 1
            numerators = dict.fromkeys(open_strata, remaining)
        full = [s for s in open_strata if numerators[s] >= sizes[s] * denominator]
        if not full:
            break
        for stratum in full:
            drawn[stratum] = sizes[stratum]
            remaining -= sizes[stratum]
            open_strata.remove(stratum)
    for stratum in open_strata:
        drawn[stratum] = numerators[stratum] // denominator
    left = remaining - sum(drawn[stratum] for stratum in open_strata)
    by_remainder = sorted(
        open_strata,
        key=lambda stratum: (-(numerators[stratum] % denominator), -sizes[stratum], stratum),
    )
    for stratum in by_remainder[:left]:
        drawn[stratum] += 1
    return drawn


def stratified_sample(
    ids: Sequence[str],
    strata: Sequence[str],
    n: int,
    *,
    allocation: Allocation = Allocation.PROPORTIONAL,
    rng: random.Random,
) -> Subsample:
    """A random sub-sample of ``n`` of ``ids``, ``strata[i]`` being member ``i``'s stratum."""
    if len(ids) != len(strata):
        message = f"Expected a stratum for each of {len(ids)} members, got {len(strata)}"
        raise WeightingSettingsError(message)
    if len(set(ids)) != len(ids):
        message = "Every member must have a different id"
        raise WeightingSettingsError(message)
    members: dict[str, list[str]] = defaultdict(list)
    for member, stratum in zip(ids, strata, strict=True):
        members[stratum].append(member)
    quotas = allocate({stratum: len(group) for stratum, group in members.items()}, n, allocation)
    drawn: list[str] = []
    shares: list[StratumShare] = []
    for stratum, quota in quotas.items():
        drawn += rng.sample(sorted(members[stratum]), quota)
        shares.append(StratumShare(stratum, len(members[stratum]), quota))
    return Subsample(tuple(drawn), tuple(shares), allocation)
