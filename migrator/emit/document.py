"""The JSON report (schema_version 1) as a dict, redacted; every emitter reads it or the Analysis."""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from typing import Any

from migrator.model import SEVERITY_ORDER, TARGET_KINDS, Analysis, Binding, Worker
from migrator.redact import REDACTED, is_secret, scrub_text, trie_regex

_ENCODE = json.JSONEncoder(ensure_ascii=False, check_circular=False, default=str).encode

SCHEMA_VERSION = 1
COMPATIBILITY_DATE = "2026-11-17"  # wrangler 4.164.0's default; see README "Compatibility date"


def secret_values(analysis: Analysis) -> frozenset[str]:
    """Every value in the project that must never reach an output."""
    values: set[str] = set()
    for service in analysis.project.services:
        for var in service.environment:
            if var.value and is_secret(var.name, var.value):
                values.add(var.value)
                values.update(_url_password(var.value))
        for label in service.labels:
            if label.value and is_secret(label.key.replace(".", "_"), label.value):
                values.add(label.value)
    return frozenset(v for v in values if _scrubbable(v))


_TRIVIAL = frozenset({"true", "false", "yes", "no", "none", "null", "on", "off", "enabled", "disabled"})


def _scrubbable(value: str) -> bool:
    """Values long and specific enough to search for in text without mangling ordinary words."""
    return len(value) >= 6 and value.lower() not in _TRIVIAL and not value.isdigit()


def _url_password(value: str) -> list[str]:
    return [m.group(1) for m in re.finditer(r"://[^/\s:@]*:([^/\s@]+)@", value)]


def scrub_tree(value: Any, secrets: frozenset[str]) -> Any:
    """``value`` with every secret value and URL credential replaced by ``[redacted]``.

    Each part of the tree is first written as compact JSON by the C encoder and searched there
    (JSON writes a string as the concatenation of its characters' escapes, so a secret inside a
    string always shows up as its own escaped form).  Only the parts where a secret or a URL
    shows up are taken apart and scrubbed string by string, which keeps this linear in the size
    of the output and fast when most of it is clean.
    """
    if isinstance(value, str):
        return scrub_text(value, secrets) if secrets or "://" in value else value
    return _scrub(value, secrets, _detector(secrets), 0)


# What scrub_text rewrites in a URL (user:password@), as it can show in JSON text.
_URL_CREDENTIALS = re.compile(r"://[^/\s:@]*:[^/\s@]+@")


class _Detector:
    """Does JSON text hold URL credentials or a secret (as it appears inside a JSON string)?

    It only decides which parts are taken apart; JSON escapes never hide a match (the escaped
    text matches wherever the string does).  A secret that is a URL with credentials needs no
    entry of its own, the credentials search finds it, which keeps the secrets' search small.
    The credentials regex runs only on text that holds '://'.
    """

    __slots__ = ("secrets",)

    def __init__(self, secrets: frozenset[str]) -> None:
        escaped = sorted({_ENCODE(s)[1:-1] for s in secrets if len(s) >= 4} - {""})
        words = [e for e in escaped if not _URL_CREDENTIALS.search(e)]
        self.secrets = re.compile(trie_regex(words)).search if words else None

    def dirty(self, text: str) -> bool:
        if "://" in text and _URL_CREDENTIALS.search(text) is not None:
            return True
        return self.secrets is not None and self.secrets(text) is not None


@functools.lru_cache(maxsize=64)
def _detector(secrets: frozenset[str]) -> _Detector:
    return _Detector(secrets)


def _scrub(value: Any, secrets: frozenset[str], detector: _Detector, depth: int) -> Any:
    if isinstance(value, str):
        return scrub_text(value, secrets) if secrets or "://" in value else value
    # The document and its sections are nearly always dirty somewhere: searched through their parts.
    if isinstance(value, (dict, list, tuple)) and depth >= 2 and not detector.dirty(_ENCODE(value)):
        return value
    if isinstance(value, dict):
        return {
            _scrub(k, secrets, detector, depth + 1): _scrub(v, secrets, detector, depth + 1) for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):  # a tuple is written as a JSON array too
        return [_scrub(v, secrets, detector, depth + 1) for v in value]
    return value


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
    """The report document, redacted."""
    return scrub_tree(_document(analysis), secret_values(analysis))  # type: ignore[no-any-return]


def render_json(analysis: Analysis) -> str:
    """The JSON report.  Redacted as it is written: only the records where a secret or a URL
    shows up are taken apart, so the document is encoded once rather than searched first."""
    from migrator.emit import jsonfmt

    secrets = secret_values(analysis)
    cleaner = jsonfmt.Cleaner(_detector(secrets).dirty, lambda value: scrub_tree(value, secrets))
    return jsonfmt.dumps(_document(analysis), cleaner=cleaner)


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
    "render_json",
    "scrub_tree",
    "secret_values",
    "summary",
]
