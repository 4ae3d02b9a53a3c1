from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migrator.proxy.rule import And, Matcher, Not, Or, RuleSyntaxError, disjuncts, parse, to_text

V3_MATCHERS = [
    ("Host(`a.example.com`)", Matcher("Host", ("a.example.com",))),
    ("HostRegexp(`^.+\\.example\\.com$`)", Matcher("HostRegexp", ("^.+\\.example\\.com$",))),
    ("Path(`/exact`)", Matcher("Path", ("/exact",))),
    ("PathPrefix(`/api`)", Matcher("PathPrefix", ("/api",))),
    ("PathRegexp(`^/v[0-9]+/`)", Matcher("PathRegexp", ("^/v[0-9]+/",))),
    ("Method(`POST`)", Matcher("Method", ("POST",))),
    ("Header(`X-Key`, `v`)", Matcher("Header", ("X-Key", "v"))),
    ("HeaderRegexp(`X-Key`, `^v.*`)", Matcher("HeaderRegexp", ("X-Key", "^v.*"))),
    ("Query(`debug`)", Matcher("Query", ("debug",))),
    ("Query(`page`, `1`)", Matcher("Query", ("page", "1"))),
    ("QueryRegexp(`page`, `^[0-9]+$`)", Matcher("QueryRegexp", ("page", "^[0-9]+$"))),
    ("ClientIP(`10.0.0.0/8`)", Matcher("ClientIP", ("10.0.0.0/8",))),
]


@pytest.mark.parametrize(("rule", "ast"), V3_MATCHERS)
def test_every_http_matcher(rule: str, ast: Matcher) -> None:
    assert parse(rule, "v3") == ast


@pytest.mark.parametrize(
    "rule",
    [
        "HostSNI(`db.example.com`)",
        "HostSNI(`*`)",
        "HostSNIRegexp(`^.+\\.example\\.com$`)",
        "ALPN(`h2`)",
        "ClientIP(`1.2.3.4`)",
    ],
)
def test_tcp_matchers(rule: str) -> None:
    assert isinstance(parse(rule, "tcp"), Matcher)


def test_v2_multi_argument_matchers_and_headers() -> None:
    ast = parse("Host(`a`, `b`) && Headers(`X`, `1`) && HostRegexp(`{sub:[a-z]+}.x.io`)", "v2")
    assert to_text(ast) == "Host(`a`, `b`) && Headers(`X`, `1`) && HostRegexp(`{sub:[a-z]+}.x.io`)"
    assert [[m.args for _, m in alt] for alt in disjuncts(ast)] == [
        [("a",), ("X", "1"), ("{sub:[a-z]+}.x.io",)],
        [("b",), ("X", "1"), ("{sub:[a-z]+}.x.io",)],
    ]


def test_v3_rejects_v2_forms() -> None:
    with pytest.raises(RuleSyntaxError, match="Host takes 1 argument"):
        parse("Host(`a`, `b`)", "v3")
    with pytest.raises(RuleSyntaxError, match="Headers is not a Traefik v3 HTTP matcher"):
        parse("Headers(`X`, `1`)", "v3")


def test_precedence_and_parentheses() -> None:
    ast = parse("Host(`a`) || Host(`b`) && Path(`/x`)")
    assert ast == Or(Matcher("Host", ("a",)), And(Matcher("Host", ("b",)), Matcher("Path", ("/x",))))
    ast = parse("(Host(`a`) || Host(`b`)) && !Path(`/x`)")
    assert ast == And(Or(Matcher("Host", ("a",)), Matcher("Host", ("b",))), Not(Matcher("Path", ("/x",))))


def test_double_quoted_arguments_and_case() -> None:
    assert parse('host("a.example.com") && PATHPREFIX("/a\\"b")') == And(
        Matcher("Host", ("a.example.com",)), Matcher("PathPrefix", ('/a"b',))
    )


def test_negation_is_pushed_inward_in_normal_form() -> None:
    alternatives = disjuncts(parse("Host(`a`) && !(Path(`/x`) || Method(`GET`))"))
    assert [[(neg, m.name) for neg, m in alt] for alt in alternatives] == [
        [(False, "Host"), (True, "Path"), (True, "Method")]
    ]


@pytest.mark.parametrize(
    ("rule", "column", "message"),
    [
        ("Host(`a`) &&", 13, "expected a matcher name"),
        ("Host('a')", 6, "single quotes"),
        ("Hots(`a`)", 1, "unknown matcher"),
        ("Host(`a`", 9, "expected ')'"),
        ("Host(`a`) Host(`b`)", 11, "after a complete rule"),
        ("Host(`a)", 6, "never closed"),
        ("", 1, "empty"),
        ("Host(`a`) & Path(`/`)", 11, "unexpected character"),
        ("Host()", 1, "takes"),
    ],
)
def test_malformed_rules_name_the_column(rule: str, column: int, message: str) -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse(rule)
    assert info.value.column == column
    assert message in info.value.message


def test_normal_form_has_a_limit() -> None:
    rule = " && ".join(f"(Host(`a{i}`) || Host(`b{i}`))" for i in range(8))
    with pytest.raises(ValueError, match="more than 64 alternatives"):
        disjuncts(parse(rule))


# --- round trip on generated rules ------------------------------------------------------------

_arg = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=10)
_one_arg = st.sampled_from(["Host", "HostRegexp", "Path", "PathPrefix", "PathRegexp", "Method", "ClientIP", "Query"])
_two_args = st.sampled_from(["Header", "HeaderRegexp", "Query", "QueryRegexp"])
_matcher = st.one_of(
    st.builds(lambda n, a: Matcher(n, (a,)), _one_arg, _arg),
    st.builds(lambda n, a, b: Matcher(n, (a, b)), _two_args, _arg, _arg),
)
_ast = st.recursive(
    _matcher,
    lambda inner: st.one_of(st.builds(Not, inner), st.builds(And, inner, inner), st.builds(Or, inner, inner)),
    max_leaves=12,
)


@given(_ast)
def test_print_then_parse_gives_the_same_ast(ast: object) -> None:
    text = to_text(ast)  # type: ignore[arg-type]
    assert parse(text, "v3") == ast
    assert to_text(parse(text, "v3")) == text


@given(st.text(max_size=30))
def test_arbitrary_text_parses_or_raises_a_located_error(text: str) -> None:
    try:
        parse(text)
    except RuleSyntaxError as exc:
        assert 1 <= exc.column <= len(text) + 1
