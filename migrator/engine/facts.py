"""What rules can ask about a service, computed once per service, and the predicate matcher."""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from migrator.graph import ServiceGraph
from migrator.model import Routing, Service


@dataclass(frozen=True, slots=True)
class ImageRef:
    """An image reference split into registry, repository, name and tag."""

    registry: str
    repository: str  # e.g. "library/postgres", "bitnami/redis"
    name: str  # last part: "postgres"
    tag: str

    @property
    def short(self) -> str:
        return self.repository.removeprefix("library/")


def parse_image(image: str | None) -> ImageRef | None:
    if not image:
        return None
    ref = image.strip().lower().split("@", 1)[0]
    registry = "docker.io"
    parts = ref.split("/")
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        registry = parts[0]
        parts = parts[1:]
    last = parts[-1]
    tag = "latest"
    if ":" in last:
        last, tag = last.split(":", 1)
        parts[-1] = last
    if registry in ("docker.io", "index.docker.io", "registry-1.docker.io") and len(parts) == 1:
        parts = ["library", *parts]
    return ImageRef(registry, "/".join(parts), parts[-1], tag)


@dataclass
class ServiceFacts:
    """What rules can ask about one service, computed once."""

    service: Service
    image: ImageRef | None
    command: str
    env: dict[str, str]
    has_route: bool
    uses: list[str] = field(default_factory=list)  # services this one reaches
    used_by: list[str] = field(default_factory=list)
    ref_vars_in: list[tuple[str, str]] = field(default_factory=list)  # (source service, variable)


def gather(services: tuple[Service, ...], graph: ServiceGraph, routing: Routing) -> dict[str, ServiceFacts]:
    routed = {route.service for route in routing.routes}
    names = {s.name for s in services}
    facts: dict[str, ServiceFacts] = {}
    for service in services:
        command = " ".join((*(service.entrypoint or ()), *(service.command or ())))
        env = {var.name: var.value for var in service.environment if var.value is not None}
        facts[service.name] = ServiceFacts(
            service=service,
            image=parse_image(service.image),
            command=command,
            env=env,
            has_route=service.name in routed,
            uses=[n for n in graph.successors(service.name) if n in names],
            used_by=[n for n in graph.predecessors(service.name)],
        )
    for ref in graph.references:
        if ref.target in facts:
            facts[ref.target].ref_vars_in.append((ref.source, ref.variable))
    return facts


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


_REGEX_CACHE: dict[str, re.Pattern[str]] = {}


def _regex(text: str) -> re.Pattern[str]:
    pattern = _REGEX_CACHE.get(text)
    if pattern is None:
        pattern = re.compile(text, re.IGNORECASE)
        _REGEX_CACHE[text] = pattern
    return pattern


_GLOB_CACHE: dict[tuple[str, ...], tuple[frozenset[str], re.Pattern[str] | None]] = {}


def _glob(value: str, patterns: list[str]) -> bool:
    """Case-insensitive glob match against any of the patterns.

    Plain names are looked up in a set; only the patterns with wildcards become one regex,
    compiled once per pattern list.
    """
    key = tuple(patterns)
    cached = _GLOB_CACHE.get(key)
    if cached is None:
        literal = frozenset(p.lower() for p in patterns if not any(ch in p for ch in "*?["))
        wild = [p.lower() for p in patterns if any(ch in p for ch in "*?[")]
        compiled = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in wild)) if wild else None
        cached = (literal, compiled)
        _GLOB_CACHE[key] = cached
    low = value.lower()
    if low in cached[0]:
        return True
    return cached[1] is not None and cached[1].match(low) is not None


Builtin = Callable[["ServiceFacts", Mapping[str, "ServiceFacts"], Mapping[str, str]], bool]


@functools.lru_cache(maxsize=4096)
def _image_matches(image: ImageRef, patterns: tuple[str, ...]) -> bool:
    """Projects repeat a few images many times: each (image, patterns) pair is matched once."""
    pats = list(patterns)
    return (
        _glob(image.short, pats)
        or _glob(image.name, pats)
        or _glob(image.repository, pats)
        or _glob(f"{image.registry}/{image.repository}", pats)
    )


class Matcher:
    """Evaluates a rule's ``match`` block against a service's facts."""

    def __init__(
        self, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str], builtins: Mapping[str, Builtin]
    ) -> None:
        self.facts = facts
        self.roles = roles
        self.builtins = builtins

    def matches(self, pred: Mapping[str, Any], fact: ServiceFacts) -> bool:
        return all(self._one(key, value, fact) for key, value in pred.items())

    def _one(self, key: str, value: Any, fact: ServiceFacts) -> bool:
        svc = fact.service
        if key == "all":
            return all(self.matches(p, fact) for p in value)
        if key == "any":
            return any(self.matches(p, fact) for p in value)
        if key == "not":
            return not self.matches(value, fact)
        if key == "image":
            if fact.image is None:
                return False
            return _image_matches(fact.image, tuple(_list(value)))
        if key == "image_tag":
            return fact.image is not None and _glob(fact.image.tag, _list(value))
        if key == "command":
            return any(_regex(p).search(fact.command) for p in _list(value))
        if key == "env_key":
            return any(_glob(k, _list(value)) for k in fact.env) or any(
                _glob(v.name, _list(value)) for v in svc.environment
            )
        if key == "env_value":
            return any(_regex(p).search(v) for p in _list(value) for v in fact.env.values())
        if key == "label":
            return any(_glob(label.key, _list(value)) for label in svc.labels)
        if key == "port":
            wanted = set(_list(value))
            ports = {p.target for p in svc.ports} | {
                int(e.split("/")[0]) for e in svc.expose if e.split("/")[0].isdigit()
            }
            return bool(wanted & ports)
        if key == "volume_target":
            return any(_glob(v.target, _list(value)) for v in svc.volumes)
        if key == "volume_source":
            return any(v.source is not None and _glob(v.source, _list(value)) for v in svc.volumes)
        if key == "build_from":
            return svc.build is not None and any(
                _glob(b, _list(value)) or _glob(b.split(":")[0].split("/")[-1], _list(value))
                for b in svc.build.base_images
            )
        if key == "build_file":
            return svc.build is not None and any(_glob(f, _list(value)) for f in svc.build.files)
        if key == "package":
            return svc.build is not None and any(_glob(p, _list(value)) for p in svc.build.packages)
        if key == "has_build":
            return (svc.build is not None) == bool(value)
        if key == "has_route":
            return fact.has_route == bool(value)
        if key == "uses_role":
            return any(self.roles.get(n) in _list(value) for n in fact.uses)
        if key == "used_by_role":
            return any(self.roles.get(n) in _list(value) for n in fact.used_by)
        if key == "referenced_by_var":
            return any(_regex(p).search(var) for p in _list(value) for _src, var in fact.ref_vars_in)
        if key == "referenced_by_command":
            return any(
                _regex(p).search(self.facts[src].command)
                for p in _list(value)
                for src in fact.used_by
                if src in self.facts
            )
        if key == "builtin":
            fn = self.builtins.get(value)
            if fn is None:
                raise KeyError(f"unknown builtin predicate {value!r}")
            return fn(fact, self.facts, self.roles)
        raise KeyError(f"unknown predicate {key!r}")
