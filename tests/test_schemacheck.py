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
    assert _reference().is_valid(document) == _ours().is_valid(document)
