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
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

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


class Error(NamedTuple):
    """One schema violation: where in the document, and what is wrong."""

    path: tuple[str | int, ...]
    message: str


def unsupported(schema: Any) -> set[str]:
    """The keywords ``schema`` uses that this checker does not know."""
    return {key for key in keywords_used(schema) if key not in KEYWORDS and key not in ANNOTATIONS}


def keywords_used(schema: Any) -> set[str]:
    """Every keyword ``schema`` uses (property names under ``properties`` are not keywords)."""
    found: set[str] = set()

    def walk(node: Any, in_props: bool) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if in_props:
                    walk(value, False)
                    continue
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


_EMPTY: frozenset[str] = frozenset()
# A compiled schema: the property names it evaluated (for unevaluatedProperties), None when invalid.
Compiled = Callable[[Any], "AbstractSet[str] | None"]


def _accept(value: Any) -> AbstractSet[str] | None:
    return _EMPTY


def _reject(value: Any) -> AbstractSet[str] | None:
    return None


class Checker:
    """Validates in two passes: a verdict from the schema compiled to closures (the common case,
    a valid document, costs one walk without building any message), then, only for an invalid
    document, the interpreting walk below that says where and why."""

    def __init__(self, schema: dict[str, Any], *, unique_items: bool = True) -> None:
        self.root = schema
        self.unique_items = unique_items
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._compiled: dict[int, Compiled] = {}
        self._verdict: Compiled | None = None

    def errors(self, instance: Any) -> Iterator[Error]:
        if self.is_valid(instance):
            return
        errs, _ = self._check(self.root, instance, ())
        yield from errs

    def is_valid(self, instance: Any) -> bool:
        if self._verdict is None:
            self._verdict = self._compile(self.root)
        return self._verdict(instance) is not None

    def explain(self, instance: Any) -> list[Error]:
        """The errors from the interpreting walk alone (the tests hold both walks to one verdict)."""
        return self._check(self.root, instance, ())[0]

    # --- the compiled walk ---------------------------------------------------------------------

    def _compile(self, schema: Any) -> Compiled:
        key = id(schema)
        done = self._compiled.get(key)
        if done is not None:
            return done
        cell: list[Compiled] = []

        def forward(value: Any) -> AbstractSet[str] | None:  # a $ref cycle reaches itself
            return cell[0](value)

        self._compiled[key] = forward
        built = self._build(schema)
        cell.append(built)
        self._compiled[key] = built
        return built

    def _build(self, schema: Any) -> Compiled:
        if schema is True or schema == {}:
            return _accept
        if schema is False or not isinstance(schema, dict):
            return _reject
        steps: list[Compiled] = []
        if "$ref" in schema:
            steps.append(self._compile(self._resolve(schema["$ref"])))
        kind = schema.get("type")
        kinds = None if kind is None else (kind if isinstance(kind, list) else [kind])
        typed = None if kinds is None else _type_test(kinds)
        if "enum" in schema:
            options = schema["enum"]
            steps.append(lambda v: _EMPTY if any(_equal(v, o) for o in options) else None)
        if "const" in schema:
            const = schema["const"]
            steps.append(lambda v: _EMPTY if _equal(v, const) else None)
        if "minimum" in schema or "maximum" in schema:
            low, high = schema.get("minimum"), schema.get("maximum")

            def bounds(v: Any) -> AbstractSet[str] | None:
                number = isinstance(v, (int, float)) and not isinstance(v, bool)
                if number and ((low is not None and v < low) or (high is not None and v > high)):
                    return None
                return _EMPTY

            steps.append(bounds)
        if "pattern" in schema:
            search = self._pattern(schema["pattern"]).search
            steps.append(lambda v: None if isinstance(v, str) and not search(v) else _EMPTY)
        if any(k in schema for k in ("items", "uniqueItems", "minItems", "maxItems")):
            steps.append(self._compile_array(schema))
        if any(k in schema for k in ("required", "properties", "patternProperties", "additionalProperties")):
            steps.append(self._compile_object(schema))
        if "allOf" in schema:
            steps.extend(self._compile(sub) for sub in schema["allOf"])
        if "anyOf" in schema:
            steps.append(_any_of([self._compile(sub) for sub in schema["anyOf"]]))
        if "oneOf" in schema:
            steps.append(_one_of([self._compile(sub) for sub in schema["oneOf"]]))
        if "not" in schema:
            negated = self._compile(schema["not"])
            steps.append(lambda v: None if negated(v) is not None else _EMPTY)
        unevaluated = self._compile(schema["unevaluatedProperties"]) if "unevaluatedProperties" in schema else None
        uneval_false = schema.get("unevaluatedProperties") is False

        def run(value: Any) -> AbstractSet[str] | None:
            if typed is not None and not typed(value):
                return None
            evaluated: AbstractSet[str] = _EMPTY
            for step in steps:
                found = step(value)
                if found is None:
                    return None
                if found:
                    evaluated = found if not evaluated else evaluated | found
            if unevaluated is not None and isinstance(value, dict):
                extra = {k for k in value if k not in evaluated}
                if extra:
                    if uneval_false:
                        return None
                    if any(unevaluated(value[k]) is None for k in extra):
                        return None
                    evaluated = evaluated | extra
            return evaluated

        if typed is None and len(steps) == 1 and unevaluated is None:
            return steps[0]
        return run

    def _compile_array(self, schema: dict[str, Any]) -> Compiled:
        items = self._compile(schema["items"]) if "items" in schema else None
        unique = bool(schema.get("uniqueItems")) and self.unique_items
        low, high = schema.get("minItems"), schema.get("maxItems")

        def array(value: Any) -> AbstractSet[str] | None:
            if not isinstance(value, list):
                return _EMPTY
            if items is not None:
                for item in value:
                    if items(item) is None:
                        return None
            if unique:
                seen: list[Any] = []
                for item in value:
                    if any(_equal(item, other) for other in seen):
                        return None
                    seen.append(item)
            if (low is not None and len(value) < low) or (high is not None and len(value) > high):
                return None
            return _EMPTY

        return array

    def _compile_object(self, schema: dict[str, Any]) -> Compiled:
        required = tuple(schema.get("required", ()))
        props = {key: self._compile(sub) for key, sub in schema.get("properties", {}).items()}
        patterns = [
            (self._pattern(p).search, self._compile(sub)) for p, sub in schema.get("patternProperties", {}).items()
        ]
        additional = self._compile(schema["additionalProperties"]) if "additionalProperties" in schema else None

        def obj(value: Any) -> AbstractSet[str] | None:
            if not isinstance(value, dict):
                return _EMPTY
            for key in required:
                if key not in value:
                    return None
            evaluated: set[str] = set()
            for key, item in value.items():
                check = props.get(key)
                matched = check is not None
                if check is not None and check(item) is None:
                    return None
                for search, sub in patterns:
                    if search(key):
                        matched = True
                        if sub(item) is None:
                            return None
                if matched:
                    evaluated.add(key)
                elif additional is not None:
                    evaluated.add(key)
                    if additional(item) is None:
                        return None
            return evaluated

        return obj

    # --- the interpreting walk -----------------------------------------------------------------

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
        if "enum" in schema and not any(_equal(value, option) for option in schema["enum"]):
            errors.append(Error(path, "must be one of " + ", ".join(repr(v) for v in schema["enum"])))
        if "const" in schema and not _equal(value, schema["const"]):
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


_PYTHON_TYPES: dict[str, type] = {"string": str, "object": dict, "array": list, "boolean": bool, "null": type(None)}


def _type_test(kinds: list[str]) -> Callable[[Any], bool]:
    """``type`` as one isinstance() where JSON and Python types agree (not for numbers: true is no integer)."""
    if all(k in _PYTHON_TYPES for k in kinds):
        classes = tuple(_PYTHON_TYPES[k] for k in kinds)
        return lambda value: isinstance(value, classes)
    return lambda value: any(_type_ok(value, k) for k in kinds)


def _any_of(branches: list[Compiled]) -> Compiled:
    def any_of(value: Any) -> AbstractSet[str] | None:
        for branch in branches:
            found = branch(value)
            if found is not None:
                return found
        return None

    return any_of


def _one_of(branches: list[Compiled]) -> Compiled:
    def one_of(value: Any) -> AbstractSet[str] | None:
        result: AbstractSet[str] | None = None
        passing = 0
        for branch in branches:
            found = branch(value)
            if found is not None:
                passing += 1
                result = found
        return result if passing == 1 else None

    return one_of


def _equal(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1, 1 is 1.0, containers compare item by item."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
