"""Variable interpolation with Compose's grammar.

``$VAR``, ``${VAR}``, ``${VAR:-default}``, ``${VAR-default}``, ``${VAR:?err}``, ``${VAR?err}``,
``${VAR:+alt}``, ``${VAR+alt}``, nested defaults and ``$$``.  Only values are interpolated,
never keys.  Unset variables and failed requirements are reported to a callback so that the
loader can turn them into findings (lenient) or errors (strict).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from migrator.compose.yamlread import Tagged, YMap, YSeq


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


MAX_NESTING = 64  # ${A:-${B:-...}} levels; Compose files use two or three


def _closings(text: str) -> dict[int, int]:
    """The ``}`` that closes each ``${`` of ``text``, found in one pass (an unclosed one is absent).

    A ``${`` opens and a ``}`` closes the latest open one, as a scan from each ``${`` would find.
    """
    closes: dict[int, int] = {}
    stack: list[int] = []
    index = text.find("$")
    if index < 0:
        return closes
    length = len(text)
    while index < length:
        char = text[index]
        if char == "$" and index + 1 < length and text[index + 1] == "{":
            stack.append(index)
            if len(stack) > MAX_NESTING:
                raise InterpolationError(
                    f"invalid interpolation format: the expression nests deeper than {MAX_NESTING} levels"
                )
            index += 2
            continue
        if char == "}" and stack:
            closes[stack.pop()] = index
        index += 1
    return closes


def substitute(text: str, env: Mapping[str, str], report: Report) -> str:
    """Interpolate one string.  Raises InterpolationError on a malformed template.

    Linear in the length of the text, however deep the nested defaults: each ``${`` finds its
    ``}`` in a table built once, and a default is read in place, never copied and rescanned.
    """
    if "$" not in text:
        return text
    return _substitute(text, 0, len(text), _closings(text), env, report)


def _substitute(
    text: str, start: int, stop: int, closes: dict[int, int], env: Mapping[str, str], report: Report
) -> str:
    out: list[str] = []
    index = start
    while index < stop:
        dollar = text.find("$", index, stop)
        if dollar < 0:
            out.append(text[index:stop])
            break
        if dollar > index:
            out.append(text[index:dollar])
        index = dollar
        if index + 1 >= stop:
            out.append("$")
            break
        nxt_char = text[index + 1]
        if nxt_char == "$":
            out.append("$")
            index += 2
        elif _is_name_start(nxt_char):
            end = index + 2
            while end < stop and _is_name_char(text[end]):
                end += 1
            out.append(_lookup(text[index + 1 : end], env, report))
            index = end
        elif nxt_char == "{":
            close = closes.get(index, -1)
            if close < 0 or close >= stop:
                raise InterpolationError(
                    f"invalid interpolation format for {text[start:stop]!r}: a '${{' is never closed"
                )
            out.append(_braced(text, index + 2, close, closes, (start, stop), env, report))
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
    return value


def _braced(
    text: str,
    start: int,
    stop: int,
    closes: dict[int, int],
    whole: tuple[int, int],
    env: Mapping[str, str],
    report: Report,
) -> str:
    """The value of the ``${...}`` whose body is ``text[start:stop]``."""

    def invalid() -> InterpolationError:
        return InterpolationError(
            f"invalid interpolation format for {text[whole[0] : whole[1]]!r}: '${{{text[start:stop]}}}'"
        )

    if start >= stop or not _is_name_start(text[start]):
        raise invalid()
    end = start + 1
    while end < stop and _is_name_char(text[end]):
        end += 1
    name = text[start:end]
    if end == stop:
        return _lookup(name, env, report)
    colon = text[end] == ":"
    op_index = end + 1 if colon else end
    if op_index >= stop or text[op_index] not in "-?+":
        raise invalid()
    op = text[op_index]
    arg = (op_index + 1, stop)
    value = env.get(name)
    present = value is not None and (value != "" or not colon)
    if op == "-":
        return value if present and value is not None else _substitute(text, *arg, closes, env, report)
    if op == "+":
        return _substitute(text, *arg, closes, env, report) if present else ""
    # "?" : required
    if present and value is not None:
        return value
    message = _substitute(text, *arg, closes, env, report)
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
