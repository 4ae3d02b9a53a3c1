"""A wheel built from the project, installed into a fresh venv, runs `migrator analyze`."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT


@pytest.mark.slow
def test_wheel_installs_and_runs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    (wheel,) = dist.glob("migrator-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "migrator/_data/rules/databases.yaml" in names
    assert "migrator/_data/rules/catalogue.json" in names  # the packaged rules, parsed ahead
    assert "migrator/_data/templates/wrangler.jsonc.j2" in names
    assert "migrator/_data/templates/_compiled/text/stamp.json" in names  # the templates, compiled ahead
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert "migrator/schemas/report.schema.json" in names
    env_dir = tmp_path / "venv"
    # The dependencies are already installed here; a venv that sees them tests the wheel itself
    # without reaching a package index.
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    migrator = env_dir / "bin" / "migrator"
    proc = subprocess.run(
        [
            str(migrator),
            "analyze",
            str(EXAMPLES / "shop" / "compose.yaml"),
            "--format",
            "json",
            "--out",
            str(tmp_path / "plan"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"]["workers"] == 4
    assert (tmp_path / "plan" / "shop-api" / "wrangler.jsonc").exists()
    located = subprocess.run(
        [str(python), "-c", "import migrator.resources as r; print(r.resource_dir('rules'))"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "site-packages/migrator/_data/rules" in located.stdout
    compiled = subprocess.run(
        [str(python), "-c", "from migrator.emit.templating import environment; print(type(environment().loader).__name__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert compiled.stdout.strip() == "ModuleLoader"  # the installed package uses its compiled templates
