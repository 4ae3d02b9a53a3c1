"""The pre-commit hook, run by pre-commit itself (`pre-commit try-repo`) on a temporary repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLES, FIXTURES, ROOT
from gitrepo import GIT_ENV, commit, edit, git, init

from migrator.cli import cli
from migrator.precommit import projects

SOURCES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "migrator", "rules", "templates")


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "migrator" and hook["language"] == "python" and hook["args"] == ["--fail-on", "blocker"]
    import re

    pattern = re.compile(hook["files"])
    for name in ("compose.yaml", "deploy/docker-compose.yml", "compose.override.yaml", "x/compose.prod.yml"):
        assert pattern.search(name), name
    for name in ("composer.json", "compose.yaml.bak", "docs/compose.md"):
        assert not pattern.search(name), name


def test_projects_group_files_by_directory() -> None:
    assert projects(("a/compose.yaml", "a/compose.override.yaml", "b/docker-compose.yml", "c/compose.prod.yaml")) == [
        ("a",),
        ("b",),
        ("c/compose.prod.yaml",),
    ]


def test_check_is_quiet_when_clean_and_names_blockers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(EXAMPLES / "shop", tmp_path / "shop")
    shutil.copytree(FIXTURES / "blockers", tmp_path / "blockers")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "shop/compose.yaml"])
    assert (result.exit_code, result.stdout) == (0, "")
    result = CliRunner().invoke(cli, ["check", "shop/compose.yaml", "blockers/compose.yaml"])
    assert result.exit_code == 1
    assert result.stdout.startswith("blockers/compose.yaml:16:3: blocker[DOCKER-SOCKET] agent:")
    assert "shop/" not in result.stdout


def _source_repo(tmp: Path) -> Path:
    """The project as it is in this checkout (committed or not), as a repository pre-commit can clone."""
    repo = tmp / "migrator-src"
    repo.mkdir()
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "_data"))
        else:
            shutil.copy2(source, repo / name)
    init(repo)
    commit(repo, "migrator")
    return repo


@pytest.mark.slow
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    source = _source_repo(tmp_path)
    project = init(tmp_path / "project", EXAMPLES / "shop")
    env = {
        **os.environ,
        **GIT_ENV,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }

    def hook(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(source), "migrator", "--files", *files],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    clean = hook("compose.yaml", "api/package.json")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout and "blocker[" not in clean.stdout

    edit(project / "compose.yaml", "  api:\n    build: ./api\n", "  api:\n    build: ./api\n    network_mode: host\n")
    commit(project, "host network")
    blocked = hook("compose.yaml")
    assert blocked.returncode == 1
    assert "Failed" in blocked.stdout
    assert "compose.yaml:38:3: blocker[NET-HOST] api: 'api' uses the host's network" in blocked.stdout
    assert git(project, "status", "--porcelain") == ""
