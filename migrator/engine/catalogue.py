"""The rule catalogue: ``rules/*.yaml`` validated against ``rules.schema.json``, keyed by id."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path
from typing import Any, NamedTuple

from migrator.compose.config import plain
from migrator.compose.schemacheck import Checker
from migrator.compose.yamlread import YMap, parse_documents
from migrator.errors import MigratorError
from migrator.model import Span
from migrator.resources import resource_dir, schema_path


class Rule(NamedTuple):
    """One rule of the catalogue: a target decision or a finding, with its rationale and docs."""

    id: str
    title: str
    rationale: str
    docs: str
    family: str
    source: Span
    name: str = ""
    role: str | None = None
    target: str | None = None
    alternatives: tuple[str, ...] = ()
    confidence: str = "medium"
    priority: int = 0
    severity: str | None = None
    message: str = ""
    hint: str = ""
    match: dict[str, Any] | None = None
    examples: dict[str, str] | None = None
    effort: tuple[str, str] | None = None  # (class, reason) of the move this rule decides

    @property
    def is_target(self) -> bool:
        return self.target is not None


class Catalogue(NamedTuple):
    """The rules, keyed by id, and the effort of each target kind when no rule gives one."""

    rules: dict[str, Rule]
    effort: dict[str, tuple[str, str]] = {}  # noqa: RUF012 (never mutated)

    def get(self, rule_id: str) -> Rule | None:
        return self.rules.get(rule_id)

    def targets(self) -> list[Rule]:
        return sorted((r for r in self.rules.values() if r.is_target), key=lambda r: (-r.priority, r.id))

    def findings(self) -> list[Rule]:
        return sorted((r for r in self.rules.values() if not r.is_target and r.match), key=lambda r: r.id)


@functools.cache
def _checker() -> Checker:
    return Checker(json.loads(schema_path("rules.schema.json").read_text(encoding="utf-8")))


def _span_of(doc: Any, path: tuple[str | int, ...], file: str) -> Span:
    node = doc
    span = getattr(doc, "span", None) or Span(file)
    for part in path:
        if isinstance(node, YMap) and isinstance(part, str) and part in node:
            span = node.key_span(part) or span
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            item_span = node.item_span(part) if hasattr(node, "item_span") else None
            span = item_span or span
            node = node[part]
        else:
            break
    return span


def load_file(path: Path, display: str) -> list[Rule]:
    """A rule file given with --rules: parsed with spans and validated against the rules schema."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MigratorError(f"cannot read rule file {display}: {exc}", hint="check --rules") from None
    docs = parse_documents(text, display)
    if len(docs) != 1 or not isinstance(docs[0], dict):
        raise MigratorError("a rule file holds one mapping with a 'rules' list", span=Span(display, 1, 1))
    doc = docs[0]
    for error in _checker().errors(plain(doc)):
        where = ".".join(str(p) for p in error.path) or "the top level"
        raise MigratorError(
            f"invalid rule file: {where} {error.message}",
            span=_span_of(doc, error.path, display),
            hint="see migrator/schemas/rules.schema.json",
        )
    for index, raw in enumerate(doc["rules"]):
        if raw.get("match"):
            _check_regexes(raw["match"], ("rules", index, "match"), doc, display)
    family = str(doc.get("family") or path.stem)
    return [
        _rule(raw, family, doc["rules"].item_span(index) or Span(display)) for index, raw in enumerate(doc["rules"])
    ]


def load_effort(path: Path) -> dict[str, tuple[str, str]]:
    """The effort by target kind of a rule file already read by ``load_file``."""
    return _effort(plain(parse_documents(path.read_text(encoding="utf-8"), str(path))[0]).get("effort"))


def _effort(raw: Any) -> dict[str, tuple[str, str]]:
    return {str(kind): (str(e["class"]), str(e["reason"])) for kind, e in sorted((raw or {}).items())}


_REGEX_PREDICATES = frozenset({"command", "env_value", "referenced_by_var", "referenced_by_command"})


def _check_regexes(pred: Any, path: tuple[str | int, ...], doc: Any, display: str) -> None:
    """Every regular expression of a match block compiles (the schema cannot tell)."""
    if isinstance(pred, list):
        for index, item in enumerate(pred):
            _check_regexes(item, (*path, index), doc, display)
        return
    if not isinstance(pred, dict):
        return
    for key, value in pred.items():
        if key in _REGEX_PREDICATES:
            for index, pattern in enumerate(value if isinstance(value, list) else [value]):
                try:
                    re.compile(str(pattern), re.IGNORECASE)
                except re.error as exc:
                    where = (*path, key, index) if isinstance(value, list) else (*path, key)
                    raise MigratorError(
                        f"invalid rule file: {'.'.join(map(str, where))} is not a regular expression: {exc}",
                        span=_span_of(doc, where, display),
                        hint="write a Python regular expression (escape ( [ { with a backslash)",
                    ) from None
        elif key in ("all", "any", "not"):
            _check_regexes(value, (*path, key), doc, display)


def _trusted_raw(text: str, stem: str) -> tuple[str, list[tuple[dict[str, Any], int, int]]]:
    """A rule file's family and its raw rules, each with the line and column of its id (all
    that ``rules explain`` and the SARIF rule index need)."""
    family, located, _ = _trusted_doc(text, stem)
    return family, located


def _trusted_doc(text: str, stem: str) -> tuple[str, list[tuple[dict[str, Any], int, int]], dict[str, Any]]:
    """``_trusted_raw`` and the file's raw effort by target kind."""
    import yaml

    doc = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    family = str(doc.get("family") or stem)
    located = []
    for raw in doc["rules"]:
        offset = text.find(f"id: {raw['id']}")
        line = text.count("\n", 0, offset) + 1 if offset >= 0 else 0
        column = offset - text.rfind("\n", 0, offset) if offset >= 0 else 0
        located.append((raw, line, max(column, 1) if line else 0))
    return family, located, dict(doc.get("effort") or {})


# The packaged rules, parsed ahead: ``rules/catalogue.json`` holds each file's rules with the
# SHA-256 of the file they came from.  It is used only while every hash matches, so an edited
# rule file is read from its YAML until the cache is rebuilt (``python -m migrator.engine.compile_rules``;
# the test suite checks that the committed cache is current).
CACHE_NAME = "catalogue.json"
# Data files beside the rules that are not rule files (prices, read by ``migrator.cost``).
DATA_FILES = frozenset({"pricing.yaml"})


def _rule_files(directory: Path) -> list[Path]:
    return [path for path in sorted(directory.glob("*.yaml")) if path.name not in DATA_FILES]


def build_cache(directory: Path) -> str:
    """The text of ``catalogue.json`` for the rule files in ``directory``."""
    files: dict[str, Any] = {}
    for path in _rule_files(directory):
        data = path.read_bytes()
        family, located, effort = _trusted_doc(data.decode("utf-8"), path.stem)
        files[path.name] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "family": family,
            "rules": [{"rule": raw, "line": line, "column": column} for raw, line, column in located],
        }
        if effort:
            files[path.name]["effort"] = effort
    return json.dumps({"format": 1, "files": files}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _packaged(directory: Path) -> list[Rule]:
    return _packaged_with_effort(directory)[0]


def _packaged_with_effort(directory: Path) -> tuple[list[Rule], dict[str, tuple[str, str]]]:
    texts = {path.name: path.read_bytes() for path in _rule_files(directory)}
    try:
        cache = json.loads((directory / CACHE_NAME).read_text(encoding="utf-8"))
        files = cache["files"] if cache.get("format") == 1 else {}
    except (OSError, ValueError, KeyError, AttributeError):
        files = {}
    rules: list[Rule] = []
    effort: dict[str, tuple[str, str]] = {}
    for name, data in texts.items():
        entry = files.get(name)
        display = f"rules/{name}"
        if entry is not None and entry.get("sha256") == hashlib.sha256(data).hexdigest():
            family = entry["family"]
            rules += [
                _rule(item["rule"], family, Span(display, item["line"], item["column"])) for item in entry["rules"]
            ]
            effort.update(_effort(entry.get("effort")))
        else:
            family, located, raw_effort = _trusted_doc(data.decode("utf-8"), Path(name).stem)
            rules += [_rule(raw, family, Span(display, line, column)) for raw, line, column in located]
            effort.update(_effort(raw_effort))
    return rules, effort


def _rule(raw: Any, family: str, span: Span) -> Rule:
    return Rule(
        id=raw["id"],
        title=raw["title"],
        rationale=raw["rationale"],
        docs=raw["docs"],
        family=family,
        source=span,
        name=raw.get("name", ""),
        role=raw.get("role"),
        target=raw.get("target"),
        alternatives=tuple(raw.get("alternatives") or ()),
        confidence=raw.get("confidence", "medium"),
        priority=int(raw.get("priority", 0)),
        severity=raw.get("severity"),
        message=raw.get("message", ""),
        hint=raw.get("hint", ""),
        match=plain(raw["match"]) if raw.get("match") else None,
        examples=plain(raw["examples"]) if raw.get("examples") else None,
        effort=(str(raw["effort"]["class"]), str(raw["effort"]["reason"])) if raw.get("effort") else None,
    )


def load_catalogue(extra_dirs: tuple[str, ...] = ()) -> Catalogue:
    """The packaged rules, then each ``--rules`` directory: a later file may override an id."""
    registry: dict[str, Rule] = {}
    # The packaged files are validated by the test suite (tests/test_catalogue.py); files
    # given with --rules are validated below, every time.
    packaged, effort = _packaged_with_effort(resource_dir("rules"))
    for rule in packaged:
        if rule.id in registry:
            first = registry[rule.id].source
            raise MigratorError(f"duplicate rule id {rule.id} (first at {first.where()})", span=rule.source)
        registry[rule.id] = rule
    for directory in extra_dirs:
        base = Path(directory)
        if not base.is_dir():
            raise MigratorError(f"--rules {directory}: not a directory", hint="pass a directory of *.yaml rule files")
        seen: dict[str, Span] = {}
        for path in sorted([*base.glob("*.yaml"), *base.glob("*.yml")]):
            rules = load_file(path, str(path))
            effort.update(load_effort(path))
            for rule in rules:
                if rule.id in seen:
                    raise MigratorError(
                        f"duplicate rule id {rule.id} (first at {seen[rule.id].where()})", span=rule.source
                    )
                seen[rule.id] = rule.source
                registry[rule.id] = rule  # overrides a packaged rule of the same id
    return Catalogue(registry, effort)
