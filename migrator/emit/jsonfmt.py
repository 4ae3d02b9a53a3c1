"""JSON as migrator writes it: sorted keys, two-space indent down to the records, one record a line.

The report's document and its sections are indented; each record inside a section (a
service, an edge, a worker, a finding) is written on one line.  That keeps the file easy to
grep and to diff record by record, and lets the C encoder write nearly all of it (Python's
encoder falls back to pure Python whenever it indents).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(", ", ": "), check_circular=False).encode


class Cleaner:
    """Redaction while writing: ``dirty`` says whether written text may hold a secret, ``scrub``
    returns the value with its secrets removed (it is then written again)."""

    def __init__(self, dirty: Callable[[str], bool], scrub: Callable[[Any], Any]) -> None:
        self.dirty = dirty
        self.scrub = scrub


def dumps(value: Any, *, expand: int = 2, cleaner: Cleaner | None = None) -> str:
    """``value`` as JSON text, containers indented to ``expand`` levels, deeper ones on one line."""
    out: list[str] = []
    _write(value, expand, "", out, cleaner)
    out.append("\n")
    return "".join(out)


def _compact(value: Any, cleaner: Cleaner | None) -> str:
    text = _COMPACT(value)
    if cleaner is not None and cleaner.dirty(text):
        text = _COMPACT(cleaner.scrub(value))
    return text


def _write(value: Any, levels: int, indent: str, out: list[str], cleaner: Cleaner | None) -> None:
    if levels <= 0 or not isinstance(value, (dict, list)) or not value:
        out.append(_compact(value, cleaner))
        return
    inner = indent + "  "
    if isinstance(value, dict):
        out.append("{")
        for position, key in enumerate(sorted(value)):
            out.append(("\n" if position == 0 else ",\n") + inner + _compact(str(key), cleaner) + ": ")
            _write(value[key], levels - 1, inner, out, cleaner)
        out.append("\n" + indent + "}")
    else:
        out.append("[")
        for position, item in enumerate(value):
            out.append(("\n" if position == 0 else ",\n") + inner)
            _write(item, levels - 1, inner, out, cleaner)
        out.append("\n" + indent + "]")
