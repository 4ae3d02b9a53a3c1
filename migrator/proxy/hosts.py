"""Can a route's host become a Cloudflare route?  If not, say why and which label holds it.

A host that cannot be read would otherwise vanish from the plan without a word: a Go template
(``Host(`{{ env "DOMAIN" }}`)``, which Traefik never evaluates in labels), a variable left as
written (``$${DOMAIN}``), an empty or partial host from an unset variable (``Host(`api.${BASE}`)``),
or a regular expression that no route pattern can express.
"""

from __future__ import annotations

import re

from migrator.model import Route, Service, Span

# The same shapes the plan accepts as a route's host (a name in a zone, or *.zone).
_HOSTNAME = re.compile(r"(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
_IPV4 = re.compile(r"[0-9.]+")
# A Traefik v2 HostRegexp template such as {sub:[a-z]+}.example.com: the plan makes *.example.com of it.
_TEMPLATE_HOST = re.compile(r"^\{[A-Za-z_][A-Za-z0-9_]*(?::[^{}]*)?\}\.((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})$")
_EMPTY_HOST = re.compile(r"\bHost(?:SNI|Header)?\(\s*(?:``|\"\"|'')\s*\)", re.IGNORECASE)


def problem(route: Route) -> str | None:
    """Why the route's host cannot become a Cloudflare route, or None when it can (or has none)."""
    if route.protocol != "http":
        return None
    host = route.host
    if host is None:
        if _EMPTY_HOST.search(route.rule):
            return "it is empty (is the variable it comes from unset?)"
        return None
    if "{{" in host or "}}" in host:
        if route.source == "traefik":
            return "it is a Go template, which Traefik does not evaluate in labels"
        return "it is a Go template, which is not evaluated here"
    regex = host.startswith("~") or any(c.startswith("HostRegexp") for c in route.conditions)
    if regex:
        if _TEMPLATE_HOST.match(host):
            return None
        return "it is a regular expression, which no route pattern can express"
    if "$" in host:
        return "it holds a variable that was never interpolated"
    if _IPV4.fullmatch(host):
        return "it is an IP address, not a hostname in a zone"
    if not _HOSTNAME.fullmatch(host):
        if host.startswith(".") or host.endswith(".") or ".." in host:
            return "it is not a complete hostname (is a variable in it unset?)"
        return "it is not a hostname in a zone"
    return None


def source_of(route: Route, service: Service | None) -> str:
    """The label (or variable) that holds the route's rule, as the user wrote its key."""
    if route.source == "nginx-proxy":
        return "VIRTUAL_HOST"
    if route.source == "caddy":
        return f"label {route.router}"
    if service is not None and route.span is not None:
        for label in service.labels:
            if label.span == route.span and label.key.lower().endswith("rule"):
                return f"label {label.key}"
    return f"the default rule of router '{route.router}'"


_CADDY_SITE = re.compile(r"caddy(_\d+)?")


def empty_sources(service: Service) -> list[tuple[str, Span | None]]:
    """Proxy settings whose host is empty (an unset variable), which route nothing at all:
    ``VIRTUAL_HOST=`` for nginx-proxy, a ``caddy`` label with no address over site directives
    (without them, an empty ``caddy`` label holds Caddy's global options)."""
    found: list[tuple[str, Span | None]] = []
    for var in service.environment:
        if var.name == "VIRTUAL_HOST" and var.value is not None and not var.value.strip(" ,"):
            found.append(("VIRTUAL_HOST", var.span))
    keys = {label.key for label in service.labels}
    for label in service.labels:
        if _CADDY_SITE.fullmatch(label.key) and not label.value.strip():
            site = tuple(
                f"{label.key}.{d}" for d in ("reverse_proxy", "handle", "route", "file_server", "redir", "root")
            )
            if any(key.startswith(site) for key in keys):
                found.append((f"label {label.key}", label.span))
    return found
