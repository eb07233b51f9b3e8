"""The errors engagement planning raises, under the core's one base class.

Errors that refuse a file (methods, question bank, screening rules) or a set of inputs carry every
problem found, each a :class:`publicbenefit.core.errors.Problem` naming the line and the reason, so
that a person can fix them all in one go.
"""

from publicbenefit.core.errors import ProblemsError


class EngagementProblemsError(ProblemsError):
    """Refuses its input whole, listing every problem found."""

    error_code = "engagement_refused"
    summary = "The input is refused"


class MethodsInvalidError(EngagementProblemsError):
    """An engagement methods file fails its schema or a rule the schema cannot express."""

    error_code = "methods_invalid"
    summary = "The engagement methods are refused"


class QuestionBankInvalidError(EngagementProblemsError):
    """A research question bank fails its schema or a rule the schema cannot express."""

    error_code = "question_bank_invalid"
    summary = "The research question bank is refused"


class ScreeningRulesInvalidError(EngagementProblemsError):
    """A screening rules file fails its schema, or a condition is malformed or names something
    the file does not declare."""

    error_code = "screening_rules_invalid"
    summary = "The screening rules are refused"


class ScreeningInputError(EngagementProblemsError):
    """Facts, answers or a band given to screening name unknown things or have the wrong type."""

    error_code = "screening_input_invalid"
    summary = "The screening input is refused"


class TailoringError(EngagementProblemsError):
    """A question cannot be tailored: a placeholder it uses has no value."""

    error_code = "tailoring_invalid"
    summary = "The question cannot be tailored"


class ChooserInputError(EngagementProblemsError):
    """The chooser's constraints are out of range or override an unknown cost figure."""

    error_code = "chooser_input_invalid"
    summary = "The constraints are refused"
