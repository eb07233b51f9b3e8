"""The engagement methods as data: Appendix C and D word for word, the attributes the chooser
reads, a cost model per method, and the mixes of methods the chooser also weighs.

Read from YAML text (or a mapping), checked against the JSON Schema passed in and then against the
rules a schema cannot express, and refused whole with the line and reason of every problem. Every
quote an attribute rests on must be one of the method's own bullets or a phrase of its
description, so a reason the chooser gives can always be traced to the source's words.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from publicbenefit.core.engagement.documents import ProblemList, by_line, checked_data
from publicbenefit.core.engagement.errors import MethodsInvalidError
from publicbenefit.core.engagement.ladder import (
    Control,
    Depth,
    Reach,
    RelativeCost,
    Representativeness,
    Scale,
)
from publicbenefit.core.yamltext import DocumentPath, LocatedDocument, parse_yaml


class QuoteSource(StrEnum):
    """Where in the source a quoted text comes from."""

    APPENDIX_C_PRO = "Appendix C pro"
    APPENDIX_C_CON = "Appendix C con"
    APPENDIX_D_POSITIVE = "Appendix D positive"
    APPENDIX_D_NEGATIVE = "Appendix D negative"
    WORKSHOP_CONCLUSION = "Part 2 §4 conclusion"
    DESCRIPTION = "Appendix C description"


@dataclass(frozen=True)
class Quote:
    """Words of the source about one method, with where they come from."""

    method_id: str
    method_name: str
    source: QuoteSource
    text: str

    def __str__(self) -> str:
        return f"{self.method_name}, {self.source}: “{self.text}”"


@dataclass(frozen=True)
class AttributeBasis:
    """What one of a method's attributes rests on: quotes for and against, and how the value was
    derived."""

    attribute: str
    supported_by: tuple[Quote, ...]
    limited_by: tuple[Quote, ...]
    note: str


@dataclass(frozen=True)
class CostItem:
    """One line of a cost model: ``unit_cost`` times the product of the ``per`` parameters."""

    id: str
    label: str
    unit_cost: Decimal
    per: tuple[str, ...]
    only_when_new: bool


@dataclass(frozen=True)
class CostModel:
    """A method's default cost figures (every one can be overridden by the caller)."""

    parameters: tuple[tuple[str, Decimal], ...]
    items: tuple[CostItem, ...]

    def parameter(self, name: str) -> Decimal:
        """The default value of a parameter (``KeyError`` if there is none)."""
        return dict(self.parameters)[name]


@dataclass(frozen=True)
class Method:
    """One engagement method: the source's words, our attributes and a cost model."""

    id: str
    name: str
    description: tuple[str, ...]
    pros: tuple[str, ...]
    cons: tuple[str, ...]
    positives: tuple[str, ...]
    negatives: tuple[str, ...]
    workshop_conclusion: str
    participants_minimum: int
    participants_maximum: int
    participants_per_event: bool
    lead_time_weeks: int
    lead_time_weeks_if_existing: int | None
    minimum_population: int
    depth: Depth
    representativeness: Representativeness
    reach_groups: Reach
    control_required: Control
    relative_cost: RelativeCost
    scale: Scale
    can_already_exist: bool
    basis: tuple[AttributeBasis, ...]
    cost_model: CostModel

    def basis_of(self, attribute: str) -> AttributeBasis:
        """What the attribute rests on (``KeyError`` if the method has no such attribute)."""
        for basis in self.basis:
            if basis.attribute == attribute:
                return basis
        raise KeyError(attribute)

    def quotes(self) -> tuple[Quote, ...]:
        """Every pro and con of Appendix C and positive and negative of Appendix D, in order."""
        return (
            *self._quoted(QuoteSource.APPENDIX_C_PRO, self.pros),
            *self._quoted(QuoteSource.APPENDIX_C_CON, self.cons),
            *self._quoted(QuoteSource.APPENDIX_D_POSITIVE, self.positives),
            *self._quoted(QuoteSource.APPENDIX_D_NEGATIVE, self.negatives),
        )

    def _quoted(self, source: QuoteSource, texts: tuple[str, ...]) -> tuple[Quote, ...]:
        return tuple(Quote(self.id, self.name, source, text) for text in texts)


@dataclass(frozen=True)
class Mix:
    """Methods run together; ``weeks_rule`` is ``max`` (side by side) or ``sum`` (in turn)."""

    id: str
    name: str
    method_ids: tuple[str, ...]
    weeks_rule: str
    rationale: str


@dataclass(frozen=True)
class MethodCatalogue:
    """A checked methods file."""

    id: str
    version: str
    citation: str
    sections: tuple[str, ...]
    large_population: int
    methods: tuple[Method, ...]
    mixes: tuple[Mix, ...]

    def method(self, method_id: str) -> Method:
        """The method with this id (``KeyError`` if there is none)."""
        for method in self.methods:
            if method.id == method_id:
                return method
        raise KeyError(method_id)


_LEVELLED = ("depth", "representativeness", "reach_groups", "control_required", "relative_cost")
_ATTRIBUTES = (
    "participants",
    "lead_time_weeks",
    "minimum_population",
    *_LEVELLED,
    "scale",
)


def methods_from_yaml(text: str, *, schema: Mapping[str, object]) -> MethodCatalogue:
    """Read a methods file from YAML text, checked against ``schema`` and the rules below.

    Raises ``YamlSyntaxError`` or ``MethodsInvalidError``, each naming the line of every problem.
    """
    return _from_document(parse_yaml(text), schema)


def methods_from_dict(data: object, *, schema: Mapping[str, object]) -> MethodCatalogue:
    """Read a methods file from a mapping, checked as ``methods_from_yaml`` checks text."""
    return _from_document(LocatedDocument(data=data, lines={}), schema)


def _from_document(document: LocatedDocument, schema: Mapping[str, object]) -> MethodCatalogue:
    data = checked_data(document, schema, MethodsInvalidError)
    problems = ProblemList(document)
    _check(data, problems)
    if problems.found:
        raise MethodsInvalidError(by_line(problems.found))
    return _build(data)


def _check(data: dict[str, Any], problems: ProblemList) -> None:
    problems.unique(data["methods"], ("methods",), "id")
    problems.unique(data["mixes"], ("mixes",), "id")
    method_ids = [method["id"] for method in data["methods"]]
    for index, method in enumerate(data["methods"]):
        _check_method(method, ("methods", index), problems)
    for index, mix in enumerate(data["mixes"]):
        path: DocumentPath = ("mixes", index)
        if mix["id"] in method_ids:
            problems.add((*path, "id"), f"the mix id '{mix['id']}' is already a method's id")
        if len(set(mix["methods"])) != len(mix["methods"]):
            problems.add((*path, "methods"), "a mix names the same method twice")
        for method_index, method_id in enumerate(mix["methods"]):
            if method_id not in method_ids:
                problems.add(
                    (*path, "methods", method_index),
                    f"the mix names an unknown method '{method_id}'",
                )


def _check_method(method: dict[str, Any], path: DocumentPath, problems: ProblemList) -> None:
    attributes = method["attributes"]
    participants = attributes["participants"]
    if participants["minimum"] > participants["maximum"]:
        problems.add(
            (*path, "attributes", "participants"),
            f"the minimum number of participants ({participants['minimum']}) is above the "
            f"maximum ({participants['maximum']})",
        )
    if "value_if_existing" in attributes["lead_time_weeks"] and not method.get(
        "can_already_exist", False
    ):
        problems.add(
            (*path, "attributes", "lead_time_weeks", "value_if_existing"),
            "a lead time 'if existing' needs 'can_already_exist: true' on the method",
        )
    for name in _ATTRIBUTES:
        for side in ("supported_by", "limited_by"):
            for index, quote in enumerate(attributes[name].get(side, [])):
                if _source_of(method, quote) is None:
                    problems.add(
                        (*path, "attributes", name, side, index),
                        f"the quote '{quote}' is not one of the method's pros, cons, positives or "
                        "negatives, its workshop conclusion, or a phrase of its description",
                    )
    model = method["cost_model"]
    problems.unique(model["items"], (*path, "cost_model", "items"), "id")
    for index, item in enumerate(model["items"]):
        for per_index, name in enumerate(item["per"]):
            if name not in model["parameters"]:
                problems.add(
                    (*path, "cost_model", "items", index, "per", per_index),
                    f"the cost item '{item['id']}' is counted per '{name}', which is not one of "
                    "the cost model's parameters",
                )


def _source_of(method: Mapping[str, Any], quote: str) -> QuoteSource | None:
    exact = (
        (QuoteSource.APPENDIX_C_PRO, method["appendix_c"]["pros"]),
        (QuoteSource.APPENDIX_C_CON, method["appendix_c"]["cons"]),
        (QuoteSource.APPENDIX_D_POSITIVE, method["appendix_d"]["positives"]),
        (QuoteSource.APPENDIX_D_NEGATIVE, method["appendix_d"]["negatives"]),
        (QuoteSource.WORKSHOP_CONCLUSION, [method["workshop_conclusion"]]),
    )
    for source, texts in exact:
        if quote in texts:
            return source
    if any(quote in paragraph for paragraph in method["description"]):
        return QuoteSource.DESCRIPTION
    return None


def _money(value: float) -> Decimal:
    return Decimal(str(value))


def _build(data: dict[str, Any]) -> MethodCatalogue:
    return MethodCatalogue(
        id=data["id"],
        version=data["version"],
        citation=data["source"]["citation"],
        sections=tuple(data["source"]["sections"]),
        large_population=data["large_population"],
        methods=tuple(_build_method(method) for method in data["methods"]),
        mixes=tuple(
            Mix(
                id=mix["id"],
                name=mix["name"],
                method_ids=tuple(mix["methods"]),
                weeks_rule=mix["weeks"],
                rationale=mix["rationale"],
            )
            for mix in data["mixes"]
        ),
    )


def _build_method(method: dict[str, Any]) -> Method:
    attributes = method["attributes"]

    def quotes(name: str, side: str) -> tuple[Quote, ...]:
        found = []
        for text in attributes[name].get(side, []):
            source = _source_of(method, text)
            assert source is not None  # noqa: S101 - checked before building
            found.append(Quote(method["id"], method["name"], source, text))
        return tuple(found)

    model = method["cost_model"]
    return Method(
        id=method["id"],
        name=method["name"],
        description=tuple(method["description"]),
        pros=tuple(method["appendix_c"]["pros"]),
        cons=tuple(method["appendix_c"]["cons"]),
        positives=tuple(method["appendix_d"]["positives"]),
        negatives=tuple(method["appendix_d"]["negatives"]),
        workshop_conclusion=method["workshop_conclusion"],
        participants_minimum=attributes["participants"]["minimum"],
        participants_maximum=attributes["participants"]["maximum"],
        participants_per_event=attributes["participants"].get("per_event", False),
        lead_time_weeks=attributes["lead_time_weeks"]["value"],
        lead_time_weeks_if_existing=attributes["lead_time_weeks"].get("value_if_existing"),
        minimum_population=attributes["minimum_population"]["value"],
        depth=Depth(attributes["depth"]["value"]),
        representativeness=Representativeness(attributes["representativeness"]["value"]),
        reach_groups=Reach(attributes["reach_groups"]["value"]),
        control_required=Control(attributes["control_required"]["value"]),
        relative_cost=RelativeCost(attributes["relative_cost"]["value"]),
        scale=Scale(attributes["scale"]["value"]),
        can_already_exist=method.get("can_already_exist", False),
        basis=tuple(
            AttributeBasis(
                attribute=name,
                supported_by=quotes(name, "supported_by"),
                limited_by=quotes(name, "limited_by"),
                note=attributes[name]["note"],
            )
            for name in _ATTRIBUTES
        ),
        cost_model=CostModel(
            parameters=tuple((name, _money(value)) for name, value in model["parameters"].items()),
            items=tuple(
                CostItem(
                    id=item["id"],
                    label=item["label"],
                    unit_cost=_money(item["unit_cost"]),
                    per=tuple(item["per"]),
                    only_when_new=item.get("only_when_new", False),
                )
                for item in model["items"]
            ),
        ),
    )
