"""A compact report for terminals; colour only when asked (a TTY without NO_COLOR)."""

from __future__ import annotations

from migrator.emit.document import build as build_document
from migrator.model import Analysis

_COLOURS = {"blocker": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "bold": "\033[1m", "dim": "\033[2m"}
_RESET = "\033[0m"


def _paint(text: str, style: str, colour: bool) -> str:
    return f"{_COLOURS[style]}{text}{_RESET}" if colour else text


def _clean(text: object) -> str:
    """No control characters from the input reach the terminal."""
    return "".join(ch if ch.isprintable() else "?" for ch in str(text))


def count(number: int, word: str) -> str:
    """``1 warning``, ``2 warnings``, ``0 Workers``."""
    return f"{number} {word}{'' if number == 1 else 's'}"


def inactive_profiles(analysis: Analysis) -> list[str]:
    """The profiles that hold the services left out, sorted."""
    return sorted({profile for _name, profiles in analysis.project.inactive for profile in profiles})


def render(analysis: Analysis, *, colour: bool = False) -> str:
    doc = build_document(analysis)
    s = doc["summary"]
    lines: list[str] = []
    services = count(s["services"], "service")
    if not s["services"] and analysis.project.inactive:
        left_out = len(analysis.project.inactive)
        services = (
            f"no service enabled ({count(left_out, 'service')} behind the profiles "
            f"{', '.join(inactive_profiles(analysis))}; pass --profile)"
        )
    head = f"migrator: {_clean(doc['project']['name'])}: {_clean(services)} -> {count(s['workers'], 'Worker')}"
    counts = ", ".join(count(n, sev) for sev, n in s["findings"].items())
    lines.append(_paint(head, "bold", colour) + f" ({counts})")
    rows = [("SERVICE", "BECOMES", "ALTERNATIVES", "CONFIDENCE", "RULE")]
    for svc in doc["services"]:
        t = svc["target"]
        rows.append((_clean(svc["name"]), t["kind"], ",".join(t["alternatives"]) or "-", t["confidence"], t["rule_id"]))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    if len(rows) > 1:
        lines.append("")
    for index, row in enumerate(rows if len(rows) > 1 else []):
        text = "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip()
        lines.append(_paint(text, "dim", colour) if index == 0 else text)
    if doc["workers"]:
        lines.append("")
        for worker in doc["workers"]:
            bindings = ", ".join(f"{b['binding']}:{b['type']}" for b in worker["bindings"]) or "no bindings"
            routes = ", ".join(r["pattern"] for r in worker["routes"])
            crons = ", ".join(worker["crons"])
            extra = "".join(f"; {label} {value}" for label, value in (("routes", routes), ("crons", crons)) if value)
            lines.append(f"worker {_clean(worker['name'])}: {_clean(bindings)}{_clean(extra)}")
    effort, cost = doc["effort"], doc["cost"]
    classes = ", ".join(f"{effort['totals'][c]} {c}" for c in reversed(effort["classes"]) if effort["totals"].get(c))
    waves = "; ".join(
        f"wave {w['wave']}: "
        + ", ".join(f"{w['totals'][c]} {c}" for c in reversed(effort["classes"]) if w["totals"].get(c))
        for w in effort["waves"]
    )
    lines.append("")
    lines.append(f"effort: {classes or 'none'}" + (f" ({waves})" if waves else ""))
    lines.append(_clean(f"bill: {cost['headline']} (`migrator cost` for each line)"))
    if doc["findings"]:
        lines.append("")
        for f in doc["findings"]:
            where = ""
            if f["location"]:
                loc = f["location"]
                where = f"{loc['file']}:{loc['line']}:{loc['column']}: " if loc["line"] else f"{loc['file']}: "
            tag = _paint(f"{f['severity']}[{f['rule_id']}]", f["severity"], colour)
            service = f" {f['service']}:" if f["service"] else ""
            lines.append(_clean(f"{where}") + tag + _clean(f"{service} {f['message']}"))
    return "\n".join(lines) + "\n"
