"""The Markdown report, made for a pull-request comment (at most 65,536 characters)."""

from __future__ import annotations

from typing import Any, NamedTuple

from migrator.emit.document import build as build_document
from migrator.emit.templating import environment
from migrator.mdtext import KIND_NAME, plural
from migrator.model import Analysis

MARKER = "<!-- migrator-report -->"
LIMIT = 65_536


def worker_waves(doc: dict[str, Any]) -> list[list[str]]:
    """The migration waves, Workers only, named as they deploy."""
    worker_of = {svc: w["name"] for w in doc["workers"] for svc in w["services"]}
    waves = [sorted({worker_of[s] for s in wave if s in worker_of}) for wave in doc["waves"]]
    return [wave for wave in waves if wave]


def render(analysis: Analysis, doc: dict[str, Any] | None = None) -> str:
    """The Markdown report; ``doc`` is the report document when the caller has built it already.
    With details if they fit in a comment, else without them (and a note saying so), else that cut."""
    template = environment().get_template("report.md.j2")
    context = report_context(analysis, build_document(analysis) if doc is None else doc)
    note = "\n\n**Report cut at 65,536 characters; run `migrator analyze --format json` for everything.**\n"
    text, before_details = _render_at_most(template, context)
    if not text.overflow:
        return text.text
    if before_details:
        # Past the limit before the first part that `details` or `truncated` changes: the shorter
        # report would overflow at the same place with the same text, so it is cut from this one.
        return cut(text.text, note)
    context["details"] = False
    context["truncated"] = True
    text, _ = _render_at_most(template, context)
    return cut(text.text, note) if text.overflow else text.text


def report_context(analysis: Analysis, doc: dict[str, Any]) -> dict[str, Any]:
    """What the template reads, with details (``details``, ``truncated``)."""
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
        "kind_name": KIND_NAME,
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
    return context


class _Rendered(NamedTuple):
    text: str  # the whole text, or its first LIMIT characters when it overflowed
    overflow: bool


def _render_at_most(template: Any, context: dict[str, Any], limit: int = LIMIT) -> tuple[_Rendered, bool]:
    """The template's text, or its first ``limit`` characters if it is longer; and whether it
    passed the limit before reaching ``{{ reached("details") }}``, the first place whose text
    depends on ``details`` or ``truncated``.  Rendering stops as soon as the limit is passed: a
    large project would otherwise render a long report only to throw it away."""
    parts: list[str] = []
    size = 0
    seen: list[str] = []

    def reached(place: str) -> str:
        seen.append(place)
        return ""

    for part in template.generate(**context, reached=reached):
        parts.append(part)
        size += len(part)
        if size > limit:
            return _Rendered("".join(parts)[:limit], True), not seen
    return _Rendered("".join(parts), False), not seen


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
