"""Ten corpus projects checked by hand: the target of every service and the env-inferred edges.

Their apps run unmodified images as Containers, which speak their databases' and brokers' own
protocols: those stay reachable servers (`unsupported`, the MAP-*-KEPT rules), never bindings."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_analysis
from oracle import corpus_cases

EXPECTED: dict[str, tuple[dict[str, str], list[tuple[str, str, str]]]] = {
    "ChristianLempa__boilerplates__docker-compose__authentik__compose": (
        {"postgres": "unsupported", "redis": "unsupported", "server": "container", "worker": "container"},
        [
            ("server", "postgres", "AUTHENTIK_POSTGRESQL__HOST"),
            ("server", "redis", "AUTHENTIK_REDIS__HOST"),
            ("worker", "postgres", "AUTHENTIK_POSTGRESQL__HOST"),
            ("worker", "redis", "AUTHENTIK_REDIS__HOST"),
        ],
    ),
    "celery__celery__docker__docker-compose": (
        {
            "azurite": "r2",
            "celery": "container",
            "docs": "container",
            "dynamodb": "unsupported",
            "rabbit": "unsupported",
            "redis": "unsupported",
        },
        [
            ("celery", "azurite", "AZUREBLOCKBLOB_URL"),
            ("celery", "rabbit", "TEST_BROKER"),
            ("celery", "redis", "REDIS_HOST"),
            ("celery", "redis", "TEST_BACKEND"),
        ],
    ),
    "docker-library__docs__ghost__compose": (
        {"db": "unsupported", "ghost": "container"},
        [("ghost", "db", "database__connection__host")],
    ),
    "docker__awesome-compose__gitea-postgres__compose": (
        {"db": "unsupported", "gitea": "container"},
        [("gitea", "db", "DB_HOST")],
    ),
    "docker__awesome-compose__nextcloud-redis-mariadb__compose": (
        {"db": "unsupported", "nc": "container", "redis": "unsupported"},
        [("nc", "db", "MYSQL_HOST"), ("nc", "redis", "REDIS_HOST")],
    ),
    "docker__awesome-compose__wordpress-mysql__compose": (
        {"db": "unsupported", "wordpress": "container"},
        [("wordpress", "db", "WORDPRESS_DB_HOST")],
    ),
    "dockersamples__example-voting-app__docker-compose": (
        {"db": "unsupported", "redis": "unsupported", "result": "container", "vote": "container", "worker": "container"},
        [],
    ),
    "getredash__redash__compose": (
        {
            "email": "platform",
            "postgres": "unsupported",
            "redis": "unsupported",
            "scheduler": "container",
            "server": "container",
            "worker": "container",
        },
        [
            (source, target, var)
            for source in ("scheduler", "server", "worker")
            for target, var in (
                ("email", "REDASH_MAIL_SERVER"),
                ("postgres", "REDASH_DATABASE_URL"),
                ("redis", "REDASH_REDIS_URL"),
            )
        ],
    ),
    "n8n-io__n8n-hosting__docker-compose__withPostgresAndWorker__docker-compose": (
        {
            "n8n": "container",
            "n8n-runner": "container",
            "n8n-worker": "container",
            "n8n-worker-runner": "container",
            "postgres": "unsupported",
            "redis": "unsupported",
        },
        [
            ("n8n", "postgres", "DB_POSTGRESDB_HOST"),
            ("n8n", "redis", "QUEUE_BULL_REDIS_HOST"),
            ("n8n-runner", "n8n", "N8N_RUNNERS_TASK_BROKER_URI"),
            ("n8n-worker", "postgres", "DB_POSTGRESDB_HOST"),
            ("n8n-worker", "redis", "QUEUE_BULL_REDIS_HOST"),
            ("n8n-worker-runner", "n8n-worker", "N8N_RUNNERS_TASK_BROKER_URI"),
        ],
    ),
    "umami-software__umami__docker-compose": (
        {"db": "unsupported", "umami": "container"},
        [("umami", "db", "DATABASE_URL")],
    ),
    "fastapi": (
        {"adminer": "platform", "backend": "container", "db": "unsupported", "proxy": "platform"},
        [("backend", "db", "DATABASE_URL")],
    ),
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_targets_and_env_edges(name: str, corpus: Path) -> None:
    case = next(c for c in corpus_cases() if c.name == name)
    analysis = run_analysis(tuple(str(case.dir / f) for f in case.files), profiles=case.profiles, cwd=str(case.dir))
    targets, edges = EXPECTED[name]
    assert {a.service: a.target.kind for a in analysis.assessments} == targets
    assert sorted((e.source, e.target, e.variable) for e in analysis.edges if e.kind == "env") == sorted(edges)


def test_ten_projects() -> None:
    assert len(EXPECTED) >= 10


@pytest.mark.corpus
def test_the_whole_corpus_analyzes_without_a_crash(corpus: Path) -> None:
    for case in corpus_cases():
        analysis = run_analysis(tuple(str(case.dir / f) for f in case.files), profiles=case.profiles, cwd=str(case.dir))
        assert len(analysis.assessments) == len(analysis.project.services)
