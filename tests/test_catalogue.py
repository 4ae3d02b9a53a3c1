from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from migrator.engine.catalogue import load_catalogue
from migrator.errors import MigratorError
from migrator.resources import schema_path


def test_every_rule_file_validates_against_the_rules_schema() -> None:
    import jsonschema

    schema = json.loads(schema_path("rules.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    from migrator.engine.catalogue import DATA_FILES

    for path in sorted((ROOT / "rules").glob("*.yaml")):
        if path.name in DATA_FILES:
            continue
        data = yaml.safe_load(path.read_text())
        errors = list(validator.iter_errors(data))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_catalogue_covers_every_row_of_the_mapping_policy() -> None:
    catalogue = load_catalogue()
    targets = {r.target for r in catalogue.rules.values() if r.target}
    assert targets >= {
        "platform",
        "hyperdrive",
        "kv",
        "durable-object",
        "queue",
        "r2",
        "worker",
        "cron",
        "assets",
        "container",
        "unsupported",
        "workflow",
        "d1",
    }
    assert all(r.docs.startswith("https://") for r in catalogue.rules.values())


def test_every_emitted_rule_id_is_in_the_catalogue() -> None:
    catalogue = load_catalogue()
    emitted: set[str] = set()
    for path in (ROOT / "migrator").rglob("*.py"):
        emitted.update(re.findall(r'"((?:CMP|RT|MIG|CRON|GRAPH)[-A-Z0-9]*)"', path.read_text()))
    missing = sorted(emitted - set(catalogue.rules))
    assert not missing, missing


def test_duplicate_ids_are_errors(tmp_path: Path) -> None:
    rule = "  - id: TEAM-1\n    title: A team rule\n    severity: info\n    message: hello\n    rationale: Because we say so here.\n    docs: https://example.com/team\n"
    (tmp_path / "a.yaml").write_text("rules:\n" + rule + rule)
    with pytest.raises(MigratorError, match="duplicate rule id TEAM-1"):
        load_catalogue((str(tmp_path),))


def test_invalid_rule_files_name_the_place(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "rules:\n  - id: TEAM-2\n    title: x y z\n    target: moon\n    role: r\n    match: {image: a}\n    rationale: Long enough text.\n    docs: https://example.com\n"
    )
    with pytest.raises(MigratorError) as info:
        load_catalogue((str(tmp_path),))
    assert info.value.span is not None and info.value.span.file.endswith("a.yaml")


def test_rules_dir_must_exist(tmp_path: Path) -> None:
    with pytest.raises(MigratorError, match="not a directory"):
        load_catalogue((str(tmp_path / "nope"),))


def test_the_rules_page_is_generated_from_the_catalogue() -> None:
    from click.testing import CliRunner

    from migrator.cli import cli

    result = CliRunner().invoke(cli, ["rules", "list", "--format", "markdown"])
    assert result.exit_code == 0
    assert (ROOT / "docs" / "rules.md").read_text() == result.stdout, "regenerate docs/rules.md"
    catalogue = load_catalogue()
    for rule_id in catalogue.rules:
        assert f"### {rule_id}:" in result.stdout


def test_every_engine_rule_fires_somewhere_in_the_tests(tmp_path: Path) -> None:
    """Each target rule and each matching finding rule is produced by a fixture, the example,
    the mapping table or a findings case of tests/test_engine.py."""
    import test_engine
    from conftest import EXAMPLE_PROJECTS, FIXTURE_PROJECTS, project_file, run_analysis

    seen: set[str] = set()
    projects = [project_file(name) for name in EXAMPLE_PROJECTS + FIXTURE_PROJECTS]
    blocks = [case[1] for case in test_engine.TABLE] + [case[1] for case in test_engine.FINDING_CASES]
    for index, block in enumerate(blocks):
        path = tmp_path / f"c{index}.yaml"
        path.write_text(f"services:\n  {block}\n")
        projects.append(path)
    for path in projects:
        analysis = run_analysis(path)
        seen.update(a.target.rule_id for a in analysis.assessments)
        seen.update(f.rule_id for f in analysis.findings)
    catalogue = load_catalogue()
    engine_rules = {r.id for r in catalogue.rules.values() if r.match is not None and r.id != "MAP-UNKNOWN"}
    missing = sorted(engine_rules - seen)
    assert not missing, f"rules no test exercises: {missing}"


def test_the_packaged_rule_cache_is_current() -> None:
    from migrator.engine.catalogue import CACHE_NAME, build_cache

    committed = (ROOT / "rules" / CACHE_NAME).read_text()
    assert committed == build_cache(ROOT / "rules"), "run: python -m migrator.engine.compile_rules"


def test_the_rule_cache_gives_the_catalogue_the_yaml_gives(tmp_path: Path) -> None:
    from migrator.engine.catalogue import CACHE_NAME, _packaged

    for path in (ROOT / "rules").glob("*.yaml"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    from_yaml = _packaged(tmp_path)  # no cache: every file is parsed
    (tmp_path / CACHE_NAME).write_text((ROOT / "rules" / CACHE_NAME).read_text())
    assert _packaged(tmp_path) == from_yaml
    # An edited file no longer matches its hash: it is read from its YAML, the rest from the cache.
    edited = tmp_path / "storage.yaml"
    edited.write_text(edited.read_text().replace("title:", "title: Edited", 1))
    titles = {rule.id: rule.title for rule in _packaged(tmp_path)}
    assert any(title.startswith("Edited") for title in titles.values())
    # A damaged cache is ignored.
    (tmp_path / CACHE_NAME).write_text("{not json")
    assert len(_packaged(tmp_path)) == len(from_yaml)
