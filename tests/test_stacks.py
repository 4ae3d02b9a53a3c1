"""Real self-hosted stacks (tests/stacks): targets an expert expects, names intact, configs wrangler accepts.

Each stack's ``expect.yaml`` was written from the application's documentation before migrator
ran on it.  A target outside the accepted kinds fails; so does a kind listed as wrong.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import NODE_MODULES, ROOT, run_analysis, strip_jsonc

from migrator import emit
from migrator.engine import load_catalogue
from migrator.model import Analysis
from migrator.plan import worker_name

STACKS = ROOT / "tests" / "stacks"
NAMES = sorted(p.name for p in STACKS.iterdir() if (p / "expect.yaml").exists())
REDACTED = "[redacted]"


def _pending(name: str, *values: str) -> Any:
    return pytest.param(name, *values, id="-".join((name, *values)))


@functools.cache
def expectation(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((STACKS / name / "expect.yaml").read_text())
    return data


@functools.cache
def analysis(name: str) -> Analysis:
    spec = expectation(name)
    folder = STACKS / name
    return run_analysis(
        tuple(str(folder / f) for f in spec["files"]), profiles=tuple(spec.get("profiles") or ()), cwd=str(folder)
    )


@functools.cache
def outputs(name: str) -> dict[str, str]:
    """Every output: the four report formats and every file ``--out`` writes."""
    result = analysis(name)
    catalogue = load_catalogue()
    files = {f"--format {fmt}": emit.render(fmt, result, catalogue) for fmt in emit.FORMATS}
    files.update(emit.out_files(result, catalogue, str(STACKS / name / "plan")))
    return files


def _cases() -> list[tuple[str, str]]:
    return [(name, service) for name in NAMES for service in sorted(expectation(name)["targets"])]


def test_the_corpus_has_at_least_25_stacks_with_sources() -> None:
    assert len(NAMES) >= 25
    rows = [line.split("\t") for line in (STACKS / "SOURCES.tsv").read_text().splitlines()[1:]]
    assert {row[0] for row in rows} == set(NAMES)
    for stack, repository, path, commit, licence in rows:
        assert re.fullmatch(r"[0-9a-f]{40}", commit), stack
        assert licence and "/" in repository and path, stack
        assert (STACKS / stack / Path(path).name).exists(), f"{stack}: {path}"


@pytest.mark.parametrize("name", [_pending(n) for n in NAMES])
def test_every_output_renders(name: str) -> None:
    files = outputs(name)
    assert files["report.json"].startswith("{")
    assert json.loads(files["--format json"])["schema_version"] == 1


@pytest.mark.parametrize(("name", "service"), _cases())
def test_target_is_what_an_expert_expects(name: str, service: str) -> None:
    spec = expectation(name)
    by_name = {a.service: a for a in analysis(name).assessments}
    assert service in by_name, f"{name}: service {service} is missing from the analysis"
    target = by_name[service].target
    accepted = spec["targets"][service]
    accepted = accepted if isinstance(accepted, list) else [accepted]
    wrong = spec.get("wrong", {}).get(service, [])
    assert target.kind not in wrong, f"{name}/{service}: {target.kind} ({target.rule_id}) is wrong here"
    assert target.kind in accepted, f"{name}/{service}: {target.kind} ({target.rule_id}), expected {accepted}"


@pytest.mark.parametrize("name", NAMES)
def test_every_service_has_an_expectation(name: str) -> None:
    expected = set(expectation(name)["targets"])
    assert {a.service for a in analysis(name).assessments} <= expected


@pytest.mark.parametrize("name", [_pending(n) for n in NAMES])
def test_names_are_intact_in_every_output(name: str) -> None:
    result = analysis(name)
    files = outputs(name)
    report = json.loads(files["report.json"])
    project = result.project
    assert sorted(s["name"] for s in report["services"]) == sorted(s.name for s in project.services)
    images = {s.name: s.image for s in project.services}
    for entry in report["services"]:
        assert entry["image"] == images[entry["name"]], f"{name}: image of {entry['name']}"
        assert REDACTED not in entry["location"]["file"]
    planned = {w.name for w in result.plan.workers}
    assert {w["name"] for w in report["workers"]} == planned
    for worker in result.plan.workers:
        assert worker.name == worker_name(project.name, worker.services[0]) or worker.name.startswith(
            worker_name(project.name, worker.services[0])
        )
        config = json.loads(strip_jsonc(files[f"{worker.name}/wrangler.jsonc"]))
        assert config["name"] == worker.name
        for container in config.get("containers", []):
            assert REDACTED not in container["image"], f"{name}: {container['image']}"
    markdown = files["report.md"]
    for service in project.services:
        assert f"| {service.name} |" in markdown, f"{name}: {service.name} is not in the service table"
    for finding in report["findings"]:
        if finding["rule_id"] == "VOLUME-DATA":  # names the volume and the path it is mounted at
            assert REDACTED not in finding["message"], f"{name}: {finding['message']}"
        if finding["location"]:
            assert REDACTED not in finding["location"]["file"], f"{name}: {finding['location']}"
    for where, text in files.items():
        assert not REDACTED_KEY.search(text), f"{name}: a key is scrubbed in {where}"


REDACTED_KEY = re.compile(r'"[^"\n]*\[redacted\][^"\n]*"\s*:')


def _shape(worker: Any) -> str:
    info = worker.container or {}
    shape = "image" if "image" in info else "dockerfile" if info else "code"
    types = sorted({b.type for b in worker.bindings} - {"container"})
    return ",".join([shape, *types] + (["cron"] if worker.crons else []))


@functools.cache
def dry_run_sample() -> list[tuple[str, str]]:
    """One Worker of each shape in the corpus (Container from an image or a Dockerfile, code,
    and the bindings, crons and Workflows it carries): wrangler takes seconds per config, and
    every config is also checked against wrangler's schema above."""
    seen: dict[str, tuple[str, str]] = {}
    for name in NAMES:
        for worker in analysis(name).plan.workers:
            seen.setdefault(_shape(worker), (name, worker.name))
    return sorted(seen.values())


@pytest.mark.wrangler
@pytest.mark.parametrize("name", [_pending(n) for n in NAMES])
def test_configs_validate_against_wranglers_schema(name: str, wrangler_schema: Any) -> None:
    for path, text in outputs(name).items():
        if path.endswith("wrangler.jsonc"):
            errors = sorted(wrangler_schema.iter_errors(json.loads(strip_jsonc(text))), key=str)
            assert not errors, f"{path}: {errors[0].message}"


@pytest.mark.wrangler
@pytest.mark.slow
@pytest.mark.parametrize(("name", "worker"), [_pending(*case) for case in dry_run_sample()])
def test_wrangler_deploy_dry_run_passes(name: str, worker: str, tmp_path: Path, wrangler: Any) -> None:
    import shutil

    project = tmp_path / name
    shutil.copytree(STACKS / name, project)
    out = project / "plan"
    for rel, text in outputs(name).items():
        if rel.startswith(worker + "/"):
            target = out / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
    # The plan's own package.json installs wrangler and @cloudflare/containers: here, ours.
    (out / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    config = json.loads(strip_jsonc((out / worker / "wrangler.jsonc").read_text()))
    for container in config.get("containers", []):
        image = container["image"]
        if ":" not in image:  # a Dockerfile, by a path relative to the config
            dockerfile = (out / worker / image).resolve()
            if not dockerfile.exists():
                # The build context is not in the copy: BUILD-MISSING must say so, and a checkout
                # has it where the config points, so a stand-in there checks that the path resolves.
                service = next(w.services[0] for w in analysis(name).plan.workers if w.name == worker)
                assert ("BUILD-MISSING", service) in {(f.rule_id, f.service) for f in analysis(name).findings}
                dockerfile.parent.mkdir(parents=True, exist_ok=True)
                dockerfile.write_text("FROM scratch\n")
    proc = wrangler(
        ["deploy", "--dry-run", "--outdir", str(tmp_path / "dist"), "--containers-rollout=none"], out / worker, tmp_path
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"{worker}:\n{output[-3000:]}"
    assert "[ERROR]" not in output, output[-3000:]
    assert "--dry-run: exiting now." in output
