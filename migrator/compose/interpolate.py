"""Variable interpolation with Compose's grammar.

``$VAR``, ``${VAR}``, ``${VAR:-default}``, ``${VAR-default}``, ``${VAR:?err}``, ``${VAR?err}``,
``${VAR:+alt}``, ``${VAR+alt}``, nested defaults and ``$$``.  Only values are interpolated,
never keys.  Unset variables and failed requirements are reported to a callback so that the
loader can turn them into findings (lenient) or errors (strict).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any, NamedTuple

from migrator.compose.yamlread import Tagged, YMap, YSeq
from migrator.redact import excerpt, redact_text


class Problem(NamedTuple):
    """An unset or missing variable met while interpolating."""

    kind: str  # "unset", "required" or "invalid"
    variable: str
    message: str


class InterpolationError(ValueError):
    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path


Report = Callable[[Problem], None]


def _is_name_start(char: str) -> bool:
    return char == "_" or ("a" <= char <= "z") or ("A" <= char <= "Z")


def _is_name_char(char: str) -> bool:
    return _is_name_start(char) or ("0" <= char <= "9")


def _closing_brace(text: str, start: int) -> int:
    """Index of the ``}`` that closes the ``${`` whose content starts at ``start``; -1 if none."""
    depth = 1
    index = start
    while index < len(text):
        char = text[index]
        if char == "$" and index + 1 < len(text) and text[index + 1] == "{":
            depth += 1
            index += 2
            continue
        if char == "}":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return -1


def substitute(text: str, env: Mapping[str, str], report: Report) -> str:
    """Interpolate one string.  Raises InterpolationError on a malformed template."""
    if "$" not in text:
        return text
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char != "$":
            nxt = text.find("$", index)
            if nxt < 0:
                out.append(text[index:])
                break
            out.append(text[index:nxt])
            index = nxt
            continue
        if index + 1 >= length:
            out.append("$")
            break
        nxt_char = text[index + 1]
        if nxt_char == "$":
            out.append("$")
            index += 2
        elif _is_name_start(nxt_char):
            end = index + 2
            while end < length and _is_name_char(text[end]):
                end += 1
            name = text[index + 1 : end]
            out.append(_lookup(name, env, report))
            index = end
        elif nxt_char == "{":
            close = _closing_brace(text, index + 2)
            if close < 0:
                raise InterpolationError(f"invalid interpolation format for {excerpt(text)}: a '${{' is never closed")
            out.append(_braced(text[index + 2 : close], text, env, report))
            index = close + 1
        else:
            out.append("$")
            index += 1
    return "".join(out)


def _lookup(name: str, env: Mapping[str, str], report: Report) -> str:
    value = env.get(name)
    if value is None:
        report(Problem("unset", name, f'The "{name}" variable is not set. Defaulting to a blank string.'))
        return ""
    note_read(name)
    return value


def _braced(body: str, whole: str, env: Mapping[str, str], report: Report) -> str:
    if not body or not _is_name_start(body[0]):
        raise InterpolationError(f"invalid interpolation format for {excerpt(whole)}: {excerpt('${' + body + '}')}")
    end = 1
    while end < len(body) and _is_name_char(body[end]):
        end += 1
    name = body[:end]
    rest = body[end:]
    if not rest:
        return _lookup(name, env, report)
    colon = rest.startswith(":")
    op_index = 1 if colon else 0
    if op_index >= len(rest) or rest[op_index] not in "-?+":
        raise InterpolationError(f"invalid interpolation format for {excerpt(whole)}: {excerpt('${' + body + '}')}")
    op = rest[op_index]
    arg = rest[op_index + 1 :]
    value = env.get(name)
    present = value is not None and (value != "" or not colon)
    if present and op != "+":
        note_read(name)
    if op == "-":
        return value if present and value is not None else substitute(arg, env, report)
    if op == "+":
        return substitute(arg, env, report) if present else ""
    # "?" : required
    if present and value is not None:
        return value
    message = substitute(arg, env, report)
    message = redact_text(message)  # the project's own words, printed before redaction has run
    report(Problem("required", name, f"required variable {name} is missing a value: {message}".rstrip(": ")))
    return ""


def _may_interpolate(item: Any) -> bool:
    """A string with a '$', or a collection or tagged value that may hold one."""
    return ("$" in item) if isinstance(item, str) else isinstance(item, (dict, list, Tagged))


def interpolate_tree(value: Any, env: Mapping[str, str], report: Callable[[Problem, str], None], path: str = "") -> Any:
    """Interpolate every string value of a loaded document, in place where possible."""
    if isinstance(value, str):
        if "$" not in value:
            return value
        try:
            return substitute(value, env, lambda problem: report(problem, path))
        except InterpolationError as exc:
            if not exc.path:
                exc.path = path
            raise
    # Paths (for error locations) are built only for what can hold a '$'.
    if isinstance(value, YMap):
        for key, item in list(value.items()):
            if not _may_interpolate(item):
                continue
            value[key] = interpolate_tree(item, env, report, f"{path}.{key}" if path else key)
        return value
    if isinstance(value, YSeq):
        for index, item in enumerate(value):
            if not _may_interpolate(item):
                continue
            value[index] = interpolate_tree(item, env, report, f"{path}[{index}]")
        return value
    if isinstance(value, Tagged):
        value.value = interpolate_tree(value.value, env, report, path)
        return value
    return value


# --- provenance: which variables interpolation read ---------------------------------------------

_READS: ContextVar[set[str] | None] = ContextVar("migrator_interpolation_reads", default=None)


def note_read(name: str) -> None:
    """Remember that a value of the variable ``name`` went into the project."""
    seen = _READS.get()
    if seen is not None:
        seen.add(name)


@contextlib.contextmanager
def recording_reads() -> Iterator[set[str]]:
    """Collect the names of the variables whose values interpolation puts into the project, so
    that the loader can tell which values came from the process environment."""
    seen: set[str] = set()
    token = _READS.set(seen)
    try:
        yield seen
    finally:
        _READS.reset(token)
