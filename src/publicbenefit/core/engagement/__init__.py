"""Engagement planning in plain Python: screening a proposal for the minimum depth of public
engagement and a DPIA, choosing among Citizens' Jury, Citizens' Panel, Distributed Dialogue and
their mixes, estimating their cost, and tailoring the research questions of Part 2 §3.

The three data files (methods, research questions, screening rules) are read from text by the
loaders here; ``publicbenefit.data`` supplies the shipped ones. ``docs/engagement-planning.md``
explains the ladder, the rules, the condition language, the chooser and the cost model.
"""

from publicbenefit.core.engagement.choice import Choice, record_choice
from publicbenefit.core.engagement.chooser import (
    Constraints,
    Obstacle,
    Option,
    RankedOption,
    Reason,
    Recommendation,
    RuledOutOption,
    choose,
)
from publicbenefit.core.engagement.conditions import (
    AllOf,
    AnswerAtMost,
    AnyOf,
    BandAtMost,
    Condition,
    FactAnyOf,
    FactAtLeast,
    FactDeclaration,
    FactIsYes,
    FactKind,
)
from publicbenefit.core.engagement.costs import (
    CostEstimate,
    CostLine,
    CostOverrides,
    estimate_cost,
    pounds,
)
from publicbenefit.core.engagement.errors import (
    ChooserInputError,
    EngagementProblemsError,
    MethodsInvalidError,
    QuestionBankInvalidError,
    ScreeningInputError,
    ScreeningRulesInvalidError,
    TailoringError,
)
from publicbenefit.core.engagement.ladder import (
    Control,
    Depth,
    Reach,
    RelativeCost,
    Representativeness,
    Scale,
)
from publicbenefit.core.engagement.methods import (
    AttributeBasis,
    CostItem,
    CostModel,
    Method,
    MethodCatalogue,
    Mix,
    Quote,
    QuoteSource,
    methods_from_dict,
    methods_from_yaml,
)
from publicbenefit.core.engagement.questions import (
    Placeholder,
    QuestionBank,
    ResearchQuestion,
    Theme,
    question_bank_from_dict,
    question_bank_from_yaml,
)
from publicbenefit.core.engagement.screening import (
    FiredRule,
    ScreeningResult,
    ScreeningRule,
    ScreeningRules,
    screen,
    screening_rules_from_dict,
    screening_rules_from_yaml,
)
from publicbenefit.core.engagement.tailoring import TailoredQuestion, tailor

__all__ = [
    "AllOf",
    "AnswerAtMost",
    "AnyOf",
    "AttributeBasis",
    "BandAtMost",
    "Choice",
    "ChooserInputError",
    "Condition",
    "Constraints",
    "Control",
    "CostEstimate",
    "CostItem",
    "CostLine",
    "CostModel",
    "CostOverrides",
    "Depth",
    "EngagementProblemsError",
    "FactAnyOf",
    "FactAtLeast",
    "FactDeclaration",
    "FactIsYes",
    "FactKind",
    "FiredRule",
    "Method",
    "MethodCatalogue",
    "MethodsInvalidError",
    "Mix",
    "Obstacle",
    "Option",
    "Placeholder",
    "QuestionBank",
    "QuestionBankInvalidError",
    "Quote",
    "QuoteSource",
    "RankedOption",
    "Reach",
    "Reason",
    "Recommendation",
    "RelativeCost",
    "Representativeness",
    "ResearchQuestion",
    "RuledOutOption",
    "Scale",
    "ScreeningInputError",
    "ScreeningResult",
    "ScreeningRule",
    "ScreeningRules",
    "ScreeningRulesInvalidError",
    "TailoredQuestion",
    "TailoringError",
    "Theme",
    "choose",
    "estimate_cost",
    "methods_from_dict",
    "methods_from_yaml",
    "pounds",
    "question_bank_from_dict",
    "question_bank_from_yaml",
    "record_choice",
    "screen",
    "screening_rules_from_dict",
    "screening_rules_from_yaml",
    "tailor",
]
