"""YAML as Docker Compose reads it.

PyYAML's C composer builds the node tree with marks; this module turns it into plain values
with the scalar rules of go-yaml (YAML 1.2 core: ``on``/``yes``/``22:22`` stay strings, ``0777``
is octal), rejects duplicate keys, applies merge keys, keeps the ``!reset``/``!override`` tags and
records a span for every mapping key and sequence item.  Alias expansion and nesting depth have
budgets, so a "billion laughs" document or 20,000 nested brackets are refused at once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import yaml

from migrator.errors import MigratorError
from migrator.model import Span

try:  # the C loader is much faster; fall back to the pure-Python one where it is missing
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "merge", "timestamp", "binary", "value")
)
ALIAS_BUDGET_MIN = 100_000
ALIAS_BYTES_MIN = 1024 * 1024  # scalar text the tree may hold through aliases: this, or 10 times the file


class YMap(dict[str, Any]):
    """A mapping that remembers where it and each of its keys came from."""

    __slots__ = ("key_spans", "span")

    def __init__(self, span: Span | None = None) -> None:
        super().__init__()
        self.span = span
        self.key_spans: dict[str, Span] = {}

    def key_span(self, key: str) -> Span | None:
        return self.key_spans.get(key, self.span)


class YSeq(list[Any]):
    """A sequence that remembers where it and each of its items came from."""

    __slots__ = ("item_spans", "span")

    def __init__(self, span: Span | None = None) -> None:
        super().__init__()
        self.span = span
        self.item_spans: list[Span | None] = []

    def item_span(self, index: int) -> Span | None:
        if 0 <= index < len(self.item_spans):
            return self.item_spans[index] or self.span
        return self.span


@dataclass(slots=True)
class Tagged:
    """A value under a ``!reset`` or ``!override`` tag."""

    tag: str
    value: Any


_INT_RE = re.compile(r"[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|[0-9]+)")
_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_INFS = {".inf": math.inf, ".Inf": math.inf, ".INF": math.inf}
_INT64 = 2**63
_UINT64 = 2**64


def resolve_plain(text: str) -> Any:
    """The value of a plain (unquoted, untagged) scalar, as go-yaml resolves it."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    first = text[0]
    if first.isdigit() or first in "+-.":
        plain = text.replace("_", "")
        number = _parse_int(plain)
        if number is not None:
            return number
        if _FLOAT_RE.fullmatch(plain):
            real = float(plain)
            return real if math.isfinite(real) else text  # go-yaml keeps an out-of-range number as text
        sign = -1.0 if plain.startswith("-") else 1.0
        bare = plain.lstrip("+-")
        if bare in _INFS:
            return sign * math.inf
        if bare in (".nan", ".NaN", ".NAN"):
            return math.nan
    return text


def _parse_int(plain: str) -> int | None:
    if not _INT_RE.fullmatch(plain):
        return None
    sign = -1 if plain.startswith("-") else 1
    body = plain.lstrip("+-")
    try:
        if body[:2] in ("0x", "0X"):
            value = int(body[2:], 16)
        elif body[:2] in ("0o", "0O"):
            value = int(body[2:], 8)
        elif body[:2] in ("0b", "0B"):
            value = int(body[2:], 2)
        elif len(body) > 1 and body.startswith("0"):
            value = int(body, 8)
        else:
            value = int(body, 10)
    except ValueError:
        return None
    value *= sign
    if -_INT64 <= value < _UINT64:
        return value
    return None


def go_string(value: Any) -> str:
    """Format a scalar the way Compose turns a number or boolean into a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return go_float(value)
    if value is None:
        return ""
    return str(value)


def go_float(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if value == int(value) and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    if "e" in text:
        mantissa, exp = text.split("e")
        sign = exp[0] if exp[0] in "+-" else "+"
        digits = exp.lstrip("+-").rjust(2, "0")
        text = f"{mantissa}e{sign}{digits}"
    return text


_IMPLICIT = " implicit"  # the tag of a scalar written without one (a space never occurs in a real tag)
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_ScalarNode = yaml.ScalarNode
_span = tuple.__new__  # Span(file, line, column) without the Python-level __new__ of a named tuple
_SequenceNode = yaml.SequenceNode


class _Composer(_Loader):  # type: ignore[misc]
    """PyYAML's composer without its tag resolver: go-yaml's scalar rules are applied by the
    converter, so scalars without a tag keep a marker tag and cost no regex matching."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is _ScalarNode:
            return _IMPLICIT
        return "tag:yaml.org,2002:seq" if kind is _SequenceNode else "tag:yaml.org,2002:map"


class _Converter:
    def __init__(self, file: str, aliases: bool, size: int = 0) -> None:
        self.file = file
        self.visits = 0
        # Scalar aliases amplify by bytes, not by nodes: a 100 KB string aliased ten thousand
        # times is a gigabyte of text for every later stage.  With aliases, scalar text counts.
        self.text_bytes = 0
        self.text_budget = max(ALIAS_BYTES_MIN, 10 * size)
        # Aliases make the tree bigger than the text: past ALIAS_BUDGET_MIN visits, the visits
        # may not exceed 20 times the distinct nodes seen.  Without aliases (no '*' in the
        # text) every node is visited once and nothing needs counting.
        self.seen: set[int] | None = set() if aliases else None
        self.budget: float = ALIAS_BUDGET_MIN if aliases else math.inf

    def span(self, node: yaml.Node) -> Span:
        mark = node.start_mark
        return Span(self.file, mark.line + 1, mark.column + 1)

    def _count_text(self, node: yaml.Node) -> None:
        self.text_bytes += len(node.value)
        if self.text_bytes > self.text_budget:
            raise MigratorError(
                f"the YAML document expands to more than {self.text_budget} bytes of text through aliases "
                "(the alias budget)",
                span=self.span(node),
                hint="write the value once instead of repeating a long anchored string with aliases",
            )

    def _limits(self, node: yaml.Node, depth: int) -> None:
        distinct = len(self.seen) if self.seen is not None else self.visits
        if self.visits > self.budget and self.visits <= 20 * distinct:
            self.budget = 20 * distinct
        if self.visits > self.budget:
            raise MigratorError(
                "the YAML document expands too many aliases (a 'billion laughs' document?)",
                span=self.span(node),
                hint="remove the recursive anchors and aliases; Compose files never need this many",
            )
        if depth > MAX_DEPTH:
            raise MigratorError(
                f"the YAML document nests deeper than {MAX_DEPTH} levels",
                span=self.span(node),
                hint="a Compose file needs only a few levels of nesting",
            )

    def convert(self, node: yaml.Node, depth: int) -> Any:
        self.visits += 1
        if self.seen is not None:
            self.seen.add(id(node))
        if self.visits > self.budget or depth > MAX_DEPTH:
            self._limits(node, depth)
        tag = node.tag
        if node.__class__ is _ScalarNode:
            if self.seen is not None:
                self._count_text(node)
            if tag == _IMPLICIT:
                return node.value if node.style else resolve_plain(node.value)
            if tag == _STR:
                return node.value
        if tag == "!reset" or tag == "!override":
            if node.__class__ is _ScalarNode:
                text = node.value
                return Tagged(tag, text if tag != "!reset" or text else None)
            return Tagged(tag, self._collection(node, depth))
        if tag not in _STANDARD_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise MigratorError(
                f"unknown YAML tag {shown}",
                span=self.span(node),
                hint="Compose only knows the standard tags and !reset and !override",
            )
        if node.__class__ is _ScalarNode:
            return node.value if node.style else resolve_plain(node.value)
        return self._collection(node, depth)

    def _collection(self, node: yaml.Node, depth: int) -> Any:
        if node.__class__ is _SequenceNode:
            seq = YSeq(self.span(node))
            spans = seq.item_spans
            file = self.file
            convert = self.convert
            for item in node.value:
                seq.append(convert(item, depth + 1))
                mark = item.start_mark
                spans.append(_span(Span, (file, mark.line + 1, mark.column + 1)))
            return seq
        assert isinstance(node, yaml.MappingNode)
        return self.mapping(node, depth)

    def key_text(self, node: yaml.Node) -> str:
        if node.__class__ is not _ScalarNode:
            raise MigratorError(
                "a mapping key must be a plain value, not a list or a mapping",
                span=self.span(node),
            )
        if node.style:
            return str(node.value)
        value = resolve_plain(node.value)
        return go_string(value) if value is not None else "null"

    def mapping(self, node: yaml.MappingNode, depth: int) -> YMap:
        result = YMap(self.span(node))
        key_spans = result.key_spans
        merged: list[YMap] = []
        file = self.file
        convert = self.convert
        if self.seen is not None:
            self.seen.update(id(key_node) for key_node, _ in node.value)  # keys are nodes too
        # Scalars without a tag (nearly every key and value) are read inline: one call less per node.
        inline = depth + 1 <= MAX_DEPTH
        seen = self.seen
        for key_node, value_node in node.value:
            if seen is not None and key_node.__class__ is _ScalarNode:
                self._count_text(key_node)
            if key_node.__class__ is _ScalarNode and key_node.tag == _IMPLICIT:
                raw = key_node.value
                if key_node.style:
                    key = raw
                elif raw == "<<":
                    merged.extend(self._merge_sources(value_node, depth))
                    continue
                else:
                    plain = resolve_plain(raw)
                    key = plain if plain.__class__ is str else go_string(plain) if plain is not None else "null"
            elif key_node.tag == _MERGE or (
                key_node.__class__ is _ScalarNode and key_node.value == "<<" and not key_node.style
            ):
                merged.extend(self._merge_sources(value_node, depth))
                continue
            else:
                key = self.key_text(key_node)
            mark = key_node.start_mark
            if key in result:
                first = key_spans[key]
                raise MigratorError(
                    f"duplicate key '{key}' (first defined at line {first.line})",
                    span=Span(file, mark.line + 1, mark.column + 1),
                    hint="remove one of the two keys; Compose refuses duplicate keys",
                )
            if inline and value_node.__class__ is _ScalarNode and value_node.tag == _IMPLICIT:
                if seen is not None:  # aliases are possible: count as convert() does
                    self.visits += 1
                    seen.add(id(value_node))
                    self._count_text(value_node)
                    if self.visits > self.budget:
                        self._limits(value_node, depth + 1)
                result[key] = value_node.value if value_node.style else resolve_plain(value_node.value)
            else:
                result[key] = convert(value_node, depth + 1)
            key_spans[key] = _span(Span, (file, mark.line + 1, mark.column + 1))
        for source in merged:
            for key, value in source.items():
                if key not in result:
                    result[key] = value
                    key_spans[key] = source.key_spans.get(key) or result.span or Span(self.file)
        return result

    def _merge_sources(self, node: yaml.Node, depth: int) -> list[YMap]:
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        sources: list[YMap] = []
        for item in nodes:
            value = self.convert(item, depth + 1)
            if isinstance(value, Tagged):
                value = value.value
            if not isinstance(value, YMap):
                raise MigratorError(
                    "a merge key (<<) takes a mapping or a list of mappings",
                    span=self.span(item),
                )
            sources.append(value)
        return sources


_BRACKETS = re.compile(r"[\[\]{}]")


def _check_flow_depth(text: str, file: str) -> None:
    """libyaml takes quadratic time on deeply nested flow collections: refuse them first."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    depth = 0
    for match in _BRACKETS.finditer(text):
        if match.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                break
        else:
            depth = max(0, depth - 1)
    else:
        return
    # The bracket count is a cheap over-estimate (quotes and comments count too); confirm it
    # with the parser's own events, stopping as soon as the limit is crossed.
    level = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                level += 1
                if level > MAX_DEPTH:
                    mark = event.start_mark
                    raise MigratorError(
                        f"the YAML document nests deeper than {MAX_DEPTH} levels",
                        span=Span(file, mark.line + 1, mark.column + 1) if mark is not None else Span(file),
                        hint="a Compose file needs only a few levels of nesting",
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                level -= 1
    except yaml.YAMLError:
        return  # the real parse reports syntax errors with their location


def parse_documents(text: str, file: str) -> list[Any]:
    """Every document of a YAML stream as plain values with spans; errors name file:line:col."""
    if "\x00" in text:
        raise MigratorError(
            "the file holds binary data (a NUL byte), not YAML",
            span=Span(file),
            hint="pass a Compose file",
        )
    _check_flow_depth(text, file)
    try:
        nodes = list(yaml.compose_all(text, Loader=_Composer))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = Span(file, mark.line + 1, mark.column + 1) if mark is not None else Span(file)
        problem = exc.problem or exc.context or "invalid YAML"
        raise MigratorError(f"invalid YAML: {problem}", span=span, hint="fix the YAML syntax") from None
    except yaml.YAMLError as exc:
        raise MigratorError(f"invalid YAML: {exc}", span=Span(file), hint="fix the YAML syntax") from None
    documents = []
    for node in nodes:
        if node is None:
            continue
        converter = _Converter(file, aliases="*" in text, size=len(text))
        documents.append(converter.convert(node, 0))
    return documents
