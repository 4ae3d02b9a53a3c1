"""The fast schema checker agrees with jsonschema on the compose-spec schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from oracle import corpus_cases

from migrator.compose import schemacheck
from migrator.compose.schema import compose_schema

SCHEMA = compose_schema()
pytestmark = pytest.mark.skipif(SCHEMA is None, reason="check-jsonschema is not installed")


def _reference() -> Any:
    assert SCHEMA is not None
    return jsonschema.validators.validator_for(SCHEMA)(SCHEMA)


def _ours() -> schemacheck.Checker:
    assert SCHEMA is not None
    return schemacheck.Checker(SCHEMA)


def test_the_schema_uses_only_known_keywords() -> None:
    assert SCHEMA is not None
    assert schemacheck.unsupported(SCHEMA) == set()


@pytest.mark.corpus
def test_agreement_on_the_corpus(corpus: Path) -> None:
    reference, ours = _reference(), _ours()
    checked = 0
    for case in corpus_cases():
        for name in case.files:
            try:
                documents = list(yaml.safe_load_all((case.dir / name).read_text()))
            except yaml.YAMLError:
                continue  # !reset and !override: PyYAML's safe loader does not know them
            for document in documents:
                if not isinstance(document, dict):
                    continue
                assert reference.is_valid(document) == ours.is_valid(document), f"{case.name}/{name}"
                assert ours.is_valid(document) == (not ours.explain(document)), f"{case.name}/{name}"
                checked += 1
    assert checked > 100


_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 70000),
    st.text(max_size=6),
    st.sampled_from(["80:80", "bridge", "always", "1.5", "x-a"]),
)
_value = st.recursive(
    _leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(["a", "x-b", "target", "source", "type", "driver", "name", "external"]), inner, max_size=3
        ),
    ),
    max_leaves=8,
)
_service_keys = st.sampled_from(
    [
        "image",
        "build",
        "ports",
        "volumes",
        "environment",
        "labels",
        "depends_on",
        "command",
        "networks",
        "deploy",
        "healthcheck",
        "secrets",
        "restart",
        "x-extra",
        "nonsense",
        "profiles",
        "extends",
        "ulimits",
    ]
)
_document = st.fixed_dictionaries(
    {
        "services": st.dictionaries(
            st.sampled_from(["web", "db", "a-b"]), st.dictionaries(_service_keys, _value, max_size=4), max_size=3
        )
    },
    optional={
        "volumes": _value,
        "networks": _value,
        "secrets": _value,
        "name": _leaf,
        "x-top": _value,
        "bogus": _value,
    },
)


@settings(max_examples=300, deadline=None)
@given(_document)
def test_agreement_on_generated_documents(document: dict[str, Any]) -> None:
    ours = _ours()
    assert _reference().is_valid(document) == ours.is_valid(document)
    # The compiled verdict and the walk that explains errors agree.
    assert ours.is_valid(document) == (not ours.explain(document))


# Small schemas that use every keyword the checker knows, in the shapes compose-spec uses them.
_SCHEMAS: list[dict[str, Any]] = [
    {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "allOf": [{"$ref": "#/$defs/base"}],
        "properties": {"own": {"type": ["integer", "string"], "minimum": 1, "maximum": 9}},
        "unevaluatedProperties": False,
        "$defs": {
            "base": {
                "type": "object",
                "properties": {"a": {"enum": [1, "x", None]}, "b": {"const": True}},
                "patternProperties": {"^x-": {}},
            }
        },
    },
    {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "oneOf": [
            {"type": "string", "pattern": "^[a-z]+$"},
            {"type": "array", "items": {"type": "integer"}, "uniqueItems": True, "minItems": 1, "maxItems": 2},
            {"type": "object", "required": ["a"], "additionalProperties": {"type": "boolean"}},
        ],
    },
    {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "anyOf": [{"type": "null"}, {"$ref": "#/$defs/tree"}],
        "not": {"const": []},
        "$defs": {"tree": {"type": "array", "items": {"anyOf": [{"type": "integer"}, {"$ref": "#/$defs/tree"}]}}},
    },
    {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"a": {"type": "number"}},
        "oneOf": [{"required": ["a"]}, {"required": ["b"]}],
        "unevaluatedProperties": {"type": "string"},
    },
]
_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 12), st.sampled_from(["", "x", "ab", "A1"])),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(["a", "b", "own", "x-y", "z"]), inner, max_size=3),
    ),
    max_leaves=6,
)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(range(len(_SCHEMAS))), _json)
def test_every_keyword_agrees_with_jsonschema(which: int, value: Any) -> None:
    schema = _SCHEMAS[which]
    ours = schemacheck.Checker(schema)
    expected = jsonschema.validators.validator_for(schema)(schema).is_valid(value)
    assert ours.is_valid(value) == expected
    assert (not ours.explain(value)) == expected
