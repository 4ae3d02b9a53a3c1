"""A small, fast JSON Schema checker for the keywords the compose-spec schema uses.

Importing ``jsonschema`` costs more than loading a small project, and the loader validates on
every run, so the loader uses this checker.  It knows: type, enum, const, required,
properties, patternProperties, additionalProperties, unevaluatedProperties, items,
uniqueItems, minimum, maximum, minItems, maxItems, pattern, oneOf, anyOf, allOf, not, $ref
(local) and boolean schemas.  ``KEYWORDS`` lists them; ``unsupported()`` tells whether a
schema needs more, in which case callers use ``jsonschema`` itself.  The test suite checks
that both agree on the corpus and on generated documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

KEYWORDS = frozenset(
    {
        "type",
        "enum",
        "const",
        "required",
        "properties",
        "patternProperties",
        "additionalProperties",
        "unevaluatedProperties",
        "items",
        "uniqueItems",
        "minimum",
        "maximum",
        "minItems",
        "maxItems",
        "pattern",
        "oneOf",
        "anyOf",
        "allOf",
        "not",
        "$ref",
    }
)
ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "definitions",
        "title",
        "description",
        "default",
        "deprecated",
        "examples",
        "format",
        "$comment",
    }
)


@dataclass(frozen=True, slots=True)
class Error:
    """One schema violation: where in the document, and what is wrong."""

    path: tuple[str | int, ...]
    message: str


def unsupported(schema: Any) -> set[str]:
    found: set[str] = set()

    def walk(node: Any, in_props: bool) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if in_props:
                    walk(value, False)
                    continue
                if key not in KEYWORDS and key not in ANNOTATIONS:
                    found.add(key)
                walk(value, key in ("properties", "patternProperties", "$defs", "definitions"))
        elif isinstance(node, list):
            for item in node:
                walk(item, False)

    walk(schema, False)
    return found


def _type_ok(value: Any, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "object":
        return isinstance(value, dict)
    if kind == "array":
        return isinstance(value, list)
    if kind == "null":
        return value is None
    return False


class Checker:
    def __init__(self, schema: dict[str, Any], *, unique_items: bool = True) -> None:
        self.root = schema
        self.unique_items = unique_items
        self._patterns: dict[str, re.Pattern[str]] = {}

    def errors(self, instance: Any) -> Iterator[Error]:
        errs, _ = self._check(self.root, instance, ())
        yield from errs

    def is_valid(self, instance: Any) -> bool:
        errs, _ = self._check(self.root, instance, ())
        return not errs

    def _resolve(self, ref: str) -> Any:
        if not ref.startswith("#"):
            raise ValueError(f"remote $ref {ref!r} is not supported")
        node: Any = self.root
        for part in ref[1:].split("/")[1:]:
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def _pattern(self, text: str) -> re.Pattern[str]:
        pattern = self._patterns.get(text)
        if pattern is None:
            pattern = re.compile(text)
            self._patterns[text] = pattern
        return pattern

    def _check(self, schema: Any, value: Any, path: tuple[str | int, ...]) -> tuple[list[Error], set[str]]:
        """Errors, and the property names this schema evaluated (for unevaluatedProperties)."""
        if schema is True or schema == {}:
            return [], set()
        if schema is False:
            return [Error(path, "is not allowed here")], set()
        errors: list[Error] = []
        evaluated: set[str] = set()
        if "$ref" in schema:
            errs, ev = self._check(self._resolve(schema["$ref"]), value, path)
            errors += errs
            evaluated |= ev
        kind = schema.get("type")
        if kind is not None:
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(_type_ok(value, k) for k in kinds):
                return [Error(path, f"must be of type {' or '.join(kinds)}")], evaluated
        if "enum" in schema and value not in schema["enum"]:
            errors.append(Error(path, "must be one of " + ", ".join(repr(v) for v in schema["enum"])))
        if "const" in schema and value != schema["const"]:
            errors.append(Error(path, f"must be {schema['const']!r}"))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                errors.append(Error(path, f"must be at least {schema['minimum']}"))
            if "maximum" in schema and value > schema["maximum"]:
                errors.append(Error(path, f"must be at most {schema['maximum']}"))
        if isinstance(value, str) and "pattern" in schema and not self._pattern(schema["pattern"]).search(value):
            errors.append(Error(path, f"does not match {schema['pattern']!r}"))
        if isinstance(value, list):
            errors += self._array(schema, value, path)
        if isinstance(value, dict):
            errs, ev = self._object(schema, value, path)
            errors += errs
            evaluated |= ev
        for sub in schema.get("allOf", ()):
            errs, ev = self._check(sub, value, path)
            errors += errs
            evaluated |= ev
        if "anyOf" in schema:
            branch_errors: list[list[Error]] = []
            for sub in schema["anyOf"]:
                errs, ev = self._check(sub, value, path)
                if not errs:
                    evaluated |= ev
                    branch_errors = []
                    break
                branch_errors.append(errs)
            if branch_errors:
                errors.append(Error(path, "does not match any of the allowed forms"))
        if "oneOf" in schema:
            errors += self._one_of(schema["oneOf"], value, path, evaluated)
        if "not" in schema:
            errs, _ = self._check(schema["not"], value, path)
            if not errs:
                errors.append(Error(path, "matches a form that is not allowed"))
        if isinstance(value, dict) and "unevaluatedProperties" in schema:
            extra = sorted(k for k in value if k not in evaluated)
            sub = schema["unevaluatedProperties"]
            for key in extra:
                if sub is False:
                    errors.append(Error((*path, key), "is not allowed (unknown key)"))
                else:
                    errors += self._check(sub, value[key], (*path, key))[0]
            evaluated |= set(extra)
        return errors, evaluated

    def _array(self, schema: dict[str, Any], value: list[Any], path: tuple[str | int, ...]) -> list[Error]:
        errors: list[Error] = []
        items = schema.get("items")
        if items is not None:
            for index, item in enumerate(value):
                errors += self._check(items, item, (*path, index))[0]
        if schema.get("uniqueItems") and self.unique_items:
            seen: list[Any] = []
            for item in value:
                if any(_equal(item, other) for other in seen):
                    errors.append(Error(path, "has duplicate items"))
                    break
                seen.append(item)
        if "minItems" in schema and len(value) < schema["minItems"]:
            errors.append(Error(path, f"needs at least {schema['minItems']} items"))
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(Error(path, f"takes at most {schema['maxItems']} items"))
        return errors

    def _object(
        self, schema: dict[str, Any], value: dict[str, Any], path: tuple[str | int, ...]
    ) -> tuple[list[Error], set[str]]:
        errors: list[Error] = []
        evaluated: set[str] = set()
        for key in schema.get("required", ()):
            if key not in value:
                errors.append(Error(path, f"needs the key '{key}'"))
        props = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        additional = schema.get("additionalProperties")
        for key, item in value.items():
            matched = False
            if key in props:
                matched = True
                errors += self._check(props[key], item, (*path, key))[0]
            for pattern, sub in patterns.items():
                if self._pattern(pattern).search(key):
                    matched = True
                    errors += self._check(sub, item, (*path, key))[0]
            if matched:
                evaluated.add(key)
            elif additional is not None:
                evaluated.add(key)
                if additional is False:
                    errors.append(Error((*path, key), "is not allowed (unknown key)"))
                else:
                    errors += self._check(additional, item, (*path, key))[0]
        return errors, evaluated

    def _one_of(self, branches: list[Any], value: Any, path: tuple[str | int, ...], evaluated: set[str]) -> list[Error]:
        passing = 0
        failures: list[list[Error]] = []
        for sub in branches:
            errs, ev = self._check(sub, value, path)
            if errs:
                failures.append(errs)
            else:
                passing += 1
                evaluated |= ev
        if passing == 1:
            return []
        if passing > 1:
            return [Error(path, "matches more than one of the allowed forms")]
        # Report the branch that got furthest: one whose type matched, with the deepest errors.
        typed = [
            errs
            for errs in failures
            if not (len(errs) == 1 and errs[0].path == path and errs[0].message.startswith("must be of type"))
        ]
        if len(typed) == 1:
            return typed[0]
        kinds = []
        for sub in branches:
            target = self._resolve(sub["$ref"]) if isinstance(sub, dict) and "$ref" in sub else sub
            if isinstance(target, dict) and "type" in target:
                kind = target["type"]
                kinds.extend(kind if isinstance(kind, list) else [kind])
        if kinds and not typed:
            return [Error(path, f"must be of type {' or '.join(dict.fromkeys(kinds))}")]
        return [Error(path, "does not match any of the allowed forms")]


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)
