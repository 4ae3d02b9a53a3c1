"""The service graph: who reaches whom, with the evidence, and migration waves.

Edges point from the service that uses to the service that is used.  Hostnames (service
names, container names, hostnames, network aliases) are indexed once, so every environment
value is read once: the graph is built in time linear in the size of the project.

The graph is kept as adjacency sets with its own strongly-connected-components pass (Tarjan,
iterative): importing networkx costs more than analyzing a thousand services, so it is only
imported by ``ServiceGraph.to_networkx()``, for library users who want its algorithms.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from migrator import numbers
from migrator.model import Edge, Project, Routing, Service, is_crontab

_LIST_SEPARATORS = re.compile(r"[,\s;]+")

INTERNET = "internet"

_URL = re.compile(r"(?<![a-zA-Z0-9+.\-])([a-zA-Z][a-zA-Z0-9+.\-]*)://(?:([^@/\s]*)@)?([^/\s?#]+)")
_HOST_PORT = re.compile(r"(?<![\w.\-/@])([a-zA-Z][a-zA-Z0-9_.\-]*):(\d{2,5})\b")
_HOSTISH_VAR = re.compile(
    r"(HOST|HOSTNAME|HOSTS|SERVER|SERVERS|ADDR|ADDRESS|ENDPOINT|SERVICE|UPSTREAM|BROKER|BROKERS|NODES|PEERS|CLUSTER|URL|URI|DSN|BACKEND)S?$",
    re.IGNORECASE,
)


class EnvReference(NamedTuple):
    """One environment variable of ``source`` that names service ``target``."""

    source: str
    target: str
    variable: str
    scheme: str | None  # "postgres", "redis", "amqp", ... when the value is a URL
    port: int | None
    has_credentials: bool


@dataclass(frozen=True, slots=True)
class ServiceGraph:
    """The service graph with its edges, env references, waves and cycles."""

    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]
    references: tuple[EnvReference, ...]
    waves: tuple[tuple[str, ...], ...]
    cycles: tuple[tuple[str, ...], ...]
    shared: frozenset[Edge] = frozenset()  # env edges from a setting the target holds too: no dependency
    _from: dict[str, list[EnvReference]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _succ: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _pred: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _calls: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False, compare=False)
    _called: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for ref in self.references:
            self._from.setdefault(ref.source, []).append(ref)
        for edge in self.edges:
            self._succ.setdefault(edge.source, set()).add(edge.target)
            self._pred.setdefault(edge.target, set()).add(edge.source)
            if edge.kind != "volume":
                self._calls.setdefault(edge.source, set()).add(edge.target)
                self._called.setdefault(edge.target, set()).add(edge.source)

    def successors(self, name: str) -> list[str]:
        """The services (and never the internet) ``name`` uses, sorted."""
        return sorted(self._succ.get(name, ()))

    def predecessors(self, name: str) -> list[str]:
        """Who uses ``name``, sorted; ``internet`` when it is routed."""
        return sorted(self._pred.get(name, ()))

    def reaches(self, name: str) -> list[str]:
        """The services ``name`` reaches (by its settings, depends_on, links, a shared namespace),
        sorted: a volume that both mount is no call, and its edge's direction is only an order."""
        return sorted(self._calls.get(name, ()))

    def reached_by(self, name: str) -> list[str]:
        """Who reaches ``name`` (``internet`` when it is routed), sorted; volume sharing aside."""
        return sorted(self._called.get(name, ()))

    def to_networkx(self) -> Any:
        """The graph as a ``networkx.MultiDiGraph`` with ``kind`` and ``evidence`` on every edge."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        graph.add_nodes_from(self.nodes)
        for edge in self.edges:
            graph.add_edge(edge.source, edge.target, kind=edge.kind, evidence=edge.evidence)
        return graph

    def references_from(self, name: str) -> list[EnvReference]:
        return self._from.get(name, [])

    def describe_cycle(self, members: tuple[str, ...]) -> str:
        """One loop through a cycle's services, with the evidence of each edge on it."""
        inside = set(members)
        uses: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for edge in self.edges:
            if edge.source in inside and edge.target in inside and _is_dependency(edge, self.shared):
                uses[edge.source][edge.target].append(edge.evidence)
        loop = _shortest_loop(members[0], uses)
        steps = "; ".join(f"{a} -> {b}: {' and '.join(sorted(set(uses[a][b])))}" for a, b in itertools.pairwise(loop))
        rest = sorted(inside - set(loop))
        also = f"; {', '.join(rest)} {'is' if len(rest) == 1 else 'are'} in the same cycle" if rest else ""
        return f"{' -> '.join(loop)} ({steps}){also}"


# Ports that speak HTTP by custom, in the order a person would guess them.
_USUAL_HTTP_PORTS = (80, 8080, 3000, 8000, 5000, 8888, 8081, 9000, 4000, 5173, 1337, 443, 8443)


def http_port(service: Service, routing: Routing, graph: ServiceGraph) -> tuple[int, str]:
    """The port a service serves HTTP on, and why: the one its proxy routes to, else the one other
    services call, else the usual HTTP port among its ports, else its only or lowest port."""
    routed: dict[int, list[str]] = defaultdict(list)
    for route in routing.for_service(service.name):
        if route.protocol == "http" and route.port:
            routed[route.port].append(f"{route.source} router '{route.router}'")
    if routed:
        port = min(routed, key=lambda p: (-len(routed[p]), p))
        return port, f"the port the proxy routes to ({', '.join(sorted(set(routed[port])))})"
    called: dict[int, list[str]] = defaultdict(list)
    for source in graph.predecessors(service.name):
        for ref in graph.references_from(source):
            if ref.target == service.name and ref.port:
                called[ref.port].append(f"{ref.source} by {ref.variable}")
    if called:
        port = min(called, key=lambda p: (-len(called[p]), p))
        return port, f"the port other services call ({', '.join(sorted(set(called[port])))})"
    ports = sorted(
        {p.target for p in service.ports if p.target and p.protocol == "tcp"}
        | numbers.exposed_ports(e for e in service.expose if not e.endswith("/udp"))
    )
    if len(ports) == 1:
        return ports[0], "the service's only port"
    usual = [p for p in _USUAL_HTTP_PORTS if p in ports]
    if usual:
        return usual[0], f"the usual HTTP port among its ports ({', '.join(map(str, ports))})"
    if ports:
        return ports[0], f"the lowest of its ports ({', '.join(map(str, ports))}); nothing routes to or calls one"
    return 8080, "no port is declared; 8080 is a guess"


def hostname_index(project: Project) -> dict[str, str]:
    index: dict[str, str] = {}
    for service in project.services:
        index.setdefault(service.name.lower(), service.name)
    for service in project.services:
        for alias in (service.container_name, service.hostname, *service.aliases):
            if alias:
                index.setdefault(alias.lower(), service.name)
    return index


def env_references(service: Service, index: dict[str, str]) -> list[EnvReference]:
    found: dict[tuple[str, str], EnvReference] = {}
    for var in service.environment:
        value = var.value
        if not value:
            continue
        hits: list[tuple[str, str | None, int | None, bool]] = []
        for match in _URL.finditer(value):
            scheme, userinfo, hostpart = match.group(1).lower(), match.group(2), match.group(3)
            for host_port in hostpart.split(","):
                host, _, port = host_port.partition(":")
                hits.append((host, scheme, numbers.port(port), bool(userinfo and ":" in userinfo)))
        if not hits:
            for match in _HOST_PORT.finditer(value):
                hits.append((match.group(1), None, numbers.port(match.group(2)), False))
        if not hits and _HOSTISH_VAR.search(var.name):
            for token in _LIST_SEPARATORS.split(value.strip()):
                if token:
                    hits.append((token, None, None, False))
        for host, scheme, port, creds in hits:
            target = index.get(host.lower().strip("[]"))
            if target is None or target == service.name:
                continue
            key = (var.name, target)
            if key not in found:
                found[key] = EnvReference(service.name, target, var.name, scheme, port, creds)
    return list(found.values())


def build(project: Project, routing: Routing) -> ServiceGraph:
    names = {service.name for service in project.services}
    index = hostname_index(project)
    edges: set[Edge] = set()
    shared: set[Edge] = set()
    references: list[EnvReference] = []
    volume_users: dict[str, list[str]] = defaultdict(list)
    for service in project.services:
        for dep in service.depends_on:
            if dep.service in names:
                edges.add(Edge(service.name, dep.service, "depends_on", f"depends_on: {dep.service} ({dep.condition})"))
        for link in service.links:
            target = link.split(":")[0]
            if target in names:
                edges.add(Edge(service.name, target, "link", f"links: {link}"))
        for source_ref in service.volumes_from:
            target = source_ref.split(":")[0]
            if target in names:
                edges.add(Edge(service.name, target, "volumes_from", f"volumes_from: {source_ref}"))
        for mode in (service.network_mode, service.pid):
            if mode and mode.startswith("service:") and mode[8:] in names:
                edges.add(Edge(service.name, mode[8:], "network", f"shares the namespace of {mode[8:]}"))
        for ref in env_references(service, index):
            references.append(ref)
            what = f"{ref.scheme}:// URL" if ref.scheme else "host:port" if ref.port else "hostname"
            evidence = f"{ref.variable} names {ref.target} ({what})"
            other = project.service(ref.target)
            mine = service.env(ref.variable)
            if other is not None and mine is not None and other.env(ref.variable) == mine:
                # Both carry the same setting (one YAML anchor or env_file for several services):
                # it describes the project, it is no sign that this service calls the other.
                edge = Edge(
                    service.name, ref.target, "env", f"{evidence}; {ref.target} has the same setting", ref.variable
                )
                shared.add(edge)
            else:
                edge = Edge(service.name, ref.target, "env", evidence, ref.variable)
            edges.add(edge)
        for mount in service.volumes:
            if mount.type == "volume" and mount.source:
                volume_users[mount.source].append(service.name)
        for target, text in service.config_files:
            if not is_crontab(target):
                continue
            for match in _URL.finditer(text):
                host = match.group(3).split(":")[0].lower().strip("[]")
                called = index.get(host)
                if called is not None and called != service.name:
                    edges.add(Edge(service.name, called, "cron", f"its crontab ({target}) calls {called}"))
    for volume, users in sorted(volume_users.items()):
        unique = sorted(set(users))
        for first, second in itertools.pairwise(unique):
            edges.add(Edge(first, second, "volume", f"both mount the volume '{volume}'"))
    sources: dict[str, set[str]] = defaultdict(set)
    for route in routing.routes:
        sources[route.service].add(route.source)
    for name, by in sources.items():
        edges.add(Edge(INTERNET, name, "route", "routed by " + ", ".join(sorted(by))))
    ordered = tuple(sorted(edges))
    nodes = tuple(sorted(names)) + ((INTERNET,) if sources and INTERNET not in names else ())
    waves, cycles = _waves(ordered, names, frozenset(shared))
    return ServiceGraph(
        nodes,
        ordered,
        tuple(sorted(references, key=lambda r: (r.source, r.variable, r.target))),
        waves,
        cycles,
        frozenset(shared),
    )


def _is_dependency(edge: Edge, shared: frozenset[Edge]) -> bool:
    """Volume sharing and settings both ends share order nothing."""
    return edge.kind != "volume" and edge not in shared


def _shortest_loop(start: str, uses: dict[str, dict[str, list[str]]]) -> list[str]:
    """The shortest walk start -> ... -> start along ``uses`` (breadth first, names in order)."""
    previous: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for target in sorted(uses[node]):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if target not in previous:
                previous[target] = node
                queue.append(target)
    return [start]


def _waves(
    edges: tuple[Edge, ...], names: set[str], shared: frozenset[Edge] = frozenset()
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """Migrate what others depend on first: a topological order over strongly connected components.

    A component's wave is one more than the highest wave of the components it uses (0 when it
    uses none); volume sharing and shared settings are no dependency.  Cycles are the components
    of more than one service, and services that use themselves.
    """
    succ: dict[str, list[str]] = {name: [] for name in sorted(names)}
    looped: set[str] = set()
    for edge in edges:
        if _is_dependency(edge, shared) and edge.source in names and edge.target in names:
            succ[edge.source].append(edge.target)
            if edge.source == edge.target:
                looped.add(edge.source)
    component = strongly_connected(succ)
    members: dict[int, list[str]] = defaultdict(list)
    for name, comp in component.items():
        members[comp].append(name)
    # Tarjan numbers a component only after every component it reaches, so increasing
    # numbers are a topological order from the used to the users.
    level: dict[int, int] = {}
    for comp in sorted(members):
        level[comp] = max(
            (level[component[t]] + 1 for n in members[comp] for t in succ[n] if component[t] != comp), default=0
        )
    waves: dict[int, list[str]] = defaultdict(list)
    for comp, names_in in members.items():
        waves[level[comp]].extend(names_in)
    cycles = tuple(sorted(tuple(sorted(m)) for m in members.values() if len(m) > 1 or m[0] in looped))
    return tuple(tuple(sorted(waves[i])) for i in sorted(waves)), cycles


def strongly_connected(succ: dict[str, list[str]]) -> dict[str, int]:
    """Tarjan's algorithm without recursion: node -> component number, numbered in the order
    components complete (so a component's successors always have smaller numbers)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    component: dict[str, int] = {}
    counter = 0
    components = 0
    for root in succ:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = succ[node]
            while position < len(targets):
                target = targets[position]
                position += 1
                if target not in index:
                    work.append((node, position))
                    work.append((target, 0))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                if low[node] == index[node]:
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component[member] = components
                        if member == node:
                            break
                    components += 1
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return component
