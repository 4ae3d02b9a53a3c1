"""The Worker's own router: what Cloudflare routes cannot express, as TypeScript conditions.

Each proxy route of the Worker's services becomes an entry ``{name, match, strip}`` where
``match`` is a TypeScript expression over ``request`` and ``url``; methods, headers, queries,
client IPs, regex hosts and paths and negations are checked in code.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from migrator.model import Middleware, Route
from migrator.proxy import rule as rules


class RouterEntry(NamedTuple):
    """One route of the generated Worker router."""

    name: str
    match: str  # a TypeScript boolean expression
    strip: str | None  # a path prefix the proxy removed before forwarding
    comment: str


def _js(value: str) -> str:
    return json.dumps(value)


def _regex(pattern: str) -> str:
    return f"new RegExp({_js(pattern)})"


_TEMPLATE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?\}")


def _template_to_regex(text: str) -> str:
    """A v2 (gorilla/mux) template such as ``{sub:[a-z]+}.example.com`` as a regex."""
    out: list[str] = []
    last = 0
    for match in _TEMPLATE.finditer(text):
        out.append(re.escape(text[last : match.start()]))
        out.append(f"({match.group(2) or '[^./]+'})")
        last = match.end()
    out.append(re.escape(text[last:]))
    return "^" + "".join(out) + "$"


def _host(host: str) -> str:
    if host.startswith("~"):
        return f"{_regex(host[1:])}.test(url.hostname)"
    if "{" in host:
        return f"{_regex(_template_to_regex(host))}.test(url.hostname)"
    if host.startswith("*."):
        return f"url.hostname.endsWith({_js(host[1:])})"
    if host.endswith(".*"):
        return f"url.hostname.startsWith({_js(host[:-1])})"
    if any(ch in host for ch in "^$()[]|\\+?"):
        return f"{_regex(host)}.test(url.hostname)"
    return f"url.hostname === {_js(host)}"


def _matcher(node: rules.Node) -> str:
    if isinstance(node, rules.Not):
        return f"!({_matcher(node.operand)})"
    if isinstance(node, rules.And):
        return f"({_matcher(node.left)} && {_matcher(node.right)})"
    if isinstance(node, rules.Or):
        return f"({_matcher(node.left)} || {_matcher(node.right)})"
    args = node.args
    name = node.name
    if name in ("Host", "HostHeader"):
        return " || ".join(_host(a.lower()) for a in args) if len(args) > 1 else _host(args[0].lower())
    if name == "HostRegexp":
        return f"{_regex(args[0] if '{' not in args[0] else _template_to_regex(args[0]))}.test(url.hostname)"
    if name == "Path":
        return " || ".join(f"url.pathname === {_js(a)}" for a in args)
    if name == "PathPrefix":
        return " || ".join(f"url.pathname.startsWith({_js(a)})" for a in args)
    if name == "PathRegexp":
        return f"{_regex(args[0])}.test(url.pathname)"
    if name == "Method":
        return " || ".join(f"request.method === {_js(a.upper())}" for a in args)
    if name in ("Header", "Headers"):
        return f"request.headers.get({_js(args[0])}) === {_js(args[1])}"
    if name in ("HeaderRegexp", "HeadersRegexp"):
        return f'{_regex(args[1])}.test(request.headers.get({_js(args[0])}) ?? "")'
    if name == "Query":
        if len(args) == 1 and "=" in args[0]:
            key, _, value = args[0].partition("=")
            return f"url.searchParams.get({_js(key)}) === {_js(value)}"
        if len(args) == 1:
            return f"url.searchParams.has({_js(args[0])})"
        return f"url.searchParams.get({_js(args[0])}) === {_js(args[1])}"
    if name == "QueryRegexp":
        key = args[0]
        pattern = args[1] if len(args) > 1 else ".*"
        return f'{_regex(pattern)}.test(url.searchParams.get({_js(key)}) ?? "")'
    if name == "ClientIP":
        return " || ".join(f"clientIpIn(request, {_js(a)})" for a in args)
    return "true"


def _condition(text: str) -> tuple[str, bool]:
    """A condition printed as a Traefik matcher, as TypeScript; False when it is not a matcher."""
    try:
        return _matcher(rules.parse(text)), True
    except rules.RuleSyntaxError:
        return "true", False


def _priority(route: Route) -> int:
    """Traefik tries routers by priority, which defaults to the length of the rule."""
    return route.priority if route.priority is not None else len(route.rule)


def entries(routes: tuple[Route, ...], middlewares: dict[str, Middleware]) -> list[RouterEntry]:
    out: list[RouterEntry] = []
    for item in sorted(routes, key=lambda r: -_priority(r)):  # stable: ties keep their order
        if item.protocol != "http":
            continue
        parts: list[str] = []
        notes: list[str] = []
        if item.host:
            parts.append(_host(item.host))
        if item.path:
            if item.match == "exact":
                parts.append(f"url.pathname === {_js(item.path)}")
            elif item.match == "regex":
                pattern = item.path if "{" not in item.path else _template_to_regex(item.path).lstrip("^").rstrip("$")
                parts.append(f"{_regex(pattern if pattern.startswith('^') else '^' + pattern)}.test(url.pathname)")
            elif item.path != "/":
                parts.append(f"url.pathname.startsWith({_js(item.path)})")
        for condition in item.conditions:
            if item.host and condition.startswith(("HostRegexp(", "HostSNIRegexp(")):
                continue  # already the host check
            code, ok = _condition(condition)
            if ok:
                parts.append(code)
            else:
                notes.append(condition)
        strip = None
        for name in item.middlewares:
            middleware = middlewares.get(name)
            if middleware is not None and middleware.kind == "stripprefix":
                prefixes = dict(middleware.options).get("prefixes", "")
                strip = prefixes.split(",")[0].strip() or None
            elif name in ("stripprefix", "pathprefixstrip") and item.path and item.match == "prefix":
                strip = item.path
        comment = f"{item.source} {item.router}: {item.rule}".strip()
        if notes:
            comment += " (check by hand: " + "; ".join(notes) + ")"
        out.append(RouterEntry(item.router, " && ".join(parts) or "true", strip, comment))
    return out
