"""The routing stage: proxy labels and environment to routes, middlewares and findings."""

from __future__ import annotations

from migrator.model import Finding, Middleware, Project, Route, Routing, Span
from migrator.proxy import caddy, hosts, nginx, traefik

HTTP_PORTS = frozenset({80, 8080, 8880, 2052, 2082, 2086, 2095})
HTTPS_PORTS = frozenset({443, 2053, 2083, 2087, 2096, 8443})
PROXIED_PORTS = HTTP_PORTS | HTTPS_PORTS

_MIDDLEWARE_FAMILIES = {
    "stripprefix": "rewrite",
    "stripprefixregex": "rewrite",
    "addprefix": "rewrite",
    "replacepath": "rewrite",
    "replacepathregex": "rewrite",
    "pathstrip": "rewrite",
    "pathprefixstrip": "rewrite",
    "pathstripregex": "rewrite",
    "pathprefixstripregex": "rewrite",
    "rewrite": "rewrite",
    "redirectregex": "redirect",
    "redirect": "redirect",
    "redirectscheme": "https",
    "basicauth": "auth",
    "digestauth": "auth",
    "forwardauth": "auth",
    "headers": "headers",
    "ratelimit": "ratelimit",
    "ipallowlist": "ipallow",
    "ipwhitelist": "ipallow",
    "compress": "compress",
    "chain": "chain",
    "retry": "resilience",
    "circuitbreaker": "resilience",
    "buffering": "resilience",
    "inflightreq": "resilience",
    "errors": "errors",
    "plugin": "plugin",
    "contenttype": "headers",
    "passtlsclientcert": "auth",
    "grpcweb": "plugin",
}


def middleware_family(kind: str) -> str:
    return _MIDDLEWARE_FAMILIES.get(kind.lower(), "plugin")


def route(project: Project) -> Routing:
    config = traefik.read_static_config(project)
    routes: list[Route] = []
    middlewares: list[Middleware] = []
    findings: list[Finding] = []
    default_only: list[str] = []
    for service in project.services:
        if (
            config.present
            and config.service == service.name
            and not any(label.key.startswith("traefik.") for label in service.labels)
        ):
            continue
        found, mws, problems = traefik.routes_for(service, project, config)
        if (
            not found
            and config.present
            and config.exposed_by_default
            and not any(label.key.lower().startswith("traefik.") for label in service.labels)
            and service.name != config.service
        ):
            default_only.append(service.name)
        for getter in (caddy.routes_for, nginx.routes_for):
            more, more_problems = getter(service)
            found += more
            problems += more_problems
        routes += found
        middlewares += mws
        findings += problems
    if default_only:
        findings.append(
            Finding(
                "RT030",
                "info",
                "Traefik exposes every container by default; "
                + ", ".join(sorted(default_only))
                + " only get its default rule Host(`<service>-<project>`), which is not a real domain",
                "set --providers.docker.exposedbydefault=false and label the services you publish",
                None,
                config.span,
            )
        )
    findings += _route_findings(routes, middlewares, config)
    findings += _host_findings(routes, project)
    routes.sort(key=lambda r: (r.service, r.source, r.router, r.host or "", r.path or "", r.conditions))
    return Routing(tuple(routes), tuple(sorted(middlewares, key=lambda m: m.name)), tuple(findings))


def _route_findings(routes: list[Route], middlewares: list[Middleware], config: traefik.TraefikConfig) -> list[Finding]:
    findings: list[Finding] = []
    by_name = {m.name: m for m in middlewares}
    tls_services: set[str] = set()
    for item in routes:
        if item.tls:
            tls_services.add(item.service)
        if item.protocol == "tcp":
            findings.append(
                Finding(
                    "RT012",
                    "blocker",
                    f"TCP router '{item.router}' ({item.rule or 'no rule'}) has no Worker equivalent: a Worker takes only HTTP(S) and WebSockets",
                    "use Spectrum to an origin, a Cloudflare Tunnel, or keep this service off Cloudflare",
                    item.service,
                    item.span,
                )
            )
            continue
        if item.protocol == "udp":
            findings.append(
                Finding(
                    "RT013",
                    "blocker",
                    f"UDP router '{item.router}' has no Worker equivalent",
                    "use Spectrum (Enterprise) to an origin, or keep this service off Cloudflare",
                    item.service,
                    item.span,
                )
            )
            continue
        for entrypoint in item.entrypoints:
            port = config.entrypoints.get(entrypoint.lower())
            if port is not None and port not in PROXIED_PORTS:
                findings.append(
                    Finding(
                        "RT011",
                        "blocker",
                        f"router '{item.router}' listens on entrypoint '{entrypoint}' (port {port}), a port Cloudflare does not proxy",
                        "serve it on a hostname or path over 80/443 instead",
                        item.service,
                        item.span,
                    )
                )
        if item.conditions or item.match == "regex":
            what = ", ".join(item.conditions) if item.conditions else f"the regex path {item.path}"
            findings.append(
                Finding(
                    "RT020",
                    "warning",
                    f"router '{item.router}' matches on {what}, which a Cloudflare route cannot express",
                    "the generated Worker's router checks it in code; review src/index.ts",
                    item.service,
                    item.span,
                )
            )
        if item.host is None and hosts.problem(item) is None:
            findings.append(
                Finding(
                    "RT031",
                    "warning",
                    f"router '{item.router}' has no hostname ({item.rule or 'default rule'}), so it cannot become a Cloudflare route",
                    "give the service a Host rule, or add its custom domain to wrangler.jsonc by hand",
                    item.service,
                    item.span,
                )
            )
        for name in item.middlewares:
            middleware = by_name.get(name)
            kind = middleware.kind if middleware else name.lower()
            findings += _middleware_findings(item, name, kind, middleware, by_name)
    first_tls_span: dict[str, Span | None] = {}
    for r in routes:
        if r.tls:
            first_tls_span.setdefault(r.service, r.span)
    for service in sorted(tls_services):
        span = first_tls_span.get(service)
        findings.append(
            Finding(
                "RT010",
                "info",
                "TLS and ACME settings are not needed: Cloudflare issues and renews the certificates of custom domains",
                "drop certresolver, LETSENCRYPT_* and ACME settings after the move",
                service,
                span,
            )
        )
    return _dedupe(findings)


def _host_findings(routes: list[Route], project: Project) -> list[Finding]:
    """A route whose host cannot be read is never planned: say so, and name its label."""
    findings: list[Finding] = []
    for item in routes:
        why = hosts.problem(item)
        if why is None:
            continue
        where = hosts.source_of(item, project.service(item.service))
        findings.append(
            Finding(
                "RT-HOST",
                "warning",
                f"{where} ({item.rule}): the host cannot be read: {why}; no Cloudflare route is planned for it",
                "write the hostname itself in the rule, or set its variable before running migrator; "
                "then add the route or custom domain to wrangler.jsonc",
                item.service,
                item.span,
            )
        )
    return _dedupe(findings)


def _middleware_findings(
    item: Route, name: str, kind: str, middleware: Middleware | None, by_name: dict[str, Middleware], depth: int = 0
) -> list[Finding]:
    family = middleware_family(kind)
    span = (middleware.span if middleware else None) or item.span
    if family == "chain" and middleware is not None and depth < 5:
        out: list[Finding] = []
        for key, value in middleware.options:
            if key == "middlewares":
                for sub in value.split(","):
                    sub = sub.strip().split("@")[0]
                    inner = by_name.get(sub)
                    out += _middleware_findings(item, sub, inner.kind if inner else sub, inner, by_name, depth + 1)
        return out
    messages = {
        "rewrite": (
            "RT021",
            "warning",
            f"middleware '{name}' ({kind}) rewrites the path",
            "the Worker's router rewrites the URL before it forwards the request",
        ),
        "redirect": (
            "RT021",
            "warning",
            f"middleware '{name}' ({kind}) redirects",
            "use a Cloudflare Redirect Rule, or redirect in the Worker's router",
        ),
        "https": (
            "RT024",
            "info",
            f"middleware '{name}' ({kind}) redirects to HTTPS",
            "turn on 'Always Use HTTPS' in the zone; no code is needed",
        ),
        "auth": (
            "RT022",
            "warning",
            f"middleware '{name}' ({kind}) guards the route with authentication",
            "put the hostname behind Cloudflare Access, or check credentials in the Worker",
        ),
        "headers": (
            "RT026",
            "info",
            f"middleware '{name}' ({kind}) sets headers",
            "set them in the Worker's response, or with a Transform Rule",
        ),
        "ratelimit": (
            "RT023",
            "info",
            f"middleware '{name}' (ratelimit) becomes a ratelimits binding",
            "the Worker calls env.<BINDING>.limit(); Cloudflare counts per location, in 10 s or 60 s periods",
        ),
        "ipallow": (
            "RT025",
            "warning",
            f"middleware '{name}' ({kind}) allows only some client IPs",
            "use a WAF custom rule on ip.src, or check CF-Connecting-IP in the Worker",
        ),
        "compress": (
            "RT024",
            "info",
            f"middleware '{name}' (compress) is not needed",
            "Cloudflare compresses responses itself",
        ),
        "resilience": (
            "RT024",
            "info",
            f"middleware '{name}' ({kind}) is not needed",
            "Workers scale and retry on their own; handle errors in code",
        ),
        "errors": (
            "RT021",
            "warning",
            f"middleware '{name}' (errors) serves custom error pages",
            "render error pages in the Worker or with Custom Error Rules",
        ),
        "plugin": (
            "RT027",
            "warning",
            f"middleware '{name}' ({kind}) has no Cloudflare counterpart known to migrator",
            "port its behaviour to the Worker by hand",
        ),
    }
    rule_id, severity, message, hint = messages[family]
    return [Finding(rule_id, severity, message, hint, item.service, span)]  # type: ignore[arg-type]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str | None, str]] = set()
    out = []
    for finding in findings:
        key = (finding.rule_id, finding.service, finding.message)
        if key in seen:
            continue
        seen.add(key)
        out.append(finding)
    return out
