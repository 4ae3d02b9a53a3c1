"""The intermediate representation shared by every stage.

Compose vocabulary only lives in ``Project``/``Service``; Cloudflare vocabulary starts with
``Target`` and the plan.  Every node that comes from a file carries a ``Span``.

Records are immutable named tuples: a command builds tens of thousands of them and creating a
named tuple (and its class, at import) costs a fraction of a frozen dataclass.  The three
classes that index their contents (``Project``, ``Routing``, ``Analysis``) stay dataclasses.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

Severity = Literal["blocker", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "blocker": 2}

TARGET_KINDS: tuple[str, ...] = (
    "worker",
    "assets",
    "d1",
    "hyperdrive",
    "kv",
    "durable-object",
    "r2",
    "queue",
    "cron",
    "workflow",
    "container",
    "platform",
    "unsupported",
)

BINDING_TYPES: tuple[str, ...] = (
    "kv",
    "d1",
    "r2",
    "durable_object",
    "queue",
    "hyperdrive",
    "service",
    "assets",
    "workflow",
    "container",
    "ai",
    "ratelimit",
    "send_email",
)


class Span(NamedTuple):
    """Where a node came from: file relative to the project directory, 1-based line and column.

    A named tuple rather than a dataclass: the loader makes one for every key and item of
    every file, and a tuple is several times cheaper to create.
    """

    file: str
    line: int = 0
    column: int = 0

    def where(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column}


class Finding(NamedTuple):
    """Something a person should know, with a severity, a hint and where it comes from."""

    rule_id: str
    severity: Severity
    message: str
    hint: str = ""
    service: str | None = None
    span: Span | None = None

    def sort_key(self) -> tuple[int, str, str, int, int, str, str]:
        span = self.span or Span("")
        return (
            -SEVERITY_ORDER[self.severity],
            self.service or "",
            span.file,
            span.line,
            span.column,
            self.rule_id,
            self.message,
        )


# --- compose ---------------------------------------------------------------------------------


class Port(NamedTuple):
    """A port in Compose's long syntax."""

    target: int
    published: str | None = None
    host_ip: str | None = None
    protocol: str = "tcp"
    mode: str = "ingress"
    app_protocol: str | None = None
    span: Span | None = None


class Volume(NamedTuple):
    """A mount in Compose's long syntax."""

    type: str
    target: str
    source: str | None = None
    read_only: bool = False
    span: Span | None = None


class EnvVar(NamedTuple):
    """One environment variable of a service, after env_file and interpolation.

    After redaction (``migrator.redaction``) ``secret`` says the variable holds a secret (its
    value is then redacted) and ``weak`` that the secret was a weak or default value."""

    name: str
    value: str | None
    span: Span | None = None
    secret: bool = False
    weak: bool = False


class Label(NamedTuple):
    """One label of a service (deploy labels are flagged)."""

    key: str
    value: str
    span: Span | None = None
    deploy: bool = False


class Dependency(NamedTuple):
    """One depends_on entry."""

    service: str
    condition: str = "service_started"
    required: bool = True


class Build(NamedTuple):
    """A service's build, with what its context says about the app."""

    context: str
    dockerfile: str = "Dockerfile"
    target: str | None = None
    platforms: tuple[str, ...] = ()
    context_dir: str | None = None  # absolute path on disk when it lies inside the project
    base_images: tuple[str, ...] = ()  # FROM lines of the Dockerfile, when it could be read
    files: tuple[str, ...] = ()  # marker files found in the context (package.json, go.mod, ...)
    packages: tuple[str, ...] = ()  # dependency names from package.json, requirements.txt, go.mod, ...


class Resources(NamedTuple):
    """CPU and memory limits of a service."""

    cpus: float | None = None
    memory_bytes: int | None = None


# Where crond, busybox and supercronic read crontabs.
CRONTAB_DIRS = ("/etc/crontabs/", "/var/spool/cron/crontabs/", "/var/spool/cron/", "/etc/cron.d/")


def is_crontab(target: str) -> bool:
    """Whether a file mounted at ``target`` is a crontab that a cron runner reads."""
    name = target.rstrip("/").rsplit("/", 1)[-1].lower()
    return (
        target.startswith(CRONTAB_DIRS)
        or target == "/etc/crontab"
        or name in ("crontab", "crontab.txt", "crontabs")
        or name.endswith((".cron", ".crontab"))
    )


def is_crontab_folder(target: str) -> bool:
    """Whether a folder mounted at ``target`` holds crontabs, one a file (``./cron:/etc/crontabs``)."""
    return target.rstrip("/") + "/" in CRONTAB_DIRS


class Service(NamedTuple):
    """One service of the loaded project."""

    name: str
    span: Span
    image: str | None = None
    build: Build | None = None
    command: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None
    environment: tuple[EnvVar, ...] = ()
    labels: tuple[Label, ...] = ()
    ports: tuple[Port, ...] = ()
    expose: tuple[str, ...] = ()
    volumes: tuple[Volume, ...] = ()
    depends_on: tuple[Dependency, ...] = ()
    links: tuple[str, ...] = ()
    volumes_from: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    container_name: str | None = None
    hostname: str | None = None
    profiles: tuple[str, ...] = ()
    platform: str | None = None
    privileged: bool = False
    cap_add: tuple[str, ...] = ()
    devices: tuple[str, ...] = ()
    network_mode: str | None = None
    pid: str | None = None
    restart: str | None = None  # the restart policy as written ("no", "always", ...)
    resources: Resources = Resources()
    healthcheck: tuple[str, ...] | None = None
    config_files: tuple[
        tuple[str, str], ...
    ] = ()  # (mount target, text) of small config files mounted from the project
    extension: dict[str, Any] | None = None  # the x-migrator block, as written
    extension_span: Span | None = None
    replicas: int | None = None  # deploy.replicas or scale, when given

    def env(self, name: str) -> str | None:
        for var in self.environment:
            if var.name == name:
                return var.value
        return None

    def label(self, key: str) -> str | None:
        for item in self.labels:
            if item.key == key:
                return item.value
        return None


@dataclass(frozen=True, slots=True)
class Project:
    """The loaded project: its services and the normalized configuration."""

    name: str
    working_dir: str
    files: tuple[str, ...]
    services: tuple[Service, ...]
    volumes: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    inactive: tuple[tuple[str, tuple[str, ...]], ...] = ()  # services whose profiles are off, with them
    # Builds the normalized configuration (``migrator config``) on first use: analyze never needs it.
    render_config: Callable[[], dict[str, Any]] | None = field(default=None, compare=False, repr=False)
    # Values that interpolation took from the process environment (name, value), minus the
    # names the user allowed: secrets, whatever their names.
    from_environ: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)
    # Set by redaction: the strong secret values, searched for in every output as a last net.
    strong_secrets: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    # Set by redaction: SHA-256 digests of every secret value, weak ones included (never the values).
    secret_digests: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    redacted: bool = field(default=False, compare=False, repr=False)
    _by_name: dict[str, Service] = field(default_factory=dict, init=False, repr=False, compare=False)
    _config: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {svc.name: svc for svc in self.services})

    @property
    def config(self) -> dict[str, Any]:
        """The project in the shape of ``docker compose config --format json``."""
        if self._config is None:
            object.__setattr__(self, "_config", self.render_config() if self.render_config else {})
        assert self._config is not None
        return self._config

    def service(self, name: str) -> Service | None:
        return self._by_name.get(name)


# --- routing ---------------------------------------------------------------------------------


class Route(NamedTuple):
    """One disjunct of a proxy rule: a host and/or path plus what routes cannot express."""

    service: str
    source: Literal["traefik", "caddy", "nginx-proxy"]
    router: str
    host: str | None = None
    path: str | None = None
    match: Literal["prefix", "exact", "regex"] | None = None
    protocol: Literal["http", "tcp", "udp"] = "http"
    conditions: tuple[str, ...] = ()  # matchers routes cannot express, printed as in the rule
    middlewares: tuple[str, ...] = ()
    entrypoints: tuple[str, ...] = ()
    tls: bool = False
    port: int | None = None
    priority: int | None = None
    rule: str = ""
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "host": self.host,
            "path": self.path,
            "match": self.match,
            "protocol": self.protocol,
            "conditions": list(self.conditions),
            "middlewares": list(self.middlewares),
            "entrypoints": list(self.entrypoints),
            "tls": self.tls,
            "port": self.port,
            "source": self.source,
            "router": self.router,
            "rule": self.rule,
            "location": self.span.to_json() if self.span else None,
        }


class Middleware(NamedTuple):
    """A proxy middleware declared by labels."""

    name: str
    kind: str
    options: tuple[tuple[str, str], ...] = ()
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Routing:
    """Every route of the project, its middlewares and routing findings."""

    routes: tuple[Route, ...] = ()
    middlewares: tuple[Middleware, ...] = ()
    findings: tuple[Finding, ...] = ()
    _by_service: dict[str, tuple[Route, ...]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, list[Route]] = {}
        for route in self.routes:
            index.setdefault(route.service, []).append(route)
        object.__setattr__(self, "_by_service", {name: tuple(items) for name, items in index.items()})

    def for_service(self, name: str) -> tuple[Route, ...]:
        return self._by_service.get(name, ())


# --- graph -----------------------------------------------------------------------------------


class Edge(NamedTuple):
    """A typed edge of the service graph, with its evidence."""

    source: str
    target: str
    kind: str
    evidence: str
    variable: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "kind": self.kind,
            "evidence": self.evidence,
        }


# --- assessment ------------------------------------------------------------------------------


class Target(NamedTuple):
    """What a service becomes on Cloudflare, and why."""

    kind: str
    alternatives: tuple[str, ...]
    rule_id: str
    confidence: Literal["high", "medium", "low"]
    rationale: str


class Cron(NamedTuple):
    """A schedule in Cloudflare's dialect, with the schedule and command it replaces."""

    schedule: str
    original: str
    command: str
    service: str
    origin: Span | None = None


EFFORT_CLASSES: tuple[str, ...] = ("none", "small", "medium", "large")


class Effort(NamedTuple):
    """How much work a service's move is: a class (never hours), why, and who said so."""

    level: str  # one of EFFORT_CLASSES
    reason: str
    source: str  # the rule id, "x-migrator", or "kind:<target kind>"


class Assessment(NamedTuple):
    """The engine's answer for one service: role, target, schedules and runtime."""

    service: str
    role: str
    target: Target
    crons: tuple[Cron, ...] = ()  # schedules in Cloudflare's dialect, with what they replace
    runtime: str | None = None  # node, python, go, ...
    effort: Effort | None = None
    rewritten: bool = True  # code written for Workers (can use bindings), not a third-party image run as it is


# --- plan ------------------------------------------------------------------------------------


class Binding(NamedTuple):
    """A binding of a planned Worker to what another service becomes."""

    type: str
    binding: str
    service: str | None = None
    resource: str | None = None  # bucket, database, queue or class name
    variable: str | None = None  # the env variable it replaces
    origin: Span | None = None


class WorkerRoute(NamedTuple):
    """A Cloudflare route or custom domain of a planned Worker."""

    pattern: str
    custom_domain: bool = False
    zone_name: str | None = None
    service: str | None = None
    origin: Span | None = None


class Worker(NamedTuple):
    """A planned Worker: its routes, crons, bindings, vars and secret names."""

    name: str
    services: tuple[str, ...]
    main: str
    language: Literal["typescript", "python"]
    routes: tuple[WorkerRoute, ...] = ()
    crons: tuple[Cron, ...] = ()
    bindings: tuple[Binding, ...] = ()
    vars: tuple[tuple[str, str], ...] = ()
    secrets: tuple[str, ...] = ()
    queue_consumers: tuple[str, ...] = ()
    durable_objects: tuple[str, ...] = ()  # class names
    container: dict[str, Any] | None = None
    router_notes: tuple[str, ...] = ()  # what the Worker's own router must do
    ratelimits: tuple[tuple[str, int, int], ...] = ()  # (binding, limit, period)


class Plan(NamedTuple):
    """The planned Workers and the order to move the services in."""

    workers: tuple[Worker, ...] = ()
    waves: tuple[tuple[str, ...], ...] = ()
    cycles: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything migrator knows about a project, as the emitters read it."""

    project: Project
    routing: Routing
    edges: tuple[Edge, ...]
    assessments: tuple[Assessment, ...]
    findings: tuple[Finding, ...]
    plan: Plan
    usage: Any = None  # the usage assumptions of the bill (migrator.cost.Usage), when given
    _by_service: dict[str, Assessment] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_service", {item.service: item for item in self.assessments})

    def assessment(self, name: str) -> Assessment | None:
        return self._by_service.get(name)
