from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES, run_analysis

from migrator.graph import INTERNET, env_references, hostname_index
from migrator.model import EnvVar, Project, Route, Service, Span
from migrator.plan import cf_routes, worker_name, zone_of


def _svc(name: str, **kw: object) -> Service:
    return Service(name=name, span=Span("compose.yaml", 1, 1), **kw)  # type: ignore[arg-type]


def test_env_references_of_every_shape() -> None:
    project = Project(
        name="p",
        working_dir="/",
        files=(),
        services=(
            _svc("db"),
            _svc("cache", container_name="redis-main"),
            _svc("mq", aliases=("broker",)),
            _svc("search", hostname="es.internal"),
            _svc(
                "app",
                environment=(
                    EnvVar("DATABASE_URL", "postgres://u:p@db:5432/x"),
                    EnvVar("CACHE", "redis-main:6379"),
                    EnvVar("AMQP_HOST", "broker"),
                    EnvVar("ES_NODES", "http://es.internal:9200,http://other:9200"),
                    EnvVar("GREETING", "db"),
                    EnvVar("SELF_URL", "http://app:80"),
                ),
            ),
        ),
    )
    refs = env_references(project.services[-1], hostname_index(project))
    assert sorted((r.variable, r.target, r.scheme, r.port, r.has_credentials) for r in refs) == [
        ("AMQP_HOST", "mq", None, None, False),
        ("CACHE", "cache", None, 6379, False),
        ("DATABASE_URL", "db", "postgres", 5432, True),
        ("ES_NODES", "search", "http", 9200, False),
    ]


def test_edges_waves_and_cycles(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  web: {image: node, depends_on: [api], labels: {traefik.http.routers.w.rule: 'Host(`w.example.com`)'}}\n"
        "  api: {image: node, environment: {DB: 'postgres://db/x'}, links: [cache], volumes: ['shared:/s']}\n"
        "  db: {image: postgres}\n"
        "  cache: {image: redis, volumes: ['shared:/t']}\n"
        "  a: {image: alpine, depends_on: [b]}\n"
        "  b: {image: alpine, environment: {A_HOST: a}}\n"
        "volumes: {shared: {}}\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    kinds = {(e.source, e.target, e.kind) for e in analysis.edges}
    assert {
        ("web", "api", "depends_on"),
        ("api", "db", "env"),
        ("api", "cache", "link"),
        ("api", "cache", "volume"),
        (INTERNET, "web", "route"),
    } <= kinds
    assert analysis.plan.waves[0] == ("a", "b", "cache", "db")  # the cycle depends on nothing else
    assert analysis.plan.waves[1:] == (("api",), ("web",))
    assert ("a", "b") in analysis.plan.cycles
    assert any(f.rule_id == "GRAPH-CYCLE" for f in analysis.findings)


def test_graph_is_built_in_linear_time_shape() -> None:
    # Each env value is matched against an index, not against every service: 2,000 services with
    # 5 variables each only produce the edges they name.
    services = [
        _svc(f"s{i}", environment=tuple(EnvVar(f"V{j}", f"http://s{(i + 1) % 2000}:80") for j in range(5)))
        for i in range(2000)
    ]
    project = Project(name="p", working_dir="/", files=(), services=tuple(services))
    index = hostname_index(project)
    total = sum(len(env_references(s, index)) for s in project.services)
    assert total == 2000 * 5


def test_worker_names_and_zones() -> None:
    assert worker_name("Shop_App", "API.v2") == "shop-app-api-v2"
    assert len(worker_name("x" * 40, "y" * 40)) == 63
    assert zone_of("a.b.example.com") == "example.com"
    assert zone_of("shop.example.co.uk") == "example.co.uk"


def test_cloudflare_routes_from_proxy_routes() -> None:
    routes = (
        Route("s", "traefik", "r", host="a.example.com"),
        Route("s", "traefik", "r", host="b.example.com", path="/api", match="prefix"),
        Route("s", "traefik", "r", host="c.example.com", path="/exact", match="exact"),
        Route("s", "traefik", "r", host="*.d.example.com"),
        Route("s", "traefik", "r", host="{sub:[a-z]+}.e.example.com"),
        Route("s", "traefik", "r", host="f.example.com", path="^/v[0-9]", match="regex"),
        Route(
            "s",
            "traefik",
            "r",
            host="g.example.com",
            conditions=("Method(`POST`)",),
            rule="Host(`g.example.com`) && Method(`POST`)",
        ),
        Route("s", "traefik", "r", host=None, path="/x", match="prefix"),
        Route("s", "traefik", "r", host="192.168.1.10"),
        Route("s", "traefik", "r", host="a.example.com", path="/under-domain", match="prefix"),
    )
    out, notes = cf_routes(routes)
    assert [(r.pattern, r.custom_domain, r.zone_name) for r in out] == [
        ("*.d.example.com/*", False, "example.com"),
        ("*.e.example.com/*", False, "example.com"),
        ("a.example.com", True, None),
        ("b.example.com/api*", False, "example.com"),
        ("c.example.com/exact", False, "example.com"),
        ("f.example.com", True, None),
        ("g.example.com", True, None),
    ]
    assert any("Method(`POST`)" in n for n in notes)
    assert any("regex ^/v[0-9]" in n for n in notes)


def test_the_example_stack_plan() -> None:
    analysis = run_analysis(EXAMPLES / "shop" / "compose.yaml")
    workers = {w.services[0]: w for w in analysis.plan.workers}
    assert sorted(workers) == ["api", "consumer", "cron", "frontend"]
    api = {(b.type, b.binding, b.service) for b in workers["api"].bindings}
    assert {
        ("hyperdrive", "DATABASE", "db"),
        ("kv", "REDIS", "cache"),
        ("r2", "S3", "minio"),
        ("queue", "AMQP", "rabbitmq"),
    } <= api
    assert workers["consumer"].queue_consumers == ("shop-rabbitmq",)
    assert ("hyperdrive", "DATABASE", "db") in {(b.type, b.binding, b.service) for b in workers["consumer"].bindings}
    assert [c.schedule for c in workers["cron"].crons] == ["*/15 * * * *", "0 3 * * 2-6"]
    assert [r.pattern for r in workers["api"].routes] == ["shop.example.com/api*"]
    assert [r.pattern for r in workers["frontend"].routes] == ["shop.example.com/*", "www.shop.example.com"]
    assert workers["api"].ratelimits == (("API_RATELIMIT_LIMITER", 100, 60),)
    assert "S3_SECRET_KEY" in workers["api"].secrets and ("LOG_LEVEL", "info") in workers["api"].vars
    assert all(name != "DATABASE_URL" for name, _ in workers["api"].vars)


def test_realtime_and_session_state_get_durable_objects() -> None:
    analysis = run_analysis(Path(__file__).parent / "fixtures" / "realtime" / "compose.yaml")
    (worker,) = analysis.plan.workers
    assert {(b.type, b.resource) for b in worker.bindings} == {
        ("durable_object", "ChatRoom"),
        ("durable_object", "StateState"),
    }
    assert worker.durable_objects == ("ChatRoom", "StateState")


def test_names_that_normalize_alike_get_distinct_workers_and_valid_resources(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "name: my_shop\nservices:\n  a_b: {image: node, environment: {S3: 'http://store:9000'}}\n  a-b: {image: node}\n  store: {image: minio/minio}\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    assert sorted(w.name for w in analysis.plan.workers) == ["my-shop-a-b", "my-shop-a-b-2"]
    (bucket,) = [b.resource for w in analysis.plan.workers for b in w.bindings if b.type == "r2"]
    assert bucket == "my-shop-store"
