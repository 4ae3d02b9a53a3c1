"""Can a route's host become a Cloudflare route?  If not, say why and which label holds it.

A host that cannot be read would otherwise vanish from the plan without a word: a Go template
(``Host(`{{ env "DOMAIN" }}`)``, which Traefik never evaluates in labels), a variable left as
written (``$${DOMAIN}``), an empty or partial host from an unset variable (``Host(`api.${BASE}`)``),
or a regular expression that no route pattern can express.
"""

from __future__ import annotations

import re

from migrator.model import Route, Service

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
        return "it is a Go template, which Traefik does not evaluate in labels"
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
