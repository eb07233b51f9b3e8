"""The draw: one panel sampled from a lottery with a published seed, the audit record that lets
anyone re-run it to the same panel, and replacement draws when a juror drops out.

The draw uses only ``random.Random(seed)``: one uniform number walked along the panels in their
sorted order. The audit record hashes the canonical inputs (people, quotas, panel size, method and
its version) with SHA-256, so a re-run can show it started from the same inputs.
"""

import hashlib
import json
import random
from dataclasses import dataclass

from publicbenefit.core.selection.distribution import Distribution
from publicbenefit.core.selection.errors import ReplacementImpossibleError, SelectionError
from publicbenefit.core.selection.methods import ALGORITHM_VERSIONS, Algorithm
from publicbenefit.core.selection.people import SelectionTask

AUDIT_FORMAT = "publicbenefit-selection-audit/1"


def draw_panel(distribution: Distribution, seed: int) -> tuple[str, ...]:
    """The panel (its members' ids, sorted) that ``seed`` draws from ``distribution``; the same
    seed and distribution always draw the same panel.

    One uniform number from ``random.Random(seed)`` picks the panel (walking the panels in their
    sorted order); the same generator then takes each group's count of interchangeable people
    uniformly from the group's ids in their listed order."""
    rng = random.Random(seed)  # noqa: S311 - a published seed, not a secret
    point = rng.random()
    total = 0.0
    chosen = distribution.panels[-1]
    for panel in distribution.panels:
        total += panel.probability
        if point < total:
            chosen = panel
            break
    members = list(chosen.members)
    for draw in chosen.draws:
        members.extend(rng.sample(draw.people, draw.count))
    return tuple(sorted(members))


def inputs_digest(task: SelectionTask, algorithm: Algorithm) -> str:
    """SHA-256 of the canonical inputs: people (sorted by id), quotas (sorted), size, method and
    its version, as compact JSON with sorted keys."""
    canonical = {
        "people": sorted(
            [person.id, [list(pair) for pair in person.features], person.household]
            for person in task.people
        ),
        "quotas": sorted(
            [q.feature, q.value, q.min, q.max, q.min_flex, q.max_flex] for q in task.quotas
        ),
        "size": task.size,
        "algorithm": str(algorithm),
        "algorithm_version": ALGORITHM_VERSIONS[algorithm],
    }
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditRecord:
    """What anyone needs to check a draw: the inputs' hash, the method and its version, the seed,
    the lottery and the panel it drew."""

    inputs_sha256: str
    algorithm: str
    algorithm_version: str
    seed: int
    distribution: Distribution
    panel: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        """The record as plain data, ready for JSON."""
        return {
            "format": AUDIT_FORMAT,
            "inputs_sha256": self.inputs_sha256,
            "algorithm": self.algorithm,
            "algorithm_version": self.algorithm_version,
            "seed": self.seed,
            "panel": list(self.panel),
            "distribution": self.distribution.as_dict(),
        }


def audited_draw(task: SelectionTask, distribution: Distribution, seed: int) -> AuditRecord:
    """Draw a panel with ``seed`` and record how."""
    algorithm = Algorithm(distribution.algorithm)
    return AuditRecord(
        inputs_sha256=inputs_digest(task, algorithm),
        algorithm=str(algorithm),
        algorithm_version=ALGORITHM_VERSIONS[algorithm],
        seed=seed,
        distribution=distribution,
        panel=draw_panel(distribution, seed),
    )


@dataclass(frozen=True)
class Replacement:
    """A replacement draw: who left, who joined, with which seed, and the panel now."""

    dropped: str
    joined: str
    seed: int
    panel: tuple[str, ...]
    candidates: int


def replace_juror(
    task: SelectionTask, panel: tuple[str, ...], dropped: str, seed: int
) -> Replacement:
    """Replace ``dropped`` by someone drawn with ``seed`` (uniformly, from the ids in sorted
    order) among those outside the panel whose joining keeps every quota and the household rule.

    Raises ``ReplacementImpossibleError`` when nobody fits, and ``SelectionError`` when
    ``dropped`` is not on the panel."""
    if dropped not in panel:
        raise SelectionError(f"{dropped} is not on the panel", error_params={"person_id": dropped})
    staying = [member for member in panel if member != dropped]
    outside = set(panel)
    candidates = sorted(
        person.id
        for person in task.people
        if person.id not in outside and not task.panel_problems([*staying, person.id])
    )
    if not candidates:
        raise ReplacementImpossibleError(
            f"Nobody outside the panel can replace {dropped} and keep every quota and the "
            "household rule",
            error_params={"person_id": dropped},
        )
    chosen = random.Random(seed).choice(candidates)  # noqa: S311 - a published seed
    return Replacement(
        dropped=dropped,
        joined=chosen,
        seed=seed,
        panel=tuple(sorted([*staying, chosen])),
        candidates=len(candidates),
    )
