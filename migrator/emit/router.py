"""The Worker's own router: what Cloudflare routes cannot express, as data.

Each proxy route of the Worker's services becomes an entry ``{name, rule, match, strip}`` where
``match`` is a matcher tree (``{"op": "host", "value": ...}``, ``{"op": "all", "of": [...]}``)
that a fixed function of the scaffold evaluates: methods, headers, queries, client IPs, regex
hosts and paths and negations are checked in code, and no text of a rule ever becomes code.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from migrator.model import Middleware, Route
from migrator.proxy import rule as rules

Matcher = dict[str, Any]
TRUE: Matcher = {"op": "true"}


class RouterEntry(NamedTuple):
    """One route of the generated Worker router."""

    name: str
    match: Matcher
    strip: str | None  # a path prefix the proxy removed before forwarding
    rule: str  # the rule as written, for people
    unchecked: tuple[str, ...] = ()  # conditions left to a person

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "rule": self.rule, "match": self.match}
        if self.strip:
            data["strip"] = self.strip
        if self.unchecked:
            data["checkByHand"] = list(self.unchecked)
        return data


def _op(op: str, **fields: Any) -> Matcher:
    return {"op": op, **fields}


def _any(items: list[Matcher]) -> Matcher:
    return items[0] if len(items) == 1 else _op("any", of=items)


def _all(items: list[Matcher]) -> Matcher:
    if not items:
        return TRUE
    return items[0] if len(items) == 1 else _op("all", of=items)


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


def _host(host: str) -> Matcher:
    if host.startswith("~"):
        return _op("hostRegex", value=host[1:])
    if "{" in host:
        return _op("hostRegex", value=_template_to_regex(host))
    if host.startswith("*."):
        return _op("hostSuffix", value=host[1:])
    if host.endswith(".*"):
        return _op("hostPrefix", value=host[:-1])
    if any(ch in host for ch in "^$()[]|\\+?"):
        return _op("hostRegex", value=host)
    return _op("host", value=host)


def _matcher(node: rules.Node) -> Matcher:
    if isinstance(node, rules.Not):
        return _op("not", of=_matcher(node.operand))
    if isinstance(node, rules.And):
        return _op("all", of=[_matcher(node.left), _matcher(node.right)])
    if isinstance(node, rules.Or):
        return _op("any", of=[_matcher(node.left), _matcher(node.right)])
    args = node.args
    name = node.name
    if not args:
        return TRUE
    if name in ("Host", "HostHeader"):
        return _any([_host(a.lower()) for a in args])
    if name == "HostRegexp":
        return _op("hostRegex", value=args[0] if "{" not in args[0] else _template_to_regex(args[0]))
    if name == "Path":
        return _any([_op("path", value=a) for a in args])
    if name == "PathPrefix":
        return _any([_op("pathPrefix", value=a) for a in args])
    if name == "PathRegexp":
        return _op("pathRegex", value=args[0])
    if name == "Method":
        return _any([_op("method", value=a.upper()) for a in args])
    if name in ("Header", "Headers") and len(args) > 1:
        return _op("header", name=args[0], value=args[1])
    if name in ("HeaderRegexp", "HeadersRegexp") and len(args) > 1:
        return _op("headerRegex", name=args[0], value=args[1])
    if name == "Query":
        if len(args) == 1 and "=" in args[0]:
            key, _, value = args[0].partition("=")
            return _op("query", name=key, value=value)
        if len(args) == 1:
            return _op("queryHas", name=args[0])
        return _op("query", name=args[0], value=args[1])
    if name == "QueryRegexp":
        return _op("queryRegex", name=args[0], value=args[1] if len(args) > 1 else ".*")
    if name == "ClientIP":
        return _any([_op("clientIp", value=a) for a in args])
    return TRUE


def _condition(text: str) -> Matcher | None:
    """A condition printed as a Traefik matcher, as a matcher tree; None when it is not one."""
    try:
        return _matcher(rules.parse(text))
    except rules.RuleSyntaxError:
        return None


def _priority(route: Route) -> int:
    """Traefik tries routers by priority, which defaults to the length of the rule."""
    return route.priority if route.priority is not None else len(route.rule)


def entries(routes: tuple[Route, ...], middlewares: dict[str, Middleware]) -> list[RouterEntry]:
    out: list[RouterEntry] = []
    for item in sorted(routes, key=lambda r: -_priority(r)):  # stable: ties keep their order
        if item.protocol != "http":
            continue
        parts: list[Matcher] = []
        notes: list[str] = []
        if item.host:
            parts.append(_host(item.host))
        if item.path:
            if item.match == "exact":
                parts.append(_op("path", value=item.path))
            elif item.match == "regex":
                pattern = item.path if "{" not in item.path else _template_to_regex(item.path).lstrip("^").rstrip("$")
                parts.append(_op("pathRegex", value=pattern if pattern.startswith("^") else "^" + pattern))
            elif item.path != "/":
                parts.append(_op("pathPrefix", value=item.path))
        for condition in item.conditions:
            if item.host and condition.startswith(("HostRegexp(", "HostSNIRegexp(")):
                continue  # already the host check
            code = _condition(condition)
            if code is not None:
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
        rule = f"{item.source} {item.router}: {item.rule}".strip()
        out.append(RouterEntry(item.router, _all(parts), strip, rule, tuple(notes)))
    return out
