from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLES, FIXTURES, ROOT

from migrator.cli import cli, main

SHOP = str(EXAMPLES / "shop" / "compose.yaml")


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(cli, list(args), input=input, env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def test_analyze_text_and_exit_codes() -> None:
    code, out, _ = run("analyze", SHOP)
    assert code == 0 and out.startswith("migrator: shop: 9 services -> 4 Workers")
    code, _, _ = run("analyze", SHOP, "--fail-on", "warning")
    assert code == 1
    code, _, _ = run("analyze", str(FIXTURES / "blockers" / "compose.yaml"))
    assert code == 1
    code, _, _ = run("analyze", str(FIXTURES / "blockers" / "compose.yaml"), "--fail-on", "never")
    assert code == 0


def test_analyze_formats(tmp_path: Path) -> None:
    code, out, _ = run("analyze", SHOP, "--format", "json")
    assert code == 0 and json.loads(out)["schema_version"] == 1
    code, out, _ = run("analyze", SHOP, "--format", "markdown")
    assert out.startswith("<!-- migrator-report -->")
    code, out, _ = run("analyze", SHOP, "--format", "sarif", "-o", str(tmp_path / "r.sarif"))
    assert out == "" and json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"


def test_out_writes_everything(tmp_path: Path) -> None:
    code, _, _ = run("analyze", "-f", SHOP, "--out", str(tmp_path / "plan"))
    assert code == 0
    written = sorted(str(p.relative_to(tmp_path / "plan")) for p in (tmp_path / "plan").rglob("*") if p.is_file())
    assert {
        "report.md",
        "report.json",
        "report.sarif",
        "shop-api/wrangler.jsonc",
        "shop-api/src/index.ts",
        "shop-api/.dev.vars.example",
    } <= set(written)


def test_errors_exit_two_with_location(tmp_path: Path) -> None:
    code, out, err = run("analyze", str(tmp_path / "missing.yaml"))
    assert code == 2 and out == ""
    assert err.startswith("migrator: error: Compose file not found:")
    bad = tmp_path / "compose.yaml"
    bad.write_text("services:\n  web:\n    image: [unclosed\n")
    code, _, err = run("analyze", str(bad))
    assert code == 2 and "compose.yaml:4:1: invalid YAML" in err and "Traceback" not in err


def test_strict_mode(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  a:\n    image: ${IMAGE:?IMAGE must be set}\n")
    assert run("analyze", str(tmp_path / "compose.yaml"))[0] == 0
    code, _, err = run("analyze", "--strict", str(tmp_path / "compose.yaml"))
    assert code == 2 and "compose.yaml:3:5: required variable IMAGE is missing a value: IMAGE must be set" in err


def test_stdin(tmp_path: Path) -> None:
    code, out, _ = run(
        "config", "-", "--project-directory", str(tmp_path), input="services:\n  a: {image: from-stdin}\n"
    )
    assert code == 0 and json.loads(out)["services"]["a"]["image"] == "from-stdin"


def test_config_yaml_and_profiles(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services:\n  a: {image: a}\n  b: {image: b, profiles: [extra]}\n")
    code, out, _ = run("config", str(tmp_path / "compose.yaml"), "--format", "yaml", "--profile", "extra")
    assert code == 0 and "image: b" in out


def test_rules_list_and_explain() -> None:
    code, out, _ = run("rules", "list")
    assert code == 0 and "MAP-SQL" in out and "SEC-PRIVILEGED" in out
    code, out, _ = run("rules", "explain", "MAP-SQL")
    assert code == 0 and "Hyperdrive" in out and "docs: https://" in out
    code, _, err = run("rules", "explain", "NOPE")
    assert code == 2 and "no rule 'NOPE'" in err


def test_extra_rules_override_and_add(tmp_path: Path) -> None:
    (tmp_path / "team.yaml").write_text(
        "rules:\n"
        "  - id: MAP-SQL\n    title: Our databases go to D1\n    role: database\n    target: d1\n    confidence: high\n    priority: 800\n"
        "    match: {image: [postgres, mysql]}\n    rationale: We rewrite everything to SQLite.\n    docs: https://developers.cloudflare.com/d1/\n"
    )
    code, out, _ = run("analyze", SHOP, "--format", "json", "--rules", str(tmp_path))
    assert code == 0
    db = next(s for s in json.loads(out)["services"] if s["name"] == "db")
    assert db["target"]["kind"] == "d1"
    (tmp_path / "broken.yaml").write_text("rules:\n  - id: lower-case\n    title: x\n")
    code, _, err = run("analyze", SHOP, "--rules", str(tmp_path))
    assert code == 2 and "broken.yaml" in err and "invalid rule file" in err


def test_schema_report() -> None:
    code, out, _ = run("schema", "report")
    assert code == 0 and json.loads(out)["properties"]["schema_version"]["const"] == 1


def test_main_returns_codes_for_usage_errors() -> None:
    assert main(["analyze", "--format", "xml", SHOP]) == 2
    assert main(["--version"]) == 0


def test_real_subprocess() -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "migrator", "analyze", SHOP, "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert {s["name"] for s in json.loads(proc.stdout)["services"]} >= {"api", "db", "traefik"}
    proc = subprocess.run(
        [sys.executable, "-m", "migrator", "analyze", "/nonexistent/compose.yaml"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_colour_only_on_a_tty(tmp_path: Path) -> None:
    env = {**os.environ}
    env.pop("NO_COLOR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "migrator", "analyze", SHOP], capture_output=True, text=True, env=env, timeout=60
    )
    assert "\033[" not in proc.stdout


def test_a_project_directory_stands_for_its_compose_file() -> None:
    code, out, _ = run("analyze", str(EXAMPLES / "shop"))
    assert code == 0 and out.startswith("migrator: shop: 9 services")
