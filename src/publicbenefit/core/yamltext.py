"""Reading YAML text while remembering the line each value came from.

A framework or an answers file is refused with the line of every problem, so the loader keeps,
for each place in the document (a path of mapping keys and list indexes), the line where its value
starts. It builds plain dicts, lists and scalars with PyYAML's safe constructors, and differs from
``yaml.safe_load`` on three points that matter for files people edit by hand:

- mapping keys are kept as the text written, so the question id ``1.10`` is not read as the
  number ``1.1``;
- a key written twice in one mapping is refused, where PyYAML would silently keep the last;
- aliases are expanded only up to a fixed number of values, so a small hostile file cannot
  expand into gigabytes;
- nesting is refused beyond a fixed depth (checked on the tokens before anything recursive
  runs), and a value its type cannot hold (the 30th of February, a number of thousands of
  digits) is a problem with its line, so no text makes the reader fail any other way.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.tokens import (
    BlockEndToken,
    BlockMappingStartToken,
    BlockSequenceStartToken,
    FlowMappingEndToken,
    FlowMappingStartToken,
    FlowSequenceEndToken,
    FlowSequenceStartToken,
)

from publicbenefit.core.errors import Problem, YamlSyntaxError

DocumentPath: TypeAlias = tuple[str | int, ...]

# Far more values than any framework or answers file has (the shipped framework has about 200).
MAX_VALUES = 50_000
# Far deeper than any framework or answers file nests (the shipped framework nests 6 deep).
MAX_DEPTH = 100

_OPENING = (
    BlockMappingStartToken,
    BlockSequenceStartToken,
    FlowMappingStartToken,
    FlowSequenceStartToken,
)
_CLOSING = (BlockEndToken, FlowMappingEndToken, FlowSequenceEndToken)


@dataclass(frozen=True)
class LocatedDocument:
    """A parsed YAML document and the line where each of its values starts."""

    data: object
    lines: Mapping[DocumentPath, int]

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of the value at ``path``, or of its nearest enclosing value that exists
        (a missing key is reported at the line of the mapping it is missing from)."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def format_path(path: Sequence[str | int]) -> str:
    """Write a document path the way a person reads it: ``questions[3].left_anchor``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def parse_yaml(text: str) -> LocatedDocument:
    """Parse one YAML document from ``text``, keeping the line of every value.

    Raises ``YamlSyntaxError`` naming the line when the text is not YAML, repeats a key, uses a
    non-text mapping key or expands beyond ``MAX_VALUES`` values. An empty text gives ``None``.
    """
    loader: yaml.SafeLoader | None = None
    try:
        _check_depth(text)
        loader = yaml.SafeLoader(text)
        node = loader.get_single_node()
        if node is None:
            return LocatedDocument(data=None, lines={})
        builder = _Builder(loader)
        data = builder.build(node, ())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = error.problem or error.context or "this is not valid YAML"
        raise YamlSyntaxError([Problem(line, "", f"this is not valid YAML ({reason})")]) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError([Problem(None, "", f"this is not valid YAML ({error})")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if builder.problems:
        raise YamlSyntaxError(builder.problems)
    return LocatedDocument(data=data, lines=builder.lines)


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than ``MAX_DEPTH``, reading tokens (which is not recursive) before
    PyYAML's composer (which is) sees the text."""
    depth = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, _OPENING):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=f"the document nests more than {MAX_DEPTH} levels deep",
                    problem_mark=token.start_mark,
                )
        elif isinstance(token, _CLOSING):
            depth -= 1


class _Builder:
    """Turns a composed node tree into plain values, recording lines and problems."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self.loader = loader
        self.lines: dict[DocumentPath, int] = {}
        self.problems: list[Problem] = []
        self.values = 0
        self.active: set[int] = set()

    def build(self, node: Node, path: DocumentPath) -> object:
        self.values += 1
        if self.values > MAX_VALUES:
            raise yaml.MarkedYAMLError(
                problem=f"the document expands to more than {MAX_VALUES} values",
                problem_mark=node.start_mark,
            )
        if len(path) > MAX_DEPTH:  # aliases can nest deeper than the text does
            raise yaml.MarkedYAMLError(
                problem=f"the document nests more than {MAX_DEPTH} levels deep",
                problem_mark=node.start_mark,
            )
        self.lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in self.active:
            raise yaml.MarkedYAMLError(
                problem="an alias refers to itself", problem_mark=node.start_mark
            )
        self.active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            if isinstance(node, SequenceNode):
                return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
            try:
                return self.loader.construct_object(node, deep=True)
            except (ValueError, OverflowError, TypeError, AttributeError) as error:
                # PyYAML's constructors raise these for a date that does not exist, a number
                # too long to convert or a timestamp tag on text that is not one.
                raise yaml.MarkedYAMLError(
                    problem=f"the value cannot be read ({error})", problem_mark=node.start_mark
                ) from None
        finally:
            self.active.discard(id(node))

    def _mapping(self, node: MappingNode, path: DocumentPath) -> dict[str, object]:
        self.loader.flatten_mapping(node)  # resolves "<<" merge keys the way safe_load does
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                self.problems.append(Problem(line, format_path(path), "a key must be plain text"))
                continue
            key = str(key_node.value)
            if key in result:
                self.problems.append(
                    Problem(line, format_path((*path, key)), f"the key '{key}' appears twice")
                )
                continue
            self.lines[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key))
        return result
