"""Fuzzing: generated and mutated Compose documents through the whole pipeline and every emitter.

Nothing but MigratorError may escape.  CI runs a bounded number of examples; for a long run:

    FUZZ_EXAMPLES=20000 python -m pytest tests/test_fuzz.py -q
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator import emit
from migrator.api import AnalyzeOptions, analyze
from migrator.compose import LoadOptions
from migrator.engine import load_catalogue
from migrator.errors import MigratorError

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
CATALOGUE = load_catalogue()

# Hostile text: line and paragraph separators (TypeScript ends a line there), controls, escape
# sequences, bidirectional overrides, digits that isdigit() accepts and int() refuses.
_hostile_chars = st.sampled_from(
    [
        "\u2028",
        "\u2029",
        "\x00",
        "\x1b",
        "\x07",
        "\r",
        "\n",
        "\t",
        "\x7f",
        "\x85",
        "\u202e",
        "\u00b2",
        "\u0663",
        "`",
        "*/",
        "${",
    ]
)
_hostile_text = st.lists(st.one_of(_hostile_chars, st.text(max_size=4)), max_size=8).map("".join)
_numbers = st.one_of(
    st.integers(),  # beyond int64 too
    st.floats(),  # .inf, -.inf and .nan included
    st.sampled_from(
        [".inf", "-.inf", ".nan", ".NaN", "1e999", "\u00b2", "\u00b9\u2070", "9" * 5000, "*/0", "0x", "-0"]
    ),
    st.integers(min_value=0, max_value=9).map(lambda d: str(d) * 5000),
)
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    _hostile_text,
    _numbers,
    st.sampled_from(
        [
            "${X}",
            "${X:-d}",
            "$${Y}",
            "${X:?err}",
            "80:80",
            "8080",
            "./data:/data",
            "redis://cache:6379",
            "Host(`a.example.com`)",
            "*/5 * * * *",
            "true",
            "postgres://u:p@db/x",
        ]
    ),
)
_keys = st.sampled_from(
    [
        "image",
        "build",
        "command",
        "entrypoint",
        "environment",
        "labels",
        "ports",
        "expose",
        "volumes",
        "depends_on",
        "links",
        "networks",
        "profiles",
        "extends",
        "env_file",
        "deploy",
        "healthcheck",
        "privileged",
        "cap_add",
        "network_mode",
        "x-migrator",
        "container_name",
        "hostname",
        "platform",
        "volumes_from",
        "restart",
        "secrets",
        "configs",
        "develop",
        "bogus",
    ]
)
_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)
_labels = st.dictionaries(
    st.sampled_from(
        [
            "traefik.enable",
            "traefik.http.routers.r.rule",
            "traefik.http.routers.r.middlewares",
            "traefik.http.middlewares.m.stripprefix.prefixes",
            "traefik.tcp.routers.t.rule",
            "traefik.frontend.rule",
            "traefik.port",
            "caddy",
            "caddy.reverse_proxy",
            "caddy_0.handle_path",
            "ofelia.job-exec.j.schedule",
            "traefik.http.services.s.loadbalancer.server.port",
        ]
    ),
    st.one_of(
        st.text(max_size=30),
        _hostile_text,
        _numbers.map(str),
        st.sampled_from(
            [
                "Host(`a.b.com`) && PathPrefix(`/x`)",
                "Host:a.com;PathPrefix:/y",
                "{{upstreams 80}}",
                "@every 5m",
                "m",
                "true",
            ]
        ),
    ),
    max_size=5,
)
_service = st.one_of(
    st.dictionaries(_keys, _value, max_size=6),
    st.fixed_dictionaries(
        {
            "image": st.sampled_from(
                ["nginx", "postgres:16", "redis", "node:22", "traefik:v3", "rabbitmq", "minio/minio", "x/y:1"]
            )
        },
        optional={
            "labels": _labels,
            "environment": st.dictionaries(
                st.sampled_from(["DATABASE_URL", "REDIS_HOST", "VIRTUAL_HOST", "API_TOKEN", "CRON"]),
                _scalar,
                max_size=4,
            ),
            "ports": st.lists(st.one_of(_scalar, _numbers.map(lambda n: f"{n}:80")), max_size=3),
            "mem_limit": _numbers,
            "cpus": _numbers,
            "expose": st.lists(_numbers, max_size=2),
            "command": _value,
        },
    ),
)
_document = st.one_of(
    st.fixed_dictionaries(
        {"services": st.dictionaries(st.text(min_size=1, max_size=10), _service, max_size=5)},
        optional={"volumes": _value, "networks": _value, "name": _scalar, "include": _value},
    ),
    _value,
)


def _run(text: str, tmp: Path) -> None:
    (tmp / "compose.yaml").write_text(text)
    try:
        analysis = analyze(
            AnalyzeOptions(load=LoadOptions(files=("compose.yaml",), cwd=str(tmp), environ={"X": "1"})), CATALOGUE
        )
    except MigratorError as exc:
        assert exc.render()
        return
    for fmt in ("json", "markdown", "text", "sarif"):
        assert emit.render(fmt, analysis, CATALOGUE)
    emit.out_files(analysis, CATALOGUE, str(tmp / "plan"))


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=_document)
def test_generated_documents(document: object, tmp_path_factory: pytest.TempPathFactory) -> None:
    try:
        text = yaml.safe_dump(document, allow_unicode=True)
    except (yaml.YAMLError, ValueError):
        return
    _run(text, tmp_path_factory.mktemp("fuzz"))


SEED = """services:
  web:
    image: node:22
    environment: {DATABASE_URL: 'postgres://u:p@db:5432/x', REDIS_URL: 'redis://cache'}
    labels: {traefik.http.routers.w.rule: 'Host(`a.example.com`) && PathPrefix(`/api`)'}
    ports: ['8080:80']
    depends_on: [db]
  db: {image: 'postgres:16', volumes: ['pg:/var/lib/postgresql/data']}
  cache: {image: redis}
  cron: {image: alpine, command: "sh -c 'echo \\"0 5 * * 1 run\\" | crontab - && crond -f'"}
volumes: {pg: {}}
"""


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    edits=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(SEED)),
            st.integers(min_value=0, max_value=6),
            st.text(alphabet="{}[]:-'\"`$!&*#|>% \n\tab0\u2028\u2029\x1b\u00b2.", max_size=4),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_documents(edits: list[tuple[int, int, str]], tmp_path_factory: pytest.TempPathFactory) -> None:
    text = SEED
    for position, length, insert in edits:
        text = text[:position] + insert + text[position + length :]
    _run(text, tmp_path_factory.mktemp("mut"))
