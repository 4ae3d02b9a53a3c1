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
# GitHub turns @name into a notification and #123 or GH-123 into a link: a zero-width space
# (as an entity, which Markdown keeps) leaves the text as it reads and makes it inert.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
_REFERENCE = re.compile(r"(\\#|\bGH-)(?=[0-9])", re.IGNORECASE)
_ZWSP = "&#8203;"


# Control characters other than tab and line breaks: GitHub refuses a comment body with a NUL,
# and a terminal showing the file would obey an escape sequence.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _visible(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text) if _CONTROL.search(text) else text


def md(value: Any) -> str:
    """Escape text for Markdown: no HTML, no table breaks, no formatting surprises."""
    text = _visible("" if value is None else str(value))
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
    text = _MENTION.sub("@" + _ZWSP, text) if "@" in text else text
    text = _REFERENCE.sub(lambda m: m.group(1) + _ZWSP, text)
    return text.replace("\r", " ").replace("\n", " ")


def code(value: Any) -> str:
    """Inline code that survives any content (backticks, pipes, HTML)."""
    text = _visible("" if value is None else str(value))
    text = text.replace("\r", " ").replace("\n", " ").replace("|", "\\|")
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_SHELL_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WORKER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


def secret_command(name: str, worker: str) -> str:
    """The `wrangler secret put` line of a secret, to paste into a shell: only for a name and a
    Worker that are plain words, so that no input text becomes shell syntax."""
    if _SHELL_WORD.fullmatch(name) and _WORKER_NAME.fullmatch(worker):
        return code(f"npx wrangler secret put {name} --name {worker}")
    return f"{code(name)} of {code(worker)}: a name that is not a plain identifier; set it in the dashboard"


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


def plural(number: int, word: str) -> str:
    """``1 warning``, ``2 warnings``, ``0 Workers``."""
    return f"{number} {word}{'' if number == 1 else 's'}"


def worker_waves(doc: dict[str, Any]) -> list[list[str]]:
    """The migration waves, Workers only, named as they deploy."""
    worker_of = {svc: w["name"] for w in doc["workers"] for svc in w["services"]}
    waves = [sorted({worker_of[s] for s in wave if s in worker_of}) for wave in doc["waves"]]
    return [wave for wave in waves if wave]


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
        "effort_of": {svc["name"]: svc["effort"]["class"] for svc in doc["services"] if svc.get("effort")},
        "details": True,
        "truncated": False,
        "plural": plural,
        "worker_waves": worker_waves(doc),
        "inactive": analysis.project.inactive,
        "inactive_profiles": sorted({p for _name, profiles in analysis.project.inactive for p in profiles}),
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
    return cut(_render_at_most(template, context, LIMIT, cut=True) or "", note)


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


def cut(text: str, note: str, limit: int = LIMIT) -> str:
    """The text cut at a line break so that text and note fit in ``limit``, with every open code
    fence (a Mermaid diagram) and ``<details>`` closed, so that the note renders as text."""
    reserve = 512
    kept = text[: max(0, limit - len(note) - reserve)]
    newline = kept.rfind("\n")
    kept = kept[: newline + 1] if newline >= 0 else ""
    fence = ""
    details = 0
    for line in kept.splitlines():
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
            continue
        run = len(stripped) - len(stripped.lstrip("`~")) if stripped[:1] in ("`", "~") else 0
        if run >= 3 and stripped[0] * run == stripped[:run] and stripped[0] not in stripped[run:]:
            fence = stripped[:run]
            continue
        details += line.count("<details") - line.count("</details>")
    closing = (fence + "\n" if fence else "") + "</details>\n" * max(0, details)
    return kept + closing + note
