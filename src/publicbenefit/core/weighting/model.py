"""The inputs of the weighting: population margins and respondents, as frozen dataclasses.

Both can be built in memory or read from CSV text by :mod:`publicbenefit.core.weighting.adapters`;
``line`` fields say where in the text a margin or a respondent came from (``None`` in memory), so
that a refusal can name the line.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

Codes = npt.NDArray[np.intp]


@dataclass(frozen=True)
class Margin:
    """The population share of one category of one feature (for example ``age``, ``16-24``)."""

    feature: str
    value: str
    share: float
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Margins:
    """Population margins: for each feature, its categories' shares, which sum to 1."""

    margins: tuple[Margin, ...]

    @property
    def features(self) -> tuple[str, ...]:
        """The features in the order they first appear."""
        return tuple(dict.fromkeys(margin.feature for margin in self.margins))

    def of(self, feature: str) -> tuple[Margin, ...]:
        """The margins of one feature, in order."""
        return tuple(margin for margin in self.margins if margin.feature == feature)

    def shares(self, feature: str) -> dict[str, float]:
        """The shares of one feature's categories by value."""
        return {margin.value: margin.share for margin in self.of(feature)}

    @classmethod
    def from_shares(cls, shares: Mapping[str, Mapping[str, float]]) -> "Margins":
        """Margins built in memory from ``{feature: {value: share}}`` (not checked: the
        adapter's checks apply to text)."""
        return cls(
            tuple(
                Margin(feature, value, float(share))
                for feature, values in shares.items()
                for value, share in values.items()
            )
        )


@dataclass(frozen=True)
class Column:
    """One feature's categories for every respondent, stored as codes into ``levels`` (levels in
    order of first appearance), so that weighting never compares strings per respondent."""

    levels: tuple[str, ...]
    codes: Codes

    @classmethod
    def from_values(cls, values: Sequence[str]) -> "Column":
        """The column holding ``values`` in order."""
        # Levels in order of first appearance; both passes run at C speed (dict.fromkeys, map).
        levels = tuple(dict.fromkeys(values))
        index = {level: code for code, level in enumerate(levels)}
        codes = np.fromiter(map(index.__getitem__, values), dtype=np.intp, count=len(values))
        codes.flags.writeable = False
        return cls(levels, codes)

    def __len__(self) -> int:
        return len(self.codes)

    def counts(self) -> dict[str, int]:
        """How many respondents have each level."""
        counted = np.bincount(self.codes, minlength=len(self.levels))
        return dict(zip(self.levels, counted.tolist(), strict=True))

    def values(self) -> tuple[str, ...]:
        """Each respondent's category, in order."""
        levels = self.levels
        return tuple(levels[code] for code in self.codes.tolist())


@dataclass(frozen=True)
class Respondents:
    """Respondents with an id each and one category per profile feature.

    ``columns[feature]`` holds every respondent's category of that feature, in the order of
    ``ids``; ``lines[i]`` is the line respondent ``i`` was read from (empty when built in
    memory).
    """

    ids: tuple[str, ...]
    columns: Mapping[str, Column]
    lines: tuple[int, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        for feature, column in self.columns.items():
            if len(column) != len(self.ids):
                message = f"feature {feature!r} has {len(column)} values for {len(self.ids)} ids"
                raise ValueError(message)

    @property
    def features(self) -> tuple[str, ...]:
        """The profile features, in column order."""
        return tuple(self.columns)

    def __len__(self) -> int:
        return len(self.ids)

    def line_of(self, index: int) -> int | None:
        """The line respondent ``index`` was read from, if read from text."""
        return self.lines[index] if self.lines else None

    @classmethod
    def from_values(
        cls,
        ids: Sequence[str],
        values: Mapping[str, Sequence[str]],
        lines: Sequence[int] = (),
    ) -> "Respondents":
        """Respondents from each feature's categories in the order of ``ids``."""
        return cls(
            tuple(ids),
            {feature: Column.from_values(column) for feature, column in values.items()},
            tuple(lines),
        )

    @classmethod
    def from_rows(cls, ids: Sequence[str], rows: Sequence[Mapping[str, str]]) -> "Respondents":
        """Respondents from one mapping of feature to category per id."""
        features = tuple(dict.fromkeys(feature for row in rows for feature in row))
        return cls.from_values(
            ids, {feature: [row[feature] for row in rows] for feature in features}
        )
