"""Whether respondents fit the margins: every margin feature a column, every category known, and
no respondent in a category whose population share is zero (they would need a weight of 0)."""

import numpy as np

from publicbenefit.core.errors import Problem
from publicbenefit.core.weighting.errors import MarginsMismatchError
from publicbenefit.core.weighting.model import Margins, Respondents

# A value repeated by thousands of respondents is one problem, not thousands of lines.
_IDS_SHOWN = 3


def fit_problems(respondents: Respondents, margins: Margins) -> tuple[Problem, ...]:
    """Every way the respondents do not fit the margins, in margins order; empty when they fit.

    A category the margins lack is reported once per feature and value, at the first respondent
    who has it, naming a few who have it. Each problem's ``location`` starts with ``margins:`` or
    ``respondents:`` to say which file its line is in."""
    problems: list[Problem] = []
    for feature in margins.features:
        feature_margins = margins.of(feature)
        if feature not in respondents.columns:
            problems.append(
                Problem(
                    feature_margins[0].line,
                    f"margins: {feature}",
                    f"the feature '{feature}' is in the margins but the respondents have no "
                    "column for it",
                )
            )
            continue
        column = respondents.columns[feature]
        shares = {margin.value: margin.share for margin in feature_margins}
        counts = column.counts()
        for margin in feature_margins:
            have = counts.get(margin.value, 0)
            if margin.share <= 0 and have:
                problems.append(
                    Problem(
                        margin.line,
                        f"margins: {feature}={margin.value}",
                        f"{feature} '{margin.value}' has a share of {margin.share:g} but "
                        f"{have} respondent{'s' * (have != 1)} {'have' if have != 1 else 'has'} "
                        "it, and a weight must be positive",
                    )
                )
        unknown = [level for level, value in enumerate(column.levels) if value not in shares]
        for level in unknown:
            value = column.levels[level]
            indexes = np.flatnonzero(column.codes == level).tolist()
            shown = ", ".join(respondents.ids[index] for index in indexes[:_IDS_SHOWN])
            more = f" and {len(indexes) - _IDS_SHOWN} more" if len(indexes) > _IDS_SHOWN else ""
            problems.append(
                Problem(
                    respondents.line_of(indexes[0]),
                    f"respondents: {respondents.ids[indexes[0]]}",
                    f"{feature} '{value}' is not a category in the margins "
                    f"(respondent{'s' * (len(indexes) != 1)} {shown}{more})",
                )
            )
    return tuple(problems)


def check_fit(respondents: Respondents, margins: Margins) -> None:
    """Raise :class:`MarginsMismatchError` listing every problem if the respondents do not fit."""
    problems = fit_problems(respondents, margins)
    if problems:
        raise MarginsMismatchError(problems)
