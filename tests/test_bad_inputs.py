"""Every bad input gets exit 2 with a clear, located message (or a finding), never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bad_inputs import CASES, BadInput
from click.testing import CliRunner

from migrator.cli import cli


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: BadInput, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case.write(tmp_path)
    monkeypatch.chdir(tmp_path)
    target = "project/compose.yaml" if "--project-directory" in case.args else "compose.yaml"
    args = ["analyze", target, "--format", "json", "--fail-on", "never", *case.args]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == case.exit_code, (result.stdout[-500:], result.stderr[-1500:])
    assert "Traceback" not in result.stderr
    if case.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert lines[0].startswith("migrator: error: ")
        assert case.expect in result.stderr
        assert result.stdout == ""
        if case.location:
            where = lines[0].removeprefix("migrator: error: ").split(": ", 1)[0]
            assert where == case.location or where.startswith(case.location + ":"), lines[0]
    else:
        report = json.loads(result.stdout)
        texts = [f["message"] for f in report["findings"]]
        assert any(case.expect in text for text in texts), texts


def test_the_catalogue_covers_the_issue() -> None:
    names = {c.name for c in CASES}
    assert {
        "not yaml",
        "binary junk",
        "empty file",
        "top-level list",
        "services as a list",
        "alias bomb",
        "20,000-deep nesting",
        "50 MB file",
        "extends cycle",
        "include cycle",
        "missing file",
        "non-UTF-8 bytes",
        "duplicate keys",
        "malformed traefik rule",
        "malformed rules dir",
        "malformed interpolation",
    } <= names
