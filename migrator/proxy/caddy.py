"""caddy-docker-proxy labels to routes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from migrator import numbers
from migrator.model import Finding, Route, Service, Span

_UPSTREAMS = re.compile(r"\{\{\s*upstreams(?:\s+https?)?(?:\s+([0-9]+))?\s*\}\}")
_PATH_DIRECTIVES = ("handle_path", "handle", "route", "reverse_proxy")
_NOTES = {
    "basicauth": "basicauth",
    "basic_auth": "basicauth",
    "forward_auth": "forwardauth",
    "redir": "redirect",
    "rewrite": "rewrite",
    "uri": "rewrite",
    "header": "headers",
    "encode": "compress",
    "rate_limit": "ratelimit",
}


@dataclass
class _Block:
    """One caddy site block assembled from labels."""

    key: str
    addresses: str = ""
    span: Span | None = None
    directives: dict[str, str] = field(default_factory=dict)


def routes_for(service: Service) -> tuple[list[Route], list[Finding]]:
    blocks: dict[str, _Block] = {}
    for label in service.labels:
        parts = label.key.split(".")
        head = parts[0]
        if not re.fullmatch(r"caddy(_\d+)?", head):
            continue
        block = blocks.setdefault(head, _Block(head))
        if len(parts) == 1:
            block.addresses = label.value
            block.span = label.span
        else:
            block.directives[".".join(parts[1:])] = label.value
            block.span = block.span or label.span
    routes: list[Route] = []
    findings: list[Finding] = []
    for key, block in sorted(blocks.items()):
        if not block.addresses or block.addresses.strip().startswith("("):
            continue  # a snippet, or global options
        hosts = [a for a in re.split(r"[,\s]+", block.addresses.strip()) if a]
        paths: list[tuple[str | None, str | None]] = []
        port: int | None = None
        middlewares: set[str] = set()
        for directive, value in sorted(block.directives.items()):
            if value.count("{{") != value.count("}}"):
                message = f"caddy label {key}.{directive} has an unclosed {{{{ template: {value!r}"
                hint = "close the template; caddy-docker-proxy cannot render this label"
                findings.append(Finding("RT002", "warning", message, hint, service.name, block.span))
            leaf = [re.sub(r"^\d+_", "", re.sub(r"_\d+$", "", p)) for p in directive.split(".")]
            found = _UPSTREAMS.search(value)
            if found and found.group(1):
                port = numbers.port(found.group(1))
            for name in leaf:
                if name in _NOTES:
                    middlewares.add(_NOTES[name])
            if len(leaf) == 1 and leaf[0] in ("handle_path", "handle", "route") and value.strip():
                kind = leaf[0]
                matcher = value.strip().split()[0]
                if matcher.startswith("/"):
                    paths.append((matcher, kind))
                    if kind == "handle_path":
                        middlewares.add("stripprefix")
            elif len(leaf) == 1 and leaf[0] == "reverse_proxy":
                first = value.strip().split()[0] if value.strip() else ""
                if first.startswith("/"):
                    paths.append((first, "reverse_proxy"))
        if not paths:
            paths = [(None, None)]
        for address in hosts:
            host, addr_path = _address(address)
            for path, _kind in paths:
                full = path if path is not None else addr_path
                match = None
                if full:
                    if full.endswith("*"):
                        full, match = full[:-1], "prefix"
                    else:
                        match = "exact"
                routes.append(
                    Route(
                        service=service.name,
                        source="caddy",
                        router=key,
                        host=host,
                        path=full or None,
                        match=match,  # type: ignore[arg-type]
                        middlewares=tuple(sorted(middlewares)),
                        tls=True,
                        port=port,
                        rule=block.addresses,
                        span=block.span,
                    )
                )
    return routes, findings


def _address(address: str) -> tuple[str | None, str | None]:
    text = re.sub(r"^[a-z]+://", "", address)
    host, slash, path = text.partition("/")
    host = re.sub(r":\d+$", "", host)
    if not host or host in ("*", ":80", ":443") or host.startswith(":"):
        host = ""
    return (host.lower() or None), (("/" + path) if slash else None)
