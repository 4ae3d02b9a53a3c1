from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migrator.compose.yamlread import Tagged, YMap, go_float, go_string, parse_documents, resolve_plain
from migrator.errors import MigratorError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22:22", "22:22"),
        ("on", "on"),
        ("yes", "yes"),
        ("off", "off"),
        ("0777", 511),
        ("0o17", 15),
        ("0x1F", 31),
        ("1_000", 1000),
        ("1e3", 1000.0),
        (".5", 0.5),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("-0", 0),
        ("+12", 12),
        ("8080:80", "8080:80"),
        ("12345678901234567890", 12345678901234567890),
        ("1.2.3", "1.2.3"),
        ("09", 9.0),
    ],
)
def test_plain_scalars_resolve_as_go_yaml(text: str, expected: object) -> None:
    assert resolve_plain(text) == expected
    assert type(resolve_plain(text)) is type(expected)


def test_infinity_and_nan() -> None:
    assert resolve_plain(".inf") == math.inf
    assert resolve_plain("-.Inf") == -math.inf
    assert math.isnan(resolve_plain(".nan"))


@pytest.mark.parametrize(
    ("value", "text"), [(True, "true"), (3.0, "3"), (1.5, "1.5"), (math.inf, "+Inf"), (1e21, "1e+21"), (511, "511")]
)
def test_go_string(value: object, text: str) -> None:
    assert go_string(value) == text


def test_quoted_scalars_stay_strings() -> None:
    doc = parse_documents("a: '0777'\nb: \"on\"\nc: 0777\n", "f.yml")[0]
    assert doc == {"a": "0777", "b": "on", "c": 511}


def test_spans_point_at_keys_and_items() -> None:
    doc = parse_documents("services:\n  web:\n    ports:\n      - 80\n      - 443\n", "c.yml")[0]
    web = doc["services"]["web"]
    assert isinstance(web, YMap)
    assert web.key_span("ports").where() == "c.yml:3:5"
    assert web["ports"].item_span(1).where() == "c.yml:5:9"


def test_duplicate_keys_are_errors_with_location() -> None:
    with pytest.raises(MigratorError) as info:
        parse_documents("services:\n  a: {}\n  a: {}\n", "d.yml")
    assert info.value.render().startswith("d.yml:3:3: duplicate key 'a' (first defined at line 2)")


def test_merge_keys_single_and_list() -> None:
    text = """
x-a: &a {image: a, restart: always}
x-b: &b {image: b, user: root}
s1:
  <<: *a
  image: own
s2:
  <<: [*b, *a]
"""
    doc = parse_documents(text, "m.yml")[0]
    assert doc["s1"] == {"image": "own", "restart": "always"}
    assert doc["s2"] == {"image": "b", "user": "root", "restart": "always"}


def test_reset_and_override_tags_are_kept() -> None:
    doc = parse_documents("ports: !reset []\nenv: !override {A: 1}\n", "t.yml")[0]
    assert isinstance(doc["ports"], Tagged) and doc["ports"].tag == "!reset"
    assert isinstance(doc["env"], Tagged) and doc["env"].value == {"A": 1}


def test_unknown_tag_is_an_error() -> None:
    with pytest.raises(MigratorError, match="unknown YAML tag !secret"):
        parse_documents("a: !secret x\n", "t.yml")


def test_billion_laughs_is_refused() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    with pytest.raises(MigratorError, match="too many aliases"):
        parse_documents("\n".join(lines), "bomb.yml")  # bench/bad_inputs.py measures how fast


def test_heavy_but_honest_alias_use_is_accepted() -> None:
    # 3000 services sharing one 60-key anchor: 180,000 visits of shared nodes, well within budget.
    keys = "\n".join(f"  k{i}: v{i}" for i in range(60))
    services = "\n".join(f"  s{i}:\n    <<: *defaults\n    image: app{i}\n    x: [1, 2]" for i in range(3000))
    documents = parse_documents(f"x-defaults: &defaults\n{keys}\nservices:\n{services}\n", "big.yml")
    assert len(documents[0]["services"]) == 3000
    assert documents[0]["services"]["s2999"]["k59"] == "v59"


def test_deep_flow_nesting_is_refused() -> None:
    # migrator's own depth check or libyaml's (0.2.6 caps nesting) stops it: the wording and the
    # column differ between the two, the error and its line do not.
    with pytest.raises(MigratorError) as info:
        parse_documents("a: " + "[" * 20000 + "]" * 20000, "deep.yml")
    span = info.value.span
    assert span is not None and (span.file, span.line) == ("deep.yml", 1) and span.column > 3
    assert info.value.hint


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    doc = parse_documents("a: '" + "[" * 500 + "'\n", "s.yml")[0]
    assert doc["a"] == "[" * 500


def test_invalid_yaml_names_line_and_column() -> None:
    with pytest.raises(MigratorError) as info:
        parse_documents("services:\n  web:\n    image: [a\n", "bad.yml")
    assert info.value.span is not None and info.value.span.file == "bad.yml" and info.value.span.line >= 3


def test_binary_is_refused() -> None:
    with pytest.raises(MigratorError, match="binary data"):
        parse_documents("a: b\x00c", "bin.yml")


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_decimal_integers_round_trip(number: int) -> None:
    assert resolve_plain(str(number)) == number


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz:-_/", min_size=1, max_size=12).filter(
        lambda s: s not in ("true", "false", "null")
    )
)
def test_words_stay_strings(word: str) -> None:
    value = resolve_plain(word)
    assert value == word or isinstance(value, (int, float))


def test_go_float_formats_like_go() -> None:
    assert go_float(0.1) == "0.1"
    assert go_float(-2.0) == "-2"
