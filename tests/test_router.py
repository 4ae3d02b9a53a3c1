from __future__ import annotations

import pytest

from migrator.emit.router import entries
from migrator.model import Middleware, Route


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (Route("s", "traefik", "r", host="a.com"), {"op": "host", "value": "a.com"}),
        (Route("s", "traefik", "r", host="*.a.com"), {"op": "hostSuffix", "value": ".a.com"}),
        (Route("s", "nginx-proxy", "r", host="test.a.*"), {"op": "hostPrefix", "value": "test.a."}),
        (
            Route("s", "nginx-proxy", "r", host="~^web\\d+\\.a\\.com$"),
            {"op": "hostRegex", "value": "^web\\d+\\.a\\.com$"},
        ),
        (Route("s", "traefik", "r", host="{sub:[a-z]+}.a.com"), {"op": "hostRegex", "value": "^([a-z]+)\\.a\\.com$"}),
        (
            Route("s", "traefik", "r", host="a.com", path="/api", match="prefix"),
            {"op": "all", "of": [{"op": "host", "value": "a.com"}, {"op": "pathPrefix", "value": "/api"}]},
        ),
        (Route("s", "traefik", "r", path="/x", match="exact"), {"op": "path", "value": "/x"}),
        (Route("s", "traefik", "r", path="^/v[0-9]+", match="regex"), {"op": "pathRegex", "value": "^/v[0-9]+"}),
        (Route("s", "traefik", "r", conditions=("Method(`POST`)",)), {"op": "method", "value": "POST"}),
        (
            Route("s", "traefik", "r", conditions=("Header(`X-A`, `1`)",)),
            {"op": "header", "name": "X-A", "value": "1"},
        ),
        (Route("s", "traefik", "r", conditions=("Query(`debug`)",)), {"op": "queryHas", "name": "debug"}),
        (Route("s", "traefik", "r", conditions=("Query(`p`, `1`)",)), {"op": "query", "name": "p", "value": "1"}),
        (Route("s", "traefik", "r", conditions=("ClientIP(`10.0.0.0/8`)",)), {"op": "clientIp", "value": "10.0.0.0/8"}),
        (
            Route("s", "traefik", "r", conditions=("!PathPrefix(`/admin`)",)),
            {"op": "not", "of": {"op": "pathPrefix", "value": "/admin"}},
        ),
        (
            Route("s", "traefik", "r", conditions=("HeaderRegexp(`X-A`, `^v`)",)),
            {"op": "headerRegex", "name": "X-A", "value": "^v"},
        ),
        (
            Route("s", "traefik", "r", conditions=("Host(`a.com`, `b.com`) || Method(`GET`)",)),
            {
                "op": "any",
                "of": [
                    {"op": "any", "of": [{"op": "host", "value": "a.com"}, {"op": "host", "value": "b.com"}]},
                    {"op": "method", "value": "GET"},
                ],
            },
        ),
        (Route("s", "traefik", "r"), {"op": "true"}),
    ],
)
def test_route_conditions_become_matcher_data(route: Route, expected: dict[str, object]) -> None:
    (entry,) = entries((route,), {})
    assert entry.match == expected


def test_strip_prefix_from_the_middleware_options() -> None:
    route = Route("s", "traefik", "r", host="a.com", path="/api", match="prefix", middlewares=("strip",))
    (entry,) = entries((route,), {"strip": Middleware("strip", "stripprefix", (("prefixes", "/api,/v1"),))})
    assert entry.strip == "/api"


def test_conditions_that_are_not_matchers_are_left_to_a_person() -> None:
    (entry,) = entries((Route("s", "nginx-proxy", "r", host="a.com", conditions=("VIRTUAL_PROTO=uwsgi",)),), {})
    assert entry.match == {"op": "host", "value": "a.com"}
    assert entry.unchecked == ("VIRTUAL_PROTO=uwsgi",)
    assert entry.to_data()["checkByHand"] == ["VIRTUAL_PROTO=uwsgi"]


def test_tcp_routes_have_no_router_entry() -> None:
    assert entries((Route("s", "traefik", "r", host="db.a.com", protocol="tcp"),), {}) == []


def test_entries_follow_traefik_priority() -> None:
    short = Route("s", "traefik", "short", host="a.com", rule="Host(`a.com`)")
    long = Route(
        "s", "traefik", "long", host="a.com", path="/api", match="prefix", rule="Host(`a.com`) && PathPrefix(`/api`)"
    )
    pinned = Route("s", "traefik", "pinned", host="a.com", priority=1000, rule="Host(`a.com`)")
    assert [e.name for e in entries((short, long, pinned), {})] == ["pinned", "long", "short"]
