from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_analysis

from migrator.compose import LoadOptions, load_project
from migrator.model import Route
from migrator.proxy import route
from migrator.proxy.traefik import parse_v1_rule

Key = tuple[str, str, str, "str | None", "str | None", "str | None"]


def routes_of(text: str, tmp: Path, name: str = "compose.yaml") -> list[Route]:
    (tmp / name).write_text(text)
    project = load_project(LoadOptions(files=(name,), cwd=str(tmp), environ={}, project_name="shop"))
    return list(route(project).routes)


def keys(routes: list[Route]) -> list[Key]:
    return sorted((r.service, r.source, r.router, r.host, r.path, r.match) for r in routes)


def findings_of(text: str, tmp: Path) -> list[str]:
    (tmp / "compose.yaml").write_text(text)
    project = load_project(LoadOptions(files=("compose.yaml",), cwd=str(tmp), environ={}, project_name="shop"))
    return sorted(f.rule_id for f in route(project).findings)


TRAEFIK = "  proxy:\n    image: traefik:v3.1\n    command: [--providers.docker.exposedbydefault=false, --entrypoints.web.address=:80, --entrypoints.alt.address=:9000]\n"


def svc(labels: dict[str, str], extra: str = "") -> str:
    lines = "\n".join(f"      {k}: {json.dumps(v)}" for k, v in labels.items())
    return f"services:\n{TRAEFIK}  app:\n    image: nginx\n    expose: ['8080', '3000']\n{extra}    labels:\n{lines}\n"


def test_host_and_prefix(tmp_path: Path) -> None:
    routes = routes_of(
        svc({"traefik.enable": "true", "traefik.http.routers.r.rule": "Host(`a.example.com`) && PathPrefix(`/api`)"}),
        tmp_path,
    )
    assert keys(routes) == [("app", "traefik", "r", "a.example.com", "/api", "prefix")]
    assert routes[0].port == 3000  # the lowest exposed port


def test_disjunction_becomes_several_routes(tmp_path: Path) -> None:
    routes = routes_of(
        svc(
            {"traefik.enable": "true", "traefik.http.routers.r.rule": "Host(`a.com`) || (Host(`b.com`) && Path(`/x`))"}
        ),
        tmp_path,
    )
    assert keys(routes) == [
        ("app", "traefik", "r", "a.com", None, None),
        ("app", "traefik", "r", "b.com", "/x", "exact"),
    ]


@pytest.mark.parametrize(
    ("rule", "conditions"),
    [
        ("Host(`a.com`) && Method(`POST`)", ("Method(`POST`)",)),
        ("Host(`a.com`) && Header(`X-A`, `1`)", ("Header(`X-A`, `1`)",)),
        ("Host(`a.com`) && HeaderRegexp(`X-A`, `^1`)", ("HeaderRegexp(`X-A`, `^1`)",)),
        ("Host(`a.com`) && Query(`debug`)", ("Query(`debug`)",)),
        ("Host(`a.com`) && QueryRegexp(`p`, `^[0-9]$`)", ("QueryRegexp(`p`, `^[0-9]$`)",)),
        ("Host(`a.com`) && ClientIP(`10.0.0.0/8`)", ("ClientIP(`10.0.0.0/8`)",)),
        ("Host(`a.com`) && !PathPrefix(`/admin`)", ("!PathPrefix(`/admin`)",)),
        ("HostRegexp(`^.+\\.a\\.com$`)", ("HostRegexp(`^.+\\.a\\.com$`)",)),
    ],
)
def test_what_routes_cannot_express_becomes_conditions(tmp_path: Path, rule: str, conditions: tuple[str, ...]) -> None:
    routes = routes_of(svc({"traefik.enable": "true", "traefik.http.routers.r.rule": rule}), tmp_path)
    assert routes[0].conditions == conditions


def test_path_regexp_is_a_regex_match(tmp_path: Path) -> None:
    routes = routes_of(
        svc({"traefik.enable": "true", "traefik.http.routers.r.rule": "Host(`a.com`) && PathRegexp(`^/v[0-9]+`)"}),
        tmp_path,
    )
    assert (routes[0].path, routes[0].match) == ("^/v[0-9]+", "regex")


def test_exposed_by_default_false_needs_enable(tmp_path: Path) -> None:
    assert routes_of(svc({"traefik.http.routers.r.rule": "Host(`a.com`)"}), tmp_path) == []


def test_default_rule_and_auto_router(tmp_path: Path) -> None:
    routes = routes_of(
        svc({"traefik.enable": "true", "traefik.http.services.web.loadbalancer.server.port": "8080"}), tmp_path
    )
    assert keys(routes) == [("app", "traefik", "app-shop", "app-shop", None, None)]
    assert routes[0].port == 8080


def test_router_without_service_and_several_services_is_dropped(tmp_path: Path) -> None:
    text = svc(
        {
            "traefik.enable": "true",
            "traefik.http.routers.r.rule": "Host(`a.com`)",
            "traefik.http.services.one.loadbalancer.server.port": "1",
            "traefik.http.services.two.loadbalancer.server.port": "2",
        }
    )
    assert routes_of(text, tmp_path) == []
    assert "RT003" in findings_of(text, tmp_path)


def test_custom_default_rule_from_the_traefik_command(tmp_path: Path) -> None:
    text = (
        "services:\n  proxy:\n    image: traefik:v3\n    command: ['--providers.docker.defaultRule=Host(`{{ normalize .Name }}.example.com`)']\n"
        "  app:\n    image: nginx\n    labels: {traefik.enable: 'true'}\n"
    )
    assert keys(routes_of(text, tmp_path)) == [("app", "traefik", "app-shop", "app-shop.example.com", None, None)]


def test_static_config_file_mounted_from_the_project(tmp_path: Path) -> None:
    (tmp_path / "traefik.yml").write_text(
        "providers:\n  docker:\n    exposedByDefault: false\nentryPoints:\n  web:\n    address: ':8000'\n"
    )
    text = (
        "services:\n  proxy:\n    image: traefik:v2.11\n    volumes: ['./traefik.yml:/etc/traefik/traefik.yml:ro']\n"
        "  app:\n    image: nginx\n    labels: {traefik.http.routers.r.rule: 'Host(`a.com`)', traefik.http.routers.r.entrypoints: web}\n"
        "  other:\n    image: nginx\n    labels: {traefik.enable: 'true', traefik.http.routers.o.rule: 'Host(`o.com`)', traefik.http.routers.o.entrypoints: web}\n"
    )
    routes = routes_of(text, tmp_path)
    assert keys(routes) == [("other", "traefik", "o", "o.com", None, None)]
    assert "RT011" in findings_of(text, tmp_path)  # port 8000 is not proxied by Cloudflare


def test_deploy_labels_count(tmp_path: Path) -> None:
    text = "services:\n  app:\n    image: nginx\n    deploy:\n      labels:\n        traefik.http.routers.r.rule: Host(`swarm.example.com`)\n        traefik.http.services.r.loadbalancer.server.port: '80'\n"
    assert keys(routes_of(text, tmp_path)) == [("app", "traefik", "r", "swarm.example.com", None, None)]


def test_tcp_and_udp_routers_are_blockers(tmp_path: Path) -> None:
    text = svc(
        {
            "traefik.enable": "true",
            "traefik.tcp.routers.db.rule": "HostSNI(`db.a.com`)",
            "traefik.tcp.routers.db.tls": "true",
            "traefik.udp.routers.dns.entrypoints": "dns",
        }
    )
    routes = routes_of(text, tmp_path)
    assert sorted((r.protocol, r.host) for r in routes) == [("tcp", "db.a.com"), ("udp", None)]
    ids = findings_of(text, tmp_path)
    assert "RT012" in ids and "RT013" in ids


def test_invalid_rule_is_a_located_finding_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        svc({"traefik.enable": "true", "traefik.http.routers.r.rule": "Host(`a.com`) &&"})
    )
    project = load_project(LoadOptions(files=("compose.yaml",), cwd=str(tmp_path), environ={}))
    finding = next(f for f in route(project).findings if f.rule_id == "RT002")
    assert "router 'r'" in finding.message and "column 17" in finding.message
    assert finding.span is not None and finding.span.line == 10


@pytest.mark.parametrize(
    ("middleware", "rule_id"),
    [
        ("stripprefix.prefixes=/api", "RT021"),
        ("addprefix.prefix=/v1", "RT021"),
        ("replacepath.path=/x", "RT021"),
        ("replacepathregex.regex=^/a", "RT021"),
        ("redirectregex.regex=^http://(.*)", "RT021"),
        ("redirectscheme.scheme=https", "RT024"),
        ("basicauth.users=u:h", "RT022"),
        ("digestauth.users=u:h", "RT022"),
        ("forwardauth.address=http://auth", "RT022"),
        ("headers.stsSeconds=1", "RT026"),
        ("ratelimit.average=10", "RT023"),
        ("ipallowlist.sourcerange=10.0.0.0/8", "RT025"),
        ("ipwhitelist.sourcerange=10.0.0.0/8", "RT025"),
        ("compress=true", "RT024"),
        ("retry.attempts=3", "RT024"),
        ("errors.status=500", "RT021"),
        ("plugin.x.y=1", "RT027"),
    ],
)
def test_every_middleware_family(tmp_path: Path, middleware: str, rule_id: str) -> None:
    key, value = middleware.split("=", 1)
    text = svc(
        {
            "traefik.enable": "true",
            "traefik.http.routers.r.rule": "Host(`a.com`)",
            "traefik.http.routers.r.middlewares": "m@docker",
            f"traefik.http.middlewares.m.{key}": value,
        }
    )
    assert rule_id in findings_of(text, tmp_path)


def test_chain_expands(tmp_path: Path) -> None:
    text = svc(
        {
            "traefik.enable": "true",
            "traefik.http.routers.r.rule": "Host(`a.com`)",
            "traefik.http.routers.r.middlewares": "c",
            "traefik.http.middlewares.c.chain.middlewares": "auth,strip",
            "traefik.http.middlewares.auth.basicauth.users": "u:h",
            "traefik.http.middlewares.strip.stripprefix.prefixes": "/x",
        }
    )
    ids = findings_of(text, tmp_path)
    assert "RT022" in ids and "RT021" in ids


def test_tls_settings_are_an_info(tmp_path: Path) -> None:
    text = svc(
        {
            "traefik.enable": "true",
            "traefik.http.routers.r.rule": "Host(`a.com`)",
            "traefik.http.routers.r.tls.certresolver": "le",
        }
    )
    assert "RT010" in findings_of(text, tmp_path)


def test_entrypoint_on_an_unproxied_port(tmp_path: Path) -> None:
    text = svc(
        {
            "traefik.enable": "true",
            "traefik.http.routers.r.rule": "Host(`a.com`)",
            "traefik.http.routers.r.entrypoints": "alt",
        }
    )
    assert "RT011" in findings_of(text, tmp_path)


# --- Traefik v1 -------------------------------------------------------------------------------


def test_v1_rule_syntax() -> None:
    alternatives, modifiers = parse_v1_rule("Host:a.com,b.com;PathPrefixStrip:/api")
    assert [[(m.name, m.args) for _, m in alt] for alt in alternatives] == [
        [("Host", ("a.com",)), ("PathPrefix", ("/api",))],
        [("Host", ("b.com",)), ("PathPrefix", ("/api",))],
    ]
    assert modifiers == {"pathprefixstrip"}


def test_v1_labels_with_segments_and_default_domain(tmp_path: Path) -> None:
    text = (
        "services:\n  proxy:\n    image: traefik:1.7\n    command: --docker --docker.domain=docker.localhost\n"
        "  app:\n    image: nginx\n    labels:\n      - traefik.frontend.rule=Host:app.example.com;PathPrefix:/x\n      - traefik.port=8080\n"
        "  multi:\n    image: nginx\n    labels:\n      - traefik.web.frontend.rule=Host:web.example.com\n      - traefik.web.port=80\n      - traefik.admin.frontend.rule=Host:admin.example.com\n      - traefik.admin.port=8443\n"
        "  plain:\n    image: nginx\n    labels: [traefik.enable=true]\n"
    )
    routes = routes_of(text, tmp_path)
    assert keys(routes) == [
        ("app", "traefik", "frontend-app", "app.example.com", "/x", "prefix"),
        ("multi", "traefik", "admin-multi", "admin.example.com", None, None),
        ("multi", "traefik", "web-multi", "web.example.com", None, None),
        ("plain", "traefik", "frontend-plain", "plain.shop.docker.localhost", None, None),
    ]
    assert {r.router: r.port for r in routes if r.service == "multi"} == {"admin-multi": 8443, "web-multi": 80}


# --- caddy-docker-proxy and nginx-proxy -------------------------------------------------------


def test_caddy_sites_paths_and_ports(tmp_path: Path) -> None:
    text = (
        "services:\n  api:\n    image: node\n    labels:\n"
        "      caddy_0: example.net, www.example.net\n      caddy_0.handle_path: /api/*\n      caddy_0.handle_path.0_reverse_proxy: '{{upstreams 3000}}'\n"
        "      caddy_1: http://admin.example.net:8080\n      caddy_1.reverse_proxy: '{{upstreams https 3001}}'\n"
    )
    routes = routes_of(text, tmp_path)
    assert keys(routes) == [
        ("api", "caddy", "caddy_0", "example.net", "/api/", "prefix"),
        ("api", "caddy", "caddy_0", "www.example.net", "/api/", "prefix"),
        ("api", "caddy", "caddy_1", "admin.example.net", None, None),
    ]
    assert {r.port for r in routes} == {3000, 3001}
    assert "stripprefix" in routes[0].middlewares


def test_nginx_proxy_environment(tmp_path: Path) -> None:
    text = (
        "services:\n  web:\n    image: php\n    expose: ['9000']\n    environment:\n"
        "      VIRTUAL_HOST: 'a.com, *.b.com, ~^c\\d+\\.com$$'\n      VIRTUAL_PATH: /app\n      VIRTUAL_DEST: /\n      LETSENCRYPT_HOST: a.com\n"
    )
    routes = routes_of(text, tmp_path)
    assert keys(routes) == [
        ("web", "nginx-proxy", "VIRTUAL_HOST=*.b.com", "*.b.com", "/app", "prefix"),
        ("web", "nginx-proxy", "VIRTUAL_HOST=a.com", "a.com", "/app", "prefix"),
        ("web", "nginx-proxy", "VIRTUAL_HOST=~^c\\d+\\.com$", "~^c\\d+\\.com$", "/app", "prefix"),
    ]
    assert all(r.port == 9000 and r.tls and r.middlewares == ("replacepath",) for r in routes)


# --- the corpus: routes written by hand from reading each file --------------------------------

EXPECTED: dict[str, list[Key]] = {
    "docker__awesome-compose__traefik-golang__compose": [("backend", "traefik", "go", None, "/", "exact")],
    "traefik__traefik__docs__content__user-guides__docker-compose__basic-example__docker-compose": [
        ("whoami", "traefik", "whoami", "whoami.localhost", None, None)
    ],
    "traefik__traefik__docs__content__user-guides__docker-compose__acme-tls__docker-compose": [
        ("whoami", "traefik", "whoami", "whoami.example.com", None, None)
    ],
    "traefik__traefik__docs__content__user-guides__docker-compose__acme-dns__docker-compose": [
        ("whoami", "traefik", "whoami", "whoami.example.com", None, None)
    ],
    "traefik__traefik__docs__content__user-guides__docker-compose__acme-dns__docker-compose_secrets": [
        ("whoami", "traefik", "whoami", "whoami.example.com", None, None)
    ],
    "traefik__traefik__examples__quickstart__docker-compose": [
        ("whoami", "traefik", "frontend-whoami", "whoami.docker.localhost", None, None)
    ],
    "traefik__traefik__examples__compose-traefik": [
        ("whoami1", "traefik", "frontend-whoami1", "whoami.docker.localhost", None, None),
        ("whoami2", "traefik", "frontend-whoami2", "whoami.docker.localhost", None, None),
    ],
    "traefik__traefik__integration__resources__compose__access_log": sorted(
        [
            ("server0", "traefik", "frontend-server0", None, "/test", "exact"),
            ("server1", "traefik", "frontend-server1", "frontend1.docker.local", None, None),
            ("server2", "traefik", "frontend-server2", "frontend2.docker.local", None, None),
            ("server3", "traefik", "frontend-server3", "frontend2.docker.local", None, None),
            ("authFrontend", "traefik", "frontend-authFrontend", "frontend.auth.docker.local", None, None),
            ("authEntrypoint", "traefik", "frontend-authEntrypoint", "entrypoint.auth.docker.local", None, None),
            (
                "digestAuthEntrypoint",
                "traefik",
                "frontend-digestAuthEntrypoint",
                "entrypoint.digest.auth.docker.local",
                None,
                None,
            ),
            ("entrypointRedirect", "traefik", "frontend-entrypointRedirect", None, "/test", "exact"),
            ("frontendRedirect", "traefik", "frontend-frontendRedirect", None, "/test", "exact"),
            ("rateLimit", "traefik", "frontend-rateLimit", "ratelimit.docker.local", None, None),
            (
                "entrypointWhitelist",
                "traefik",
                "frontend-entrypointWhitelist",
                "entrypoint.whitelist.docker.local",
                None,
                None,
            ),
            (
                "frontendWhitelist",
                "traefik",
                "frontend-frontendWhitelist",
                "frontend.whitelist.docker.local",
                None,
                None,
            ),
        ]
    ),
    "socketio__socket.io__examples__cluster-traefik__docker-compose": [
        ("server", "traefik", "chat", None, "/", "prefix")
    ],
    "n8n-io__n8n-hosting__docker-compose__subfolderWithSSL__docker-compose": [
        ("n8n", "traefik", "n8n", None, "/", "prefix")
    ],
    "fastapi": [
        ("adminer", "traefik", "adminer-http", "adminer.localhost", None, None),
        ("backend", "traefik", "backend-http", "localhost", None, None),
    ],
    "lucaslorentz__caddy-docker-proxy__examples__standalone": [
        ("echo_0", "caddy", "caddy", "echo0.example.com", None, None),
        ("whoami0", "caddy", "caddy", "whoami0.example.com", None, None),
        ("whoami1", "caddy", "caddy", "whoami1.example.com", None, None),
        ("whoami2", "caddy", "caddy", "whoami2.example.com", None, None),
        ("whoami3", "caddy", "caddy", "whoami3.example.com", None, None),
    ],
    "nginx-proxy__nginx-proxy__docker-compose": [
        ("whoami", "nginx-proxy", "VIRTUAL_HOST=whoami.example", "whoami.example", None, None)
    ],
    "nginx-proxy__nginx-proxy__test__test_virtual-path__test_virtual-paths": [
        ("foo", "nginx-proxy", "VIRTUAL_HOST=foo.nginx-proxy.test", "foo.nginx-proxy.test", None, None),
        ("web1", "nginx-proxy", "VIRTUAL_HOST=nginx-proxy.test", "nginx-proxy.test", "/web1/", "prefix"),
        ("web2", "nginx-proxy", "VIRTUAL_HOST=nginx-proxy.test", "nginx-proxy.test", "/web2/", "prefix"),
        ("web3", "nginx-proxy", "VIRTUAL_HOST=nginx-proxy.test", "nginx-proxy.test", "/", "prefix"),
    ],
    "nginx-proxy__nginx-proxy__test__test_wildcard-host__test_wildcard-host": [
        ("web1", "nginx-proxy", "VIRTUAL_HOST=*.nginx-proxy.test", "*.nginx-proxy.test", None, None),
        ("web2", "nginx-proxy", "VIRTUAL_HOST=test.nginx-proxy.*", "test.nginx-proxy.*", None, None),
        (
            "web3",
            "nginx-proxy",
            "VIRTUAL_HOST=~^web3\\..*\\.nginx-proxy\\.regexp",
            "~^web3\\..*\\.nginx-proxy\\.regexp",
            None,
            None,
        ),
        (
            "web4",
            "nginx-proxy",
            "VIRTUAL_HOST=~^web4\\..*\\.nginx-proxy\\.regexp$",
            "~^web4\\..*\\.nginx-proxy\\.regexp$",
            None,
            None,
        ),
    ],
    "nginx-proxy__nginx-proxy__test__test_multiports__test_multiports-base-yaml": [
        ("defaultport", "nginx-proxy", "VIRTUAL_HOST=port80.a.nginx-proxy.tld", "port80.a.nginx-proxy.tld", None, None),
        ("defaultport", "nginx-proxy", "VIRTUAL_HOST=port80.b.nginx-proxy.tld", "port80.b.nginx-proxy.tld", None, None),
        (
            "defaultport",
            "nginx-proxy",
            "VIRTUAL_HOST=port80.c.nginx-proxy.tld",
            "port80.c.nginx-proxy.tld",
            "/",
            "prefix",
        ),
        (
            "multiports",
            "nginx-proxy",
            "VIRTUAL_HOST=port8080.nginx-proxy.tld",
            "port8080.nginx-proxy.tld",
            "/",
            "prefix",
        ),
        (
            "multiports",
            "nginx-proxy",
            "VIRTUAL_HOST=port9000.nginx-proxy.tld",
            "port9000.nginx-proxy.tld",
            "/",
            "prefix",
        ),
        (
            "skipvirtualhost",
            "nginx-proxy",
            "VIRTUAL_HOST=notskipped.nginx-proxy.tld",
            "notskipped.nginx-proxy.tld",
            None,
            None,
        ),
        (
            "virtualpath",
            "nginx-proxy",
            "VIRTUAL_HOST=virtualpaths.nginx-proxy.tld",
            "virtualpaths.nginx-proxy.tld",
            "/customdest",
            "prefix",
        ),
        (
            "virtualpath",
            "nginx-proxy",
            "VIRTUAL_HOST=virtualpaths.nginx-proxy.tld",
            "virtualpaths.nginx-proxy.tld",
            "/rootdest",
            "prefix",
        ),
    ],
}


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_routes_written_by_hand(name: str, corpus: Path) -> None:
    from oracle import corpus_cases

    case = next(c for c in corpus_cases() if c.name == name)
    project = load_project(LoadOptions(files=case.files, profiles=case.profiles, environ={}, cwd=str(case.dir)))
    assert keys(list(route(project).routes)) == sorted(EXPECTED[name])


def test_at_least_fifteen_corpus_projects_are_checked_by_hand() -> None:
    assert len(EXPECTED) >= 15


@pytest.mark.corpus
def test_every_proxy_project_in_the_corpus_routes_without_a_crash(corpus: Path) -> None:
    from oracle import corpus_cases

    markers = ("traefik.http.", "traefik.frontend.", "traefik.tcp.", "caddy.reverse_proxy", "caddy_0", "VIRTUAL_HOST")
    routed = 0
    for case in corpus_cases():
        analysis = run_analysis(tuple(str(case.dir / f) for f in case.files), profiles=case.profiles, cwd=str(case.dir))
        routed += bool(analysis.routing.routes)
        text = "".join((case.dir / f).read_text() for f in case.files)
        if any(marker in text for marker in markers) and case.reference_exit == 0:
            assert analysis.routing.routes or analysis.routing.findings, case.name
    assert routed >= 15
