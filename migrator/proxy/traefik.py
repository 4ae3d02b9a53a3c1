"""Traefik's Docker provider: labels (v1, v2, v3) to routes, as Traefik itself reads them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from migrator import numbers
from migrator.model import Finding, Label, Middleware, Project, Route, Service, Span
from migrator.proxy import rule as rules

_NOT_ALNUM = re.compile(r"[^a-zA-Z0-9]+")

_V1_KEYS = re.compile(
    r"^traefik\.(?:(?P<segment>[^.]+)\.)?(?P<prop>frontend\.rule|port|frontend\.entrypoints|frontend\.priority|backend|frontend\.auth\.basic.*|frontend\.redirect\..*|frontend\.headers\..*|protocol)$",
    re.IGNORECASE,
)


@dataclass
class TraefikConfig:
    """What the project's own Traefik service says about its Docker provider."""

    present: bool = False
    version: str | None = None  # "v1", "v2" or "v3"
    exposed_by_default: bool = True
    default_rule: str | None = None
    domain: str | None = None  # v1 docker.domain
    entrypoints: dict[str, int] = field(default_factory=dict)  # name -> port
    service: str | None = None
    span: Span | None = None


def is_traefik_image(image: str | None) -> bool:
    if not image:
        return False
    repo = image.split("@")[0].rsplit(":", 1)[0] if ":" in image.split("/")[-1] else image.split("@")[0]
    return repo.split("/")[-1] == "traefik"


def _image_version(image: str) -> str | None:
    last = image.split("/")[-1]
    if ":" not in last:
        return None
    tag = last.split(":", 1)[1].lstrip("v")
    major = tag.split(".")[0]
    if major in ("1", "2", "3"):
        return f"v{major}"
    if tag.startswith(("maroilles", "montdor", "cancoillotte", "roquefort", "saintmarcelin")):
        return "v1"
    return None


def read_static_config(project: Project) -> TraefikConfig:
    config = TraefikConfig()
    for service in project.services:
        if not is_traefik_image(service.image):
            continue
        config.present = True
        config.service = service.name
        config.span = service.span
        config.version = _image_version(service.image or "")
        for target, text in service.config_files:
            _apply_file(config, target, text)
        args = list(service.command or ())
        for arg in args:
            _apply_flag(config, arg)
        for var in service.environment:
            if var.value is None:
                continue
            name = var.name.upper()
            if name == "TRAEFIK_PROVIDERS_DOCKER_EXPOSEDBYDEFAULT":
                config.exposed_by_default = var.value.strip().lower() != "false"
            elif name == "TRAEFIK_PROVIDERS_DOCKER_DEFAULTRULE":
                config.default_rule = var.value
            elif name.startswith("TRAEFIK_ENTRYPOINTS_") and name.endswith("_ADDRESS"):
                port = _port_of(var.value)
                if port:
                    config.entrypoints[name[len("TRAEFIK_ENTRYPOINTS_") : -len("_ADDRESS")].lower()] = port
        break
    return config


def _apply_file(config: TraefikConfig, target: str, text: str) -> None:
    """Traefik's static configuration file (YAML or TOML), as far as routing needs it."""
    data: object
    try:
        if target.endswith(".toml"):
            import tomllib

            data = tomllib.loads(text)
        else:
            import yaml

            data = yaml.safe_load(text)
    except Exception:  # a broken file: Traefik would not start; routing keeps its defaults
        return
    if not isinstance(data, dict):
        return
    lowered = {str(k).lower(): v for k, v in data.items()}
    providers = lowered.get("providers")
    docker = None
    if isinstance(providers, dict):
        docker = {str(k).lower(): v for k, v in providers.items()}.get("docker")
    if isinstance(docker, dict):
        options = {str(k).lower(): v for k, v in docker.items()}
        if "exposedbydefault" in options:
            config.exposed_by_default = str(options["exposedbydefault"]).lower() != "false"
        if isinstance(options.get("defaultrule"), str):
            config.default_rule = options["defaultrule"]
    entrypoints = lowered.get("entrypoints")
    if isinstance(entrypoints, dict):
        for name, value in entrypoints.items():
            if isinstance(value, dict) and isinstance(value.get("address"), str):
                port = _port_of(value["address"])
                if port:
                    config.entrypoints[str(name).lower()] = port


def _apply_flag(config: TraefikConfig, arg: str) -> None:
    text = arg.lstrip("-")
    key, _, value = text.partition("=")
    low = key.lower()
    if low in ("providers.docker.exposedbydefault", "docker.exposedbydefault"):
        config.exposed_by_default = value.strip().lower() not in ("false", "0")
    elif low == "providers.docker.defaultrule":
        config.default_rule = value
    elif low == "docker.domain":
        config.domain = value
        config.version = config.version or "v1"
    elif low.startswith("entrypoints.") and low.endswith(".address"):
        port = _port_of(value)
        if port:
            config.entrypoints[low.split(".")[1]] = port
    elif low == "entrypoints" or low == "entrypoint" or low.startswith("entrypoints=name:"):
        name = re.search(r"Name:(\w+)", arg)
        address = arg.find("Address::", name.end()) if name else -1
        port = numbers.port(re.match(r"[0-9]*", arg[address + 9 :])[0]) if name and address >= 0 else None  # type: ignore[index]
        if name and port is not None:
            config.entrypoints[name.group(1).lower()] = port
            config.version = config.version or "v1"


def _port_of(address: str) -> int | None:
    match = re.search(r":([0-9]+)(?:/\w+)?$", address.strip())
    return numbers.port(match.group(1)) if match else None


def _normalize(name: str) -> str:
    return _NOT_ALNUM.sub("-", name)


@dataclass
class _Router:
    """A router's labels, grouped."""

    name: str
    protocol: str
    props: dict[str, tuple[str, Span | None]] = field(default_factory=dict)


def _label_groups(
    labels: Iterable[Label],
) -> tuple[
    dict[tuple[str, str], _Router], dict[tuple[str, str], dict[str, str]], dict[str, dict[str, tuple[str, Span | None]]]
]:
    routers: dict[tuple[str, str], _Router] = {}
    services: dict[tuple[str, str], dict[str, str]] = {}
    middlewares: dict[str, dict[str, tuple[str, Span | None]]] = {}
    for label in labels:
        parts = label.key.split(".")
        if len(parts) < 4 or parts[0].lower() != "traefik":
            continue
        proto = parts[1].lower()
        kind = parts[2].lower()
        if proto not in ("http", "tcp", "udp"):
            continue
        name = parts[3]
        rest = ".".join(parts[4:]).lower()
        if kind == "routers":
            router = routers.setdefault((proto, name), _Router(name, proto))
            router.props[rest] = (label.value, label.span)
        elif kind == "services":
            services.setdefault((proto, name), {})[rest] = label.value
        elif kind == "middlewares" and proto == "http":
            middlewares.setdefault(name, {})[rest] = (label.value, label.span)
    return routers, services, middlewares


def routes_for(
    service: Service, project: Project, config: TraefikConfig
) -> tuple[list[Route], list[Middleware], list[Finding]]:
    labels = [label for label in service.labels if label.key.lower().startswith("traefik.")]
    enable = next((label.value for label in labels if label.key.lower() == "traefik.enable"), None)
    if enable is not None and enable.strip().lower() == "false":
        return [], [], []
    if enable is None or enable.strip().lower() != "true":
        if not config.exposed_by_default:
            return [], [], []
        if not labels:
            return [], [], []  # exposed by default, but only with the default rule: see route()
    if config.version == "v1" or (
        any(_V1_KEYS.match(label.key) for label in labels)
        and not any(label.key.lower().startswith(("traefik.http.", "traefik.tcp.", "traefik.udp.")) for label in labels)
    ):
        return _v1_routes(service, project, config, labels)
    return _v2_routes(service, project, config, labels)


def _lowest_port(service: Service) -> int | None:
    ports = [p.target for p in service.ports if p.target] + sorted(numbers.exposed_ports(service.expose))
    return min(ports) if ports else None


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _default_rule(service: Service, project: Project, config: TraefikConfig) -> str:
    name = _normalize(f"{service.name}-{project.name}")
    template = config.default_rule
    if template:
        # Replacements are functions: a name such as 'a\1' is text, never a group reference.
        text = re.sub(r"\{\{\s*normalize\s+\.Name\s*\}\}", lambda _m: name, template)
        text = re.sub(r"\{\{\s*\.Name\s*\}\}", lambda _m: f"{service.name}_{project.name}", text)
        text = re.sub(
            r'\{\{\s*index\s+\.Labels\s+"com\.docker\.compose\.service"\s*\}\}', lambda _m: service.name, text
        )
        text = re.sub(
            r'\{\{\s*index\s+\.Labels\s+"com\.docker\.compose\.project"\s*\}\}', lambda _m: project.name, text
        )
        if "{{" not in text:
            return text
    return f"Host(`{name}`)"


def _v2_routes(
    service: Service, project: Project, config: TraefikConfig, labels: list[Label]
) -> tuple[list[Route], list[Middleware], list[Finding]]:
    routers, services, mw_labels = _label_groups(labels)
    findings: list[Finding] = []
    middlewares = [_middleware(name, props) for name, props in sorted(mw_labels.items())]
    findings.extend(_unreadable_numbers(service, middlewares))
    http_services = sorted(name for proto, name in services if proto == "http")
    has_tcp_udp = any(proto in ("tcp", "udp") for proto, _ in (*routers, *services))
    has_http = any(proto == "http" for proto, _ in (*routers, *services)) or bool(mw_labels)
    auto_name = _normalize(f"{service.name}-{project.name}")
    if not http_services and (has_http or not has_tcp_udp):
        http_services = [auto_name]
        services.setdefault(("http", auto_name), {})
    if not any(proto == "http" for proto, _ in routers) and (has_http or not has_tcp_udp):
        if len(http_services) <= 1:
            routers[("http", auto_name)] = _Router(auto_name, "http")
        else:
            findings.append(
                Finding(
                    "RT003",
                    "warning",
                    f"Traefik creates no router for '{service.name}': it declares several services and no router",
                    "declare a router with a rule and a service",
                    service.name,
                    service.span,
                )
            )
    label_span = labels[0].span if labels else service.span
    syntax_default: rules.Syntax | None = "v2" if config.version == "v2" else "v3" if config.version == "v3" else None
    out: list[Route] = []
    for (proto, name), router in sorted(routers.items()):
        rule_text, rule_span = router.props.get("rule", ("", None))
        if proto == "udp":
            port = _service_port(services, "udp", router, service)
            out.append(
                Route(
                    service.name,
                    "traefik",
                    name,
                    protocol="udp",
                    entrypoints=_split(router.props.get("entrypoints", ("", None))[0]),
                    port=port,
                    span=label_span,
                )
            )
            continue
        if not rule_text:
            if proto == "tcp":
                findings.append(
                    Finding(
                        "RT001",
                        "warning",
                        f"TCP router '{name}' has no rule",
                        "add a HostSNI rule",
                        service.name,
                        label_span,
                    )
                )
                continue
            rule_text = _default_rule(service, project, config)
        target_service = router.props.get("service", ("", None))[0]
        proto_services = sorted(n for p, n in services if p == proto)
        if not target_service and len(proto_services) > 1:
            findings.append(
                Finding(
                    "RT003",
                    "warning",
                    f"Traefik drops router '{name}': it names no service and '{service.name}' declares several",
                    "add traefik.http.routers.<name>.service",
                    service.name,
                    rule_span or label_span,
                )
            )
            continue
        syntax_label = router.props.get("rulesyntax", ("", None))[0].lower()
        syntax: rules.Syntax | None = (
            "tcp"
            if proto == "tcp"
            else ("v2" if syntax_label == "v2" else "v3" if syntax_label == "v3" else syntax_default)
        )
        try:
            ast = rules.parse(rule_text, syntax)
            alternatives = rules.disjuncts(ast)
        except rules.RuleSyntaxError as exc:
            findings.append(
                Finding(
                    "RT002",
                    "warning",
                    f"router '{name}' (label traefik.{proto}.routers.{name}.rule): invalid rule {rule_text!r} at column {exc.column}: {exc.message}",
                    "fix the rule; Traefik ignores this router",
                    service.name,
                    rule_span or label_span,
                )
            )
            continue
        except ValueError as exc:
            findings.append(
                Finding(
                    "LIM001",
                    "warning",
                    f"router '{name}': {exc} (the alternatives budget)",
                    "split the rule into several routers",
                    service.name,
                    rule_span or label_span,
                )
            )
            continue
        port = _service_port(services, proto, router, service)
        entrypoints = _split(router.props.get("entrypoints", ("", None))[0])
        mws = tuple(m.split("@")[0] for m in _split(router.props.get("middlewares", ("", None))[0]))
        tls = any(
            (key == "tls" and value.lower() == "true") or key.startswith("tls.")
            for key, (value, _) in router.props.items()
        )
        priority_text = router.props.get("priority", ("", None))[0]
        priority = numbers.to_int(priority_text, low=0)
        for conjunct in alternatives:
            out.append(
                _route_from(
                    service.name,
                    name,
                    proto,
                    conjunct,
                    rule_text,
                    entrypoints,
                    mws,
                    tls,
                    port,
                    priority,
                    rule_span or label_span,
                )
            )
    return out, middlewares, findings


def _service_port(
    services: dict[tuple[str, str], dict[str, str]], proto: str, router: _Router, service: Service
) -> int | None:
    name = router.props.get("service", ("", None))[0].split("@")[0]
    candidates = [props for (p, n), props in services.items() if p == proto and (not name or n == name)]
    for props in candidates:
        value = props.get("loadbalancer.server.port")
        number = numbers.port(value) if value else None
        if number is not None:
            return number
    return _lowest_port(service)


def _route_from(
    service: str,
    router: str,
    proto: str,
    conjunct: list[rules.Literal_],
    rule_text: str,
    entrypoints: tuple[str, ...],
    middlewares: tuple[str, ...],
    tls: bool,
    port: int | None,
    priority: int | None,
    span: Span | None,
) -> Route:
    host: str | None = None
    path: str | None = None
    match: str | None = None
    conditions: list[str] = []
    for negated, matcher in conjunct:
        text = ("!" if negated else "") + rules.to_text(matcher)
        arg = matcher.args[0] if matcher.args else ""
        if negated:
            conditions.append(text)
        elif matcher.name in ("Host", "HostHeader", "HostSNI") and host is None:
            host = arg.lower() or None
        elif matcher.name in ("HostRegexp", "HostSNIRegexp") and host is None:
            host = arg
            conditions.append(text)
        elif matcher.name == "PathPrefix" and path is None:
            path, match = _v2_path(arg, "prefix")
        elif matcher.name == "Path" and path is None:
            path, match = _v2_path(arg, "exact")
        elif matcher.name == "PathRegexp" and path is None:
            path, match = arg, "regex"
        else:
            conditions.append(text)
    if proto == "tcp" and host == "*":
        host = None
    return Route(
        service=service,
        source="traefik",
        router=router,
        host=host,
        path=path,
        match=match,  # type: ignore[arg-type]
        protocol=proto,  # type: ignore[arg-type]
        conditions=tuple(conditions),
        middlewares=middlewares,
        entrypoints=entrypoints,
        tls=tls,
        port=port,
        priority=priority,
        rule=rule_text,
        span=span,
    )


def _v2_path(arg: str, kind: str) -> tuple[str, str]:
    """v2 paths may hold gorilla/mux ``{name:regex}`` templates: those are regex matches."""
    if "{" in arg and "}" in arg:
        return arg, "regex"
    return arg, kind


def _unreadable_numbers(service: Service, middlewares: list[Middleware]) -> list[Finding]:
    """Rate limits whose numbers Traefik cannot read (``.inf``, ``.nan``, non-ASCII digits)."""
    found = []
    for middleware in middlewares:
        if middleware.kind != "ratelimit":
            continue
        for key, value in middleware.options:
            readable = (
                numbers.duration_seconds(value)
                if key == "period"
                else numbers.to_int(value, low=0)
                if key in ("average", "burst")
                else True
            )
            if readable is None:
                found.append(
                    Finding(
                        "LIM002",
                        "warning",
                        f"middleware '{middleware.name}': ratelimit.{key} {numbers.describe(value)} is not a number "
                        "Traefik reads; the plan uses the default",
                        "write a whole number (average, burst) or a duration such as 1s or 1m (period)",
                        service.name,
                        middleware.span,
                    )
                )
    return found


def _middleware(name: str, props: dict[str, tuple[str, Span | None]]) -> Middleware:
    kinds = sorted({key.split(".")[0] for key in props})
    kind = kinds[0] if kinds else "unknown"
    span = next((span for _value, span in props.values() if span is not None), None)
    options = tuple(sorted((key.split(".", 1)[1] if "." in key else "", value) for key, (value, _s) in props.items()))
    return Middleware(name=name, kind=kind, options=options, span=span)


# --- Traefik v1 -------------------------------------------------------------------------------

_V1_MODIFIERS = frozenset(
    {
        "addprefix",
        "replacepath",
        "replacepathregex",
        "pathstrip",
        "pathstripregex",
        "pathprefixstrip",
        "pathprefixstripregex",
    }
)


def _v1_routes(
    service: Service, project: Project, config: TraefikConfig, labels: list[Label]
) -> tuple[list[Route], list[Middleware], list[Finding]]:
    segments: dict[str, dict[str, tuple[str, Span | None]]] = {}
    for label in labels:
        match = _V1_KEYS.match(label.key)
        if not match:
            continue
        segment = match.group("segment") or ""
        segments.setdefault(segment, {})[match.group("prop").lower()] = (label.value, label.span)
    named = [seg for seg in segments if seg]
    if named and "" in segments and not {"frontend.rule", "port"} & set(segments[""]):
        shared = segments.pop("")
        for seg in named:
            for key, value in shared.items():
                segments[seg].setdefault(key, value)
    if not segments:
        segments[""] = {}
    routes: list[Route] = []
    findings: list[Finding] = []
    for segment, props in sorted(segments.items()):
        rule_text, span = props.get("frontend.rule", ("", None))
        span = span or service.span
        if not rule_text:
            domain = config.domain
            rule_text = (
                f"Host:{service.name}.{project.name}.{domain}" if domain else f"Host:{service.name}.{project.name}"
            )
        port_text = props.get("port", ("", None))[0]
        port = numbers.port(port_text) or _lowest_port(service)
        entrypoints = _split(props.get("frontend.entrypoints", ("", None))[0])
        router = f"{segment or 'frontend'}-{_normalize(service.name)}"
        try:
            alternatives, modifiers = parse_v1_rule(rule_text)
        except rules.RuleSyntaxError as exc:
            findings.append(
                Finding(
                    "RT002",
                    "warning",
                    f"Traefik v1 rule {rule_text!r} (label traefik.{segment + '.' if segment else ''}frontend.rule) is invalid at column {exc.column}: {exc.message}",
                    "fix the frontend rule",
                    service.name,
                    span,
                )
            )
            continue
        except ValueError as exc:
            findings.append(
                Finding(
                    "LIM001",
                    "warning",
                    f"Traefik v1 rule of '{service.name}': {exc}",
                    "split the rule into several frontends",
                    service.name,
                    span,
                )
            )
            continue
        mws = tuple(sorted(modifiers))
        if any(key.startswith("frontend.auth.basic") for key in props):
            mws += ("basicauth",)
        if any(key.startswith("frontend.redirect.") for key in props):
            mws += ("redirect",)
        if any(key.startswith("frontend.headers.") for key in props):
            mws += ("headers",)
        for conjunct in alternatives:
            routes.append(
                _route_from(
                    service.name, router, "http", conjunct, rule_text, entrypoints, mws, False, port, None, span
                )
            )
    return routes, [], findings


V1_ALTERNATIVES = 64  # as for v2 rules: more alternatives than a frontend ever needs


def parse_v1_rule(text: str) -> tuple[list[list[rules.Literal_]], set[str]]:
    """``Host:a,b;PathPrefix:/x`` to alternatives; ``;`` is AND, ``,`` OR within a matcher."""
    names = {
        "host": "Host",
        "hostregexp": "HostRegexp",
        "path": "Path",
        "pathprefix": "PathPrefix",
        "method": "Method",
        "headers": "Header",
        "headersregexp": "HeaderRegexp",
        "query": "Query",
        "pathstrip": "Path",
        "pathprefixstrip": "PathPrefix",
        "pathstripregex": "PathRegexp",
        "pathprefixstripregex": "PathRegexp",
    }
    alternatives: list[list[rules.Literal_]] = [[]]
    modifiers: set[str] = set()
    column = 1
    for part in text.split(";"):
        stripped = part.strip()
        if not stripped:
            column += len(part) + 1
            continue
        name, sep, values = stripped.partition(":")
        low = name.strip().lower()
        if not sep or (low not in names and low not in _V1_MODIFIERS):
            raise rules.RuleSyntaxError(f"unknown or malformed matcher {stripped!r}", column)
        if low in ("addprefix", "replacepath", "replacepathregex"):
            modifiers.add(low)
            column += len(part) + 1
            continue
        if low.endswith(("strip", "stripregex")):
            modifiers.add(low)
        canonical = names[low]
        if low in ("headers", "headersregexp"):
            key, _, val = values.partition(",")
            options = [(key.strip(), val.strip())]
        else:
            options = [(v.strip(),) for v in values.split(",") if v.strip()]  # type: ignore[misc]
        if not options:
            raise rules.RuleSyntaxError(f"matcher {name.strip()} has no value", column)
        if len(alternatives) * len(options) > V1_ALTERNATIVES:
            raise ValueError(f"the rule expands to more than {V1_ALTERNATIVES} alternatives (the alternatives budget)")
        alternatives = [
            [*alt, (False, rules.Matcher(canonical, opt, column))] for alt in alternatives for opt in options
        ]
        column += len(part) + 1
    return [alt for alt in alternatives if alt], modifiers
