"""The plan: Workers with their bindings, routes, crons, queues, vars and secret names."""

from __future__ import annotations

import re
import zlib
from collections import defaultdict

from migrator import numbers
from migrator.graph import ServiceGraph, http_port
from migrator.images import container_image, pulled_image
from migrator.model import (
    Assessment,
    Binding,
    Middleware,
    Plan,
    Project,
    Route,
    Routing,
    Service,
    Span,
    Worker,
    WorkerRoute,
)
from migrator.proxy import middleware_family

_NOT_NAME = re.compile(r"[^a-z0-9-]+")
_DASHES = re.compile(r"-{2,}")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")
_PART_VAR = re.compile(r"_(PORT|USER|USERNAME|PASSWORD|PASS|DB|DATABASE|NAME)$")

WORKER_KINDS = frozenset({"worker", "container", "cron", "assets", "workflow"})
DATA_BINDINGS = {
    "hyperdrive": "hyperdrive",
    "d1": "d1",
    "kv": "kv",
    "durable-object": "durable_object",
    "r2": "r2",
    "queue": "queue",
}
_SUFFIXES = re.compile(
    r"_(URL|URI|DSN|HOST|HOSTNAME|HOSTS|ADDR|ADDRESS|ENDPOINT|SERVER|SERVERS|CONNECTION_STRING|CONN|PORT)$"
)
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go"})
_CONNECTION_VARS = re.compile(
    r"(_HOST|_HOSTNAME|_PORT|_URL|_URI|_DSN|_ADDR|_ADDRESS|_ENDPOINT|_SERVER)$", re.IGNORECASE
)


def worker_name(project: str, service: str) -> str:
    raw = f"{project}-{service}".lower()
    name = _NOT_NAME.sub("-", raw).strip("-")
    name = _DASHES.sub("-", name)
    return (name[:63].rstrip("-")) or "worker"


def _unique_names(names: dict[str, str]) -> dict[str, str]:
    """Services whose names normalize alike (``a_b`` and ``a-b``) still get Workers of their own."""
    taken: set[str] = set()
    out: dict[str, str] = {}
    for service in sorted(names):
        name = names[service]
        candidate, counter = name, 2
        while candidate in taken:
            suffix = f"-{counter}"
            candidate = name[: 63 - len(suffix)].rstrip("-") + suffix
            counter += 1
        taken.add(candidate)
        out[service] = candidate
    return out


def upper_snake(text: str) -> str:
    name = _NOT_ALNUM.sub("_", text).strip("_").upper()
    if not name or name[0].isdigit():
        name = "B_" + name
    return name


def pascal(text: str) -> str:
    parts = [p for p in _NOT_ALNUM.split(text) if p]
    name = "".join(p[:1].upper() + p[1:] for p in parts)
    if not name or name[0].isdigit():
        name = "S" + name
    return name


def zone_of(host: str) -> str:
    labels = host.lstrip("*.").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:]) if len(labels) >= 2 else host


def cf_routes(
    routes: tuple[Route, ...], shared_hosts: frozenset[str] = frozenset()
) -> tuple[list[WorkerRoute], list[str]]:
    """Routes to Cloudflare patterns, and what the Worker's own router must do.

    A host alone becomes a Custom Domain, unless other Workers route paths of the same host:
    then it becomes the zone route ``host/*`` so that their more specific routes still apply.
    """
    out: dict[str, WorkerRoute] = {}
    notes: list[str] = []
    for item in routes:
        if item.protocol != "http":
            continue
        host = item.host
        usable = host is not None and _HOSTNAME.fullmatch(host) is not None and not _IPV4.fullmatch(host)
        if item.conditions:
            notes.append(f"{item.rule or item.router}: check {' && '.join(item.conditions)}")
        if item.match == "regex" and item.path:
            notes.append(f"{item.rule or item.router}: match the path against the regex {item.path}")
        for mw in item.middlewares:
            family = middleware_family(mw)
            if family in ("rewrite", "redirect", "auth", "headers", "ipallow", "errors"):
                notes.append(f"{item.router}: middleware '{mw}' ({family})")
        wildcard = _wildcard_of(host) if host is not None and not usable else None
        if wildcard is not None:
            host, usable = wildcard, True
            notes.append(
                f"{item.rule or item.router}: the route takes every subdomain of {wildcard[2:]}; check the host in code"
            )
        if not usable or host is None:
            continue
        if item.path and not _SAFE_PATH.fullmatch(item.path) and item.match != "regex":
            notes.append(f"{item.router}: the path {item.path!r} cannot be a route pattern; match it in code")
            continue
        if host.startswith("*."):
            pattern = f"{host}{_path_pattern(item)}"
            out.setdefault(pattern, WorkerRoute(pattern, False, zone_of(host), item.service, item.span))
            continue
        path = item.path if item.match in ("prefix", "exact") else None
        if path in (None, "", "/") and item.match != "exact":
            if host in shared_hosts:
                out.setdefault(f"{host}/*", WorkerRoute(f"{host}/*", False, zone_of(host), item.service, item.span))
            else:
                out.setdefault(host, WorkerRoute(host, True, None, item.service, item.span))
        else:
            pattern = f"{host}{_path_pattern(item)}" if path else f"{host}/*"
            out.setdefault(pattern, WorkerRoute(pattern, False, zone_of(host), item.service, item.span))
    ordered = sorted(out.values(), key=lambda r: r.pattern)
    # A custom domain already sends the whole host to the Worker: drop zone routes under it.
    domains = {r.pattern for r in ordered if r.custom_domain}
    ordered = [r for r in ordered if r.custom_domain or r.pattern.split("/", 1)[0] not in domains]
    return ordered, sorted(set(notes))


_HOSTNAME = re.compile(r"(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")
_IPV4 = re.compile(r"[0-9.]+")
_SAFE_PATH = re.compile(r"/[A-Za-z0-9._~!$&'()+,;=:@%/-]*")
_TEMPLATE_HOST = re.compile(r"^\{[A-Za-z_][A-Za-z0-9_]*(?::[^{}]*)?\}\.((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})$")


def _wildcard_of(host: str) -> str | None:
    """A v2 HostRegexp template ``{sub:[a-z]+}.example.com`` is at most ``*.example.com``."""
    match = _TEMPLATE_HOST.match(host)
    return f"*.{match.group(1).lower()}" if match else None


def _path_pattern(item: Route) -> str:
    path = item.path or "/"
    if item.match == "exact":
        return path if path.startswith("/") else "/" + path
    if item.match == "prefix":
        base = path if path.startswith("/") else "/" + path
        return base + "*"
    return "/*"


def _binding_name(variable: str | None, service: str, taken: set[str]) -> str:
    base = ""
    if variable:
        base = _SUFFIXES.sub("", variable.upper())
    name = upper_snake(base or service)
    candidate = name
    counter = 2
    while candidate in taken:
        candidate = f"{name}_{counter}"
        counter += 1
    taken.add(candidate)
    return candidate


def build(project: Project, routing: Routing, graph: ServiceGraph, assessments: tuple[Assessment, ...]) -> Plan:
    by_name = {a.service: a for a in assessments}
    services = {s.name: s for s in project.services}
    planned = [a for a in assessments if a.target.kind in WORKER_KINDS]
    worker_of = _unique_names({a.service: worker_name(project.name, a.service) for a in planned})
    do_owner: dict[str, str] = {}
    path_hosts: dict[str, set[str]] = defaultdict(set)
    for item in routing.routes:
        if item.host and item.path not in (None, "", "/") and item.service in worker_of:
            path_hosts[item.host].add(item.service)
    host_users: dict[str, set[str]] = defaultdict(set)
    for item in routing.routes:
        if item.host and item.service in worker_of:
            host_users[item.host].add(item.service)
    shared = frozenset(h for h, users in host_users.items() if len(users) > 1 and path_hosts.get(h))
    limiters = {m.name: m for m in routing.middlewares if m.kind == "ratelimit"}
    workers = []
    for assessment in planned:
        workers.append(
            _worker(
                assessment,
                services[assessment.service],
                project,
                routing,
                graph,
                by_name,
                worker_of,
                do_owner,
                shared,
                limiters,
            )
        )
    return Plan(tuple(sorted(workers, key=lambda w: w.name)), graph.waves, graph.cycles)


def _worker(
    assessment: Assessment,
    service: Service,
    project: Project,
    routing: Routing,
    graph: ServiceGraph,
    by_name: dict[str, Assessment],
    worker_of: dict[str, str],
    do_owner: dict[str, str],
    shared_hosts: frozenset[str],
    limiters: dict[str, Middleware],
) -> Worker:
    name = worker_of[service.name]
    kind = assessment.target.kind
    language = "python" if assessment.runtime == "python" and kind == "worker" else "typescript"
    main = "src/entry.py" if language == "python" else "src/index.ts"
    taken: set[str] = set()
    bindings: list[Binding] = []
    replaced_vars: set[str] = set()
    consumers: list[str] = []
    durable_objects: list[str] = []
    refs = defaultdict(list)
    for ref in graph.references_from(service.name):
        refs[ref.target].append(ref)
    reached = [name for name in graph.reaches(service.name) if name in by_name]
    # Bindings go to code written for Workers; an unmodified image keeps its own clients, and
    # the addresses of what it reaches in their own protocols become secrets.
    can_bind = assessment.rewritten and kind in ("worker", "cron", "workflow")
    addresses: set[str] = set()
    for target in reached:
        target_assessment = by_name[target]
        target_kind = target_assessment.target.kind
        target_refs = refs.get(target, [])
        variables: list[str | None] = [r.variable for r in target_refs] or [None]
        if target_kind == "unsupported" or (target_kind in DATA_BINDINGS and not can_bind):
            addresses.update(r.variable for r in target_refs)
            continue
        if target_kind in DATA_BINDINGS:
            btype = DATA_BINDINGS[target_kind]
            resource = worker_name(project.name, target)  # bucket, queue and database names share its rules
            if target_kind == "durable-object":
                resource = pascal(target) + "State"
            if target_kind == "queue" and assessment.role == "queue-consumer":
                consumers.append(worker_name(project.name, target))
            primary = [v for v in variables if v is None or not _PART_VAR.search(v or "")] or variables
            variable = primary[0]
            binding_name = _binding_name(variable, target, taken)
            bindings.append(Binding(btype, binding_name, target, resource, variable, _var_span(service, variable)))
            replaced_vars.update(v for v in variables if v)
            replaced_vars.update(r.variable for r in target_refs)
            if target_kind == "durable-object":
                owner = do_owner.setdefault(resource, name)
                if owner == name and resource not in durable_objects:
                    durable_objects.append(resource)
        elif target_kind in ("worker", "container", "cron", "assets", "workflow") and target in worker_of:
            variable = variables[0]
            bindings.append(
                Binding(
                    "service",
                    _binding_name(variable, target, taken),
                    target,
                    worker_of[target],
                    variable,
                    _var_span(service, variable),
                )
            )
            replaced_vars.update(v for v in variables if v)

    def own_class(btype: str, suffix: str, binding_suffix: str) -> str:
        """A class this Worker defines (a room, a Container, a Workflow), bound by the service's name."""
        class_name = pascal(service.name) + suffix
        name = _binding_name(None, f"{service.name}_{binding_suffix}", taken)
        bindings.append(Binding(btype, name, service.name, class_name, None, service.span))
        return class_name

    if assessment.role == "realtime":
        durable_objects.append(own_class("durable_object", "Room", "ROOMS"))
    container = None
    if kind == "container":
        class_name = own_class("container", "Container", "CONTAINER")
        durable_objects.append(class_name)
        container = _container(service, class_name, routing, graph)
    if kind == "assets":
        bindings.append(Binding("assets", "ASSETS", service.name, None, None, service.span))
    if kind == "workflow":
        own_class("workflow", "Workflow", "WORKFLOW")
    routes, notes = cf_routes(routing.for_service(service.name), shared_hosts)
    ratelimits = _ratelimits(routing, service.name, taken, limiters)
    for rl_name, _limit, _period in ratelimits:
        bindings.append(Binding("ratelimit", rl_name, service.name, None, None, service.span))
    crons = assessment.crons
    plain_vars: list[tuple[str, str]] = []
    secrets: list[str] = []
    bound = {b.binding for b in bindings}  # one name, one binding: a name bound is not also a var or secret
    for var in service.environment:  # redaction flagged the secrets (values are gone by now)
        if var.name in bound:
            continue
        if var.name in addresses:
            secrets.append(var.name)  # the kept server's address (a connection string), set out of band
            continue
        if var.name in replaced_vars:
            if var.value and var.secret and not _CONNECTION_VARS.search(var.name):
                secrets.append(var.name)
            continue
        if var.secret:
            secrets.append(var.name)  # unset secrets too: the Worker still needs them
        elif var.value is not None:
            plain_vars.append((var.name, var.value))
    return Worker(
        name=name,
        services=(service.name,),
        main=main,
        language=language,  # type: ignore[arg-type]
        routes=tuple(routes),
        crons=crons,
        bindings=tuple(sorted(bindings, key=lambda b: (b.type, b.binding))),
        vars=tuple(sorted(plain_vars)),
        secrets=tuple(sorted(set(secrets))),
        queue_consumers=tuple(sorted(set(consumers))),
        durable_objects=tuple(sorted(set(durable_objects))),
        container=container,
        router_notes=tuple(notes),
        ratelimits=tuple(ratelimits),
    )


def _var_span(service: Service, variable: str | None) -> Span | None:
    for var in service.environment:
        if var.name == variable and var.span is not None:
            return var.span
    return service.span


_INSTANCE_TYPES = (
    (256 * 1024**2, "lite"),
    (1024**3, "basic"),
    (4 * 1024**3, "standard-1"),
    (6 * 1024**3, "standard-2"),
    (8 * 1024**3, "standard-3"),
    (12 * 1024**3, "standard-4"),
)


def _container(service: Service, class_name: str, routing: Routing, graph: ServiceGraph) -> dict[str, object]:
    memory = service.resources.memory_bytes
    instance = "basic"
    if memory is not None:
        instance = next((name for limit, name in _INSTANCE_TYPES if memory <= limit), "standard-4")
    port, why = http_port(service, routing, graph)
    info: dict[str, object] = {
        "class_name": class_name,
        "instance_type": instance,
        "max_instances": 5,
        "port": port,
        "port_reason": why,
    }
    build = service.build
    image = pulled_image(service)
    if image is not None:
        info["image"] = container_image(image).reference  # fully qualified, with a tag
    elif build is not None:
        # Built from its Dockerfile, where Compose builds it (BUILD-MISSING says when that is not
        # in the project): a tag Compose gives the build names no image a registry holds.
        remote = "://" in build.context or build.context.startswith("git@")
        info["dockerfile"] = build.dockerfile
        info["context"] = "." if remote else build.context
    else:
        info["dockerfile"], info["context"] = "Dockerfile", "."  # IMAGE-INVALID: neither image nor build
    return info


def _ratelimits(
    routing: Routing, service: str, taken: set[str], limiters: dict[str, Middleware]
) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    used = sorted({mw for r in routing.for_service(service) for mw in r.middlewares})
    for name in used:
        middleware = limiters.get(name)
        if middleware is None:
            continue
        options = dict(middleware.options)
        average = numbers.to_float(options.get("average", "100"), low=0, high=1e9)
        if average is None:
            average = 100.0
        seconds = _seconds(options.get("period", "1s"))
        per_minute = max(1, round(average * 60 / seconds)) if seconds else int(average)
        if seconds <= 10:
            out.append(
                (
                    _binding_name(None, middleware.name + "_LIMITER", taken),
                    max(1, round(average * 10 / max(seconds, 1))),
                    10,
                )
            )
        else:
            out.append((_binding_name(None, middleware.name + "_LIMITER", taken), per_minute, 60))
    return out


def _seconds(text: str) -> float:
    """A rate limit's period in seconds (1 when it cannot be read), at most a day."""
    seconds = numbers.duration_seconds(text)
    return 1.0 if seconds is None else min(seconds, 86400.0)


def namespace_id(worker: str, binding: str) -> str:
    """A stable ratelimit namespace id (an integer in a string, unique per account)."""
    return str(1000 + zlib.crc32(f"{worker}/{binding}".encode()) % 900000)
