"""Renderers of a diff document: Markdown (the pull-request comment), JSON, text, SARIF of the
findings new in the head, GitHub annotations of the same findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from migrator.mdtext import KIND_NAME, code, md, secret_command

MARKER = "<!-- migrator-diff -->"
LIMIT = 65_536
FORMATS = ("text", "json", "markdown", "sarif", "github")

def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def _kind(kind: str) -> str:
    return KIND_NAME.get(kind) or md(kind)


def _figure(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def headline(diff: dict[str, Any]) -> str:
    """One sentence: what the change does, blockers first."""
    s = diff["summary"]
    if not s["changed"]:
        return "No change to the migration."
    parts = []
    if s["new_blockers"] or s["resolved_blockers"]:
        parts.append(f"{_plural(s['new_blockers'], 'new blocker')}, {s['resolved_blockers']} resolved")
    if s["new_warnings"] or s["resolved_warnings"]:
        parts.append(f"{_plural(s['new_warnings'], 'new warning')}, {s['resolved_warnings']} resolved")
    if s["services_added"] or s["services_removed"]:
        parts.append(f"{_plural(s['services_added'], 'service')} added, {s['services_removed']} removed")
    if s["targets_changed"]:
        parts.append(f"{_plural(s['targets_changed'], 'target')} changed")
    if s["workers_added"] or s["workers_removed"] or s["workers_changed"]:
        parts.append(
            f"Workers: {s['workers_added']} added, {s['workers_removed']} removed, {s['workers_changed']} changed"
        )
    if s["secrets_new"]:
        parts.append(f"{_plural(s['secrets_new'], 'new secret')} to set")
    moved = [m["name"] for m in diff.get("metrics", []) if m.get("delta") or m.get("changed")]
    if moved:
        parts.append(" and ".join({"cost": "the bill", "effort": "the effort"}.get(n, n) for n in moved) + " changed")
    if not parts:
        return "Only the notes changed."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


# ---------------------------------------------------------------- Markdown


@dataclass
class _Block:
    """A unit the trimmer never cuts inside: a paragraph, or a table cut only between rows."""

    head: list[str]
    rows: list[str] = field(default_factory=list)
    more: str = "| … | {n} more |"  # the row that says how many rows were left out

    def text(self, rows: int | None = None) -> str:
        shown = self.rows if rows is None else self.rows[:rows]
        lines = [*self.head, *shown]
        if rows is not None and rows < len(self.rows):
            lines.append(self.more.format(n=len(self.rows) - rows))
        return "\n".join(lines) + "\n\n"


def _finding_rows(findings: list[dict[str, Any]]) -> list[str]:
    rows = []
    for f in findings:
        where = code(f"{f['location']['file']}:{f['location']['line']}") if f.get("location") else ""
        rows.append(
            f"| {md(f['service']) if f.get('service') else '(project)'} | {code(f['rule_id'])} | {md(f['message'])} | {md(f.get('hint'))} | {where} |"
        )
    return rows


def _finding_table(title: str, findings: list[dict[str, Any]]) -> _Block:
    return _Block(
        [f"#### {title}", "", "| Service | Rule | Finding | What to do | Where |", "|---|---|---|---|---|"],
        _finding_rows(findings),
        "| … | | {n} more | | |",
    )


def _blocks(diff: dict[str, Any]) -> list[_Block]:
    s = diff["summary"]
    base, head = diff["base"], diff["head"]
    blocks: list[_Block] = []
    rows = [
        f"| Services | {base['services']} | {head['services']} |",
        f"| Workers | {base['workers']} | {head['workers']} |",
        f"| Blockers | {base['findings']['blocker']} | {head['findings']['blocker']} |",
        f"| Warnings | {base['findings']['warning']} | {head['findings']['warning']} |",
    ]
    base_label = code(base["label"]) if base.get("label") else "base"
    head_label = code(head["label"]) if head.get("label") else "(working tree)"
    blocks.append(_Block([f"| | Base {base_label} | Head {head_label} |", "|---|---|---|"], rows))
    lines = [f"**{md(metric['line'])}**" for metric in diff.get("metrics", []) if metric.get("line")]
    if lines:
        blocks.append(_Block(["  \n".join(lines)], []))
    new = diff["findings"]["new"]
    resolved = diff["findings"]["resolved"]
    for severity, label in (("blocker", "blockers"), ("warning", "warnings")):
        fresh = [f for f in new if f["severity"] == severity]
        gone = [f for f in resolved if f["severity"] == severity]
        if fresh:
            blocks.append(_finding_table(f"New {label} ({len(fresh)})", fresh))
        if gone:
            blocks.append(_finding_table(f"Resolved {label} ({len(gone)})", gone))
    added, removed = diff["services"]["added"], diff["services"]["removed"]
    if added or removed:
        service_rows = []
        for svc, change in [*((a, "added") for a in added), *((r, "removed") for r in removed)]:
            source = svc.get("image") or f"build {svc.get('build') or '.'}"
            movable = "" if change == "removed" else ("yes" if svc["movable"] else "**no**")
            service_rows.append(
                f"| {md(svc['name'])} | {change} | {code(source)} | **{_kind(svc['kind'])}** | {movable} | {code(svc['rule_id'])} |"
            )
        blocks.append(
            _Block(
                [
                    f"#### Services ({s['services_added']} added, {s['services_removed']} removed)",
                    "",
                    "| Service | Change | Image or build | Becomes | Movable | Rule |",
                    "|---|---|---|---|---|---|",
                ],
                service_rows,
                "| … | {n} more | | | | |",
            )
        )
    if diff["targets"]:
        blocks.append(
            _Block(
                [
                    f"#### Targets changed ({len(diff['targets'])})",
                    "",
                    "| Service | Before | After | Rule |",
                    "|---|---|---|---|",
                ],
                [
                    f"| {md(t['service'])} | {_kind(t['old']['kind'])} ({code(t['old']['rule_id'])}) | **{_kind(t['new']['kind'])}** | {code(t['new']['rule_id'])} |"
                    for t in diff["targets"]
                ],
                "| … | {n} more | | |",
            )
        )
    worker_lines = _worker_lines(diff)
    if worker_lines:
        blocks.append(_Block(["#### Workers", ""], worker_lines, "- … {n} more"))
    if diff["secrets"]["new"]:
        blocks.append(
            _Block(
                [f"#### Secrets newly required ({len(diff['secrets']['new'])})", ""],
                [f"- {secret_command(x['name'], x['worker'])}" for x in diff["secrets"]["new"]],
                "- … {n} more",
            )
        )
    return blocks


def _bindings(bindings: list[dict[str, Any]]) -> str:
    return ", ".join(
        f"{code(b['binding'])} ({md(b['type'])}{' → ' + md(b['service']) if b.get('service') else ''})"
        for b in bindings
    )


def _worker_lines(diff: dict[str, Any]) -> list[str]:
    lines = []
    for w in diff["workers"]["added"]:
        extra = [f"bindings {_bindings(w['bindings'])}"] if w["bindings"] else []
        extra += [f"routes {', '.join(code(r) for r in w['routes'])}"] if w["routes"] else []
        extra += [f"crons {', '.join(code(c) for c in w['crons'])}"] if w["crons"] else []
        lines.append(
            f"- added {code(w['name'])} ({', '.join(md(x) for x in w['services'])}){': ' if extra else ''}{'; '.join(extra)}"
        )
    for w in diff["workers"]["removed"]:
        lines.append(f"- removed {code(w['name'])} ({', '.join(md(x) for x in w['services'])})")
    for w in diff["workers"]["changed"]:
        parts = []
        if w["bindings"]["added"]:
            parts.append(f"bindings added {_bindings(w['bindings']['added'])}")
        if w["bindings"]["removed"]:
            parts.append(f"bindings removed {_bindings(w['bindings']['removed'])}")
        for change in w["bindings"]["changed"]:
            parts.append(
                f"binding {code(change['new']['binding'])} {md(change['old']['type'])} → {md(change['new']['type'])}"
            )
        for what in ("routes", "crons", "services"):
            for verb in ("added", "removed"):
                if w[what][verb]:
                    parts.append(f"{what} {verb} {', '.join(code(x) for x in w[what][verb])}")
        lines.append(f"- changed {code(w['name'])}: {'; '.join(parts)}")
    return lines


def _title(diff: dict[str, Any]) -> str:
    name = diff["head"]["project"] or diff["base"]["project"]
    return f"## migrator: what this change does to {md(name)} on Cloudflare"


def _full_report(head_markdown: str) -> str:
    body = head_markdown
    if body.startswith("<!--"):
        body = body.split("\n", 1)[1] if "\n" in body else ""
    return f"<details><summary>Full report of the head</summary>\n\n{body.rstrip()}\n\n</details>\n\n"


_FOOTER = "<sub>migrator updates this comment on every push; the check fails on {fail}.</sub>\n"
_TRIMMED = (
    "**This comment was cut to stay under 65,536 characters; run `migrator diff --format json` for everything.**\n\n"
)
_NO_REPORT = "_The head's full report is left out to keep this comment under 65,536 characters; run `migrator analyze --format markdown` for it._\n\n"


def markdown(
    diff: dict[str, Any], head_markdown: str | None, *, fail_on: str = "new-blocker", report_too_long: bool = False
) -> str:
    """The comment: the delta first, then the head's full report in ``<details>``; at most LIMIT characters.

    ``report_too_long``: the caller left the head's report out, knowing it cannot fit.
    """
    fail = {
        "new-blocker": "new blockers",
        "new-warning": "new blockers and warnings",
        "blocker": "any blocker",
        "never": "nothing",
    }.get(fail_on, fail_on)
    top = f"{MARKER}\n{_title(diff)}\n\n**{md(headline(diff))}**\n\n"
    footer = _FOOTER.format(fail=fail)
    blocks = _blocks(diff)
    delta = "".join(b.text() for b in blocks)
    report = _full_report(head_markdown) if head_markdown else ""
    text = top + delta + (_NO_REPORT if report_too_long else report) + footer
    if len(text) <= LIMIT:
        return text
    text = top + delta + (_NO_REPORT if report or report_too_long else "") + footer
    if len(text) <= LIMIT:
        return text
    # Keep whole blocks while they fit; cut the first that does not between its rows.
    budget = LIMIT - len(top) - len(_TRIMMED) - len(footer)
    out: list[str] = []
    for block in blocks:
        whole = block.text()
        if len(whole) <= budget:
            out.append(whole)
            budget -= len(whole)
            continue
        rows = len(block.rows)
        while rows > 0 and len(block.text(rows)) > budget:
            rows -= 1
        if rows > 0:
            out.append(block.text(rows))
        break
    return top + "".join(out) + _TRIMMED + footer


# ---------------------------------------------------------------- JSON


def to_json(diff: dict[str, Any]) -> str:
    from migrator.emit import jsonfmt

    return jsonfmt.dumps(diff, expand=3)


# ---------------------------------------------------------------- text


def _where(f: dict[str, Any]) -> str:
    loc = f.get("location")
    if not loc:
        return ""
    return f"{loc['file']}:{loc['line']}:{loc.get('column', 0)}: " if loc.get("line") else f"{loc['file']}: "


def _clean(text: object) -> str:
    return "".join(ch if ch.isprintable() else "?" for ch in str(text))


def text(diff: dict[str, Any]) -> str:
    base, head = diff["base"], diff["head"]
    lines = [
        _clean(
            f"migrator diff: {head['project'] or base['project']}: {base.get('label') or 'base'} -> "
            f"{head.get('label') or 'working tree'}: {headline(diff)}"
        ),
        _clean(
            f"services {base['services']} -> {head['services']}, Workers {base['workers']} -> {head['workers']}, "
            f"blockers {base['findings']['blocker']} -> {head['findings']['blocker']}, "
            f"warnings {base['findings']['warning']} -> {head['findings']['warning']}"
        ),
    ]
    for metric in diff.get("metrics", []):
        if metric.get("line"):
            lines.append(_clean(metric["line"]))
    body: list[str] = []
    for svc in diff["services"]["added"]:
        movable = "movable" if svc["movable"] else "NOT movable"
        body.append(f"+ service {svc['name']}: {svc['kind']} ({svc['rule_id']}), {movable}")
    for svc in diff["services"]["removed"]:
        body.append(f"- service {svc['name']}: was {svc['kind']} ({svc['rule_id']})")
    for t in diff["targets"]:
        body.append(
            f"~ target {t['service']}: {t['old']['kind']} ({t['old']['rule_id']}) -> {t['new']['kind']} ({t['new']['rule_id']})"
        )
    for sign, section in (("+", "new"), ("-", "resolved")):
        for f in diff["findings"][section]:
            if f["severity"] == "info":
                continue
            who = f" {f['service']}:" if f.get("service") else ""
            verb = "" if section == "new" else " resolved:"
            body.append(f"{sign} {_where(f)}{f['severity']}[{f['rule_id']}]{verb}{who} {f['message']}")
    for w in diff["workers"]["added"]:
        bindings = ", ".join(f"{b['binding']}:{b['type']}" for b in w["bindings"])
        body.append(f"+ worker {w['name']}" + (f": {bindings}" if bindings else ""))
    for w in diff["workers"]["removed"]:
        body.append(f"- worker {w['name']}")
    for w in diff["workers"]["changed"]:
        parts = [f"+{b['binding']}:{b['type']}" for b in w["bindings"]["added"]]
        parts += [f"-{b['binding']}:{b['type']}" for b in w["bindings"]["removed"]]
        parts += [f"{c['new']['binding']}:{c['old']['type']}->{c['new']['type']}" for c in w["bindings"]["changed"]]
        for what in ("routes", "crons", "services"):
            parts += [f"+{what[:-1]} {x}" for x in w[what]["added"]]
            parts += [f"-{what[:-1]} {x}" for x in w[what]["removed"]]
        body.append(f"~ worker {w['name']}: {', '.join(parts)}")
    for x in diff["secrets"]["new"]:
        body.append(f"+ secret {x['worker']}: {x['name']}")
    if body:
        lines.append("")
        lines.extend(_clean(line) for line in body)
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- SARIF and annotations


def sarif(diff: dict[str, Any], catalogue: Any, working_dir: str | None = None, root: str | None = None) -> str:
    """SARIF 2.1.0 of the findings new in the head, with a stable fingerprint each.

    With ``working_dir`` and ``root`` (the checkout, e.g. ``GITHUB_WORKSPACE``), file URIs are
    relative to the checkout, as code scanning wants them, instead of to the project.
    """
    import os

    from migrator.emit import sarif as sarif_emit

    new = diff["findings"]["new"]
    log = sarif_emit.build(None, catalogue, {"findings": new})  # type: ignore[arg-type]
    run = log["runs"][0]
    for result, finding in zip(run["results"], new, strict=True):
        result["partialFingerprints"] = {"migratorFinding/v1": finding["fingerprint"]}
        if working_dir is not None and root is not None:
            for location in result.get("locations", []):
                artifact = location["physicalLocation"]["artifactLocation"]
                path = os.path.relpath(os.path.join(working_dir, finding["location"]["file"]), root)
                artifact["uri"] = path.replace(os.sep, "/")
                artifact["uriBaseId"] = "SRCROOT"
    if working_dir is not None and root is not None:
        run["originalUriBaseIds"] = {"SRCROOT": {"description": {"text": "the checkout's root"}}}
    return sarif_emit.dumps(log)


def github(diff: dict[str, Any], working_dir: str, root: str | None = None) -> str:
    """GitHub Actions annotations of the new blockers and warnings, on the head's files (paths
    relative to ``root``, the checkout, else to where migrator runs)."""
    import os

    from migrator.emit.github import _LEVELS, _escape_data, _escape_property

    lines = []
    for f in diff["findings"]["new"]:
        if f["severity"] == "info":
            continue
        props = []
        loc = f.get("location")
        if loc:
            props.append(f"file={_escape_property(os.path.relpath(os.path.join(working_dir, loc['file']), root))}")
            if loc.get("line"):
                props.append(f"line={loc['line']}")
                props.append(f"col={max(1, loc.get('column', 1))}")
        props.append(f"title={_escape_property(f['rule_id'] + (' ' + f['service'] if f.get('service') else ''))}")
        message = f["message"] + (f" ({f['hint']})" if f.get("hint") else "")
        lines.append(f"::{_LEVELS[f['severity']]} {','.join(props)}::{_escape_data('new: ' + message)}")
    return "\n".join(lines) + ("\n" if lines else "")
