"""The one entry point for library users: ``analyze(options) -> Analysis``."""

from __future__ import annotations

from dataclasses import dataclass, field

from migrator import graph as graph_stage
from migrator import plan as plan_stage
from migrator import proxy
from migrator.compose import LoadOptions, load_project
from migrator.engine import Catalogue, evaluate, load_catalogue
from migrator.model import Analysis, Assessment, Finding

__all__ = ["AnalyzeOptions", "LoadOptions", "analyze"]


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    """What to analyze: how to load the project and which extra rule directories to use."""

    load: LoadOptions = field(default_factory=LoadOptions)
    rules: tuple[str, ...] = ()


# Targets that leave the service behind: Cloudflare already does its job, or the project drops it.
DROPPED_KINDS = frozenset({"platform"})


def settle_dropped(findings: list[Finding], assessments: tuple[Assessment, ...]) -> list[Finding]:
    """A blocker on a service that does not move blocks nothing: it stays, as a note that says so."""
    dropped = {a.service: a.target.kind for a in assessments if a.target.kind in DROPPED_KINDS}
    return [
        finding._replace(
            severity="info",
            message=f"{finding.message} (not a blocker: '{finding.service}' is dropped, as it becomes {dropped[finding.service]})",
        )
        if finding.severity == "blocker" and finding.service in dropped
        else finding
        for finding in findings
    ]


def analyze(options: AnalyzeOptions, catalogue: Catalogue | None = None) -> Analysis:
    """Load, route, graph, assess and plan.  Pass ``catalogue`` to reuse one already loaded."""
    project = load_project(options.load)
    routing = proxy.route(project)
    graph = graph_stage.build(project, routing)
    if catalogue is None:
        catalogue = load_catalogue(options.rules)
    evaluation = evaluate(project, routing, graph, catalogue)
    plan = plan_stage.build(project, routing, graph, evaluation.assessments)
    findings = [*project.findings, *routing.findings, *evaluation.findings]
    for cycle in graph.cycles:
        findings.append(
            Finding(
                "GRAPH-CYCLE",
                "warning",
                "these services depend on each other in a cycle: " + graph.describe_cycle(cycle),
                "they move together in one wave; break the cycle if you can",
                None,
                None,
            )
        )
    findings = settle_dropped(findings, evaluation.assessments)
    ordered = tuple(sorted(set(findings), key=Finding.sort_key))
    return Analysis(project, routing, graph.edges, evaluation.assessments, ordered, plan)
