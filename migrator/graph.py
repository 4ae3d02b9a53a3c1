"""The service graph: who reaches whom, with the evidence, and migration waves.

Edges point from the service that uses to the service that is used.  Hostnames (service
names, container names, hostnames, network aliases) are indexed once, so every environment
value is read once: the graph is built in time linear in the size of the project.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from migrator.model import Edge, Project, Routing, Service

INTERNET = "internet"

_URL = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*)://(?:([^@/\s]*)@)?([^/\s?#]+)")
_HOST_PORT = re.compile(r"(?<![\w.\-/@])([a-zA-Z][a-zA-Z0-9_.\-]*):(\d{2,5})\b")
_HOSTISH_VAR = re.compile(
    r"(HOST|HOSTNAME|HOSTS|SERVER|SERVERS|ADDR|ADDRESS|ENDPOINT|SERVICE|UPSTREAM|BROKER|BROKERS|NODES|PEERS|CLUSTER|URL|URI|DSN|BACKEND)S?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class EnvReference:
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

    graph: Any  # networkx.MultiDiGraph
    edges: tuple[Edge, ...]
    references: tuple[EnvReference, ...]
    waves: tuple[tuple[str, ...], ...]
    cycles: tuple[tuple[str, ...], ...]
    _from: dict[str, list[EnvReference]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for ref in self.references:
            self._from.setdefault(ref.source, []).append(ref)

    def successors(self, name: str) -> list[str]:
        return sorted(set(self.graph.successors(name))) if name in self.graph else []

    def predecessors(self, name: str) -> list[str]:
        return sorted(set(self.graph.predecessors(name))) if name in self.graph else []

    def references_from(self, name: str) -> list[EnvReference]:
        return self._from.get(name, [])


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
                hits.append((host, scheme, int(port) if port.isdigit() else None, bool(userinfo and ":" in userinfo)))
        if not hits:
            for match in _HOST_PORT.finditer(value):
                hits.append((match.group(1), None, int(match.group(2)), False))
        if not hits and _HOSTISH_VAR.search(var.name):
            for token in re.split(r"[,\s;]+", value.strip()):
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
    graph = nx.MultiDiGraph()
    names = {service.name for service in project.services}
    for service in project.services:
        graph.add_node(service.name)
    index = hostname_index(project)
    edges: set[Edge] = set()
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
            edges.add(
                Edge(service.name, ref.target, "env", f"{ref.variable} names {ref.target} ({what})", ref.variable)
            )
        for mount in service.volumes:
            if mount.type == "volume" and mount.source:
                volume_users[mount.source].append(service.name)
    for volume, users in sorted(volume_users.items()):
        unique = sorted(set(users))
        for first, second in itertools.pairwise(unique):
            edges.add(Edge(first, second, "volume", f"both mount the volume '{volume}'"))
    routed = sorted({route.service for route in routing.routes})
    if routed:
        graph.add_node(INTERNET)
    for name in routed:
        edges.add(
            Edge(
                INTERNET,
                name,
                "route",
                "routed by " + ", ".join(sorted({r.source for r in routing.routes if r.service == name})),
            )
        )
    ordered = tuple(sorted(edges))
    for edge in ordered:
        graph.add_edge(edge.source, edge.target, kind=edge.kind, evidence=edge.evidence)
    waves, cycles = _waves(graph, names)
    return ServiceGraph(
        graph, ordered, tuple(sorted(references, key=lambda r: (r.source, r.variable, r.target))), waves, cycles
    )


def _waves(graph: Any, names: set[str]) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """Migrate what others depend on first: a topological order over strongly connected components."""
    sub = nx.DiGraph()
    sub.add_nodes_from(names)
    for source, target, data in graph.edges(data=True):
        if source in names and target in names and data.get("kind") != "volume":
            sub.add_edge(source, target)
    components = list(nx.strongly_connected_components(sub))
    cycles = tuple(sorted(tuple(sorted(c)) for c in components if len(c) > 1 or any(sub.has_edge(n, n) for n in c)))
    condensed = nx.condensation(sub, scc=components)
    level: dict[int, int] = {}
    for node in reversed(list(nx.topological_sort(condensed))):
        succ = list(condensed.successors(node))
        level[node] = 1 + max(level[s] for s in succ) if succ else 0
    waves: dict[int, list[str]] = defaultdict(list)
    for node, data in condensed.nodes(data=True):
        waves[level[node]].extend(data["members"])
    return tuple(tuple(sorted(waves[i])) for i in sorted(waves)), cycles
