"""Usage assumptions for the bill: a YAML file (``--usage``) validated by ``usage.schema.json``.

Every figure is optional.  A figure the file does not give is shown on the bill as "no figure"
with its unit price, never as $0; the only defaults are the documented ones below.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from migrator.errors import MigratorError
from migrator.model import Span
from migrator.resources import schema_path

# Documented defaults (README "Cost"): a Compose service runs all month, 365 × 24 / 12 hours;
# a delivered queue message of up to 64 KB is three operations (write, read, delete).
HOURS_PER_MONTH = Decimal("730")
QUEUE_OPERATIONS_PER_MESSAGE = Decimal("3")
# A Durable Object is billed for 128 MB while active: one active second is 0.128 GB-s.
DO_GB_PER_SECOND = Decimal("0.128")


class Usage(NamedTuple):
    """Usage figures: for all Workers, per Compose service, and per named volume (GB)."""

    workers: dict[str, Decimal] = {}  # noqa: RUF012 (never mutated)
    services: dict[str, dict[str, Any]] = {}  # noqa: RUF012
    volumes: dict[str, Decimal] = {}  # noqa: RUF012
    current_cost: Decimal | None = None  # the monthly bill of what runs today (a VPS), USD
    source: str | None = None  # the usage file, as given

    def with_current_cost(self, amount: Decimal | None) -> Usage:
        return self._replace(current_cost=amount) if amount is not None else self


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value))


def from_tree(tree: dict[str, Any], source: str | None) -> Usage:
    workers = {key: _decimal(v) for key, v in sorted((tree.get("workers") or {}).items())}
    services: dict[str, dict[str, Any]] = {}
    for name, figures in sorted((tree.get("services") or {}).items()):
        services[str(name)] = {
            key: (str(v) if key == "instance_type" else _decimal(v)) for key, v in sorted((figures or {}).items())
        }
    volumes = {str(name): _decimal(v) for name, v in sorted((tree.get("volumes") or {}).items())}
    current = tree.get("current_cost")
    return Usage(workers, services, volumes, _decimal(current) if current is not None else None, source)


def load_usage(path: str) -> Usage:
    """A usage file, with file:line:col in any error."""
    from migrator.compose.config import plain
    from migrator.compose.schemacheck import Checker
    from migrator.compose.yamlread import parse_documents
    from migrator.engine.catalogue import _span_of

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MigratorError(f"cannot read the usage file {path}: {exc}", hint="check --usage") from None
    docs = parse_documents(text, path)
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise MigratorError("a usage file holds one mapping", span=Span(path, 1, 1), hint="see `migrator schema usage`")
    checker = Checker(json.loads(schema_path("usage.schema.json").read_text(encoding="utf-8")))
    tree = plain(docs[0])
    for error in checker.errors(tree):
        where = ".".join(str(p) for p in error.path) or "the top level"
        raise MigratorError(
            f"invalid usage file: {where} {error.message}",
            span=_span_of(docs[0], error.path, path),
            hint="see `migrator schema usage` and the README's Cost section",
        )
    for where_path, value in _numbers(tree, ()):
        if not math.isfinite(value) or abs(value) > MAX_FIGURE:
            where = ".".join(str(p) for p in where_path)
            raise MigratorError(
                f"invalid usage file: {where} is not a figure a bill can use (at most {MAX_FIGURE:,} a month)",
                span=_span_of(docs[0], where_path, path),
                hint="give a plain number, such as 12000000",
            )
    return from_tree(tree, path)


# The largest figure a usage file may give: beyond it the arithmetic of the bill (28 digits)
# cannot carry the products, and no Compose project is that large.
MAX_FIGURE = 10**12


def _numbers(value: Any, where: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], float]]:
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [(where, float(value) if not isinstance(value, int) or value.bit_length() < 1000 else math.inf)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _numbers(item, (*where, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _numbers(item, (*where, index))]
    return []


def parse_amount(text: str) -> Decimal:
    """``--current-cost``: a USD amount such as 48 or 48.50 (a leading $ is allowed)."""
    from decimal import InvalidOperation

    cleaned = text.strip().lstrip("$").replace(",", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise MigratorError(f"--current-cost {text!r} is not an amount", hint="give USD a month, e.g. 48.50") from None
    if not amount.is_finite() or amount < 0 or amount > MAX_FIGURE:
        raise MigratorError(f"--current-cost {text!r} is not an amount", hint="give USD a month, e.g. 48.50")
    return amount
