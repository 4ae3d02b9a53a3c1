"""The rule engine: every service gets a role, a target with alternatives, and findings."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, cast

from migrator.engine import builtins as builtin_checks
from migrator.engine import capability
from migrator.engine.catalogue import Catalogue, Rule, load_catalogue
from migrator.engine.cron import find_crons
from migrator.engine.facts import Matcher, Predicate, ServiceFacts, compile_predicate, gather
from migrator.graph import ServiceGraph
from migrator.model import (
    EFFORT_CLASSES,
    TARGET_KINDS,
    Assessment,
    Cron,
    Effort,
    Finding,
    Project,
    Routing,
    Severity,
    Target,
)

__all__ = ["Catalogue", "Evaluation", "evaluate", "load_catalogue"]

FALLBACK_ID = "MAP-UNKNOWN"


class Evaluation(NamedTuple):
    """What the rule engine says about a project: assessments and findings."""

    assessments: tuple[Assessment, ...]
    findings: tuple[Finding, ...]


def _pick(rules: list[tuple[Rule, Predicate]], fact: ServiceFacts, matcher: Matcher) -> Rule | None:
    for rule, predicate in rules:
        if predicate(fact, matcher):
            return rule
    return None


def _uses_roles(pred: object) -> bool:
    if isinstance(pred, dict):
        return any(key in ("uses_role", "used_by_role") or _uses_roles(value) for key, value in pred.items())
    if isinstance(pred, list):
        return any(_uses_roles(item) for item in pred)
    return False


def evaluate(project: Project, routing: Routing, graph: ServiceGraph, catalogue: Catalogue) -> Evaluation:
    facts = gather(project.services, graph, routing)
    target_rules = [r for r in catalogue.targets() if r.id != FALLBACK_ID]
    compiled = [(r, compile_predicate(r.match, builtin_checks.PREDICATES)) for r in target_rules if r.match is not None]
    # First pass: no roles are known yet, so rules that look at neighbours' roles cannot match.
    matcher = Matcher(facts, {}, builtin_checks.PREDICATES)
    chosen: dict[str, Rule | None] = {name: _pick(compiled, fact, matcher) for name, fact in facts.items()}
    roles = {name: (rule.role or "app") if rule else "unknown" for name, rule in chosen.items()}
    # Second pass: only the rules that depend on roles can change the answer.
    dependent = {r.id for r in target_rules if r.match is not None and _uses_roles(r.match)}
    matcher = Matcher(facts, roles, builtin_checks.PREDICATES)
    for name, fact in facts.items():
        first = chosen[name]
        if first is not None and first.id in dependent:
            chosen[name] = _pick(compiled, fact, matcher)
            continue
        for candidate, predicate in compiled:
            if candidate is first:
                break
            if candidate.id in dependent and predicate(fact, matcher):
                chosen[name] = candidate
                break
    roles = {name: (rule.role or "app") if rule else "unknown" for name, rule in chosen.items()}
    findings: list[Finding] = []
    assessments: list[Assessment] = []
    fallback = catalogue.get(FALLBACK_ID)
    ofelia = any(label.key.startswith("ofelia.job-") for s in project.services for label in s.labels)
    decisions: dict[str, capability.Decision] = {}
    for service in project.services:
        fact = facts[service.name]
        target, role = _target(chosen[service.name], fact, fallback)
        decisions[service.name] = capability.Decision(*_apply_override(service.name, fact, target, role, findings))
    # Client capability: third-party images stay Containers, backing services get what their clients can use.
    capability.vendor_images(decisions, facts)
    capability.backing_services(decisions, facts, graph)
    for service in project.services:
        fact = facts[service.name]
        target, role = decisions[service.name]
        crons: tuple[Cron, ...] = ()
        if target.kind != "platform":  # a platform tool's own schedule (Watchtower's updates) goes with it
            crons, cron_findings = _crons(fact, role, ofelia)
            findings += cron_findings
        rewritten = capability.rewritten(target.kind, fact)
        effort = _effort(catalogue.rules.get(target.rule_id), target, catalogue, fact, findings)
        assessments.append(
            Assessment(service.name, role, target, crons, builtin_checks.runtime_of(fact), effort, rewritten)
        )
    by_name = {a.service: a for a in assessments}
    matcher = Matcher(facts, {a.service: a.role for a in assessments}, builtin_checks.PREDICATES)
    for rule in catalogue.findings():
        assert rule.match is not None and rule.severity is not None
        severity = cast(Severity, rule.severity)
        producer = builtin_checks.PRODUCERS.get(rule.match.get("builtin", "")) if len(rule.match) == 1 else None
        check: Predicate | None = compile_predicate(rule.match, builtin_checks.PREDICATES) if producer is None else None
        for name, fact in facts.items():
            if producer is not None:
                for message, span in producer(fact, by_name[name], facts):
                    findings.append(Finding(rule.id, severity, message, rule.hint, name, span or fact.service.span))
            elif check is not None and check(fact, matcher):
                message = _format(rule.message, fact, by_name[name])
                hint = _format(rule.hint, fact, by_name[name])
                findings.append(Finding(rule.id, severity, message, hint, name, fact.service.span))
    findings = _suppress(findings, facts)
    return Evaluation(tuple(assessments), tuple(findings))


def _format(template: str, fact: ServiceFacts, assessment: Assessment) -> str:
    image = fact.service.image or (f"build {fact.service.build.context}" if fact.service.build else "no image")
    return (
        template.replace("{service}", fact.service.name)
        .replace("{image}", image)
        .replace("{target}", assessment.target.kind)
        .replace("{role}", assessment.role)
    )


def _target(rule: Rule | None, fact: ServiceFacts, fallback: Rule | None) -> tuple[Target, str]:
    if rule is not None and rule.target is not None:
        return Target(rule.target, rule.alternatives, rule.id, rule.confidence, rule.rationale), rule.role or "app"  # type: ignore[arg-type]
    kind, role, why = builtin_checks.guess(fact)
    rationale = (fallback.rationale + " " if fallback else "") + why
    return Target(kind, ("container",) if kind != "container" else (), FALLBACK_ID, "low", rationale.strip()), role


def _apply_override(
    name: str, fact: ServiceFacts, target: Target, role: str, findings: list[Finding]
) -> tuple[Target, str]:
    ext = fact.service.extension
    if not ext:
        return target, role
    span = fact.service.extension_span or fact.service.span
    forced = ext.get("target")
    if forced is not None:
        if forced not in TARGET_KINDS:
            findings.append(
                Finding(
                    "MIG001",
                    "warning",
                    f"x-migrator.target {forced!r} is not a target kind",
                    "use one of: " + ", ".join(TARGET_KINDS),
                    name,
                    span,
                )
            )
        else:
            reason = str(ext.get("reason") or "set by the project's x-migrator extension")
            alternatives = tuple(k for k in (target.kind, *target.alternatives) if k != forced)
            target = Target(str(forced), alternatives, "X-MIGRATOR", "high", f"Forced by x-migrator: {reason}")
            role = str(ext.get("role") or role)
    for key in ext:
        if key not in ("target", "ignore", "reason", "role", "effort"):
            findings.append(
                Finding(
                    "MIG001",
                    "warning",
                    f"x-migrator has an unknown key {key!r}",
                    "x-migrator takes target, role, effort, ignore and reason",
                    name,
                    span,
                )
            )
    return target, role


def _effort(
    rule: Rule | None, target: Target, catalogue: Catalogue, fact: ServiceFacts, findings: list[Finding]
) -> Effort | None:
    """The effort of the service's move: x-migrator's, else the deciding rule's, else its kind's."""
    ext = fact.service.extension or {}
    given = ext.get("effort")
    if given is not None:
        level = given.get("class") if isinstance(given, dict) else given
        if isinstance(level, str) and level in EFFORT_CLASSES:
            reason = given.get("reason") if isinstance(given, dict) else None
            reason = reason or ext.get("reason") or "set by the project's x-migrator extension"
            return Effort(level, str(reason), "x-migrator")
        findings.append(
            Finding(
                "MIG001",
                "warning",
                f"x-migrator.effort {level!r} is not an effort class",
                "use one of: " + ", ".join(EFFORT_CLASSES) + " (or {class: ..., reason: ...})",
                fact.service.name,
                fact.service.extension_span or fact.service.span,
            )
        )
    if rule is not None and rule.effort is not None and target.rule_id == rule.id:
        return Effort(rule.effort[0], rule.effort[1], rule.id)
    default = catalogue.effort.get(target.kind)
    return Effort(default[0], default[1], f"kind:{target.kind}") if default else None


def _crons(fact: ServiceFacts, role: str, ofelia_elsewhere: bool) -> tuple[tuple[Cron, ...], list[Finding]]:
    found, problems = find_crons(fact.service)
    findings = [
        Finding(
            "CRON-INVALID",
            "warning",
            f"cannot read the schedule: {problem.message}",
            "write the schedule as five cron fields",
            fact.service.name,
            problem.span or fact.service.span,
        )
        for problem in problems
    ]
    schedules: dict[str, Cron] = {}
    for cron in found:
        schedules.setdefault(
            cron.schedule, Cron(cron.schedule, cron.original, cron.command, fact.service.name, cron.span)
        )
        note = f" ({cron.note})" if cron.note else ""
        findings.append(
            Finding(
                "CRON-TRANSLATED",
                "info",
                f"schedule '{cron.original}' for '{cron.command[:80]}' becomes the Cron Trigger '{cron.schedule}'{note}",
                "Cloudflare runs Cron Triggers in UTC; its day-of-week 1 is Sunday",
                fact.service.name,
                cron.span,
            )
        )
    if role == "cron" and not found and not ofelia_elsewhere:
        findings.append(
            Finding(
                "CRON-UNKNOWN",
                "warning",
                "this looks like a cron runner, but its schedules are not in the Compose file",
                "read its crontab and add the schedules to triggers.crons by hand",
                fact.service.name,
                fact.service.span,
            )
        )
    return tuple(schedules.values()), findings


def _suppress(findings: list[Finding], facts: Mapping[str, ServiceFacts]) -> list[Finding]:
    out: list[Finding] = []
    ignored: dict[str, set[str]] = {}
    for name, fact in facts.items():
        ext = fact.service.extension or {}
        ignore = ext.get("ignore") or []
        if isinstance(ignore, str):
            ignore = [ignore]
        ignored[name] = {str(i) for i in ignore}
    known = {f.rule_id for f in findings}
    for finding in findings:
        if finding.service and finding.rule_id in ignored.get(finding.service, set()):
            continue
        out.append(finding)
    for name, ids in sorted(ignored.items()):
        fact = facts[name]
        ext = fact.service.extension or {}
        if ids and not ext.get("reason"):
            out.append(
                Finding(
                    "MIG002",
                    "warning",
                    "x-migrator.ignore has no reason",
                    "say why with x-migrator.reason",
                    name,
                    fact.service.extension_span,
                )
            )
        for rule_id in sorted(ids - known):
            out.append(
                Finding(
                    "MIG003",
                    "info",
                    f"x-migrator.ignore names {rule_id}, which found nothing here",
                    "remove it, or check the rule id",
                    name,
                    fact.service.extension_span,
                )
            )
    return out
