"""The GitHub Action (action.yml) run step by step as the runner would, against the fake API,
on a pull request of three commits: the bot sees the right things and keeps one comment."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from actions_runner import evaluate, run_action, substitute
from conftest import EXAMPLES, ROOT
from fake_github import TOKEN, FakeForge
from gitrepo import commit, edit, git, init

pytestmark = pytest.mark.slow

CACHE = "  pagecache:\n    image: redis:7-alpine\n\n"
INSTALL = "Install migrator"


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """RUNNER_TEMP of one job: the install step runs once, the tests' runs reuse its venv."""
    temp = tmp_path_factory.mktemp("runner")
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    others = tuple(step["name"] for step in action["runs"]["steps"] if step["name"] != INSTALL)
    with FakeForge() as forge:
        context = {"token": TOKEN, "sha": "0" * 40, "event": {}}
        result = run_action(
            ROOT, workspace=temp, inputs={}, github=context, env=_env(forge, temp, context), temp=temp, skip=others
        )
    install = result.step(INSTALL)
    assert install.ran and install.code == 0, install.stdout + install.stderr
    installed = temp / "migrator-venv" / "bin" / "migrator"
    schema = subprocess.run([str(installed), "schema", "diff"], capture_output=True, text=True, check=True)
    assert json.loads(schema.stdout)["title"].startswith("migrator diff")  # the wheel carries the schema
    return temp


def _context(repo: Path, base: str, number: int = 7) -> dict[str, Any]:
    head = git(repo, "rev-parse", "HEAD")
    return {
        "token": TOKEN,
        "sha": head,
        "repository": "octo/shop",
        "event": {"number": number, "pull_request": {"number": number, "base": {"sha": base}, "head": {"sha": head}}},
    }


def _env(forge: FakeForge, tmp: Path, context: dict[str, Any]) -> dict[str, str]:
    event = tmp / "event.json"
    event.write_text(json.dumps(context["event"]))
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(tmp)),
        "PIP_NO_BUILD_ISOLATION": "0",  # build with the hatchling already installed: no download
        "GITHUB_REPOSITORY": "octo/shop",
        "GITHUB_API_URL": forge.url,
        "GITHUB_EVENT_PATH": str(event),
        "MIGRATOR_RETRY_SLEEP_SCALE": "0",
        "NO_COLOR": "1",
    }


def test_expressions_as_the_runner_reads_them() -> None:
    ctx = {"inputs": {"base": "", "comment": "true"}, "github": {"event": {"pull_request": {"base": {"sha": "abc"}}}}}
    assert evaluate("inputs.base || github.event.pull_request.base.sha", ctx) == "abc"
    assert evaluate("inputs.comment == 'true'", ctx) is True
    assert evaluate("inputs.comment != 'true' && inputs.base", ctx) is False
    assert substitute("x ${{ github.event.pull_request.missing }} y", ctx) == "x  y"
    with pytest.raises(ValueError):
        evaluate("fromJSON(inputs.x)", ctx)


def test_action_metadata() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert set(action["inputs"]) >= {"files", "working-directory", "profiles", "fail-on", "comment", "when"}
    assert action["outputs"]["sarif"]["value"] == "${{ steps.diff.outputs.sarif }}"
    assert 'pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"' in action["runs"]["steps"][0]["run"]


def test_a_pull_request_of_three_commits(tmp_path: Path, snapshot: object, runner_temp: Path) -> None:
    repo = init(tmp_path / "shop", EXAMPLES / "shop")
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "feature")
    compose = repo / "compose.yaml"
    comments: list[str] = []
    with FakeForge(login=None) as forge:  # the Actions token: GET /user is refused

        def push(message: str) -> Any:
            commit(repo, message)
            context = _context(repo, base)
            forge.heads[7] = context["sha"]  # the pull request's head is the pushed commit
            (runner_temp / "summary").write_text("")
            result = run_action(
                ROOT,
                workspace=repo,
                inputs={"files": "compose.yaml"},
                github=context,
                env=_env(forge, tmp_path, context),
                temp=runner_temp,
                skip=(INSTALL,),
            )
            comments.append(forge.comments[7][0]["body"] if forge.comments.get(7) else "")
            return result

        # 1. A Redis cache: a new service that can move (KV); the check passes; the comment is created.
        edit(compose, "services:\n", "services:\n" + CACHE)
        edit(
            compose,
            "      LOG_LEVEL: info\n",
            "      LOG_LEVEL: info\n      PAGE_CACHE_URL: redis://pagecache:6379/0\n",
        )
        first = push("a page cache")
        diff_step = first.step("Diff against the base")
        assert diff_step.code == 0, diff_step.stderr
        assert not first.failed and first.outputs["exit-code"] == "0"
        diff = json.loads(Path(first.outputs["json"]).read_text())
        (added,) = diff["services"]["added"]
        assert (added["name"], added["kind"], added["movable"]) == ("pagecache", "kv", True)
        assert diff["summary"]["new_blockers"] == 0
        assert "| pagecache | added | `redis:7-alpine` | **KV** | yes | `MAP-CACHE` |" in comments[-1]
        assert (forge.count("POST", "/comments$"), forge.count("PATCH", "/comments/")) == (1, 0)
        assert (runner_temp / "summary").read_text().startswith("<!-- migrator-diff -->")

        # 2. network_mode: host on the API: a new blocker, the check fails, annotations and SARIF show it.
        edit(compose, "  api:\n    build: ./api\n", "  api:\n    build: ./api\n    network_mode: host\n")
        second = push("host network")
        assert second.failed and second.outputs["exit-code"] == "1"
        assert second.step("Fail on what the pull request makes worse").code == 1
        assert "::error file=compose.yaml,line=" in second.stdout() and "title=NET-HOST api::" in second.stdout()
        sarif = json.loads(Path(second.outputs["sarif"]).read_text())
        assert [r["ruleId"] for r in sarif["runs"][0]["results"] if r["level"] == "error"] == ["NET-HOST"]
        assert "#### New blockers (1)" in comments[-1] and "`NET-HOST`" in comments[-1]
        assert (forge.count("POST", "/comments$"), forge.count("PATCH", "/comments/")) == (1, 1)

        # 3. Removed again: the blocker is resolved (against the previous commit) and gone from the comment.
        edit(compose, "    network_mode: host\n", "")
        third = push("no host network")
        assert not third.failed and third.outputs["exit-code"] == "0"
        assert "NET-HOST" not in comments[-1] and "pagecache" in comments[-1]
        assert (forge.count("POST", "/comments$"), forge.count("PATCH", "/comments/")) == (1, 2)
        assert len(forge.comments[7]) == 1 and forge.comments[7][0]["user"]["login"] == "github-actions[bot]"

    from click.testing import CliRunner

    from migrator.cli import cli

    old = os.getcwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(cli, ["diff", "--base", "HEAD~1", "--format", "json"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0
    resolved = json.loads(result.stdout)["findings"]["resolved"]
    assert [(f["rule_id"], f["service"]) for f in resolved if f["severity"] == "blocker"] == [("NET-HOST", "api")]
    assert comments == snapshot


def test_a_fork_pull_request_gets_the_job_summary(tmp_path: Path, runner_temp: Path) -> None:
    repo = init(tmp_path / "shop", EXAMPLES / "shop")
    base = git(repo, "rev-parse", "HEAD")
    edit(repo / "compose.yaml", "services:\n", "services:\n" + CACHE)
    commit(repo, "a page cache")
    context = _context(repo, base)
    (runner_temp / "summary").write_text("")
    with FakeForge(login=None) as forge:
        forge.forbid_writes = True
        result = run_action(
            ROOT,
            workspace=repo,
            inputs={"when": "always"},
            github=context,
            env=_env(forge, tmp_path, context),
            temp=runner_temp,
            skip=(INSTALL,),
        )
    comment_step = result.step("Comment on the pull request")
    assert comment_step.code == 0 and not result.failed
    assert "::notice title=migrator::" in comment_step.stdout
    summary = (runner_temp / "summary").read_text()
    assert summary.count("<!-- migrator-diff -->") == 1 and "pagecache" in summary
    assert TOKEN not in result.stdout() + "".join(s.stderr for s in result.steps)
