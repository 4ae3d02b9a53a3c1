"""SARIF 2.1.0: one result per finding, one rule entry (with its help URI) per catalogue rule."""

from __future__ import annotations

from typing import Any

from migrator import __version__
from migrator.emit import jsonfmt
from migrator.emit.document import build as build_document
from migrator.engine.catalogue import Catalogue
from migrator.model import Analysis

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"blocker": "error", "warning": "warning", "info": "note"}


def _rule(rule: Any) -> dict[str, Any]:
    level = _LEVELS.get(rule.severity or "", "note")
    entry: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "helpUri": rule.docs,
        "help": {"text": f"{rule.rationale} See {rule.docs}"},
        "defaultConfiguration": {"level": level},
        "properties": {"family": rule.family},
    }
    if rule.name:
        entry["name"] = rule.name
    if rule.target:
        entry["properties"]["target"] = rule.target
    return entry


def build(analysis: Analysis, catalogue: Catalogue, doc: dict[str, Any] | None = None) -> dict[str, Any]:
    doc = build_document(analysis) if doc is None else doc
    rules = [_rule(r) for r in sorted(catalogue.rules.values(), key=lambda r: r.id)]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for f in doc["findings"]:
        text = f["message"] + (f" ({f['hint']})" if f["hint"] else "")
        if f["service"]:
            text = f"{f['service']}: {text}"
        result: dict[str, Any] = {
            "ruleId": f["rule_id"],
            "level": _LEVELS[f["severity"]],
            "message": {"text": text},
            "properties": {"severity": f["severity"], "service": f["service"]},
        }
        if f["rule_id"] in index:
            result["ruleIndex"] = index[f["rule_id"]]
        loc = f["location"]
        if loc:
            physical: dict[str, Any] = {"artifactLocation": {"uri": loc["file"], "uriBaseId": "PROJECTROOT"}}
            if loc["line"] > 0:
                physical["region"] = {"startLine": loc["line"], "startColumn": max(1, loc["column"])}
            result["locations"] = [{"physicalLocation": physical}]
        results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "migrator",
                        "version": __version__,
                        "informationUri": "https://developers.cloudflare.com/workers/",
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"PROJECTROOT": {"description": {"text": "the Compose project directory"}}},
                "results": results,
            }
        ],
    }


def render(analysis: Analysis, catalogue: Catalogue, doc: dict[str, Any] | None = None) -> str:
    """The SARIF log; ``doc`` is the report document when the caller has built it already."""
    return dumps(build(analysis, catalogue, doc))


def dumps(log: dict[str, Any]) -> str:
    """A SARIF log as text: indented, each result and each rule on a line of its own."""
    return jsonfmt.dumps(log, expand=64, records=frozenset({"results", "rules"}))
