"""Numbers from input, read one way by every stage.

Each function takes a value as the loader leaves it (a string, an int, a float or anything else)
and returns the number Docker Compose or the proxy would read, or ``None`` for the rest: ``.inf``
and ``.nan``, digits that ``str.isdigit()`` accepts but ``int()`` refuses (``²``), numbers with
thousands of digits (Python refuses to convert them), values out of range.  The caller turns
``None`` into a finding (lenient) or a located error (strict).

Only ASCII digits count, as in Go's ``strconv``; the text is stripped once and its length is
bounded before any regular expression sees it, so that no input costs more than linear time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

MAX_DIGITS = 20  # more than any int64; a longer number is refused, never converted
_MAX_TEXT = 64  # longest numeric text worth reading (digits, sign, point, exponent, unit)

_INT = re.compile(r"[+-]?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_SIZE = re.compile(r"([0-9]+(?:\.[0-9]+)?)[ \t]*([kmgtKMGT]?)[iI]?[bB]?", re.ASCII)
_DURATION_PART = re.compile(r"([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(ns|us|µs|ms|s|m|h)", re.ASCII)
_SIZE_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
_DURATION_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    return text if 0 < len(text) <= _MAX_TEXT else None


def to_int(value: object, *, low: int | None = None, high: int | None = None) -> int | None:
    """An integer (an int, an integral finite float, or ASCII digits with an optional sign)."""
    number: int
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value) or value != int(value):
            return None
        number = int(value)
    else:
        text = _text(value)
        if text is None or not _INT.fullmatch(text) or len(text.lstrip("+-")) > MAX_DIGITS:
            return None
        number = int(text, 10)
    if low is not None and number < low:
        return None
    if high is not None and number > high:
        return None
    return number


def to_float(value: object, *, low: float | None = None, high: float | None = None) -> float | None:
    """A finite number (an int, a finite float, or a decimal literal); never inf or NaN."""
    number: float
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        if abs(value) > 10**MAX_DIGITS:
            return None
        number = float(value)
    elif isinstance(value, float):
        number = value
    else:
        text = _text(value)
        if text is None or not _DECIMAL.fullmatch(text):
            return None
        number = float(text)
    if not math.isfinite(number):
        return None
    if low is not None and number < low:
        return None
    if high is not None and number > high:
        return None
    return number


def port(value: object, *, allow_zero: bool = False) -> int | None:
    """A TCP/UDP port number, 1 to 65535 (0 too when ``allow_zero``)."""
    return to_int(value, low=0 if allow_zero else 1, high=65535)


def port_of(text: str) -> int | None:
    """The port of ``8080``, ``8080/tcp`` or ``:8080``; None for anything else."""
    head = text.strip().split("/", 1)[0].lstrip(":")
    return port(head)


def size_bytes(value: object) -> int | None:
    """A memory size as Compose reads it: a number of bytes, or ``512m``, ``1.5g``, ``1gb``, ``2GiB``."""
    if isinstance(value, (bool, int, float)):
        number = to_float(value, low=0)
        return None if number is None else int(number)
    text = _text(value)
    if text is None:
        return None
    match = _SIZE.fullmatch(text)
    if not match:
        return None
    amount = float(match.group(1)) * _SIZE_UNITS[match.group(2).lower()]
    return int(amount) if math.isfinite(amount) else None


def duration_seconds(value: object) -> float | None:
    """A Go duration (``1s``, ``500ms``, ``1m30s``) or a bare number of seconds, in seconds."""
    if isinstance(value, (bool, int, float)):
        return to_float(value, low=0)
    text = _text(value)
    if text is None:
        return None
    bare = to_float(text, low=0)
    if bare is not None:
        return bare
    total = 0.0
    position = 0
    for match in _DURATION_PART.finditer(text):
        if match.start() != position:
            return None
        total += float(match.group(1)) * _DURATION_UNITS[match.group(2)]
        position = match.end()
    if position != len(text) or position == 0:
        return None
    return total if math.isfinite(total) else None


def describe(value: object, limit: int = 40) -> str:
    """A short, printable picture of a value for a message (never the whole of a huge one)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "'.nan'" if math.isnan(value) else "'.inf'" if value > 0 else "'-.inf'"  # as YAML writes them
    text = repr(value) if not isinstance(value, str) else value
    text = "".join(ch if ch.isprintable() else "?" for ch in text[: limit + 1])
    return repr(text[:limit] + "...") if len(text) > limit else repr(text)


def exposed_ports(expose: Iterable[str]) -> set[int]:
    """The ports of ``expose`` entries written as a single port (``3000``, ``3000/tcp``)."""
    found = set()
    for entry in expose:
        number = port(entry.split("/", 1)[0])
        if number is not None:
            found.add(number)
    return found
