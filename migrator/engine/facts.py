"""What rules can ask about a service, computed once per service, and the predicate matcher."""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from migrator import numbers
from migrator.graph import ServiceGraph
from migrator.model import Routing, Service


class ImageRef(NamedTuple):
    """An image reference split into registry, repository, name and tag."""

    registry: str
    repository: str  # e.g. "library/postgres", "bitnami/redis"
    name: str  # last part: "postgres"
    tag: str
    full: str = ""  # registry/repository:tag, the key of per-image memos

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
    repository = "/".join(parts)
    return ImageRef(registry, repository, parts[-1], tag, f"{registry}/{repository}:{tag}")


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
    http_callers: list[str] = field(default_factory=list)  # "source's VARIABLE" for http(s)/ws(s) URLs naming it


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
            uses=[n for n in graph.reaches(service.name) if n in names],
            used_by=graph.reached_by(service.name),
        )
    for ref in graph.references:
        if ref.target in facts:
            facts[ref.target].ref_vars_in.append((ref.source, ref.variable))
            if ref.scheme in ("http", "https", "ws", "wss"):
                facts[ref.target].http_callers.append(f"{ref.source}'s {ref.variable}")
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


Glob = Callable[[str], bool]
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=|\(\?[aiLmsux]+\)")


def _searcher(patterns: tuple[str, ...]) -> Callable[[str], bool]:
    """Does any of the regexes (case-insensitive) match somewhere in the text?  One alternation
    searches once for all of them, unless a pattern uses backreferences or inline flags."""
    compiled: list[Callable[[str], Any]] = []  # compiled on first use: many rules never get this far

    def search(text: str) -> bool:
        if not compiled:
            if len(patterns) > 1 and not any(_BACKREFERENCE.search(p) for p in patterns):
                compiled.append(re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE).search)
            else:
                compiled.extend(_regex(p).search for p in patterns)
        return any(find(text) is not None for find in compiled)

    return search


@functools.lru_cache(maxsize=1024)
def _glob_of(patterns: tuple[str, ...]) -> Glob:
    """A case-insensitive test of a value against any of the glob patterns.

    Plain names are looked up in a set; patterns whose only wildcard is ``*`` are matched piece
    by piece with string methods; the rest (``?``, ``[...]``) become one regex.  Most rule
    patterns are of the first two kinds, and compiling fnmatch's regexes cost more than a
    whole run of matching.
    """
    literal = frozenset(p.lower() for p in patterns if not any(ch in p for ch in "*?["))
    stars = [p.lower().split("*") for p in patterns if "*" in p and "?" not in p and "[" not in p]
    rest = [p.lower() for p in patterns if "?" in p or "[" in p]
    match = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in rest)).match if rest else None

    memo: dict[str, bool] = {}  # names repeat across services (DATABASE_URL, /data, ...)

    def test(value: str) -> bool:
        known = memo.get(value)
        if known is not None:
            return known
        low = value.lower()
        found = low in literal or any(_star_match(low, pieces) for pieces in stars)
        found = found or (match is not None and match(low) is not None)
        if len(memo) > 4096:
            memo.clear()
        memo[value] = found
        return found

    return test


def _star_match(text: str, pieces: list[str]) -> bool:
    """fnmatch for a pattern split at its ``*``s: the first piece starts the text, the last ends
    it, and the ones between occur in order (leftmost first) in what lies between."""
    first, last = pieces[0], pieces[-1]
    if len(text) < len(first) + len(last) or not text.startswith(first) or not text.endswith(last):
        return False
    position, end = len(first), len(text) - len(last)
    for piece in pieces[1:-1]:
        found = text.find(piece, position, end)
        if found < 0:
            return False
        position = found + len(piece)
    return True


def _glob(value: str, patterns: list[str]) -> bool:
    return _glob_of(tuple(patterns))(value)


Builtin = Callable[["ServiceFacts", Mapping[str, "ServiceFacts"], Mapping[str, str]], bool]
# A compiled predicate: does this service match, given the matcher's facts and roles?
Predicate = Callable[["ServiceFacts", "Matcher"], bool]


class Matcher:
    """Evaluates a rule's ``match`` block against a service's facts.

    Each block is compiled once into closures (patterns, globs and regexes prepared ahead),
    so matching a service against a rule costs a few calls rather than a walk of the block.
    """

    def __init__(
        self, facts: Mapping[str, ServiceFacts], roles: Mapping[str, str], builtins: Mapping[str, Builtin]
    ) -> None:
        self.facts = facts
        self.roles = roles
        self.builtins = builtins


# Compiled blocks by identity; the block itself is kept so that its id cannot be reused.
_COMPILED: dict[int, tuple[Mapping[str, Any], Predicate]] = {}


def compile_predicate(pred: Mapping[str, Any], builtins: Mapping[str, Builtin]) -> Predicate:
    entry = _COMPILED.get(id(pred))
    if entry is not None and entry[0] is pred:
        return entry[1]
    # Predicates have no side effects, so the cheap ones are asked first.
    ordered = sorted(pred.items(), key=lambda item: _cost(*item))
    parts = [_compile_one(key, value, builtins) for key, value in ordered]
    compiled = parts[0] if len(parts) == 1 else _every(parts)
    if len(_COMPILED) > 65536:
        _COMPILED.clear()
    _COMPILED[id(pred)] = (pred, compiled)
    return compiled


_CHEAP = frozenset(
    {"image", "image_tag", "name", "has_build", "has_route", "port", "build_file", "package", "build_from"}
)


def _cost(key: str, value: Any) -> int:
    """A rough cost rank: memoized or constant-time tests first, scans of every variable last."""
    if key in ("all", "any"):
        return sum(_block_cost(block) for block in value)
    if key == "not":
        return _block_cost(value)
    return 1 if key in _CHEAP else 4


def _block_cost(block: Mapping[str, Any]) -> int:
    return sum(_cost(key, value) for key, value in block.items())


# Plain loops: all() and any() over generators cost more on this hot path.
def _every(parts: list[Predicate]) -> Predicate:
    def every(f: ServiceFacts, m: Matcher) -> bool:
        for part in parts:  # noqa: SIM110
            if not part(f, m):
                return False
        return True

    return every


def _some(parts: list[Predicate]) -> Predicate:
    def some(f: ServiceFacts, m: Matcher) -> bool:
        for part in parts:  # noqa: SIM110
            if part(f, m):
                return True
        return False

    return some


def _compile_one(key: str, value: Any, builtins: Mapping[str, Builtin]) -> Predicate:
    if key in ("all", "any"):
        blocks = sorted(value, key=_block_cost) if key == "all" else value
        subs = [compile_predicate(p, builtins) for p in blocks]
        return _every(subs) if key == "all" else _some(subs)
    if key == "not":
        sub = compile_predicate(value, builtins)
        return lambda f, m: not sub(f, m)
    values = _list(value)
    if key == "image":
        patterns = tuple(values)
        memo: dict[str, bool] = {}

        def image(f: ServiceFacts, m: Matcher) -> bool:
            ref = f.image
            if ref is None:
                return False
            known = memo.get(ref.full)
            if known is None:
                known = memo[ref.full] = _image_matches(ref, patterns)
            return known

        return image
    if key == "image_tag":
        glob = _glob_of(tuple(values))
        return lambda f, m: f.image is not None and glob(f.image.tag)
    if key in ("command", "env_value", "referenced_by_var", "referenced_by_command"):
        search = _searcher(tuple(values))
        if key == "command":
            return lambda f, m: search(f.command)
        if key == "env_value":
            return lambda f, m: any(search(v) for v in f.env.values())
        if key == "referenced_by_var":
            return lambda f, m: any(search(var) for _src, var in f.ref_vars_in)
        return lambda f, m: any(search(m.facts[src].command) for src in f.used_by if src in m.facts)
    if key == "port":
        wanted = set(values)

        def port(f: ServiceFacts, m: Matcher) -> bool:
            svc = f.service
            ports = {p.target for p in svc.ports} | numbers.exposed_ports(svc.expose)
            return bool(wanted & ports)

        return port
    if key in ("has_build", "has_route"):
        flag = bool(value)
        if key == "has_build":
            return lambda f, m: (f.service.build is not None) == flag
        return lambda f, m: f.has_route == flag
    if key in ("uses_role", "used_by_role"):
        roles = values
        if key == "uses_role":
            return lambda f, m: any(m.roles.get(n) in roles for n in f.uses)
        return lambda f, m: any(m.roles.get(n) in roles for n in f.used_by)
    if key == "builtin":
        fn = builtins.get(value)
        if fn is None:
            raise KeyError(f"unknown builtin predicate {value!r}")
        return lambda f, m: fn(f, m.facts, m.roles)
    glob = _glob_of(tuple(values))
    if key == "env_key":
        return lambda f, m: any(glob(v.name) for v in f.service.environment)  # f.env holds a subset of these
    if key == "label":
        return lambda f, m: any(glob(label.key) for label in f.service.labels)
    if key == "name":
        return lambda f, m: glob(f.service.name)
    if key == "volume_target":
        return lambda f, m: any(glob(v.target) for v in f.service.volumes)
    if key == "volume_source":
        return lambda f, m: any(v.source is not None and glob(v.source) for v in f.service.volumes)
    if key == "build_from":
        return lambda f, m: (
            f.service.build is not None
            and any(glob(b) or glob(b.split(":")[0].split("/")[-1]) for b in f.service.build.base_images)
        )
    if key == "build_file":
        return lambda f, m: f.service.build is not None and any(glob(x) for x in f.service.build.files)
    if key == "package":
        return lambda f, m: f.service.build is not None and any(glob(x) for x in f.service.build.packages)
    raise KeyError(f"unknown predicate {key!r}")


def _image_matches(image: ImageRef, patterns: tuple[str, ...]) -> bool:
    glob = _glob_of(patterns)
    return (
        glob(image.short) or glob(image.name) or glob(image.repository) or glob(f"{image.registry}/{image.repository}")
    )
