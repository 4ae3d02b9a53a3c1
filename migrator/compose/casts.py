"""Typed values after interpolation, as Docker Compose casts them.

Compose interpolates every string and then casts the strings found at a fixed set of paths to
the type the model needs (compose-go ``loader/interpolate.go``, ``interpolateTypeCastMapping``):
``retries: "${RETRIES}"`` becomes the integer 3, and becomes an error when ``RETRIES`` is unset
(``strconv.Atoi: parsing ""``).  A value that is not a string (a YAML integer) is left alone, and
so is a ``!reset``/``!override`` value.  ``cast_document`` does the same on one loaded file:
a value that casts is replaced by its typed form, one that does not is reported and removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

_INT = re.compile(r"[+-]?[0-9]+")
_FLOAT = re.compile(
    r"[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)",
    re.IGNORECASE,
)
_INT64 = 2**63
_INT_BITS = 2**63  # Go's int is 64 bits on the platforms Docker Compose ships for


def _to_int(text: str) -> int:
    if not _INT.fullmatch(text) or not -_INT_BITS <= int(text) < _INT_BITS:
        raise ValueError("an integer")
    return int(text)


def _to_int64(text: str) -> int:
    if not _INT.fullmatch(text) or not -_INT64 <= int(text) < _INT64:
        raise ValueError("an integer")
    return int(text)


def _to_float(text: str) -> float:
    if not _FLOAT.fullmatch(text):
        raise ValueError("a number")
    return float(text)


def _to_bool(text: str) -> bool:
    low = text.lower()
    if low in ("true", "y", "yes", "on"):
        return True
    if low in ("false", "n", "no", "off"):
        return False
    raise ValueError("true or false")


Cast = Callable[[str], Any]

# Paths under services.<name>, then paths from the top; '*' is any key, '[]' any list item.
_SERVICE: dict[tuple[str, ...], Cast] = {
    ("cpu_count",): _to_int64,
    ("cpu_percent",): _to_float,
    ("cpu_period",): _to_int64,
    ("cpu_quota",): _to_int64,
    ("cpu_rt_period",): _to_int64,
    ("cpu_rt_runtime",): _to_int64,
    ("cpus",): _to_float,
    ("cpu_shares",): _to_int64,
    ("init",): _to_bool,
    ("depends_on", "*", "required"): _to_bool,
    ("depends_on", "*", "restart"): _to_bool,
    ("deploy", "replicas"): _to_int,
    ("deploy", "update_config", "parallelism"): _to_int,
    ("deploy", "update_config", "max_failure_ratio"): _to_float,
    ("deploy", "rollback_config", "parallelism"): _to_int,
    ("deploy", "rollback_config", "max_failure_ratio"): _to_float,
    ("deploy", "restart_policy", "max_attempts"): _to_int,
    ("deploy", "placement", "max_replicas_per_node"): _to_int,
    ("healthcheck", "retries"): _to_int,
    ("healthcheck", "disable"): _to_bool,
    ("oom_kill_disable",): _to_bool,
    ("oom_score_adj",): _to_int64,
    ("pids_limit",): _to_int64,
    ("ports", "[]", "target"): _to_int,
    ("privileged",): _to_bool,
    ("read_only",): _to_bool,
    ("scale",): _to_int,
    ("stdin_open",): _to_bool,
    ("tty",): _to_bool,
    ("ulimits", "*"): _to_int,
    ("ulimits", "*", "hard"): _to_int,
    ("ulimits", "*", "soft"): _to_int,
    ("volumes", "[]", "read_only"): _to_bool,
    ("volumes", "[]", "volume", "nocopy"): _to_bool,
}
_TOP: dict[tuple[str, ...], Cast] = {
    ("networks", "*", "external"): _to_bool,
    ("networks", "*", "internal"): _to_bool,
    ("networks", "*", "attachable"): _to_bool,
    ("networks", "*", "enable_ipv4"): _to_bool,
    ("networks", "*", "enable_ipv6"): _to_bool,
    ("volumes", "*", "external"): _to_bool,
    ("secrets", "*", "external"): _to_bool,
    ("configs", "*", "external"): _to_bool,
}

Report = Callable[[str, str, str], None]  # (dotted path, value, what it must be)


def cast_document(doc: dict[str, Any], report: Report) -> None:
    """Cast the strings of one interpolated file in place; ``report`` what does not cast."""
    services = doc.get("services")
    if isinstance(services, dict):
        for name, service in services.items():
            if isinstance(service, dict):
                for pattern, cast in _SERVICE.items():
                    _apply(service, pattern, cast, f"services.{name}", report)
    for pattern, cast in _TOP.items():
        _apply(doc, pattern, cast, "", report)


def _apply(node: dict[str, Any], pattern: tuple[str, ...], cast: Cast, prefix: str, report: Report) -> None:
    for parent, key, path in _matches(node, pattern, prefix):
        value = parent[key]
        if not isinstance(value, str):
            continue  # already typed, null (the schema speaks), or a !reset/!override value
        try:
            parent[key] = cast(value)
        except ValueError as exc:
            report(path, value, str(exc))
            del parent[key]


def _matches(node: Any, pattern: tuple[str, ...], path: str) -> Iterator[tuple[Any, Any, str]]:
    """(container, key or index, dotted path) of every value at ``pattern`` under ``node``."""
    head, rest = pattern[0], pattern[1:]
    if head == "[]":
        if not isinstance(node, list):
            return
        # Backwards, so that removing an item never shifts one still to visit.
        items: list[tuple[Any, str]] = [(i, f"{path}[{i}]") for i in reversed(range(len(node)))]
    elif isinstance(node, dict):
        keys = list(node) if head == "*" else [head] if head in node else []
        items = [(k, f"{path}.{k}" if path else str(k)) for k in keys]
    else:
        return
    for key, where in items:
        if not rest:
            yield node, key, where
        else:
            yield from _matches(node[key], rest, where)
