"""The bill: one line per price, its quantity summed over the services that use it, the plan's
monthly allowance subtracted once (allowances are account-wide), times the unit price.

Arithmetic is in ``decimal.Decimal``.  Each line's amount is rounded to the cent (half up) and
the total is the sum of the rounded lines, so a reader recomputes every figure on the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from migrator.cost.pricing import Price, Pricing
from migrator.cost.schedule import firings_per_month
from migrator.cost.usage import DO_GB_PER_SECOND, HOURS_PER_MONTH, QUEUE_OPERATIONS_PER_MESSAGE, Usage
from migrator.model import Analysis, Worker

CENT = Decimal("0.01")
SECONDS_PER_HOUR = Decimal("3600")

# What a service of each target kind bills under (the binding type that reaches it).
KIND_BINDING = {
    "kv": "kv",
    "d1": "d1",
    "r2": "r2",
    "durable-object": "durable_object",
    "queue": "queue",
    "hyperdrive": "hyperdrive",
    "workflow": "workflow",
    "container": "container",
}
# The usage figure of a service that gives each price's quantity (and its multiplier).
SERVICE_FIGURES: dict[str, tuple[str, Decimal]] = {
    "kv-reads": ("reads_per_month", Decimal(1)),
    "kv-writes": ("writes_per_month", Decimal(1)),
    "kv-storage": ("storage_gb", Decimal(1)),
    "d1-rows-read": ("rows_read_per_month", Decimal(1)),
    "d1-rows-written": ("rows_written_per_month", Decimal(1)),
    "d1-storage": ("storage_gb", Decimal(1)),
    "r2-storage": ("storage_gb", Decimal(1)),
    "r2-class-a": ("class_a_per_month", Decimal(1)),
    "r2-class-b": ("class_b_per_month", Decimal(1)),
    "queues-operations": ("messages_per_month", QUEUE_OPERATIONS_PER_MESSAGE),
    "do-requests": ("requests_per_month", Decimal(1)),
    "do-duration": ("active_seconds_per_month", DO_GB_PER_SECOND),
    "do-rows-read": ("rows_read_per_month", Decimal(1)),
    "do-rows-written": ("rows_written_per_month", Decimal(1)),
    "do-storage": ("storage_gb", Decimal(1)),
    "workflows-steps": ("steps_per_month", Decimal(1)),
    "workflows-storage": ("storage_gb", Decimal(1)),
    "hyperdrive-queries": ("queries_per_month", Decimal(1)),
}
# Figures for all Workers, from the usage file's ``workers`` block.
WORKER_FIGURES: dict[str, str] = {"workers-ai": "ai_neurons_per_month", "email-sending": "emails_per_month"}
CONTAINER_PRICES = ("containers-memory", "containers-cpu", "containers-disk")
FREE_PRICES = ("service-bindings", "static-assets", "rate-limiting")


class Part(NamedTuple):
    """One contribution to a line's quantity, and how it was found."""

    service: str | None
    quantity: Decimal | None  # None: no figure
    basis: str


Add = Callable[[str, "Part"], None]  # records a part of the line of a price id


class Line(NamedTuple):
    price: Price
    parts: tuple[Part, ...]
    quantity: Decimal | None  # None when a part has no figure
    billable: Decimal | None  # quantity above the allowance
    amount: Decimal | None  # USD, rounded to the cent; None: no figure


class Bill(NamedTuple):
    currency: str
    plan: str
    lines: tuple[Line, ...]
    total: Decimal  # the sum of the lines with a figure
    missing: int  # lines with no figure: the total is a lower bound
    current_cost: Decimal | None
    usage_file: str | None
    unused: tuple[str, ...] = ()  # figures of the usage file that no line reads (a typo, another kind)


def amount_of(billable: Decimal, price: Price) -> Decimal:
    return (billable / price.per * price.price).quantize(CENT, rounding=ROUND_HALF_UP)


def make_line(price: Price, parts: Iterable[Part]) -> Line:
    parts = tuple(parts)
    if price.price == 0:  # included: nothing to bill whatever the figure
        known = all(p.quantity is not None for p in parts)
        if not known:
            return Line(price, parts, None, None, Decimal("0.00"))
        quantity = sum((p.quantity for p in parts if p.quantity is not None), Decimal(0))
        return Line(price, parts, quantity, max(quantity - price.included, Decimal(0)), Decimal("0.00"))
    if any(p.quantity is None for p in parts):
        return Line(price, parts, None, None, None)
    quantity = sum((p.quantity for p in parts if p.quantity is not None), Decimal(0))
    billable = max(quantity - price.included, Decimal(0))
    return Line(price, parts, quantity, billable, amount_of(billable, price))


def compute(analysis: Analysis, usage: Usage, pricing: Pricing) -> Bill:
    parts: dict[str, list[Part]] = {}

    def add(price_id: str, part: Part) -> None:
        parts.setdefault(price_id, []).append(part)

    add("workers-paid", Part(None, Decimal(1), "the Workers Paid plan (Containers and most products need it)"))
    workers = analysis.plan.workers
    if workers:
        _workers(workers, usage, add)
    containers = {s: dict(w.container) for w in workers if w.container for s in w.services}
    for assessment in analysis.assessments:
        binding = KIND_BINDING.get(assessment.target.kind)
        if binding is None:
            continue
        if binding == "container":
            _container(assessment.service, containers, analysis, usage, pricing, add)
            continue
        figures = usage.services.get(assessment.service, {})
        for price_id in pricing.bindings[binding]:
            key, factor = SERVICE_FIGURES[price_id]
            add(price_id, _service_part(assessment.service, key, factor, figures, analysis, usage))
    # Durable Object classes of a Worker's own (a real-time app's rooms): billed with the figures
    # of the service the Worker runs.
    kinds = {a.service: a.target.kind for a in analysis.assessments}
    own_objects = sorted(
        {
            b.service
            for w in workers
            for b in w.bindings
            if b.type == "durable_object" and b.service and kinds.get(b.service) not in (None, "durable-object")
        }
    )
    for service in own_objects:
        figures = usage.services.get(service, {})
        for price_id in pricing.bindings["durable_object"]:
            key, factor = SERVICE_FIGURES[price_id]
            add(price_id, _service_part(service, key, factor, figures, analysis, usage))
    used = {b.type for w in workers for b in w.bindings}
    for binding in sorted(used - set(KIND_BINDING.values())):
        for price_id in pricing.bindings[binding]:
            if price_id in WORKER_FIGURES:
                figure = usage.workers.get(WORKER_FIGURES[price_id])
                add(price_id, Part(None, figure, f"workers.{WORKER_FIGURES[price_id]} in the usage file"))
            else:
                users = sorted(w.name for w in workers if any(b.type == binding for b in w.bindings))
                add(price_id, Part(None, None, "used by " + ", ".join(users)))
    order = list(pricing.prices)
    lines = tuple(
        make_line(pricing.prices[pid], ps) for pid, ps in sorted(parts.items(), key=lambda i: _rank(i[0], order))
    )
    total = sum((line.amount for line in lines if line.amount is not None), Decimal("0.00"))
    missing = sum(1 for line in lines if line.amount is None)
    unused = _unused(analysis, usage, pricing, own_objects)
    return Bill(pricing.currency, pricing.plan, lines, total, missing, usage.current_cost, usage.source, unused)


CONTAINER_FIGURES = frozenset({"instances", "hours_per_month", "cpu_utilization", "instance_type"})


def _unused(analysis: Analysis, usage: Usage, pricing: Pricing, own_objects: list[str]) -> tuple[str, ...]:
    """The usage file's figures that no line of this plan reads, as dotted paths."""
    relevant: dict[str, set[str]] = {}
    for assessment in analysis.assessments:
        binding = KIND_BINDING.get(assessment.target.kind)
        if binding == "container":
            relevant[assessment.service] = set(CONTAINER_FIGURES)
        elif binding is not None:
            relevant[assessment.service] = {SERVICE_FIGURES[pid][0] for pid in pricing.bindings[binding]}
    for service in own_objects:
        keys = {SERVICE_FIGURES[pid][0] for pid in pricing.bindings["durable_object"]}
        relevant.setdefault(service, set()).update(keys)
    unused = [
        f"services.{name}.{key}"
        for name, figures in usage.services.items()
        for key in figures
        if key not in relevant.get(name, set())
    ]
    mounted = {
        v.source
        for name, keys in relevant.items()
        if "storage_gb" in keys and (svc := analysis.project.service(name)) is not None
        for v in svc.volumes
        if v.type == "volume" and v.source
    }
    unused += [f"volumes.{name}" for name in usage.volumes if name not in mounted]
    return tuple(sorted(unused))


def _rank(price_id: str, order: list[str]) -> int:
    return order.index(price_id) if price_id in order else len(order)


def _workers(workers: tuple[Worker, ...], usage: Usage, add: Add) -> None:
    requests = usage.workers.get("requests_per_month")
    cpu = usage.workers.get("cpu_ms_per_request")
    invocations: list[Part] = [Part(None, requests, "workers.requests_per_month in the usage file")]
    for worker in workers:
        for cron in worker.crons:
            firings = firings_per_month(cron.schedule)
            basis = f"{worker.name}: Cron Trigger '{cron.schedule}' fires {_n(firings)} times a month (a year's firings / 12)"
            invocations.append(Part(worker.name, firings, basis))
    for part in invocations:
        add("workers-requests", part)
    for part in invocations:
        quantity = part.quantity * cpu if part.quantity is not None and cpu is not None else None
        basis = f"{part.basis}, × {_n(cpu)} CPU-ms (workers.cpu_ms_per_request)"
        add("workers-cpu", Part(part.service, quantity, basis))


def _service_part(
    service: str, key: str, factor: Decimal, figures: dict[str, object], analysis: Analysis, usage: Usage
) -> Part:
    value = figures.get(key)
    where = f"services.{service}.{key}"
    if value is None and key == "storage_gb":
        volumes = _volume_sizes(service, analysis, usage)
        if volumes:
            size = sum((gb for _, gb in volumes), Decimal(0))
            names = ", ".join(f"{name} {_n(gb)} GB" for name, gb in volumes)
            return Part(
                service,
                size,
                f"{service}: named volume{'s' if len(volumes) > 1 else ''} {names} (volumes in the usage file)",
            )
    if value is None:
        return Part(service, None, f"{service}: no figure ({where})")
    assert isinstance(value, Decimal)
    if factor == 1:
        return Part(service, value, f"{service}: {_n(value)} ({where})")
    return Part(service, value * factor, f"{service}: {_n(value)} ({where}) × {_n(factor)}")


def _volume_sizes(service: str, analysis: Analysis, usage: Usage) -> list[tuple[str, Decimal]]:
    svc = analysis.project.service(service)
    if svc is None:
        return []
    found = []
    for volume in svc.volumes:
        if volume.type == "volume" and volume.source and volume.source in usage.volumes:
            found.append((volume.source, usage.volumes[volume.source]))
    return sorted(set(found))


def _container(
    service: str,
    containers: dict[str, dict[str, object]],
    analysis: Analysis,
    usage: Usage,
    pricing: Pricing,
    add: Add,
) -> None:
    figures = usage.services.get(service, {})
    container = containers.get(service)
    planned = str(container.get("instance_type", "basic")) if container else "basic"
    kind = str(figures.get("instance_type") or planned)
    spec = pricing.instance_types.get(kind) or pricing.instance_types["basic"]
    svc = analysis.project.service(service)
    replicas = svc.replicas if svc is not None and svc.replicas is not None else None
    instances = figures.get("instances")
    if isinstance(instances, Decimal):
        count, count_basis = instances, f"{_n(instances)} instance(s) (services.{service}.instances)"
    elif replicas is not None:
        count, count_basis = Decimal(replicas), f"{replicas} replica(s) (deploy.replicas)"
    else:
        count, count_basis = Decimal(1), "1 instance"
    hours = figures.get("hours_per_month")
    hours_value = hours if isinstance(hours, Decimal) else HOURS_PER_MONTH
    hours_basis = f"{_n(hours_value)} h" + ("" if isinstance(hours, Decimal) else " (all month)")
    seconds = count * hours_value * SECONDS_PER_HOUR
    head = f"{service} ({kind}): {count_basis} × {hours_basis} × 3,600 s"
    add("containers-memory", Part(service, seconds * spec.memory_gib, f"{head} × {_n(spec.memory_gib)} GiB"))
    utilization = figures.get("cpu_utilization")
    if isinstance(utilization, Decimal):
        cpu = seconds * spec.vcpu * utilization
        add("containers-cpu", Part(service, cpu, f"{head} × {_n(spec.vcpu)} vCPU × {_n(utilization)} busy"))
    else:
        add(
            "containers-cpu",
            Part(service, None, f"{head} × {_n(spec.vcpu)} vCPU × no figure (services.{service}.cpu_utilization)"),
        )
    add("containers-disk", Part(service, seconds * spec.disk_gb, f"{head} × {_n(spec.disk_gb)} GB"))


def _n(value: Decimal | int | None) -> str:
    """A quantity as people write it: 15,000,000 or 0.128; 'no figure' for None."""
    if value is None:
        return "no figure"
    d = Decimal(value).normalize()
    if d == d.to_integral_value():
        return f"{d.quantize(Decimal(1)):,}"
    return f"{d:,f}"


def number(value: Decimal | None) -> str:
    return _n(value)


def money(value: Decimal) -> str:
    return f"${value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"
