"""nginx-proxy and acme-companion: the ``VIRTUAL_*`` and ``LETSENCRYPT_*`` environment."""

from __future__ import annotations

from typing import Any

import yaml

from migrator import numbers
from migrator.model import Finding, Route, Service


def routes_for(service: Service) -> tuple[list[Route], list[Finding]]:
    multiports = service.env("VIRTUAL_HOST_MULTIPORTS")
    findings: list[Finding] = []
    env = {var.name: var for var in service.environment}
    span = env.get("VIRTUAL_HOST_MULTIPORTS") or env.get("VIRTUAL_HOST") or env.get("LETSENCRYPT_HOST")
    where = span.span if span is not None else service.span
    if multiports:
        return _multiports(service, multiports, where, findings), findings
    hosts_text = service.env("VIRTUAL_HOST")
    if not hosts_text:
        return [], findings
    path = service.env("VIRTUAL_PATH")
    port_text = service.env("VIRTUAL_PORT")
    port = (numbers.port(port_text) if port_text else None) or _default_port(service)
    middlewares: list[str] = []
    if service.env("VIRTUAL_DEST"):
        middlewares.append("replacepath")
    proto = service.env("VIRTUAL_PROTO")
    conditions: list[str] = []
    if proto and proto not in ("http", "https"):
        conditions.append(f"VIRTUAL_PROTO={proto}")
    tls = bool(service.env("LETSENCRYPT_HOST"))
    routes = []
    for host in [h.strip() for h in hosts_text.split(",") if h.strip()]:
        routes.append(_route(service, host, path, port, tuple(middlewares), tuple(conditions), tls, where))
    return routes, findings


def _default_port(service: Service) -> int | None:
    targets = sorted(
        {p.target for p in service.ports} | numbers.exposed_ports(service.expose)
    )
    if len(targets) == 1:
        return targets[0]
    return 80


def _route(
    service: Service,
    host: str,
    path: str | None,
    port: int | None,
    middlewares: tuple[str, ...],
    conditions: tuple[str, ...],
    tls: bool,
    span: Any,
) -> Route:
    match = None
    route_host: str | None = host.lower()
    extra = list(conditions)
    if host.startswith("~"):
        route_host = host
        extra.append(f"host matches {host[1:]}")
    route_path = None
    if path:
        if path.startswith("~") or any(c in path for c in "^$()[]|"):
            route_path, match = path.lstrip("~").strip(), "regex"
        else:
            route_path, match = path, "prefix"
    return Route(
        service=service.name,
        source="nginx-proxy",
        router=f"VIRTUAL_HOST={host}",
        host=route_host,
        path=route_path,
        match=match,  # type: ignore[arg-type]
        conditions=tuple(extra),
        middlewares=middlewares,
        tls=tls,
        port=port,
        rule=host + (path or ""),
        span=span,
    )


def _multiports(service: Service, text: str, span: Any, findings: list[Finding]) -> list[Route]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        findings.append(
            Finding(
                "RT002",
                "warning",
                "VIRTUAL_HOST_MULTIPORTS is not valid YAML or JSON",
                "fix the value",
                service.name,
                span,
            )
        )
        return []
    if not isinstance(data, dict):
        findings.append(
            Finding(
                "RT002",
                "warning",
                "VIRTUAL_HOST_MULTIPORTS must map hosts to paths",
                "fix the value",
                service.name,
                span,
            )
        )
        return []
    routes = []
    for host, paths in sorted(data.items(), key=lambda kv: str(kv[0])):
        if not isinstance(paths, dict) or not paths:
            routes.append(_route(service, str(host), None, 80, (), (), False, span))
            continue
        for path, options in sorted(paths.items(), key=lambda kv: str(kv[0])):
            opts = options if isinstance(options, dict) else {}
            port = opts.get("port", 80)
            mws = ("replacepath",) if opts.get("dest") else ()
            routes.append(
                _route(service, str(host), str(path), numbers.port(port) or 80, mws, (), False, span)
            )
    return routes
