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


def _plan(tmp_path: Path, services: str):  # type: ignore[no-untyped-def]
    (tmp_path / "compose.yaml").write_text(f"services:\n{services}")
    analysis = run_analysis(tmp_path / "compose.yaml")
    return analysis, {w.services[0]: w for w in analysis.plan.workers}


def test_a_third_party_image_gets_no_bindings_and_the_addresses_it_keeps_as_secrets(tmp_path: Path) -> None:
    analysis, workers = _plan(
        tmp_path,
        "  app:\n    image: ghcr.io/acme/app:1.2\n    environment:\n"
        "      DATABASE_URL: postgres://app@db:5432/app\n      REDIS_URL: redis://cache:6379\n"
        "      S3_ENDPOINT: http://s3:9000\n      API_URL: http://api:8080\n      LOG_LEVEL: info\n"
        "  api:\n    image: node:22\n    command: node api.js\n    environment:\n      DATABASE_URL: postgres://api@db:5432/app\n"
        "  db: {image: 'postgres:16'}\n  cache: {image: 'redis:7'}\n"
        "  s3: {image: minio/minio, command: server /data}\n",
    )
    app, api = workers["app"], workers["api"]
    assert {(b.type, b.service) for b in app.bindings} == {("service", "api"), ("container", "app")}
    assert {"DATABASE_URL", "REDIS_URL", "S3_ENDPOINT"} <= set(app.secrets)
    assert dict(app.vars) == {"LOG_LEVEL": "info"}
    # the rewritten Worker binds the database the Container reaches by its connection string
    assert [(b.type, b.binding) for b in api.bindings if b.service == "db"] == [("hyperdrive", "DATABASE")]
    kinds = {a.service: a.target.kind for a in analysis.assessments}
    assert kinds == {"app": "container", "api": "worker", "db": "hyperdrive", "cache": "unsupported", "s3": "r2"}
    assert "connection string set as a secret" in analysis.assessment("db").target.rationale  # type: ignore[union-attr]


def test_one_name_is_one_binding(tmp_path: Path) -> None:
    _, workers = _plan(
        tmp_path,
        "  api:\n    image: node:22\n    command: node api.js\n    environment:\n"
        "      DATABASE_URL: postgres://api@db:5432/app\n      DATABASE: reporting\n      DATABASE_PASSWORD: s3cr3t-Very-long-9f8e7d\n"
        "  db: {image: 'postgres:16'}\n",
    )
    api = workers["api"]
    names = [b.binding for b in api.bindings]
    assert "DATABASE" in names
    assert not set(names) & ({n for n, _ in api.vars} | set(api.secrets))


def test_container_images_are_qualified_tagged_or_built_from_their_dockerfile(tmp_path: Path) -> None:
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "Dockerfile").write_text("FROM golang:1.23\n")
    analysis, workers = _plan(
        tmp_path,
        "  a: {image: example/app}\n  b: {image: 'ghcr.io/acme/b:2'}\n  c: {image: 'vaultwarden/server:1.32.0@sha256:abc'}\n  d: {image: 'valkey/valkey@sha256:abc'}\n"
        "  web: {build: ./web, image: corp/web}\n  gone: {build: {context: ./missing, dockerfile: prod.Dockerfile}}\n",
    )
    assert workers["a"].container["image"] == "docker.io/example/app:latest"  # type: ignore[index]
    assert workers["b"].container["image"] == "ghcr.io/acme/b:2"  # type: ignore[index]
    assert workers["c"].container["image"] == "docker.io/vaultwarden/server:1.32.0@sha256:abc"  # type: ignore[index]
    assert (workers["web"].container or {}).get("context") == "web"
    assert (workers["gone"].container or {}).get("dockerfile") == "prod.Dockerfile"
    found = {(f.rule_id, f.service) for f in analysis.findings}
    assert {("IMAGE-UNPINNED", "a"), ("IMAGE-REGISTRY", "b"), ("BUILD-MISSING", "gone")} <= found
    assert ("BUILD-MISSING", "web") not in found and ("IMAGE-UNPINNED", "c") not in found
    assert ("IMAGE-UNPINNED", "d") not in found


def test_an_image_on_a_registry_stands_in_for_a_build_that_is_not_in_the_project(tmp_path: Path) -> None:
    analysis, workers = _plan(
        tmp_path,
        "  app: {build: ., image: calcom.docker.scarf.sh/calcom/cal.com}\n"
        "  local: {build: {context: ./gone}, image: 'project_local:latest'}\n",
    )
    # Compose pulls the image when it cannot build: the config runs it, tagged, never a missing Dockerfile
    assert workers["app"].container["image"] == "calcom.docker.scarf.sh/calcom/cal.com:latest"  # type: ignore[index]
    # a bare name is only the tag Compose gives the build: no registry holds it
    assert (workers["local"].container or {}).get("dockerfile") == "Dockerfile"
    found = {(f.rule_id, f.service) for f in analysis.findings}
    assert {("IMAGE-UNPINNED", "app"), ("IMAGE-REGISTRY", "app"), ("BUILD-MISSING", "local")} <= found
    assert ("BUILD-MISSING", "app") not in found


def test_a_shared_volume_is_no_call_and_binds_nothing(tmp_path: Path) -> None:
    analysis, workers = _plan(
        tmp_path,
        "  zeta: {image: 'acme/backend:1', volumes: ['media:/m'], environment: {API: 'http://alpha:8000'}}\n"
        "  alpha: {image: 'acme/backend:1', volumes: ['media:/m'], ports: ['8000:8000']}\n"
        "  beta: {image: 'acme/worker:1', command: work, volumes: ['media:/m']}\n"
        "volumes: {media: {}}\n",
    )
    assert [e.kind for e in analysis.edges if "volume" in e.evidence] == ["volume", "volume"]
    assert [(b.type, b.service) for b in workers["alpha"].bindings] == [("container", "alpha")]
    assert [(b.type, b.service) for b in workers["beta"].bindings] == [("container", "beta")]
    assert {(b.type, b.service) for b in workers["zeta"].bindings} == {("container", "zeta"), ("service", "alpha")}
    uses = {a.service: a for a in analysis.assessments}
    assert uses["alpha"].target.kind == uses["zeta"].target.kind == "container"


def test_a_web_server_passing_php_to_fpm_is_the_apps_web_tier_even_on_port_80(tmp_path: Path) -> None:
    analysis, _ = _plan(
        tmp_path,
        "  app: {image: 'matomo:fpm-alpine', volumes: ['html:/var/www/html']}\n"
        "  web: {image: 'nginx:alpine', depends_on: [app], ports: ['8080:80'], volumes: ['html:/var/www/html:ro']}\n"
        "volumes: {html: {}}\n",
    )
    web = analysis.assessment("web")
    assert web is not None and web.target.kind == "container", web
    assert web.target.rule_id == "MAP-APP-WEBSERVER"
    # two Containers cannot speak FastCGI to each other: the report says how to join them
    assert [f.service for f in analysis.findings if f.rule_id == "FASTCGI-SPLIT"] == ["web"]


def test_a_service_other_services_call_by_url_serves_http_even_without_ports(tmp_path: Path) -> None:
    analysis, workers = _plan(
        tmp_path,
        "  front: {image: 'acme/front:1', ports: ['80:80'], environment: {BACKEND_URL: 'http://back:8000'}}\n"
        "  back: {image: 'acme/back:1'}\n  worker: {image: 'acme/back:1', command: run-jobs}\n",
    )
    back, worker = analysis.assessment("back"), analysis.assessment("worker")
    assert back is not None and worker is not None
    assert "front's BACKEND_URL" in back.target.rationale and "background process" not in back.target.rationale
    assert back.role == "web" and "background process" in worker.target.rationale
    assert (workers["back"].container or {}).get("port") == 8000


def test_the_shells_own_variables_are_no_secrets_so_a_pwd_path_stays_a_path(tmp_path: Path) -> None:
    import json
    import os
    import subprocess
    import sys

    from conftest import ROOT

    (tmp_path / "compose.yaml").write_text(
        "services:\n  caddy:\n    image: caddy:2\n    volumes: ['$PWD/Caddyfile:/etc/caddy/Caddyfile']\n"
        "    environment: {TOKEN_FROM_SHELL: '${DEPLOY_TOKEN}'}\n"
    )
    env = {"PATH": os.environ["PATH"], "PWD": str(tmp_path), "DEPLOY_TOKEN": "from-the-ci-runner-7f3a9c"}
    proc = subprocess.run(
        [sys.executable, "-m", "migrator", "config", str(tmp_path / "compose.yaml"), "--format", "json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    caddy = json.loads(proc.stdout)["services"]["caddy"]
    assert caddy["volumes"][0]["source"] == f"{tmp_path}/Caddyfile"
    assert "from-the-ci-runner" not in proc.stdout  # the rest of the process environment stays secret


def test_an_image_tagged_latest_is_unpinned_too(tmp_path: Path) -> None:
    analysis, _ = _plan(tmp_path, "  app: {image: 'nocodb/nocodb:latest'}\n  pinned: {image: 'nocodb/nocodb:0.263.0'}\n")
    found = {(f.rule_id, f.service): f.message for f in analysis.findings}
    assert "tagged latest" in found[("IMAGE-UNPINNED", "app")]
    assert ("IMAGE-UNPINNED", "pinned") not in found


def test_a_containers_secret_settings_come_from_the_workers_env_never_from_code(tmp_path: Path) -> None:
    from migrator import emit
    from migrator.engine import load_catalogue

    (tmp_path / ".env").write_text("DATABASE_PW=SECURE_PW\n")
    (tmp_path / "compose.yaml").write_text(
        "services:\n  app:\n    image: nocodb/nocodb:0.263.0\n    environment:\n"
        "      NC_DB: 'pg://db:5432?u=nocodb&p=${DATABASE_PW}&d=xcdb'\n      NC_DISABLE_TELE: 'true'\n"
        "  db:\n    image: postgres:17\n    environment: {POSTGRES_PASSWORD: '${DATABASE_PW}'}\n"
    )
    analysis = run_analysis(tmp_path / "compose.yaml")
    (worker,) = analysis.plan.workers
    assert "NC_DB" in worker.secrets
    files = emit.out_files(analysis, load_catalogue(), str(tmp_path / "plan"))
    source = files[f"{worker.name}/src/index.ts"]
    assert "SECURE_PW" not in source and '{"name": "NC_DB", "secret": true}' in source
    assert '{"name": "NC_DISABLE_TELE", "value": "true"}' in source
