"""Validation against the official compose-spec JSON Schema.

The schema is not copied into this project: it is read from the installed package
``check-jsonschema``, which vendors the current compose-spec schema.  Where that package is
missing, validation is skipped with an info finding.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

from migrator.compose.yamlread import Tagged


@functools.cache
def compose_schema() -> dict[str, Any] | None:
    try:
        files = resources.files("check_jsonschema") / "builtin_schemas" / "vendor" / "compose-spec.json"
        data: dict[str, Any] = json.loads(files.read_text(encoding="utf-8"))
        return data
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None


@functools.cache
def _validator() -> Any:
    schema = compose_schema()
    if schema is None:
        return None
    import jsonschema

    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _plain(value: Any) -> Any:
    if isinstance(value, Tagged):
        return _plain(value.value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def schema_available() -> bool:
    return _validator() is not None


def validate(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Yield ``(path, message)`` for every schema violation, path in ``a.b[0].c`` form."""
    validator = _validator()
    if validator is None:
        return
    plain = _plain(document)
    for error in sorted(validator.iter_errors(plain), key=lambda e: [str(p) for p in e.absolute_path]):
        yield _path(error.absolute_path), _message(error)


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _message(error: Any) -> str:
    where = _path(error.absolute_path) or "the top level"
    if error.validator == "additionalProperties" or error.validator == "unevaluatedProperties":
        return f"{where}: {error.message}"
    if error.validator == "type":
        expected = error.validator_value
        if isinstance(expected, list):
            expected = " or ".join(expected)
        return f"{where} must be of type {expected}, not {json.dumps(error.instance)[:60]}"
    return f"{where}: {error.message}"
