"""The errors the weighting raises, under the core's one base class.

Errors that refuse a file or a pairing of respondents with margins carry every problem found (each
a :class:`publicbenefit.core.errors.Problem` naming the line), so that a person can fix them all in
one go; nothing is half-read.
"""

from publicbenefit.core.errors import ProblemsError, PublicBenefitError


class WeightingProblemsError(ProblemsError):
    """Refuses its input whole, listing every problem found."""

    error_code = "weighting_refused"
    summary = "The input is refused"


class MarginsInvalidError(WeightingProblemsError):
    """A margins file has a bad number, a repeated category or shares that do not sum to 1."""

    error_code = "margins_invalid"
    summary = "The margins are refused"


class RespondentsInvalidError(WeightingProblemsError):
    """A respondents file lacks an ``id`` column, repeats an id or leaves a value blank."""

    error_code = "respondents_invalid"
    summary = "The respondents are refused"


class MarginsMismatchError(WeightingProblemsError):
    """The respondents and the margins do not describe the same features and categories."""

    error_code = "margins_mismatch"
    summary = "The respondents do not fit the margins"


class ImpossibleMarginError(WeightingProblemsError):
    """A category has a positive target but no respondents, so no weights can meet it."""

    error_code = "margin_impossible"
    summary = "The margins cannot be met"


class WeightingSettingsError(PublicBenefitError):
    """A setting is out of range (a cap at or below the mean, a sample larger than the panel)."""

    error_code = "weighting_settings"
