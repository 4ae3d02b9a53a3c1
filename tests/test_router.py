from __future__ import annotations

import pytest

from migrator.emit.router import entries
from migrator.model import Middleware, Route


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (Route("s", "traefik", "r", host="a.com"), 'url.hostname === "a.com"'),
        (Route("s", "traefik", "r", host="*.a.com"), 'url.hostname.endsWith(".a.com")'),
        (Route("s", "nginx-proxy", "r", host="test.a.*"), 'url.hostname.startsWith("test.a.")'),
        (
            Route("s", "nginx-proxy", "r", host="~^web\\d+\\.a\\.com$"),
            'new RegExp("^web\\\\d+\\\\.a\\\\.com$").test(url.hostname)',
        ),
        (
            Route("s", "traefik", "r", host="{sub:[a-z]+}.a.com"),
            'new RegExp("^([a-z]+)\\\\.a\\\\.com$").test(url.hostname)',
        ),
        (
            Route("s", "traefik", "r", host="a.com", path="/api", match="prefix"),
            'url.hostname === "a.com" && url.pathname.startsWith("/api")',
        ),
        (Route("s", "traefik", "r", path="/x", match="exact"), 'url.pathname === "/x"'),
        (Route("s", "traefik", "r", path="^/v[0-9]+", match="regex"), 'new RegExp("^/v[0-9]+").test(url.pathname)'),
        (Route("s", "traefik", "r", conditions=("Method(`POST`)",)), 'request.method === "POST"'),
        (Route("s", "traefik", "r", conditions=("Header(`X-A`, `1`)",)), 'request.headers.get("X-A") === "1"'),
        (Route("s", "traefik", "r", conditions=("Query(`debug`)",)), 'url.searchParams.has("debug")'),
        (Route("s", "traefik", "r", conditions=("Query(`p`, `1`)",)), 'url.searchParams.get("p") === "1"'),
        (Route("s", "traefik", "r", conditions=("ClientIP(`10.0.0.0/8`)",)), 'clientIpIn(request, "10.0.0.0/8")'),
        (Route("s", "traefik", "r", conditions=("!PathPrefix(`/admin`)",)), '!(url.pathname.startsWith("/admin"))'),
        (
            Route("s", "traefik", "r", conditions=("HeaderRegexp(`X-A`, `^v`)",)),
            'new RegExp("^v").test(request.headers.get("X-A") ?? "")',
        ),
    ],
)
def test_route_conditions_become_typescript(route: Route, expected: str) -> None:
    (entry,) = entries((route,), {})
    assert entry.match == expected


def test_strip_prefix_from_the_middleware_options() -> None:
    route = Route("s", "traefik", "r", host="a.com", path="/api", match="prefix", middlewares=("strip",))
    (entry,) = entries((route,), {"strip": Middleware("strip", "stripprefix", (("prefixes", "/api,/v1"),))})
    assert entry.strip == "/api"


def test_conditions_that_are_not_matchers_are_left_to_a_person() -> None:
    (entry,) = entries((Route("s", "nginx-proxy", "r", host="a.com", conditions=("VIRTUAL_PROTO=uwsgi",)),), {})
    assert entry.match == 'url.hostname === "a.com"'
    assert "check by hand: VIRTUAL_PROTO=uwsgi" in entry.comment


def test_tcp_routes_have_no_router_entry() -> None:
    assert entries((Route("s", "traefik", "r", host="db.a.com", protocol="tcp"),), {}) == []


def test_entries_follow_traefik_priority() -> None:
    short = Route("s", "traefik", "short", host="a.com", rule="Host(`a.com`)")
    long = Route(
        "s", "traefik", "long", host="a.com", path="/api", match="prefix", rule="Host(`a.com`) && PathPrefix(`/api`)"
    )
    pinned = Route("s", "traefik", "pinned", host="a.com", priority=1000, rule="Host(`a.com`)")
    assert [e.name for e in entries((short, long, pinned), {})] == ["pinned", "long", "short"]
