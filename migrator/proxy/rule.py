"""Traefik router rules: a tokenizer, a parser to an AST, a printer and a normal form.

The grammar (v3, with the v2 differences):

    expr    := and ( '||' and )*
    and     := unary ( '&&' unary )*
    unary   := '!' unary | '(' expr ')' | matcher
    matcher := NAME '(' [ STRING ( ',' STRING )* ] ')'

Strings are Go literals: backtick-quoted raw strings or double-quoted strings with escapes.
Matcher names are accepted as written, in lower case, upper case or Title case.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple, Union

HTTP_MATCHERS_V3: dict[str, tuple[int, int]] = {
    "Host": (1, 1),
    "HostRegexp": (1, 1),
    "Path": (1, 1),
    "PathPrefix": (1, 1),
    "PathRegexp": (1, 1),
    "Method": (1, 1),
    "Header": (2, 2),
    "HeaderRegexp": (2, 2),
    "Query": (1, 2),
    "QueryRegexp": (1, 2),
    "ClientIP": (1, 1),
}
HTTP_MATCHERS_V2: dict[str, tuple[int, int]] = {
    "Host": (1, 99),
    "HostHeader": (1, 99),
    "HostRegexp": (1, 99),
    "Path": (1, 99),
    "PathPrefix": (1, 99),
    "Method": (1, 99),
    "Headers": (2, 2),
    "HeadersRegexp": (2, 2),
    "Query": (1, 99),
    "ClientIP": (1, 99),
}
TCP_MATCHERS: dict[str, tuple[int, int]] = {
    "HostSNI": (1, 99),
    "HostSNIRegexp": (1, 1),
    "ClientIP": (1, 99),
    "ALPN": (1, 99),
}
_ALL_NAMES = {name.lower(): name for name in (*HTTP_MATCHERS_V3, *HTTP_MATCHERS_V2, *TCP_MATCHERS)}


class RuleSyntaxError(ValueError):
    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.column = column


@dataclass(frozen=True, slots=True)
class Matcher:
    """A matcher call such as Host(`a.example.com`)."""

    name: str
    args: tuple[str, ...]
    column: int = field(default=0, compare=False)


class Not(NamedTuple):
    """A negated rule."""

    operand: Node


class And(NamedTuple):
    """Both sides must match."""

    left: Node
    right: Node


class Or(NamedTuple):
    """Either side may match."""

    left: Node
    right: Node


Node = Union[Matcher, Not, And, Or]  # noqa: UP007 (a runtime alias used before the classes are complete)
Syntax = Literal["v2", "v3", "tcp"]


class _Token(NamedTuple):
    """A token of a rule."""

    kind: str  # NAME, STRING, LPAREN, RPAREN, COMMA, AND, OR, NOT, END
    text: str
    column: int


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def tokenize(rule: str) -> list[_Token]:
    tokens: list[_Token] = []
    index = 0
    length = len(rule)
    while index < length:
        char = rule[index]
        column = index + 1
        if char.isspace():
            index += 1
        elif char == "(":
            tokens.append(_Token("LPAREN", char, column))
            index += 1
        elif char == ")":
            tokens.append(_Token("RPAREN", char, column))
            index += 1
        elif char == ",":
            tokens.append(_Token("COMMA", char, column))
            index += 1
        elif rule.startswith("&&", index):
            tokens.append(_Token("AND", "&&", column))
            index += 2
        elif rule.startswith("||", index):
            tokens.append(_Token("OR", "||", column))
            index += 2
        elif char == "!":
            tokens.append(_Token("NOT", "!", column))
            index += 1
        elif char == "`":
            end = rule.find("`", index + 1)
            if end < 0:
                raise RuleSyntaxError("a backtick string is never closed", column)
            tokens.append(_Token("STRING", rule[index + 1 : end], column))
            index = end + 1
        elif char == '"':
            value, index = _double_quoted(rule, index)
            tokens.append(_Token("STRING", value, column))
        elif char == "'":
            raise RuleSyntaxError("single quotes are not allowed; use backticks or double quotes", column)
        elif char.isalpha() or char == "_":
            end = index
            while end < length and (rule[end].isalnum() or rule[end] == "_"):
                end += 1
            tokens.append(_Token("NAME", rule[index:end], column))
            index = end
        else:
            raise RuleSyntaxError(f"unexpected character {char!r}", column)
    tokens.append(_Token("END", "", length + 1))
    return tokens


def _double_quoted(rule: str, start: int) -> tuple[str, int]:
    out: list[str] = []
    index = start + 1
    while index < len(rule):
        char = rule[index]
        if char == "\\":
            if index + 1 >= len(rule):
                break
            nxt = rule[index + 1]
            if nxt not in _ESCAPES:
                raise RuleSyntaxError(f"unknown escape \\{nxt} in a double-quoted string", index + 1)
            out.append(_ESCAPES[nxt])
            index += 2
            continue
        if char == '"':
            return "".join(out), index + 1
        out.append(char)
        index += 1
    raise RuleSyntaxError("a double-quoted string is never closed", start + 1)


MAX_NESTING = 32  # parentheses and '!' around one matcher; real rules use two or three
MAX_MATCHERS = 256  # matchers in one rule


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.matchers = 0

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self, kind: str) -> _Token:
        token = self.peek()
        if token.kind != kind:
            raise RuleSyntaxError(f"expected {_DESCRIBE[kind]}, found {_describe(token)}", token.column)
        self.pos += 1
        return token

    def expr(self) -> Node:
        node = self.conjunction()
        while self.peek().kind == "OR":
            self.pos += 1
            node = Or(node, self.conjunction())
        return node

    def conjunction(self) -> Node:
        node = self.unary()
        while self.peek().kind == "AND":
            self.pos += 1
            node = And(node, self.unary())
        return node

    def unary(self) -> Node:
        token = self.peek()
        if token.kind in ("NOT", "LPAREN"):
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise RuleSyntaxError(f"the rule nests deeper than {MAX_NESTING} levels", token.column)
            self.pos += 1
            if token.kind == "NOT":
                node: Node = Not(self.unary())
            else:
                node = self.expr()
                self.take("RPAREN")
            self.depth -= 1
            return node
        self.matchers += 1
        if self.matchers > MAX_MATCHERS:
            raise RuleSyntaxError(f"the rule has more than {MAX_MATCHERS} matchers", token.column)
        return self.matcher()

    def matcher(self) -> Matcher:
        name_token = self.take("NAME")
        canonical = _ALL_NAMES.get(name_token.text.lower())
        if canonical is None or name_token.text not in (
            canonical,
            canonical.lower(),
            canonical.upper(),
            canonical.title(),
        ):
            raise RuleSyntaxError(f"unknown matcher {name_token.text!r}", name_token.column)
        self.take("LPAREN")
        args: list[str] = []
        if self.peek().kind != "RPAREN":
            args.append(self.take("STRING").text)
            while self.peek().kind == "COMMA":
                self.pos += 1
                args.append(self.take("STRING").text)
        self.take("RPAREN")
        return Matcher(canonical, tuple(args), name_token.column)


_DESCRIBE = {
    "NAME": "a matcher name",
    "STRING": "a quoted argument",
    "LPAREN": "'('",
    "RPAREN": "')'",
    "COMMA": "','",
    "AND": "'&&'",
    "OR": "'||'",
    "NOT": "'!'",
    "END": "the end of the rule",
}


def _describe(token: _Token) -> str:
    if token.kind == "END":
        return "the end of the rule"
    if token.kind == "STRING":
        return "a quoted argument"
    return repr(token.text)


def parse(rule: str, syntax: Syntax | None = None) -> Node:
    """Parse a rule; ``syntax`` checks matcher names and argument counts (None accepts v2 or v3)."""
    if not rule.strip():
        raise RuleSyntaxError("the rule is empty", 1)
    parser = _Parser(tokenize(rule))
    node = parser.expr()
    end = parser.peek()
    if end.kind != "END":
        raise RuleSyntaxError(f"unexpected {_describe(end)} after a complete rule", end.column)
    _check(node, syntax)
    return node


def _check(node: Node, syntax: Syntax | None) -> None:
    for matcher in matchers(node):
        tables = {
            "v3": (HTTP_MATCHERS_V3,),
            "v2": (HTTP_MATCHERS_V2,),
            "tcp": (TCP_MATCHERS,),
            None: (HTTP_MATCHERS_V3, HTTP_MATCHERS_V2),
        }[syntax]
        known = [table[matcher.name] for table in tables if matcher.name in table]
        if not known:
            where = {"v3": "Traefik v3 HTTP", "v2": "Traefik v2 HTTP", "tcp": "TCP", None: "HTTP"}[syntax]
            raise RuleSyntaxError(f"{matcher.name} is not a {where} matcher", matcher.column)
        if not any(low <= len(matcher.args) <= high for low, high in known):
            low = min(k[0] for k in known)
            high = max(k[1] for k in known)
            want = str(low) if low == high else f"{low} to {high}" if high < 99 else f"at least {low}"
            raise RuleSyntaxError(f"{matcher.name} takes {want} argument(s), got {len(matcher.args)}", matcher.column)


def matchers(node: Node) -> list[Matcher]:
    out: list[Matcher] = []
    stack: list[Node] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, Matcher):
            out.append(item)
        elif isinstance(item, Not):
            stack.append(item.operand)
        else:
            stack.extend((item.right, item.left))
    return out


def quote(value: str) -> str:
    if "`" not in value:
        return f"`{value}`"
    escaped = (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )
    return f'"{escaped}"'


def to_text(node: Node) -> str:
    """Print a rule; parsing the result gives the same AST."""
    return _print(node, 0)


def _print(node: Node, parent: int) -> str:
    if isinstance(node, Matcher):
        return f"{node.name}({', '.join(quote(a) for a in node.args)})"
    if isinstance(node, Not):
        inner = node.operand
        text = _print(inner, 3)
        return f"!{text}"
    if isinstance(node, And):
        text = f"{_print(node.left, 2)} && {_print_right(node.right, 2)}"
        return f"({text})" if parent > 2 else text
    text = f"{_print(node.left, 1)} || {_print_right(node.right, 1)}"
    return f"({text})" if parent > 1 else text


def _print_right(node: Node, level: int) -> str:
    # The operators are left-associative: a right operand of the same kind needs parentheses.
    if (level == 2 and isinstance(node, And)) or (level == 1 and isinstance(node, Or)):
        return f"({_print(node, 0)})"
    return _print(node, level)


Literal_ = tuple[bool, Matcher]  # (negated, matcher)


def disjuncts(node: Node, *, limit: int = 64) -> list[list[Literal_]]:
    """The rule in disjunctive normal form; v2 multi-value matchers become one disjunct each.

    Raises ValueError when the normal form would exceed ``limit`` disjuncts.
    """
    result = _dnf(node, False, limit)
    return result


_MULTI = frozenset({"Host", "HostHeader", "Path", "PathPrefix", "Method", "HostRegexp", "HostSNI", "ALPN", "ClientIP"})


def _dnf(node: Node, negated: bool, limit: int) -> list[list[Literal_]]:
    if isinstance(node, Matcher):
        if node.name in _MULTI and len(node.args) > 1:
            if len(node.args) > limit and not negated:
                raise ValueError(f"the rule expands to more than {limit} alternatives")
            parts = [Matcher(node.name, (arg,), node.column) for arg in node.args]
            if negated:
                return [[(True, part) for part in parts]]
            return [[(False, part)] for part in parts]
        return [[(negated, node)]]
    if isinstance(node, Not):
        return _dnf(node.operand, not negated, limit)
    is_and = isinstance(node, And)
    if negated:
        is_and = not is_and  # De Morgan
    left = _dnf(node.left, negated, limit)
    right = _dnf(node.right, negated, limit)
    if (len(left) + len(right) if not is_and else len(left) * len(right)) > limit:
        raise ValueError(f"the rule expands to more than {limit} alternatives")
    if not is_and:
        combined = left + right
    else:
        combined = [a + b for a in left for b in right]
    if len(combined) > limit:
        raise ValueError(f"the rule expands to more than {limit} alternatives")
    return combined
