"""The JSON report (schema_version 1) as a dict, redacted; every emitter reads it or the Analysis."""

from __future__ import annotations

import functools
import html
import json
from collections import Counter
from typing import Any

from migrator.model import SEVERITY_ORDER, TARGET_KINDS, Analysis, Binding, Project, Worker
from migrator.redact import REDACTED, Guard

_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False, default=str).encode

SCHEMA_VERSION = 1
COMPATIBILITY_DATE = "2026-11-17"  # wrangler 4.164.0's default; see README "Compatibility date"


def spellings(value: str) -> set[str]:
    """Every form in which an emitter may write ``value``: as is, in JSON and JSONC strings
    (with and without ``\\uXXXX`` escapes), in TypeScript and Python string literals, in
    Markdown text, code spans and HTML, in a line comment, in a GitHub annotation."""
    from migrator import mdtext

    forms = {value}
    in_json = _ENCODE(value)[1:-1]
    forms.add(in_json)
    forms.add(json.dumps(value)[1:-1])
    forms.add(in_json.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    forms.add(mdtext.md(value))
    forms.add(value.replace("|", "\\|").replace("\n", " ").replace("\r", " "))
    forms.add(html.escape(value))
    forms.add(value.replace("\n", " ").replace("\r", " ").replace("*/", "* /"))
    forms.add(value.replace("'", "\\'").replace('"', '\\"'))
    annotation = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")  # GitHub workflow commands
    forms.add(annotation)
    forms.add(annotation.replace(":", "%3A").replace(",", "%2C"))
    return forms


@functools.lru_cache(maxsize=64)
def _guard(secrets: frozenset[str], anywhere: frozenset[str] = frozenset()) -> Guard:
    return Guard(secrets, spellings, anywhere)


# A value from the process environment at least this long goes even inside a longer word.
ENVIRON_ANYWHERE = 16


def guard(analysis: Analysis) -> Guard:
    """The last net over emitted text: the project's strong secret values, in every escaped form
    an emitter writes, never appear in any output (redaction by position already took them
    out of the project; this catches what no position foresaw)."""
    return project_guard(analysis.project)


def project_guard(project: Project) -> Guard:
    """The last net of ``guard`` for a project (``migrator config`` has no analysis)."""
    # Whatever its strength: a value is weak when it is a name of the project, and a pull
    # request chooses the names (`image: app:${GITHUB_TOKEN}` makes the CI job's token one).
    environ = frozenset(value for _name, value in project.from_environ if len(value) >= ENVIRON_ANYWHERE)
    return _guard(project.strong_secrets, environ)


def scrub_tree(value: Any, net: Guard) -> Any:
    """``value`` with ``net`` applied to every string in it, keys included."""
    if not net:
        return value
    from migrator.redaction import tree_strings

    return tree_strings(value, net)


def _binding(binding: Binding) -> dict[str, Any]:
    return {
        "type": binding.type,
        "binding": binding.binding,
        "service": binding.service,
        "resource": binding.resource,
        "variable": binding.variable,
    }


def worker_document(worker: Worker) -> dict[str, Any]:
    return {
        "name": worker.name,
        "services": list(worker.services),
        "main": worker.main,
        "language": worker.language,
        "routes": [
            {"pattern": r.pattern, "custom_domain": r.custom_domain, "zone_name": r.zone_name, "service": r.service}
            for r in worker.routes
        ],
        "crons": [c.schedule for c in worker.crons],
        "bindings": [_binding(b) for b in worker.bindings],
        "vars": {name: value for name, value in worker.vars},
        "secrets": list(worker.secrets),
        "queue_consumers": list(worker.queue_consumers),
        "durable_objects": list(worker.durable_objects),
        "container": dict(worker.container) if worker.container else None,
        "router_notes": list(worker.router_notes),
    }


def build(analysis: Analysis) -> dict[str, Any]:
    """The report document (the project was redacted by position; the net runs on its strings)."""
    return scrub_tree(_document(analysis), guard(analysis))  # type: ignore[no-any-return]


def render_json(analysis: Analysis) -> str:
    """The JSON report, the net run once on its text."""
    from migrator.emit import jsonfmt

    return guard(analysis)(jsonfmt.dumps(_document(analysis)))


def _document(analysis: Analysis) -> dict[str, Any]:
    project = analysis.project
    services = []
    for service in project.services:
        assessment = analysis.assessment(service.name)
        assert assessment is not None
        target = assessment.target
        services.append(
            {
                "name": service.name,
                "image": service.image,
                "build": service.build.context if service.build else None,
                "location": {"file": service.span.file, "line": service.span.line},
                "role": assessment.role,
                "runtime": assessment.runtime,
                "target": {
                    "kind": target.kind,
                    "alternatives": list(target.alternatives),
                    "rule_id": target.rule_id,
                    "confidence": target.confidence,
                    "rationale": target.rationale,
                },
                "routes": [route.to_json() for route in analysis.routing.for_service(service.name)],
                "crons": [
                    {"schedule": c.schedule, "original": c.original, "command": c.command} for c in assessment.crons
                ],
                "profiles": list(service.profiles),
                "effort": _effort(assessment.effort),
            }
        )
    findings = [
        {
            "rule_id": f.rule_id,
            "severity": f.severity,
            "service": f.service,
            "message": f.message,
            "hint": f.hint,
            "location": f.span.to_json() if f.span else None,
        }
        for f in analysis.findings
    ]
    document = {
        "schema_version": SCHEMA_VERSION,
        "project": {"name": project.name, "files": list(project.files)},
        "services": services,
        "edges": [edge.to_json() for edge in analysis.edges],
        "workers": [worker_document(w) for w in analysis.plan.workers],
        "waves": [list(w) for w in analysis.plan.waves],
        "findings": findings,
        "summary": summary(analysis),
    }
    from migrator.emit import audit

    document["effort"] = audit.effort_document(analysis)
    document["cost"] = audit.cost_document(analysis)
    return document


def _effort(effort: Any) -> dict[str, str] | None:
    return {"class": effort.level, "reason": effort.reason, "source": effort.source} if effort else None


def summary(analysis: Analysis) -> dict[str, Any]:
    kinds = Counter(a.target.kind for a in analysis.assessments)
    severities: Counter[str] = Counter(f.severity for f in analysis.findings)
    blocked = sorted({f.service for f in analysis.findings if f.severity == "blocker" and f.service})
    return {
        "services": len(analysis.assessments),
        "targets": {kind: kinds[kind] for kind in TARGET_KINDS if kinds[kind]},
        "findings": {
            sev: severities[sev] for sev in sorted(SEVERITY_ORDER, key=SEVERITY_ORDER.__getitem__, reverse=True)
        },
        "workers": len(analysis.plan.workers),
        "blocked_services": blocked,
        "ready": not blocked and severities["blocker"] == 0,
    }


__all__ = [
    "COMPATIBILITY_DATE",
    "REDACTED",
    "SCHEMA_VERSION",
    "build",
    "guard",
    "render_json",
    "scrub_tree",
    "spellings",
    "summary",
]
