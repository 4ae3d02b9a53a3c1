"""Client capability decides the target: who runs rewritten code, and what its clients can use.

A Worker is code the user owns and rewrites (a build context in the project, or a bare language
runtime running their code), so it can use bindings.  A third-party image runs unchanged as a
Container and speaks its own protocols.  Container outbound handlers intercept HTTP only
(https://developers.cloudflare.com/containers/platform-details/outbound-traffic/), so Postgres
wire, Redis, AMQP or Kafka from an unmodified image are never bridged to a binding: the server
stays reachable in its own protocol, and S3 clients use R2's S3-compatible endpoint.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from migrator.engine.facts import ServiceFacts
from migrator.graph import ServiceGraph
from migrator.model import Target

# Images that are a language runtime or a bare OS: what runs in them is the project's own code.
RUNTIME_IMAGES = frozenset(
    {
        "node", "bun", "oven/bun", "denoland/deno", "deno", "python", "pypy", "golang", "openjdk",
        "eclipse-temurin", "amazoncorretto", "php", "ruby", "rust", "elixir", "alpine", "debian",
        "ubuntu", "busybox", "bitnami/node", "bitnami/python", "cgr.dev/chainguard/node",
        "mcr.microsoft.com/devcontainers/javascript-node", "nginx", "httpd", "caddy",
        "nginxinc/nginx-unprivileged", "bitnami/nginx", "bitnami/apache",
    }
)  # fmt: skip
REWRITTEN = frozenset({"worker", "cron", "workflow"})  # code that is written for Workers: bindings work
HOSTED = frozenset({"worker", "container", "cron", "assets", "workflow"})  # runs on Cloudflare
CLIENT_EDGES = frozenset({"env", "depends_on", "link"})
REDIS_RULES = frozenset({"MAP-CACHE", "MAP-REDIS-STATE", "MAP-REDIS-BROKER"})
BROKER_RULES = frozenset({"MAP-BROKER", "MAP-KAFKA"})
SQL_RULES = frozenset({"MAP-SQL"})
OBJECT_RULES = frozenset({"MAP-S3"})
ONE_KIND_EXEMPT = frozenset({"cron", "job"})  # schedulers and one-shot jobs may differ from their image's kind

VENDOR = "MAP-VENDOR"
SQL_KEPT = "MAP-SQL-KEPT"
REDIS_KEPT = "MAP-REDIS-KEPT"
BROKER_KEPT = "MAP-BROKER-KEPT"
SHARED = "MAP-SHARED-IMAGE"


class Decision(NamedTuple):
    target: Target
    role: str


def third_party(fact: ServiceFacts) -> bool:
    """An image the user runs rather than writes: no build, and not a runtime or OS base image."""
    if fact.service.build is not None or fact.image is None:
        return False
    ref = fact.image
    return not ({ref.short, ref.repository, f"{ref.registry}/{ref.repository}"} & RUNTIME_IMAGES)


def _image_key(fact: ServiceFacts) -> str | None:
    build = fact.service.build
    if build is not None:
        return f"build:{build.context}:{build.dockerfile}:{build.target or ''}"
    return fact.image.full if fact.image is not None else None


def _retarget(
    old: Target, kind: str, rule_id: str, rationale: str, alternatives: tuple[str, ...], confidence: str = "medium"
) -> Target:
    alts = tuple(dict.fromkeys(a for a in (*alternatives, old.kind, *old.alternatives) if a != kind))
    return Target(kind, alts, rule_id, confidence, rationale)  # type: ignore[arg-type]


def vendor_images(decisions: dict[str, Decision], facts: Mapping[str, ServiceFacts]) -> None:
    """Third-party images matched by a Worker rule run unchanged as Containers; services that
    share an image share a kind unless they are schedulers or one-shot jobs."""
    for name, decision in decisions.items():
        target = decision.target
        if target.rule_id == "X-MIGRATOR" or target.kind != "worker" or not third_party(facts[name]):
            continue
        image = facts[name].service.image
        why = (
            f"{image} is a third-party image: a Worker means code you own and rewrite, so it runs unchanged as a "
            f"Container. Its HTTP calls to other services go through the Container's outbound handlers; the "
            f"databases, Redis and brokers it uses stay reachable in their own protocols, their URLs set as secrets."
        )
        decisions[name] = Decision(_retarget(target, "container", VENDOR, why, ("worker",)), decision.role)
    groups: dict[str, list[str]] = {}
    for name, fact in facts.items():
        key = _image_key(fact)  # a stock runtime image (node, nginx) runs different code in each service
        shared = fact.service.build is not None or third_party(fact)
        if key is not None and shared and decisions[name].role not in ONE_KIND_EXEMPT:
            groups.setdefault(key, []).append(name)
    for members in groups.values():
        kinds = {decisions[m].target.kind for m in members}
        if len(kinds) < 2 or "container" not in kinds or not kinds <= {"worker", "container", "assets"}:
            continue
        runs = sorted(m for m in members if decisions[m].target.kind == "container")
        for member in members:
            decision = decisions[member]
            if decision.target.kind == "container" or decision.target.rule_id == "X-MIGRATOR":
                continue
            why = f"It shares its image with {', '.join(runs)}, which runs as a Container: one image, one kind."
            decisions[member] = Decision(_retarget(decision.target, "container", SHARED, why, ()), decision.role)


def clients_of(graph: ServiceGraph, names: set[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for edge in graph.edges:
        if edge.kind in CLIENT_EDGES and edge.source in names and edge.target in names and edge.source != edge.target:
            out.setdefault(edge.target, set()).add(edge.source)
    return out


def rewritten(kind: str, fact: ServiceFacts) -> bool:
    """Code written for Workers, which can use bindings: a Worker, or a Cron Trigger or Workflow
    that is not a third-party image's scheduler or job (those start or call the vendor's code)."""
    return kind in REWRITTEN and not third_party(fact)


def backing_services(decisions: dict[str, Decision], facts: Mapping[str, ServiceFacts], graph: ServiceGraph) -> None:
    """Give each backing service a target its clients can use."""
    clients = clients_of(graph, set(decisions))
    # When every app of the project runs as an unmodified image, so do the unseen clients of a store.
    every_app_unmodified = not any(rewritten(d.target.kind, facts[n]) for n, d in decisions.items()) and any(
        d.target.kind == "container" for d in decisions.values()
    )
    for name, decision in list(decisions.items()):
        target = decision.target
        if target.rule_id == "X-MIGRATOR":
            continue
        users = sorted(c for c in clients.get(name, ()) if decisions[c].target.kind in HOSTED)
        coded = [c for c in users if rewritten(decisions[c].target.kind, facts[c])]
        containers = [c for c in users if c not in coded]
        if not containers and (coded or not (every_app_unmodified or target.rule_id == "MAP-REDIS-BROKER")):
            continue  # used by rewritten Workers only, or its clients are not known
        listed = ", ".join(containers)
        who = (
            f"Its clients ({listed}) run unmodified images as Containers"
            if containers
            else "Every app of the project runs an unmodified image as a Container"
        )
        if target.rule_id in SQL_RULES:
            if coded:
                why = (
                    f"{target.rationale} The Containers {listed} run unmodified images: they keep connecting to the "
                    f"database with a connection string set as a secret; the Hyperdrive binding serves only the rewritten "
                    f"Workers ({', '.join(coded)})."
                )
                decisions[name] = Decision(target._replace(rationale=why), decision.role)
                continue
            why = (
                f"{who}: they speak the database's own protocol, "
                f"which a Container's outbound handlers (HTTP only) do not bridge to a binding. Keep the database on a "
                f"managed service or the current host; each Container gets its connection string as a secret. "
                f"Hyperdrive is for Workers: it becomes useful when you rewrite a client as one."
            )
            decisions[name] = Decision(
                _retarget(target, "unsupported", SQL_KEPT, why, ("hyperdrive", "d1"), "high"), decision.role
            )
        elif target.rule_id in REDIS_RULES:
            broker = target.rule_id == "MAP-REDIS-BROKER"
            users_text = who[0].lower() + who[1:]
            replace = (
                "Queues (or a Durable Object)"
                if broker
                else ("a Durable Object" if target.kind == "durable-object" else "KV or a Durable Object")
            )
            use = "a job queue or broker" if broker else "a Redis server"
            why = (
                f"It is {use} and {users_text}: they speak the Redis (or Memcached) protocol, which a Container's outbound handlers "
                f"(HTTP only) do not bridge to KV, Queues or a Durable Object. Keep Redis reachable (a managed Redis, or "
                f"the current host behind a Cloudflare Tunnel) and give each client its URL as a secret; {replace} replaces "
                f"it only for clients you rewrite as Workers."
            )
            alternatives = ("queue", "durable-object") if broker else (target.kind, "durable-object")
            decisions[name] = Decision(
                _retarget(target, "unsupported", REDIS_KEPT, why, alternatives, "high"), decision.role
            )
        elif target.rule_id in BROKER_RULES:
            why = (
                f"{who}: they speak the broker's own protocol (AMQP, "
                f"NATS, Kafka), which a Container's outbound handlers (HTTP only) do not bridge to Queues. Keep the broker "
                f"reachable (a managed service, or the current host behind a Cloudflare Tunnel) with its URL as a secret; "
                f"Queues replaces it for producers and consumers you rewrite as Workers."
            )
            decisions[name] = Decision(
                _retarget(target, "unsupported", BROKER_KEPT, why, ("queue",), "high"), decision.role
            )
        elif target.rule_id in OBJECT_RULES and containers:
            why = (
                f"{target.rationale} The Containers {listed} run unmodified S3 clients: they use R2's S3-compatible "
                f"endpoint (https://<ACCOUNT_ID>.r2.cloudflarestorage.com) with an R2 access key, the endpoint and keys "
                f"set as secrets; an R2 binding serves only rewritten Workers."
            )
            decisions[name] = Decision(target._replace(rationale=why), decision.role)
