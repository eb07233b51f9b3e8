"""The errors the core raises, all under one base class.

Every error carries an ``error_code`` (a stable identifier) and ``error_params`` (the values the
message was built from), so that the web layer can translate and format the message itself while
the command line and the tests read ``str(error)``. Errors that refuse a whole file or a whole set
of answers carry every problem they found, not only the first, so that a person can fix them all
in one go.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class PublicBenefitError(Exception):
    """The base of every error the core raises on purpose."""

    error_code: str = "public_benefit_error"

    def __init__(self, message: str, *, error_params: Mapping[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.error_params: dict[str, object] = dict(error_params or {})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file or a mapping: where it is and why it is refused.

    ``line`` is the 1-based line in the YAML text when the input was text, or ``None`` when it was
    a mapping built in memory; ``location`` names the place in the document either way (for
    example ``questions[3].left_anchor`` or ``answers.1.2``).
    """

    line: int | None
    location: str
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else self.location or "the document"
        return f"{where}: {self.reason}"


class ProblemsError(PublicBenefitError):
    """An error that refuses its input whole, listing every problem found."""

    summary: str = "The input is refused"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(
            f"{self.summary}: " + "; ".join(str(problem) for problem in self.problems),
            error_params={"problems": [str(problem) for problem in self.problems]},
        )


class YamlSyntaxError(ProblemsError):
    """The text is not well-formed YAML (or repeats a key), so nothing in it can be trusted."""

    error_code = "yaml_syntax"
    summary = "The YAML cannot be read"


class FrameworkInvalidError(ProblemsError):
    """A framework document fails its JSON Schema or a rule the schema cannot express."""

    error_code = "framework_invalid"
    summary = "The framework is refused"


class AnswersInvalidError(ProblemsError):
    """A set of answers names unknown questions, positions off the scale or answers without a
    required reason; it is refused whole."""

    error_code = "answers_invalid"
    summary = "The answers are refused"


class FrameworkMismatchError(PublicBenefitError):
    """Answers given to one framework version were offered to another."""

    error_code = "framework_mismatch"


class IncompleteAnswersError(PublicBenefitError):
    """A score was asked for before every question had an answer."""

    error_code = "answers_incomplete"

    def __init__(self, question_ids: Sequence[str]) -> None:
        self.question_ids = tuple(question_ids)
        super().__init__(
            "Every question needs an answer before the proposal can be scored; unanswered: "
            + ", ".join(self.question_ids),
            error_params={"question_ids": list(self.question_ids)},
        )


class NothingToScoreError(PublicBenefitError):
    """Every answer is one the scoring rule leaves out, so there is no score to give."""

    error_code = "nothing_to_score"


class NoOrganisationsError(PublicBenefitError):
    """A divergence view was asked for without any organisation's answers."""

    error_code = "divergence_no_organisations"
