"""The domain of publicbenefit in plain Python.

Nothing under this package imports Django or the web layer (an import-linter contract in
``make test`` enforces it), so the framework, scoring, selection and weighting can be used as a
library, from the ``publicbenefit`` command line, and tested in milliseconds.
"""

from publicbenefit.core.answers import (
    Answer,
    Answers,
    answers_from_mapping,
    answers_from_yaml,
    make_answers,
)
from publicbenefit.core.divergence import (
    Divergence,
    ElementDivergence,
    OrganisationAnswer,
    OrganisationOutcome,
    OrganisationPosition,
    QuestionDivergence,
    divergence,
)
from publicbenefit.core.errors import (
    AnswersInvalidError,
    FrameworkInvalidError,
    FrameworkMismatchError,
    IncompleteAnswersError,
    NoOrganisationsError,
    NothingToScoreError,
    Problem,
    PublicBenefitError,
    YamlSyntaxError,
)
from publicbenefit.core.framework import (
    Cap,
    Element,
    ElementWeight,
    Framework,
    Outcome,
    Question,
    Scale,
    ScalePosition,
    Scoring,
    Source,
    Special,
    SpecialAnswerRule,
    Threshold,
    framework_from_dict,
    framework_from_yaml,
)
from publicbenefit.core.moves import (
    Move,
    PathStatus,
    PathToNextBand,
    apply_moves,
    moves_to_next_band,
)
from publicbenefit.core.scoring import ElementScore, Result, ScoredAnswer, TriggeredCap, score

__all__ = [
    "Answer",
    "Answers",
    "AnswersInvalidError",
    "Cap",
    "Divergence",
    "Element",
    "ElementDivergence",
    "ElementScore",
    "ElementWeight",
    "Framework",
    "FrameworkInvalidError",
    "FrameworkMismatchError",
    "IncompleteAnswersError",
    "Move",
    "NoOrganisationsError",
    "NothingToScoreError",
    "OrganisationAnswer",
    "OrganisationOutcome",
    "OrganisationPosition",
    "Outcome",
    "PathStatus",
    "PathToNextBand",
    "Problem",
    "PublicBenefitError",
    "Question",
    "QuestionDivergence",
    "Result",
    "Scale",
    "ScalePosition",
    "ScoredAnswer",
    "Scoring",
    "Source",
    "Special",
    "SpecialAnswerRule",
    "Threshold",
    "TriggeredCap",
    "YamlSyntaxError",
    "answers_from_mapping",
    "answers_from_yaml",
    "apply_moves",
    "divergence",
    "framework_from_dict",
    "framework_from_yaml",
    "make_answers",
    "moves_to_next_band",
    "score",
]
