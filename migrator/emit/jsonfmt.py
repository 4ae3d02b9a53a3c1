"""JSON as migrator writes it: sorted keys, two-space indent down to the records, one record a line.

The report's document and its sections are indented; each record inside a section (a
service, an edge, a worker, a finding) is written on one line.  A SARIF log is indented all the
way down, except its results and rules: one a line (``records``).  That keeps the file easy to
grep and to diff record by record, and lets the C encoder write nearly all of it (Python's
encoder falls back to pure Python whenever it indents).
"""

from __future__ import annotations

import json
from typing import Any

_COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(", ", ": "), check_circular=False).encode


def dumps(value: Any, *, expand: int = 2, records: frozenset[str] = frozenset()) -> str:
    """``value`` as JSON text, containers indented to ``expand`` levels, deeper ones on one line;
    the items of a list under a key in ``records`` are one a line at any level."""
    out: list[str] = []
    _write(value, expand, "", out, records)
    out.append("\n")
    return "".join(out)


def _write(value: Any, levels: int, indent: str, out: list[str], records: frozenset[str]) -> None:
    if levels <= 0 or not isinstance(value, (dict, list)) or not value:
        out.append(_COMPACT(value))
        return
    inner = indent + "  "
    if isinstance(value, dict):
        out.append("{")
        for position, key in enumerate(sorted(value)):
            out.append(("\n" if position == 0 else ",\n") + inner + _COMPACT(str(key)) + ": ")
            item = value[key]
            _write(item, 1 if key in records and isinstance(item, list) else levels - 1, inner, out, records)
        out.append("\n" + indent + "}")
    else:
        out.append("[")
        for position, item in enumerate(value):
            out.append(("\n" if position == 0 else ",\n") + inner)
            _write(item, levels - 1, inner, out, records)
        out.append("\n" + indent + "]")
