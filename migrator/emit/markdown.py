"""The Markdown report, made for a pull-request comment (at most 65,536 characters)."""

from __future__ import annotations

import re
from typing import Any

from migrator.emit.document import build as build_document
from migrator.emit.templating import environment
from migrator.model import Analysis

MARKER = "<!-- migrator-report -->"
LIMIT = 65_536
_ESCAPE = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(value: Any) -> str:
    """Escape text for Markdown: no HTML, no table breaks, no formatting surprises."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;")
    text = _ESCAPE.sub(
        lambda m: (
            "&lt;"
            if m.group(1) == "<"
            else "&gt;"
            if m.group(1) == ">"
            else "&#124;"
            if m.group(1) == "|"
            else "\\" + m.group(1)
        ),
        text,
    )
    return text.replace("\r", " ").replace("\n", " ")


def code(value: Any) -> str:
    """Inline code that survives any content (backticks, pipes, HTML)."""
    text = "" if value is None else str(value)
    text = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|")
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def mermaid_label(value: Any) -> str:
    text = "" if value is None else str(value)
    return re.sub(r"[^A-Za-z0-9 ._:/@*-]", "_", text)[:60]


_KIND_ICON = {
    "worker": "Worker",
    "assets": "Static Assets",
    "d1": "D1",
    "hyperdrive": "Hyperdrive",
    "kv": "KV",
    "durable-object": "Durable Object",
    "r2": "R2",
    "queue": "Queues",
    "cron": "Cron Trigger",
    "workflow": "Workflow",
    "container": "Container",
    "platform": "Cloudflare platform",
    "unsupported": "no home",
}


def render(analysis: Analysis, doc: dict[str, Any] | None = None) -> str:
    """The Markdown report; ``doc`` is the report document when the caller has built it already."""
    doc = build_document(analysis) if doc is None else doc
    env = environment()
    template = env.get_template("report.md.j2")
    blockers = [f for f in doc["findings"] if f["severity"] == "blocker"]
    ids = {svc["name"]: index for index, svc in enumerate(doc["services"], start=1)}
    before = sorted(
        {
            (ids[e["source"]], ids[e["target"]])
            for e in doc["edges"]
            if e["source"] in ids and e["target"] in ids and e["kind"] != "volume"
        }
    )
    after = sorted(
        {
            (ids[w["services"][0]], ids[b["service"]], b["type"])
            for w in doc["workers"]
            for b in w["bindings"]
            if b["service"] in ids and w["services"][0] in ids and b["service"] != w["services"][0]
        }
    )
    context = {
        "doc": doc,
        "marker": MARKER,
        "blockers": blockers,
        "warnings": [f for f in doc["findings"] if f["severity"] == "warning"],
        "infos": [f for f in doc["findings"] if f["severity"] == "info"],
        "kind_name": _KIND_ICON,
        "services_by_name": {s["name"]: s for s in doc["services"]},
        "secrets": sorted({(w["name"], s) for w in doc["workers"] for s in w["secrets"]}),
        "ids": ids,
        "before_edges": before,
        "after_edges": after,
        "details": True,
        "truncated": False,
    }
    text = _render_at_most(template, context)
    if text is not None:
        return text
    context["details"] = False
    context["truncated"] = True
    text = _render_at_most(template, context)
    if text is not None:
        return text
    note = "\n\n**Report cut at 65,536 characters; run `migrator analyze --format json` for everything.**\n"
    return _render_at_most(template, context, LIMIT - len(note), cut=True) + note  # type: ignore[operator]


def _render_at_most(template: Any, context: dict[str, Any], limit: int = LIMIT, *, cut: bool = False) -> str | None:
    """The template's text if it fits in ``limit`` characters, else None (or, with ``cut``, its
    first ``limit`` characters).  Rendering stops as soon as the limit is passed: a large project
    would otherwise render a long report only to throw it away."""
    parts: list[str] = []
    size = 0
    for part in template.generate(**context):
        parts.append(part)
        size += len(part)
        if size > limit:
            return "".join(parts)[:limit] if cut else None
    return "".join(parts)
