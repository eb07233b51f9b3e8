"""A quick heuristic for the pricing problem: improve a panel by swapping one member at a time.

Column generation only needs *some* panel whose weight beats the current bound to make progress;
the exact pricing MIP is needed only to prove that none exists. ``SwapSearch`` starts from panels
already known to meet every rule and repeatedly makes the swap (one person out, one person from
another group in) that raises the panel's weight most while every quota and the household rule
still hold, until no swap helps. Every panel it returns meets every rule, because each swap is
checked against every quota row and every household.
"""

import numpy as np
from numpy.typing import NDArray

from publicbenefit.core.selection.people import SelectionTask

# A swap must raise the weight by more than this to count.
GAIN = 1e-12
# The heaviest groups a swap considers first (all of them only when none of these helps).
SHORTLIST = 48


class SwapSearch:
    """Steepest-ascent swaps over the task's groups of interchangeable people."""

    def __init__(self, task: SelectionTask) -> None:
        groups = task.groups
        count = len(groups)
        group_of = {person: number for number, group in enumerate(groups) for person in group}
        self.sizes = np.array([len(group) for group in groups], dtype=np.int64)
        # Each group's quota in each feature (every person has exactly one value per feature, and
        # everyone in a group has the same values).
        features = list(task.features)
        self.quota_of = np.zeros((count, len(features)), dtype=np.int64)
        for number, (quota, members) in enumerate(
            zip(task.quotas, task.quota_members, strict=True)
        ):
            column = features.index(quota.feature)
            for group in {group_of[person] for person in members}:
                self.quota_of[group, column] = number
        self.low = np.array([quota.min for quota in task.quotas], dtype=np.int64)
        self.high = np.array([quota.max for quota in task.quotas], dtype=np.int64)
        self.household_of = np.full(count, -1, dtype=np.int64)
        for number, household in enumerate(task.households):
            for person in household:
                self.household_of[group_of[person]] = number
        self.households = len(task.households)

    def improve(
        self, panel: tuple[int, ...], weights: NDArray[np.float64], *, steps: int = 1000
    ) -> tuple[int, ...]:
        """The panel reached from ``panel`` (counts per group, meeting every rule) by the best
        single swaps while any raises the weight."""
        counts = np.array(panel, dtype=np.int64)
        filled = np.bincount(
            self.quota_of[counts > 0].ravel(),
            weights=np.repeat(counts[counts > 0], self.quota_of.shape[1]),
            minlength=len(self.low),
        ).astype(np.int64)
        housed = np.zeros(self.households, dtype=np.int64)
        present = (self.household_of >= 0) & (counts > 0)
        np.add.at(housed, self.household_of[present], counts[present])
        order = np.argsort(-weights, kind="stable")
        for _ in range(steps):
            members = np.flatnonzero(counts > 0)
            candidates = order[counts[order] < self.sizes[order]]
            move = self._best_swap(members, candidates[:SHORTLIST], weights, filled, housed)
            if move is None and len(candidates) > SHORTLIST:
                move = self._best_swap(members, candidates, weights, filled, housed)
            if move is None:
                break
            out_group, join = move
            counts[out_group] -= 1
            counts[join] += 1
            filled[self.quota_of[out_group]] -= 1
            filled[self.quota_of[join]] += 1
            if self.household_of[out_group] >= 0:
                housed[self.household_of[out_group]] -= 1
            if self.household_of[join] >= 0:
                housed[self.household_of[join]] += 1
        return tuple(int(value) for value in counts)

    def _best_swap(
        self,
        members: NDArray[np.int64],
        joiners: NDArray[np.int64],
        weights: NDArray[np.float64],
        filled: NDArray[np.int64],
        housed: NDArray[np.int64],
    ) -> tuple[int, int] | None:
        """The allowed swap (a member's group out, a joiner's group in) of greatest gain, if any
        gains more than ``GAIN``."""
        gain = weights[joiners][None, :] - weights[members][:, None]
        if not (gain > GAIN).any():
            return None
        out_quota = self.quota_of[members]  # members x features
        in_quota = self.quota_of[joiners]  # joiners x features
        can_leave = filled[out_quota] > self.low[out_quota]
        can_join = filled[in_quota] < self.high[in_quota]
        same = out_quota[:, None, :] == in_quota[None, :, :]
        allowed = (same | (can_leave[:, None, :] & can_join[None, :, :])).all(axis=2)
        if self.households:
            joining = self.household_of[joiners][None, :]
            leaving = self.household_of[members][:, None]
            occupied = np.where(joining >= 0, housed[np.maximum(joining, 0)], 0)
            occupied = occupied - ((joining >= 0) & (joining == leaving))
            allowed &= occupied == 0
        gain[~allowed] = -np.inf
        best = int(np.argmax(gain))
        leave, join = divmod(best, len(joiners))
        if gain[leave, join] <= GAIN:
            return None
        return int(members[leave]), int(joiners[join])
