"""The audit sections of the report document: effort per service and per wave, and the bill."""

from __future__ import annotations

from collections import Counter
from typing import Any

from migrator.model import EFFORT_CLASSES, Analysis


def effort_document(analysis: Analysis) -> dict[str, Any]:
    """Effort classes counted over the project and per migration wave (classes, never hours)."""
    level = {a.service: (a.effort.level if a.effort else "unknown") for a in analysis.assessments}

    def counts(names: list[str]) -> dict[str, int]:
        counter = Counter(level[n] for n in names if n in level)
        return {c: counter[c] for c in (*EFFORT_CLASSES, "unknown") if counter[c] or c != "unknown"}

    waves = [list(w) for w in analysis.plan.waves]
    placed = {name for wave in waves for name in wave}
    rest = sorted(name for name in level if name not in placed)
    if rest:
        waves.append(rest)
    return {
        "classes": list(EFFORT_CLASSES),
        "totals": counts(sorted(level)),
        "waves": [{"wave": index, "services": wave, "totals": counts(wave)} for index, wave in enumerate(waves, 1)],
    }


def cost_document(analysis: Analysis) -> dict[str, Any]:
    """The bill of the plan (as ``migrator cost --format json`` prints it)."""
    from migrator.cost import Usage, compute, load_pricing
    from migrator.cost.render import headline, to_json

    bill = compute(analysis, analysis.usage or Usage(), load_pricing())
    document = to_json(bill)
    document["headline"] = headline(bill)
    return document


def cost_delta(base: dict[str, Any], head: dict[str, Any]) -> str:
    """One line for a pull request: how the change moves the monthly bill (two report documents)."""
    from decimal import Decimal

    before, after = base.get("cost"), head.get("cost")
    if not before or not after:
        return "Cost: not in both reports"
    old, new = Decimal(before["total"]), Decimal(after["total"])
    diff = new - old
    sign = "+" if diff > 0 else "−" if diff < 0 else "±"
    lower = " (lower bounds: some usage has no figure)" if not (before["complete"] and after["complete"]) else ""
    return f"Cost: ${old:,.2f} → ${new:,.2f} a month ({sign}${abs(diff):,.2f}){lower}"


def effort_delta(base: dict[str, Any], head: dict[str, Any]) -> str:
    """One line for a pull request: how the change moves the effort classes (two report documents)."""
    old = (base.get("effort") or {}).get("totals") or {}
    new = (head.get("effort") or {}).get("totals") or {}
    changes = []
    for level in reversed((*EFFORT_CLASSES, "unknown")):
        diff = new.get(level, 0) - old.get(level, 0)
        if diff:
            changes.append(f"{'+' if diff > 0 else '−'}{abs(diff)} {level}")
    now = ", ".join(f"{new[c]} {c}" for c in reversed(EFFORT_CLASSES) if new.get(c))
    return f"Effort: {', '.join(changes) if changes else 'no change'} (now {now or 'nothing to move'})"
