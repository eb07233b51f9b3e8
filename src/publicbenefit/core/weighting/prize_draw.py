"""A prize draw that anyone can re-run from the published seed and list of entry codes.

Each entry code is given the key ``SHA-256("<seed>:<code>")`` (UTF-8, as lowercase hex); the
codes are ordered by key (then by code, though two keys never tie in practice) and the first
``k`` win, the rest in order being the reserves. No random generator is involved, so the draw
gives the same winners in any language, on any machine and in any future Python: a shell with
``sha256sum`` and ``sort`` re-runs it (see ``docs/weighting.md``). The seed must be published
only after the list of entry codes is fixed, so that no one can choose codes to suit it.
"""

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from publicbenefit.core.weighting.errors import WeightingSettingsError


@dataclass(frozen=True)
class PrizeDraw:
    """The winners, in draw order, and every entry in draw order (winners first, then the
    reserves)."""

    seed: str
    winners: tuple[str, ...]
    order: tuple[str, ...]


def draw_key(seed: str, code: str) -> str:
    """The hex SHA-256 of ``seed:code`` that orders the draw."""
    return hashlib.sha256(f"{seed}:{code}".encode()).hexdigest()


def prize_draw(entry_codes: Sequence[str], k: int, *, seed: str) -> PrizeDraw:
    """Draw ``k`` winners among ``entry_codes`` from the published ``seed``."""
    repeated = sorted(code for code, count in Counter(entry_codes).items() if count > 1)
    malformed = [code for code in entry_codes if not code or code != "".join(code.split())]
    if repeated or malformed or not seed:
        message = "Each entry code must be given once, with no spaces, and the seed not blank"
        raise WeightingSettingsError(
            message, error_params={"repeated": repeated, "malformed": malformed}
        )
    if not 0 <= k <= len(entry_codes):
        message = f"Cannot draw {k} winners from {len(entry_codes)} entries"
        raise WeightingSettingsError(message, error_params={"k": k})
    order = tuple(sorted(entry_codes, key=lambda code: (draw_key(seed, code), code)))
    return PrizeDraw(seed, order[:k], order)
