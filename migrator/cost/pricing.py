"""Cloudflare's prices as data: ``rules/pricing.yaml``, validated by ``pricing.schema.json``."""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from typing import Any, NamedTuple

from migrator.errors import MigratorError
from migrator.resources import resource_dir, schema_path


class Price(NamedTuple):
    """One price: ``price`` USD per ``per`` units beyond ``included`` units a month."""

    id: str
    product: str
    item: str
    unit: str
    per: Decimal
    price: Decimal
    included: Decimal
    date: str
    source: str
    note: str = ""


class InstanceType(NamedTuple):
    vcpu: Decimal
    memory_gib: Decimal
    disk_gb: Decimal


class Pricing(NamedTuple):
    currency: str
    plan: str
    prices: dict[str, Price]
    bindings: dict[str, tuple[str, ...]]  # binding type -> the prices it bills under
    instance_types: dict[str, InstanceType]


def check(tree: Any) -> None:
    """Raise a MigratorError when ``tree`` does not follow the pricing schema."""
    from migrator.compose.schemacheck import Checker

    checker = Checker(json.loads(schema_path("pricing.schema.json").read_text(encoding="utf-8")))
    for error in checker.errors(tree):
        where = ".".join(str(p) for p in error.path) or "the top level"
        raise MigratorError(
            f"invalid pricing file: {where} {error.message}", hint="see migrator/schemas/pricing.schema.json"
        )


def from_tree(tree: dict[str, Any]) -> Pricing:
    check(tree)
    prices = {
        pid: Price(
            pid,
            raw["product"],
            raw["item"],
            raw["unit"],
            Decimal(raw["per"]),
            Decimal(raw["price"]),
            Decimal(raw["included"]),
            str(raw["date"]),
            raw["source"],
            raw.get("note", ""),
        )
        for pid, raw in tree["prices"].items()  # the file's order is the bill's
    }
    bindings = {kind: tuple(ids) for kind, ids in sorted(tree["bindings"].items())}
    for kind, ids in bindings.items():
        for pid in ids:
            if pid not in prices:
                raise MigratorError(f"invalid pricing file: bindings.{kind} names {pid!r}, which has no price")
    types = {
        name: InstanceType(Decimal(t["vcpu"]), Decimal(t["memory_gib"]), Decimal(t["disk_gb"]))
        for name, t in sorted(tree["instance_types"].items())
    }
    return Pricing(tree["currency"], tree["plan"], prices, bindings, types)


@functools.cache
def load_pricing() -> Pricing:
    """The packaged prices."""
    import yaml

    text = (resource_dir("rules") / "pricing.yaml").read_text(encoding="utf-8")
    return from_tree(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
