"""Validation against the official compose-spec JSON Schema.

The schema is not copied into this project: it is read from the installed package
``check-jsonschema``, which vendors the current compose-spec schema.  Where that package is
missing, validation is skipped with an info finding.
"""

from __future__ import annotations

import functools
import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from migrator.compose import schemacheck
from migrator.compose.config import plain


@functools.cache
def compose_schema() -> dict[str, Any] | None:
    # Locate the package without importing it: importing check_jsonschema pulls in its CLI,
    # requests and jsonschema, which would cost more than loading a small project.
    spec = importlib.util.find_spec("check_jsonschema")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "builtin_schemas" / "vendor" / "compose-spec.json"
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, OSError, ValueError):
        return None
    return data


@functools.cache
def _checker() -> Any:
    schema = compose_schema()
    if schema is None:
        return None
    if schemacheck.unsupported(schema):
        import jsonschema  # a newer schema uses keywords the fast checker does not know

        cls = jsonschema.validators.validator_for(schema)
        return _JsonschemaAdapter(cls(schema))
    # Compose removes duplicate ports, volumes, ... before it validates, so duplicates are never errors.
    return schemacheck.Checker(schema, unique_items=False)


@functools.cache
def _tagged_cannot_pass() -> bool:
    """Without 'not', an unknown value (a Tagged one) fails every check it meets."""
    schema = compose_schema()
    return schema is not None and "not" not in schemacheck.keywords_used(schema)


class _JsonschemaAdapter:
    def __init__(self, validator: Any) -> None:
        self.validator = validator

    def errors(self, instance: Any) -> Iterator[schemacheck.Error]:
        for error in self.validator.iter_errors(instance):
            yield schemacheck.Error(tuple(error.absolute_path), error.message)


def validate(document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Yield ``(path, message)`` for every schema violation, path in ``a.b[0].c`` form."""
    checker = _checker()
    if checker is None:
        return
    # The loaded tree itself (YMap and YSeq are a dict and a list) is checked first, without a
    # plain copy.  A !reset/!override value in it can only fail a check it would pass as plain
    # data, never pass one it would fail (the schema has no 'not'), so a valid verdict stands.
    if isinstance(checker, schemacheck.Checker) and _tagged_cannot_pass() and checker.is_valid(document):
        return
    seen: set[tuple[str, str]] = set()
    for error in checker.errors(plain(document)):
        path = _path(error.path)
        item = (path, f"{path or 'the top level'} {error.message}")
        if item not in seen:
            seen.add(item)
            yield item


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
