"""What a change does to the migration: two report documents in, one diff document out.

The diff reads only the JSON report document (``migrator/emit/document.py``, schema
``report.schema.json``), so it works the same on a report from an earlier run and on a fresh
analysis, and keys added to the report later are carried along where the diff knows them.

A finding is the same finding in both revisions when its rule, service, severity and
*subject* agree.  The subject is the finding's message with every position removed
(``file:line:col``, ``line N``) and its white space collapsed, so a finding whose line moved is
neither new nor resolved.  Equal keys are matched as a multiset: two identical findings in the
head against one in the base make one new finding.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from typing import Any

DIFF_SCHEMA_VERSION = 1
SEVERITIES = ("blocker", "warning", "info")
# Optional summary figures other parts of the report may carry; one delta line each when both
# revisions have them.

_POSITION = re.compile(
    r"\s*\((?:first defined )?at line \d+\)"
    r"|\s*\(?\b(?:at\s+)?(?:[\w./-]+\.(?:ya?ml|env)|line)(?::|\s+)\d+(?::\d+)?\)?",
    re.IGNORECASE,
)
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def subject(message: str) -> str:
    """The message without positions: stable when only lines move."""
    if not any(ch.isdigit() for ch in message):
        return " ".join(message.split())
    return _SPACE.sub(" ", _POSITION.sub("", message)).strip()


def finding_key(finding: dict[str, Any]) -> tuple[str, str, str, str]:
    return (finding["rule_id"], finding.get("service") or "", finding["severity"], subject(finding["message"]))


def fingerprint(finding: dict[str, Any]) -> str:
    """A stable id of a finding across revisions (for SARIF ``partialFingerprints``)."""
    return _digest(finding_key(finding))


def _digest(key: tuple[str, str, str, str]) -> str:
    return hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:32]


def empty_document(name: str = "") -> dict[str, Any]:
    """The report of a revision without a Compose project (the base of a pull request that adds one)."""
    return {
        "schema_version": 1,
        "project": {"name": name, "files": []},
        "services": [],
        "edges": [],
        "workers": [],
        "findings": [],
        "summary": {"services": 0, "targets": {}, "findings": {s: 0 for s in SEVERITIES}, "workers": 0, "ready": True},
    }


def _finding(f: dict[str, Any], key: tuple[str, str, str, str]) -> dict[str, Any]:
    return {
        "rule_id": f["rule_id"],
        "severity": f["severity"],
        "service": f.get("service"),
        "subject": key[3],
        "message": f["message"],
        "hint": f.get("hint"),
        "location": f.get("location"),
        "fingerprint": _digest(key),
    }


def _unmatched(
    items: list[tuple[tuple[str, str, str, str], dict[str, Any]]], other: Counter[tuple[str, str, str, str]]
) -> list[dict[str, Any]]:
    out = []
    for key, f in items:
        if other[key] > 0:
            other[key] -= 1
        else:
            out.append(_finding(f, key))
    return out


def _findings(base: list[dict[str, Any]], head: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    """(new in head, resolved since base), each in the report's order; equal keys matched as a multiset."""
    base_keyed = [(finding_key(f), f) for f in base]
    head_keyed = [(finding_key(f), f) for f in head]
    new = _unmatched(head_keyed, Counter(key for key, _ in base_keyed))
    resolved = _unmatched(base_keyed, Counter(key for key, _ in head_keyed))
    return new, resolved


def _blocked(doc: dict[str, Any]) -> set[str]:
    return {f["service"] for f in doc["findings"] if f["severity"] == "blocker" and f.get("service")}


def _service(svc: dict[str, Any], blocked: set[str]) -> dict[str, Any]:
    target = svc["target"]
    return {
        "name": svc["name"],
        "image": svc.get("image"),
        "build": svc.get("build"),
        "kind": target["kind"],
        "rule_id": target["rule_id"],
        "confidence": target.get("confidence"),
        "movable": target["kind"] != "unsupported" and svc["name"] not in blocked,
        "location": svc.get("location"),
    }


def _targets(base: dict[str, Any], head: dict[str, Any], blocked: set[str]) -> list[dict[str, Any]]:
    changed = []
    for name in sorted(base.keys() & head.keys()):
        old, new = base[name]["target"], head[name]["target"]
        if (old["kind"], old["rule_id"]) != (new["kind"], new["rule_id"]):
            changed.append(
                {
                    "service": name,
                    "old": {"kind": old["kind"], "rule_id": old["rule_id"]},
                    "new": {"kind": new["kind"], "rule_id": new["rule_id"]},
                    "movable": new["kind"] != "unsupported" and name not in blocked,
                }
            )
    return changed


def _binding_key(b: dict[str, Any]) -> str:
    return str(b["binding"])


def _binding(b: dict[str, Any]) -> dict[str, Any]:
    return {"binding": b["binding"], "type": b["type"], "service": b.get("service")}


def _set_delta(old: list[str], new: list[str]) -> dict[str, list[str]]:
    return {"added": sorted(set(new) - set(old)), "removed": sorted(set(old) - set(new))}


def _worker_change(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any] | None:
    old_b = {_binding_key(b): _binding(b) for b in old.get("bindings", [])}
    new_b = {_binding_key(b): _binding(b) for b in new.get("bindings", [])}
    bindings = {
        "added": [new_b[k] for k in sorted(new_b.keys() - old_b.keys())],
        "removed": [old_b[k] for k in sorted(old_b.keys() - new_b.keys())],
        "changed": [
            {"old": old_b[k], "new": new_b[k]} for k in sorted(old_b.keys() & new_b.keys()) if old_b[k] != new_b[k]
        ],
    }
    routes = _set_delta([r["pattern"] for r in old.get("routes", [])], [r["pattern"] for r in new.get("routes", [])])
    crons = _set_delta(list(old.get("crons", [])), list(new.get("crons", [])))
    services = _set_delta(list(old.get("services", [])), list(new.get("services", [])))
    if (
        not any(bindings.values())
        and not any(routes.values())
        and not any(crons.values())
        and not any(services.values())
    ):
        return None
    return {"name": new["name"], "services": services, "bindings": bindings, "routes": routes, "crons": crons}


def _worker(w: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": w["name"],
        "services": list(w.get("services", [])),
        "bindings": [_binding(b) for b in w.get("bindings", [])],
        "routes": [r["pattern"] for r in w.get("routes", [])],
        "crons": list(w.get("crons", [])),
    }


def _secrets(doc: dict[str, Any]) -> set[tuple[str, str]]:
    return {(w["name"], s) for w in doc["workers"] for s in w.get("secrets", [])}


def _number(value: Any) -> float | None:
    """A figure out of a summary entry: a number, or the first number of a few usual keys."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    if isinstance(value, dict):
        for key in ("total", "monthly", "monthly_usd", "usd", "amount", "days", "hours", "points"):
            if key in value:
                return _number(value[key])
    return None


def _metrics(base: dict[str, Any], head: dict[str, Any]) -> list[dict[str, Any]]:
    """The bill and the effort of both revisions, when both reports carry them: a figure each and
    the one line a reviewer reads (``migrator.emit.audit``)."""
    from migrator.emit import audit

    out: list[dict[str, Any]] = []
    if base.get("cost") and head.get("cost"):
        a, b = _number(base["cost"].get("total")), _number(head["cost"].get("total"))
        out.append(
            {
                "name": "cost",
                "base": a,
                "head": b,
                "delta": None if a is None or b is None else round(b - a, 2),
                "unit": str(head["cost"].get("currency") or "USD"),
                "line": audit.cost_delta(base, head),
            }
        )
    if base.get("effort") and head.get("effort"):
        out.append(
            {
                "name": "effort",
                "base": None,
                "head": None,
                "delta": None,
                "unit": None,
                "line": audit.effort_delta(base, head),
                "changed": (base["effort"].get("totals") or {}) != (head["effort"].get("totals") or {}),
            }
        )
    return out


def _side(doc: dict[str, Any], label: str | None) -> dict[str, Any]:
    counts = Counter(f["severity"] for f in doc["findings"])
    return {
        "label": label,
        "project": doc["project"]["name"],
        "files": list(doc["project"].get("files", [])),
        "services": len(doc["services"]),
        "workers": len(doc["workers"]),
        "findings": {s: counts[s] for s in SEVERITIES},
    }


def compare(
    base: dict[str, Any], head: dict[str, Any], *, base_label: str | None, head_label: str | None
) -> dict[str, Any]:
    """The diff document of two report documents (schema ``diff.schema.json``)."""
    head_blocked = _blocked(head)
    base_services = {s["name"]: s for s in base["services"]}
    head_services = {s["name"]: s for s in head["services"]}
    new, resolved = _findings(base["findings"], head["findings"])
    base_workers = {w["name"]: w for w in base["workers"]}
    head_workers = {w["name"]: w for w in head["workers"]}
    worker_changes = [
        change
        for name in sorted(base_workers.keys() & head_workers.keys())
        if (change := _worker_change(base_workers[name], head_workers[name])) is not None
    ]
    secrets = sorted(_secrets(head) - _secrets(base))
    dropped = sorted(_secrets(base) - _secrets(head))
    diff: dict[str, Any] = {
        "schema_version": DIFF_SCHEMA_VERSION,
        "base": _side(base, base_label),
        "head": _side(head, head_label),
        "services": {
            "added": [
                _service(head_services[n], head_blocked) for n in sorted(head_services.keys() - base_services.keys())
            ],
            "removed": [
                _service(base_services[n], _blocked(base)) for n in sorted(base_services.keys() - head_services.keys())
            ],
        },
        "targets": _targets(base_services, head_services, head_blocked),
        "findings": {
            "new": new,
            "resolved": resolved,
        },
        "workers": {
            "added": [_worker(head_workers[n]) for n in sorted(head_workers.keys() - base_workers.keys())],
            "removed": [_worker(base_workers[n]) for n in sorted(base_workers.keys() - head_workers.keys())],
            "changed": worker_changes,
        },
        "secrets": {
            "new": [{"worker": w, "name": s} for w, s in secrets],
            "removed": [{"worker": w, "name": s} for w, s in dropped],
        },
        "metrics": _metrics(base, head),
    }
    diff["summary"] = _summary(diff)
    return diff


def _summary(diff: dict[str, Any]) -> dict[str, Any]:
    def count(section: str, severity: str) -> int:
        return sum(1 for f in diff["findings"][section] if f["severity"] == severity)

    summary: dict[str, Any] = {
        "new_blockers": count("new", "blocker"),
        "resolved_blockers": count("resolved", "blocker"),
        "new_warnings": count("new", "warning"),
        "resolved_warnings": count("resolved", "warning"),
        "new_infos": count("new", "info"),
        "resolved_infos": count("resolved", "info"),
        "services_added": len(diff["services"]["added"]),
        "services_removed": len(diff["services"]["removed"]),
        "targets_changed": len(diff["targets"]),
        "workers_added": len(diff["workers"]["added"]),
        "workers_removed": len(diff["workers"]["removed"]),
        "workers_changed": len(diff["workers"]["changed"]),
        "secrets_new": len(diff["secrets"]["new"]),
        "blockers": diff["head"]["findings"]["blocker"],
    }
    relevant = (
        summary["new_blockers"]
        + summary["resolved_blockers"]
        + summary["new_warnings"]
        + summary["resolved_warnings"]
        + summary["services_added"]
        + summary["services_removed"]
        + summary["targets_changed"]
        + summary["workers_added"]
        + summary["workers_removed"]
        + summary["workers_changed"]
        + summary["secrets_new"]
        + len(diff["secrets"]["removed"])
        + sum(1 for m in diff["metrics"] if m["delta"] or m.get("changed"))
    )
    summary["changed"] = relevant > 0
    return summary


FAIL_ON = ("new-blocker", "new-warning", "blocker", "never")


def failing(diff: dict[str, Any], fail_on: str) -> bool:
    """Whether ``--fail-on`` fails the check: only what the change makes worse, unless ``blocker``."""
    s = diff["summary"]
    if fail_on == "new-blocker":
        return bool(s["new_blockers"])
    if fail_on == "new-warning":
        return bool(s["new_blockers"] or s["new_warnings"])
    if fail_on == "blocker":
        return bool(s["blockers"])
    return False


__all__ = [
    "DIFF_SCHEMA_VERSION",
    "FAIL_ON",
    "compare",
    "empty_document",
    "failing",
    "finding_key",
    "fingerprint",
    "subject",
]
