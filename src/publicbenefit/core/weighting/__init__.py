"""Weighting for the Citizens' Panel: raking respondents to population margins, design effects
and weighted percentages with intervals, small-cell suppression, stratified sub-samples for
waves and a prize draw anyone can re-run. Plain Python and NumPy, no file I/O; the methods and
formulas are in ``docs/weighting.md``."""

from publicbenefit.core.weighting.adapters import margins_from_csv, respondents_from_csv
from publicbenefit.core.weighting.census import census_to_long
from publicbenefit.core.weighting.errors import (
    ImpossibleMarginError,
    MarginsInvalidError,
    MarginsMismatchError,
    RespondentsInvalidError,
    WeightingProblemsError,
    WeightingSettingsError,
)
from publicbenefit.core.weighting.fit import check_fit, fit_problems
from publicbenefit.core.weighting.model import Column, Margin, Margins, Respondents
from publicbenefit.core.weighting.prize_draw import PrizeDraw, draw_key, prize_draw
from publicbenefit.core.weighting.raking import RakingResult, rake
from publicbenefit.core.weighting.sampling import (
    Allocation,
    StratumShare,
    Subsample,
    allocate,
    stratified_sample,
)
from publicbenefit.core.weighting.statistics import (
    design_effect,
    effective_sample_size,
    wilson_interval,
)
from publicbenefit.core.weighting.suppression import (
    DEFAULT_MIN_COUNT,
    Suppression,
    suppression_pattern,
)
from publicbenefit.core.weighting.tables import (
    Cell,
    CrossTab,
    Group,
    PercentageTable,
    crosstab,
    weighted_percentages,
)

__all__ = [
    "DEFAULT_MIN_COUNT",
    "Allocation",
    "Cell",
    "Column",
    "CrossTab",
    "Group",
    "ImpossibleMarginError",
    "Margin",
    "Margins",
    "MarginsInvalidError",
    "MarginsMismatchError",
    "PercentageTable",
    "PrizeDraw",
    "RakingResult",
    "Respondents",
    "RespondentsInvalidError",
    "StratumShare",
    "Subsample",
    "Suppression",
    "WeightingProblemsError",
    "WeightingSettingsError",
    "allocate",
    "census_to_long",
    "check_fit",
    "crosstab",
    "design_effect",
    "draw_key",
    "effective_sample_size",
    "fit_problems",
    "margins_from_csv",
    "prize_draw",
    "rake",
    "respondents_from_csv",
    "stratified_sample",
    "suppression_pattern",
    "weighted_percentages",
    "wilson_interval",
]
