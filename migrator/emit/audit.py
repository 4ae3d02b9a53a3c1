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
