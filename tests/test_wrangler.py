"""What migrator writes, checked by wrangler itself: its config schema and `wrangler deploy --dry-run`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE_PROJECTS, FIXTURE_PROJECTS, NODE_MODULES, copy_project, run_analysis, strip_jsonc
from oracle import corpus_cases

from migrator import emit
from migrator.emit.markdown import LIMIT

# Projects that plan no Worker on purpose: every service sits behind a profile not enabled.
PLANLESS = ("profiles-only",)
PROJECTS = [name for name in EXAMPLE_PROJECTS + FIXTURE_PROJECTS if name not in PLANLESS]


def write_plan(compose: Path, catalogue: Any) -> Path:
    out = compose.parent / "plan"
    analysis = run_analysis(compose)
    for rel, text in emit.out_files(analysis, catalogue, str(out)).items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    if NODE_MODULES.exists():  # the scaffolds import @cloudflare/containers, as `npm install` in plan/ provides
        (out / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    return out


def configs(out: Path) -> list[Path]:
    return sorted(out.glob("*/wrangler.jsonc"))


@pytest.mark.wrangler
@pytest.mark.parametrize("name", PROJECTS)
def test_configs_validate_against_wranglers_schema(
    name: str, tmp_path: Path, wrangler_schema: Any, catalogue: Any
) -> None:
    out = write_plan(copy_project(name, tmp_path), catalogue)
    for path in configs(out):
        config = json.loads(strip_jsonc(path.read_text()))
        errors = sorted(wrangler_schema.iter_errors(config), key=str)
        assert not errors, f"{path.parent.name}: {errors[0].message}"


@pytest.mark.wrangler
@pytest.mark.slow
@pytest.mark.parametrize("name", PROJECTS)
def test_wrangler_deploy_dry_run_passes(name: str, tmp_path: Path, wrangler: Any, catalogue: Any) -> None:
    out = write_plan(copy_project(name, tmp_path), catalogue)
    paths = configs(out)
    assert paths, f"{name} planned no Worker"
    for path in paths:
        proc = wrangler(
            ["deploy", "--dry-run", "--outdir", str(tmp_path / "dist" / path.parent.name), "--containers-rollout=none"],
            path.parent,
            tmp_path,
        )
        output = proc.stdout + proc.stderr
        assert proc.returncode == 0, f"{path.parent.name}:\n{output[-3000:]}"
        assert "[ERROR]" not in output, output[-3000:]
        assert "Unexpected fields" not in output, output[-3000:]
        assert "--dry-run: exiting now." in output


def test_every_fixture_plans_at_least_one_worker(catalogue: Any) -> None:
    from conftest import project_file

    for name in PROJECTS:
        if name == "blockers":
            continue
        assert run_analysis(project_file(name)).plan.workers, name
    for name in PLANLESS:
        assert not run_analysis(project_file(name)).plan.workers, name


@pytest.mark.wrangler
@pytest.mark.corpus
def test_every_corpus_case_writes_valid_configs_and_a_short_report(
    corpus: Path, wrangler_schema: Any, catalogue: Any
) -> None:
    checked = 0
    for case in corpus_cases():
        analysis = run_analysis(tuple(str(case.dir / f) for f in case.files), profiles=case.profiles, cwd=str(case.dir))
        files = emit.out_files(analysis, catalogue, str(case.dir / "plan"))
        assert len(files["report.md"]) <= LIMIT
        for rel, text in files.items():
            if rel.endswith("wrangler.jsonc"):
                config = json.loads(strip_jsonc(text))
                errors = sorted(wrangler_schema.iter_errors(config), key=str)
                assert not errors, f"{case.name} {rel}: {errors[0].message}"
                checked += 1
    assert checked > 50
