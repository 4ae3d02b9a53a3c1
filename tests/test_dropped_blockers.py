"""Blockers on services that do not move (Cloudflare already does their job, or x-migrator drops
them) do not fail the run; they stay in the report as notes that say why."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import FIXTURES, run_analysis

from migrator.cli import cli

PROJECT = FIXTURES / "dropped-blockers" / "compose.yaml"


def test_blockers_of_dropped_services_do_not_fail_the_run() -> None:
    result = CliRunner().invoke(cli, ["analyze", str(PROJECT), "--fail-on", "blocker"])
    assert result.exit_code == 0, result.output
    assert "(0 blockers," in result.stdout.splitlines()[0]


def test_they_are_still_shown_with_a_note() -> None:
    analysis = run_analysis(PROJECT)
    settled = {f.service: f for f in analysis.findings if "not a blocker" in f.message}
    assert set(settled) == {"gameserver", "traefik"}
    assert settled["gameserver"].rule_id == "PORT-NON-HTTP" and settled["traefik"].rule_id == "RT012"
    assert all(f.severity == "info" and f.span is not None for f in settled.values())
    assert not [f for f in analysis.findings if f.severity == "blocker"]


def test_a_service_that_moves_keeps_its_blockers() -> None:
    result = CliRunner().invoke(cli, ["analyze", str(FIXTURES / "blockers" / "compose.yaml")])
    assert result.exit_code == 1
    analysis = run_analysis(FIXTURES / "blockers" / "compose.yaml")
    assert any(f.severity == "blocker" and f.service == "game" for f in analysis.findings)
