"""The bill as JSON (``migrator schema cost``), text and Markdown.  Every line shows how it is
computed: quantity, allowance subtracted, times the unit price."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from migrator.cost.bill import Bill, Line, money, number
from migrator.cost.pricing import Price


def price_text(value: Decimal) -> str:
    """A unit price: cents always shown, smaller fractions kept (``$0.30``, ``$0.0000025``)."""
    d = value.normalize()
    exponent = d.as_tuple().exponent
    return f"${d:,.2f}" if isinstance(exponent, int) and exponent >= -2 else f"${d:,f}"


_PLURALS = {"query": "queries"}


def _units(unit: str, count: Decimal) -> str:
    """``unit`` for ``count`` of them: words take a plural, measures (GB-month, CPU-ms) do not."""
    if count == 1 or "-" in unit or unit.endswith("s") or unit == "month":
        return unit
    return _PLURALS.get(unit, unit + "s")


def _unit_price(price: Price) -> str:
    per = "" if price.per == 1 else f"{number(price.per)} "
    return f"{price_text(price.price)} per {per}{_units(price.unit, price.per)}"


def formula(line: Line) -> str:
    """How the line's amount is found, in one sentence a reader can recompute."""
    price = line.price
    if price.price == 0:
        return "included, no charge"
    if line.quantity is None:
        return f"no figure: {_unit_price(price)} beyond {number(price.included)} included"
    billable = line.billable if line.billable is not None else Decimal(0)
    text = f"{number(line.quantity)} {_units(price.unit, line.quantity)}"
    if price.included and line.quantity <= price.included:
        return f"{text}, within the {number(price.included)} included = {money(Decimal(0))}"
    if price.included:
        text += f" − {number(price.included)} included = {number(billable)}"
    return f"{text} × {_unit_price(price)} = {money(line.amount or Decimal(0))}"


def _amount(line: Line) -> str:
    return "no figure" if line.amount is None else money(line.amount)


def to_json(bill: Bill) -> dict[str, Any]:
    def dec(value: Decimal | None) -> str | None:
        return None if value is None else format(value.normalize(), "f") if value != 0 else "0"

    difference = None
    if bill.current_cost is not None:
        difference = format((bill.total - bill.current_cost).quantize(Decimal("0.01")), "f")
    return {
        "currency": bill.currency,
        "plan": bill.plan,
        "usage_file": bill.usage_file,
        "total": format(bill.total.quantize(Decimal("0.01")), "f"),
        "complete": bill.missing == 0,
        "missing": bill.missing,
        "unused_figures": list(bill.unused),
        "current_cost": None if bill.current_cost is None else format(bill.current_cost.quantize(Decimal("0.01")), "f"),
        "difference": difference,
        "lines": [
            {
                "price_id": line.price.id,
                "product": line.price.product,
                "item": line.price.item,
                "unit": line.price.unit,
                "unit_price": dec(line.price.price),
                "per": dec(line.price.per),
                "included": dec(line.price.included),
                "quantity": dec(line.quantity),
                "billable": dec(line.billable),
                "amount": None if line.amount is None else format(line.amount, "f"),
                "formula": formula(line),
                "parts": [{"service": p.service, "quantity": dec(p.quantity), "basis": p.basis} for p in line.parts],
                "date": line.price.date,
                "source": line.price.source,
                "note": line.price.note,
            }
            for line in bill.lines
        ],
    }


def headline(bill: Bill) -> str:
    """One sentence: the total, what it leaves out, and the comparison."""
    total = money(bill.total)
    text = (
        f"{total} a month"
        if bill.missing == 0
        else f"at least {total} a month ({bill.missing} line{'s' if bill.missing != 1 else ''} with no figure)"
    )
    if bill.current_cost is not None:
        diff = bill.total - bill.current_cost
        word = "more" if diff > 0 else "less"
        text += f", against {money(bill.current_cost)} today ({money(abs(diff))} {word}{', before the lines with no figure' if bill.missing else ''})"
    return text


def render_text(bill: Bill) -> str:
    lines = [f"Cloudflare bill ({bill.plan}, {bill.currency}): {headline(bill)}", ""]
    rows = [("PRODUCT", "ITEM", "AMOUNT", "HOW")]
    for line in bill.lines:
        rows.append((line.price.product, line.price.item, _amount(line), formula(line)))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    for row in rows:
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3])
    lines.append("")
    for line in bill.lines:
        for part in line.parts:
            if part.basis and line.price.price != 0:
                lines.append(f"{line.price.id}: {part.basis}")
    lines.append("")
    if bill.unused:
        lines.append("Not used by this plan (a typo, or a figure for another kind): " + ", ".join(bill.unused))
    lines.append(
        "Prices: rules/pricing.yaml (each with its date and source); usage: "
        + (bill.usage_file or "no usage file (--usage FILE)")
    )
    return "\n".join(lines) + "\n"


def render_markdown(bill: Bill, *, level: int = 2) -> str:
    from migrator.mdtext import code, md

    head = "#" * level
    out = [f"{head} Cloudflare bill", "", f"**{md(headline(bill))}** ({md(bill.plan)}, {bill.currency}).", ""]
    out += ["| Product | Item | How | Amount |", "|---|---|---|---:|"]
    for line in bill.lines:
        out.append(f"| {md(line.price.product)} | {md(line.price.item)} | {md(formula(line))} | {_amount(line)} |")
    out.append(f"| **Total** | | {'lines with a figure' if bill.missing else ''} | **{money(bill.total)}** |")
    out.append("")
    parts = [(line.price, p) for line in bill.lines if line.price.price != 0 for p in line.parts]
    if parts:
        out += ["<details><summary>Where the quantities come from</summary>", ""]
        out += [f"- {md(price.product)} {md(price.item)}: {md(part.basis)}" for price, part in parts]
        out += ["", "</details>", ""]
    if bill.unused:
        out += [
            "Not used by this plan (a typo, or a figure for another kind): " + ", ".join(map(code, bill.unused)),
            "",
        ]
    out.append(
        f"Prices from `rules/pricing.yaml` (Cloudflare's pricing pages, each price dated); usage from "
        f"{md(bill.usage_file) if bill.usage_file else 'no usage file (`--usage FILE`)'}."
    )
    return "\n".join(out) + "\n"
