"""The audit report as one self-contained HTML file: no network, no fonts or scripts from
elsewhere, prints cleanly.  Rendered from the redacted report document with autoescaping on;
the before/after picture is inline SVG laid out here, deterministically, wave by wave."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from markupsafe import Markup

from migrator.emit.document import build as build_document
from migrator.mdtext import KIND_NAME, plural
from migrator.model import EFFORT_CLASSES, Analysis

# The reports' names, with the page's own words for two of them.
KIND_LABEL = {**KIND_NAME, "queue": "Queue", "platform": "Built in"}
# Shorter names for the picture's boxes.
SHORT_LABEL = {"assets": "Assets", "durable-object": "DO", "cron": "Cron", "unsupported": "No home"}
# Fill colours by target kind, light enough for dark text (contrast >= 4.5:1 with #1b1b1b).
KIND_COLOUR = {
    "worker": "#fbd3ae",
    "assets": "#fde9c9",
    "d1": "#c9def7",
    "hyperdrive": "#b7d3f3",
    "kv": "#cdeccd",
    "durable-object": "#dccff2",
    "r2": "#c5ebe7",
    "queue": "#f6d5e6",
    "cron": "#efe3b0",
    "workflow": "#e9d8c3",
    "container": "#d6dde6",
    "platform": "#eeeeee",
    "unsupported": "#f7c4c0",
}
EFFORT_RANK = {"none": 0, "small": 1, "medium": 2, "large": 3}

# Picture geometry (px).
NODE_W, NODE_H, GAP_Y, COL_W, PANEL_GAP, TOP, LEFT = 150, 24, 8, 172, 48, 64, 12
LABEL_CHARS = 21


class Node(NamedTuple):
    id: str
    service: str
    label: str  # shortened to fit
    title: str  # the full text, in a tooltip
    kind: str
    x: int
    y: int
    panel: str  # "before" or "after"
    blocked: bool = False


class Link(NamedTuple):
    path: str
    kind: str
    title: str
    panel: str


class Picture(NamedTuple):
    width: int
    height: int
    nodes: tuple[Node, ...]
    links: tuple[Link, ...]
    columns: tuple[tuple[str, int, int], ...]  # (header, x, panel width or 0)
    panels: tuple[tuple[str, int, int], ...]  # (title, x, width)


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _order_waves(waves: list[list[str]], edges: list[tuple[str, str]]) -> list[list[str]]:
    """Services in each wave ordered to cross fewer edges: by the mean position of their
    neighbours in earlier waves (two sweeps), ties by name.  Deterministic."""
    neighbours: dict[str, set[str]] = {name: set() for wave in waves for name in wave}
    for source, target in edges:
        if source != target:
            neighbours.setdefault(source, set()).add(target)
            neighbours.setdefault(target, set()).add(source)
    ordered = [sorted(wave) for wave in waves]
    for _ in range(2):
        position = {name: index for wave in ordered for index, name in enumerate(wave)}
        for column in range(len(ordered)):
            wave = ordered[column]
            earlier = {n for w in ordered[:column] for n in w} if column else {n for w in ordered[1:] for n in w}

            def key(name: str, earlier: set[str] = earlier, position: dict[str, int] = position) -> tuple[float, str]:
                near = [position[n] for n in neighbours[name] if n in earlier]
                centre = sum(near) / len(near) if near else float(position[name])
                return (centre, name)

            ordered[column] = sorted(wave, key=key)
            position.update({name: index for index, name in enumerate(ordered[column])})
    return ordered


def _curve(x1: int, y1: int, x2: int, y2: int) -> str:
    if x1 == x2:  # same column: an arc to the side
        bend = x1 + 40
        return f"M{x1} {y1} C{bend} {y1} {bend} {y2} {x2} {y2}"
    mid = (x1 + x2) // 2
    return f"M{x1} {y1} C{mid} {y1} {mid} {y2} {x2} {y2}"


def picture(doc: dict[str, Any]) -> Picture:
    """Compose services and their inferred edges on the left, what each becomes and the Workers'
    bindings on the right; one column per migration wave in each panel."""
    services = {s["name"]: s for s in doc["services"]}
    waves = [list(w) for w in doc.get("waves") or []]
    placed = {n for w in waves for n in w}
    missing = sorted(n for n in services if n not in placed)
    if missing:
        waves.append(missing)
    waves = [[n for n in w if n in services] for w in waves if any(n in services for n in w)] or [[]]
    before_edges = sorted(
        {(e["source"], e["target"]) for e in doc["edges"] if e["source"] in services and e["target"] in services}
    )
    after_edges: dict[tuple[str, str], list[str]] = {}
    for worker in doc["workers"]:
        owner = str(worker["services"][0]) if worker["services"] else ""
        for binding in worker["bindings"]:
            bound = str(binding.get("service") or "")
            if owner in services and bound in services and bound != owner:
                after_edges.setdefault((owner, bound), []).append(f"{binding['binding']} ({binding['type']})")
    ordered = _order_waves(waves, before_edges)
    worker_of = {s: w["name"] for w in doc["workers"] for s in w["services"]}
    blocked = {f["service"] for f in doc["findings"] if f["severity"] == "blocker" and f["service"]}
    panel_w = COL_W * len(ordered)
    nodes: list[Node] = []
    columns: list[tuple[str, int, int]] = []
    anchor: dict[tuple[str, str], tuple[int, int]] = {}
    for panel_index, panel in enumerate(("before", "after")):
        base = LEFT + panel_index * (panel_w + PANEL_GAP)
        for column, wave in enumerate(ordered):
            x = base + column * COL_W
            columns.append((f"Wave {column + 1}", x, 0))
            for row, name in enumerate(wave):
                y = TOP + row * (NODE_H + GAP_Y)
                svc = services[name]
                kind = svc["target"]["kind"]
                if panel == "before":
                    text = name
                    title = f"{name}: {svc['image'] or 'build ' + str(svc['build'] or '.')}"
                else:
                    text = f"{SHORT_LABEL.get(kind, KIND_LABEL[kind])}: {name}"
                    title = f"{name} becomes {KIND_LABEL[kind]}" + (
                        f" (Worker {worker_of[name]})" if name in worker_of else ""
                    )
                if name in blocked:
                    title += " (blocked: see Blockers)"
                node = Node(f"{panel}-{len(nodes)}", name, _short(text), title, kind, x, y, panel, name in blocked)
                nodes.append(node)
                anchor[(panel, name)] = (x, y + NODE_H // 2)
    links: list[Link] = []
    for panel, pairs in (("before", {p: ["depends on or reaches"] for p in before_edges}), ("after", after_edges)):
        for (source, target), what in sorted(pairs.items()):
            (sx, sy), (tx, ty) = anchor[(panel, source)], anchor[(panel, target)]
            if sx > tx:  # the usual case: a later wave reaches an earlier one
                path = _curve(sx, sy, tx + NODE_W, ty)
            elif sx < tx:
                path = _curve(sx + NODE_W, sy, tx, ty)
            else:
                path = _curve(sx + NODE_W, sy, tx + NODE_W, ty)
            kind = services[target]["target"]["kind"]
            links.append(Link(path, kind, f"{source} → {target}: {', '.join(sorted(set(what)))}", panel))
    rows = max((len(w) for w in ordered), default=1)
    height = TOP + rows * (NODE_H + GAP_Y) + 16
    width = LEFT * 2 + panel_w * 2 + PANEL_GAP
    panels = (("Compose today", LEFT, panel_w), ("On Cloudflare", LEFT + panel_w + PANEL_GAP, panel_w))
    return Picture(width, height, tuple(nodes), tuple(links), tuple(columns), panels)


def readiness(doc: dict[str, Any]) -> dict[str, Any]:
    """Services that can move as planned: a Cloudflare target (not 'no home') and no blocker."""
    blocked = {f["service"] for f in doc["findings"] if f["severity"] == "blocker" and f["service"]}
    project_blockers = [f for f in doc["findings"] if f["severity"] == "blocker" and not f["service"]]
    names = [s["name"] for s in doc["services"]]
    ready = [s["name"] for s in doc["services"] if s["name"] not in blocked and s["target"]["kind"] != "unsupported"]
    percent = 0
    if names and not project_blockers:  # whole percent, half up (Python's round() goes to even)
        percent = int((Decimal(100 * len(ready)) / len(names)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return {
        "ready": len(ready),
        "total": len(names),
        "percent": percent,
        "blocked": sorted(blocked),
        "no_home": sorted(s["name"] for s in doc["services"] if s["target"]["kind"] == "unsupported"),
        "project_blockers": len(project_blockers),
    }


def effort_text(totals: dict[str, int], sep: str = ", ") -> str:
    """Effort counts, largest class first, zeros left out: '1 large, 2 small'."""
    return sep.join(f"{totals[c]} {c}" for c in reversed(EFFORT_CLASSES) if totals.get(c)) or "nothing"


def _e(value: Any) -> str:
    """A value as the page's autoescaping (MarkupSafe) writes it: ``&<>"'`` escaped, the rest as ``str``."""
    text = str(value)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&#34;")
    if "'" in text:
        text = text.replace("'", "&#39;")
    return text


def _svg_body(p: Picture) -> Markup:
    """The picture's lines and boxes (thousands of elements on a large project: written here, not
    in the template, for speed)."""
    out = [
        f'<path class="link {_e(link.panel)}" d="{_e(link.path)}"><title>{_e(link.title)}</title></path>\n'
        for link in p.links
    ]
    for n in p.nodes:
        fill = KIND_COLOUR[n.kind] if n.panel == "after" else "#ffffff"
        out.append(
            f'<g class="node {"svc" if n.panel == "before" else "res"}{" blocked" if n.blocked else ""}"'
            f' data-service="{_e(n.service)}" data-kind="{_e(n.kind)}">\n'
            f"<title>{_e(n.title)}</title>\n"
            f'<rect class="box" x="{n.x}" y="{n.y}" width="{NODE_W}" height="{NODE_H}" rx="4" fill="{_e(fill)}"></rect>\n'
            f'<text x="{n.x + 6}" y="{n.y + 16}">{_e(n.label)}</text>\n'
            "</g>\n"
        )
    return Markup("".join(out))


_CONFIDENCE_RANK = {"high": 3, "medium": 2, "low": 1}


def _service_rows(doc: dict[str, Any], wave_of: dict[str, int], counts: dict[str, int]) -> Markup:
    out = []
    for svc in doc["services"]:
        name, target, effort = svc["name"], svc["target"], svc["effort"]
        kind = target["kind"]
        effort_cell = (
            f'<td class="effort" data-sort="{EFFORT_RANK[effort["class"]]}" title="{_e(effort["reason"])}">{_e(effort["class"])}</td>'
            if effort
            else '<td class="effort" data-sort="-1">?</td>'
        )
        image = svc["image"] or "build " + str(svc["build"] or ".")
        out.append(
            f'<tr data-service="{_e(name)}">\n'
            f'<td class="nowrap"><strong>{_e(name)}</strong></td>\n'
            f'<td class="nowrap"><span class="kind" style="background: {_e(KIND_COLOUR[kind])}"'
            f' title="{_e(target["rationale"])}">{_e(KIND_LABEL[kind])}</span></td>\n'
            f"{effort_cell}\n"
            f'<td class="num" data-sort="{_e(wave_of.get(name, 0))}">{_e(wave_of.get(name, "–"))}</td>\n'
            f'<td class="num" data-sort="{_e(counts.get(name, 0))}">{_e(counts.get(name, 0))}</td>\n'
            f"<td>{_e(', '.join(map(str, target['alternatives'])) or '–')}</td>\n"
            f'<td data-sort="{_CONFIDENCE_RANK[target["confidence"]]}">{_e(target["confidence"])}</td>\n'
            f"<td><code>{_e(image)}</code></td>\n"
            f'<td class="nowrap"><code>{_e(target["rule_id"])}</code></td>\n'
            f'<td class="nowrap"><code>{_e(svc["location"]["file"])}:{_e(svc["location"]["line"])}</code></td>\n'
            "</tr>\n"
        )
    return Markup("".join(out))


def _wave_blocks(doc: dict[str, Any], services: dict[str, dict[str, Any]]) -> Markup:
    out = []
    for wave in doc["effort"]["waves"]:
        out.append(
            f'<div class="wave">\n<h3>Wave {_e(wave["wave"])} <span class="how">({_e(effort_text(wave["totals"]))})</span></h3>\n<ul>\n'
        )
        for name in wave["services"]:
            svc = services[name]
            effort = svc["effort"]["class"] if svc["effort"] else "?"
            out.append(
                f"<li><strong>{_e(name)}</strong> → {_e(KIND_LABEL[svc['target']['kind']])}"
                f' <span class="how">({_e(effort)})</span></li>\n'
            )
        out.append("</ul>\n</div>\n")
    return Markup("".join(out))


def _effort_rows(doc: dict[str, Any]) -> Markup:
    out = []
    for svc in doc["services"]:
        effort = svc["effort"]
        cells = (effort["class"], effort["reason"], effort["source"]) if effort else ("?", "no effort data", "–")
        out.append(
            f"<tr><td>{_e(svc['name'])}</td><td>{_e(cells[0])}</td><td>{_e(cells[1])}</td>"
            f'<td class="nowrap"><code>{_e(cells[2])}</code></td></tr>\n'
        )
    return Markup("".join(out))


def _worker_cards(doc: dict[str, Any]) -> Markup:
    out = []
    for w in doc["workers"]:
        out.append(
            f'<div class="worker">\n<h3><code>{_e(w["name"])}</code></h3>\n'
            f'<p class="how">{_e(", ".join(map(str, w["services"])))} · {_e(w["language"])} · <code>{_e(w["main"])}</code></p>\n'
        )
        if w["routes"]:
            routes = ", ".join(
                f"<code>{_e(rt['pattern'])}</code>" + (" (custom domain)" if rt.get("custom_domain") else "")
                for rt in w["routes"]
            )
            out.append(f"<p>Routes: {routes}</p>")
        if w["crons"]:
            out.append("<p>Crons: " + ", ".join(f"<code>{_e(c)}</code>" for c in w["crons"]) + "</p>")
        if w["bindings"]:
            out.append("<ul>\n")
            for b in w["bindings"]:
                line = f"<li><code>{_e(b['binding'])}</code> {_e(b['type'])}"
                if b.get("service"):
                    line += f" → {_e(b['service'])}"
                if b.get("variable"):
                    line += f' <span class="how">(replaces {_e(b["variable"])})</span>'
                out.append(line + "</li>\n")
            out.append("</ul>\n")
        else:
            out.append('<p class="how">No bindings.</p>')
        out.append("</div>\n")
    return Markup("".join(out))


def _finding_rows(group: list[dict[str, Any]]) -> Markup:
    out = []
    for f in group:
        where = f"<code>{_e(f['location']['file'])}:{_e(f['location']['line'])}</code>" if f["location"] else "–"
        out.append(
            f'<tr><td>{where}</td><td><span class="sev-{_e(f["severity"])}">{_e(f["rule_id"])}</span></td>'
            f"<td>{_e(f['service'] or '(project)')}</td><td>{_e(f['message'])}</td><td>{_e(f['hint'])}</td></tr>\n"
        )
    return Markup("".join(out))


@functools.cache
def environment() -> Any:
    from migrator import jinjaenv

    env = jinjaenv.environment("html")
    env.filters["plural"] = plural
    env.filters["effort_text"] = effort_text
    return env


def render(analysis: Analysis, doc: dict[str, Any] | None = None) -> str:
    """The HTML report; ``doc`` is the (redacted) report document when the caller has built it."""
    doc = build_document(analysis) if doc is None else doc
    findings = doc["findings"]
    wave_of = {name: index for index, wave in enumerate(doc["effort"]["waves"], 1) for name in wave["services"]}
    counts: dict[str, int] = {}
    for f in findings:
        if f["service"]:
            counts[f["service"]] = counts.get(f["service"], 0) + 1
    drawn = picture(doc)
    blockers = [f for f in findings if f["severity"] == "blocker"]
    warnings = [f for f in findings if f["severity"] == "warning"]
    infos = [f for f in findings if f["severity"] == "info"]
    context = {
        "doc": doc,
        "readiness": readiness(doc),
        "blockers": blockers,
        "finding_groups": [
            (label, len(group), is_open, _finding_rows(group))
            for label, group, is_open in (
                ("Blockers", blockers, True),
                ("Warnings", warnings, True),
                ("Notes", infos, False),
            )
            if group
        ],
        "picture": drawn,
        "svg_body": _svg_body(drawn),
        "service_rows": _service_rows(doc, wave_of, counts),
        "wave_blocks": _wave_blocks(doc, {s["name"]: s for s in doc["services"]}),
        "effort_rows": _effort_rows(doc),
        "worker_cards": _worker_cards(doc),
        "kind_label": KIND_LABEL,
        "kind_colour": KIND_COLOUR,
        "secrets": sorted({(w["name"], s) for w in doc["workers"] for s in w["secrets"]}),
        "kinds_used": sorted({s["target"]["kind"] for s in doc["services"]}, key=list(KIND_LABEL).index),
    }
    text: str = environment().get_template("report.html.j2").render(**context)
    return text
