"""``migrator diff``: analyze the head, read the base, compare, render."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from migrator.compose import LoadOptions
from migrator.diff import compare
from migrator.diff import render as rendering


@dataclass(frozen=True, slots=True)
class DiffRun:
    """A finished comparison and what its renderers need of the head."""

    diff: dict[str, Any]
    head_markdown: str | None
    catalogue: Any
    working_dir: str
    root: str | None = None  # the checkout's root, which annotations and SARIF name files from
    report_too_long: bool = False  # the head's Markdown report was not rendered: it cannot fit


def _label(ref: str) -> str:
    return ref[:12] if re.fullmatch(r"[0-9a-f]{40}", ref) else ref


def run(
    load: LoadOptions,
    rules: tuple[str, ...],
    *,
    base_ref: str | None,
    base_report: str | None,
    head_label: str | None = None,
    markdown: bool = True,
    root: str | None = None,
) -> DiffRun:
    from migrator.api import AnalyzeOptions, analyze
    from migrator.diff.revisions import base_from_git, base_from_report
    from migrator.emit import document
    from migrator.engine import load_catalogue

    catalogue = load_catalogue(rules)
    analysis = analyze(AnalyzeOptions(load=load, rules=rules), catalogue)
    head = document.build(analysis)
    if base_report is not None:
        base = base_from_report(base_report)
        label = os.path.basename(base_report)
    else:
        assert base_ref is not None
        base = base_from_git(base_ref, load, rules, catalogue)
        label = _label(base_ref)
    diff = compare(base, head, base_label=label, head_label=head_label)
    head_markdown = None
    fits = _may_fit(diff, head) if markdown else True
    if markdown and fits:
        from migrator.emit import markdown as markdown_emit

        head_markdown = markdown_emit.render(analysis, head)
    return DiffRun(diff, head_markdown, catalogue, analysis.project.working_dir, root, not fits)


def _may_fit(diff: dict[str, Any], head: dict[str, Any]) -> bool:
    """Whether the head's Markdown report may fit in the comment beside the delta.

    A lower bound of its size (a table row per service, about 60 characters beside the name and
    image) against what the delta leaves; rendering a report of a thousand services that would be
    left out anyway costs more than the rest of the diff.
    """
    floor = sum(60 + len(s["name"]) + len(s.get("image") or s.get("build") or "") for s in head["services"])
    delta = len(rendering.markdown(diff, None))
    return delta + floor <= rendering.LIMIT


def render(result: DiffRun, fmt: str, *, fail_on: str) -> str:
    if fmt == "markdown":
        return rendering.markdown(
            result.diff, result.head_markdown, fail_on=fail_on, report_too_long=result.report_too_long
        )
    if fmt == "json":
        return rendering.to_json(result.diff)
    if fmt == "sarif":
        return rendering.sarif(result.diff, result.catalogue, result.working_dir, result.root)
    if fmt == "github":
        return rendering.github(result.diff, result.working_dir, result.root)
    return rendering.text(result.diff)


OUT_FILES = {"diff.md": "markdown", "diff.json": "json", "diff.sarif": "sarif", "diff.txt": "text"}


def out_files(result: DiffRun, *, fail_on: str) -> dict[str, str]:
    """What ``--out DIR`` writes: the diff in every file format."""
    return {name: render(result, fmt, fail_on=fail_on) for name, fmt in OUT_FILES.items()}
