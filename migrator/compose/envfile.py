"""``.env`` and ``env_file`` files, parsed as Compose parses them."""

from __future__ import annotations

import re
from collections import ChainMap
from collections.abc import Callable, Mapping

from migrator.compose.interpolate import InterpolationError, Problem, substitute
from migrator.errors import MigratorError
from migrator.model import Span

_KEY_THEN_SEPARATOR = re.compile(r"[^=:\s]*\s*[=:]")  # no overlap between the parts: linear
_SPACE = re.compile(r"\s")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "$": "\\$", "'": "'"}


def parse_env_text(
    text: str,
    file: str,
    *,
    lookup: Mapping[str, str],
    interpolate: bool = True,
    report: Callable[[Problem], None] | None = None,
) -> dict[str, str | None]:
    """Parse ``KEY=VALUE`` lines.  ``lookup`` resolves ``${VAR}`` and bare keys.

    Linear in the size of the text: the variables defined so far are kept in one dictionary
    (looked up before ``lookup``), and a quoted value over several lines is scanned once.
    """
    result: dict[str, str | None] = {}
    defined: dict[str, str] = {}  # the values of ``result`` that are set
    scope: Mapping[str, str] = ChainMap(defined, dict(lookup))
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    notify = report or (lambda problem: None)
    while index < len(lines):
        raw = lines[index]
        line_no = index + 1
        index += 1
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        sep = _separator(line)
        if sep < 0:
            key = line
            _check_key(key, file, line_no)
            value = lookup.get(key)
            _set(result, defined, key, value)
            continue
        key = line[:sep].strip()
        _check_key(key, file, line_no)
        rest = line[sep + 1 :].lstrip()
        if rest[:1] in ("'", '"'):
            quote = rest[0]
            body, index = _quoted(rest[1:], quote, lines, index, file, line_no)
            if quote == '"':
                body = _unescape(body)
                if interpolate:
                    body = _interp(body, scope, file, line_no, notify)
            _set(result, defined, key, body)
            continue
        value = _strip_comment(rest).strip()
        if interpolate:
            value = _interp(value, scope, file, line_no, notify)
        _set(result, defined, key, value)
    return result


def _set(result: dict[str, str | None], defined: dict[str, str], key: str, value: str | None) -> None:
    result[key] = value
    if value is None:
        defined.pop(key, None)
    else:
        defined[key] = value


def _separator(line: str) -> int:
    """Where the first ``=`` or ``:`` is, when only a name (and spaces) stand before it; else -1."""
    match = _KEY_THEN_SEPARATOR.match(line)
    return match.end() - 1 if match else -1


def _check_key(key: str, file: str, line: int) -> None:
    if not key or _SPACE.search(key):
        raise MigratorError(
            f"invalid line in env file: {key!r} is not a variable name",
            span=Span(file, line, 1),
            hint="write KEY=VALUE, one per line",
        )


def _quoted(first: str, quote: str, lines: list[str], index: int, file: str, line_no: int) -> tuple[str, int]:
    # Each line is scanned once: a backslash at the end of a line escapes the line break, so the
    # scan of the next line starts afresh.
    parts: list[str] = []
    segment = first
    while True:
        end = _closing_quote(segment, quote)
        if end >= 0:
            parts.append(segment[:end])
            return "\n".join(parts), index
        parts.append(segment)
        if index >= len(lines):
            raise MigratorError(
                f"unterminated quoted value in env file (the {quote} is never closed)",
                span=Span(file, line_no, 1),
                hint="close the quote",
            )
        segment = lines[index]
        index += 1


def _closing_quote(text: str, quote: str) -> int:
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and quote == '"':
            index += 2
            continue
        if char == quote:
            return index
        index += 1
    return -1


def _unescape(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            nxt = text[index + 1]
            out.append(_ESCAPES.get(nxt, "\\" + nxt))
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def _strip_comment(value: str) -> str:
    index = value.find("#", 1)
    while index > 0:
        if value[index - 1].isspace():
            return value[:index]
        index = value.find("#", index + 1)
    return value


def _interp(value: str, env: Mapping[str, str], file: str, line: int, report: Callable[[Problem], None]) -> str:
    try:
        return substitute(value, env, report)
    except InterpolationError as exc:
        raise MigratorError(str(exc), span=Span(file, line, 1), hint="fix the ${...} expression") from None
