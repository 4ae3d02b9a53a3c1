"""What a first run shows: counts with the right plurals, message and hint apart, next steps that
name Workers, and a project whose services all sit behind profiles says so."""

from __future__ import annotations

import re

from conftest import EXAMPLES, FIXTURES, run_analysis

from migrator import emit, mdtext

ONE = FIXTURES / "one-of-each" / "compose.yaml"
SHOP = EXAMPLES / "shop" / "compose.yaml"
PROFILES = FIXTURES / "profiles-only" / "compose.yaml"


def _render(fmt: str, path: object, catalogue: object, **load: object) -> str:
    return emit.render(fmt, run_analysis(path, **load), catalogue)  # type: ignore[arg-type]


def test_text_headline_counts_in_the_singular(catalogue: object) -> None:
    head = _render("text", ONE, catalogue).splitlines()[0]
    assert head == "migrator: one-of-each: 1 service -> 1 Worker (0 blockers, 1 warning, 1 info)"


def test_text_headline_counts_in_the_plural(catalogue: object) -> None:
    head = _render("text", SHOP, catalogue).splitlines()[0]
    assert head.startswith("migrator: shop: 9 services -> 4 Workers (0 blockers, ")


def test_markdown_counts_in_the_singular(catalogue: object) -> None:
    text = _render("markdown", ONE, catalogue)
    assert "**1 service → 1 Worker.**" in text
    assert "No blockers; 1 warning, 1 note." in text
    assert "All findings (1 warning, 1 note)" in text
    assert "Service graph (1 edge)" in text
    assert not re.search(r"\b1 (services|Workers|warnings|notes|edges|blockers)\b", text)


def test_markdown_keeps_message_and_hint_in_their_own_cells(catalogue: object) -> None:
    analysis = run_analysis(SHOP)
    text = emit.render("markdown", analysis, catalogue)
    table = text.split("<summary>All findings", 1)[1].split("</details>", 1)[0]
    header, _rule, *rows = [line for line in table.splitlines() if line.startswith("|")]
    assert header == "| Severity | Service | Rule | Finding | What to do | Where |"
    findings = [f for f in analysis.findings if f.severity != "blocker"]
    assert len(rows) == len(findings)
    for row, finding in zip(rows, findings, strict=True):
        cells = [cell.strip() for cell in row.strip("|").split(" | ")]
        assert cells[3] == mdtext.md(finding.message)
        assert cells[4] == mdtext.md(finding.hint)


def test_next_steps_name_only_workers(catalogue: object) -> None:
    analysis = run_analysis(SHOP)
    text = emit.render("markdown", analysis, catalogue)
    steps = text.split("### Next steps", 1)[1].split("<details>", 1)[0]
    deploy = next(line for line in steps.splitlines() if "wrangler deploy" in line)
    named = set(re.findall(r"`([a-z0-9-]+)`", deploy.split("from its folder", 1)[1]))
    assert named == {w.name for w in analysis.plan.workers}
    assert deploy.index("`shop-api`") < deploy.index("`shop-cron`")  # what is used moves first


def test_a_project_all_behind_profiles_says_so(catalogue: object) -> None:
    analysis = run_analysis(PROFILES)
    found = [f for f in analysis.findings if f.rule_id == "CMP-PROFILES"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "dev: db, mailpit" in found[0].message and "prod: db, web" in found[0].message
    head = emit.render("text", analysis, catalogue).splitlines()[0]
    assert head.startswith("migrator: profiles-only: no service enabled (3 services behind the profiles dev, prod")
    text = emit.render("markdown", analysis, catalogue)
    assert "**No service is enabled: 3 services sit behind the profiles `dev`, `prod`.**" in text
    assert "0 services" not in text and "### Services" not in text


def test_services_left_out_by_profiles_are_a_note(catalogue: object) -> None:
    analysis = run_analysis(PROFILES, profiles=("prod",))
    found = [f for f in analysis.findings if f.rule_id == "CMP-PROFILES"]
    assert len(found) == 1 and found[0].severity == "info"
    assert found[0].message == "1 service behind profiles that are not enabled is left out (dev: mailpit)"
    assert {a.service for a in analysis.assessments} == {"db", "web"}


def test_every_profile_enabled_leaves_nothing_to_say() -> None:
    analysis = run_analysis(PROFILES, profiles=("*",))
    assert not [f for f in analysis.findings if f.rule_id == "CMP-PROFILES"]


_WRONG_PLURALS = re.compile(
    r"\b1 (services|Workers|warnings|blockers|infos|notes|edges)\b|\(ports \d+\)|\bon ports \d+,? so\b"
)


def test_no_fixture_report_counts_one_in_the_plural(catalogue: object) -> None:
    from conftest import FIXTURE_PROJECTS, project_file

    for name in FIXTURE_PROJECTS:
        analysis = run_analysis(project_file(name))
        for fmt in ("text", "markdown"):
            text = emit.render(fmt, analysis, catalogue)  # type: ignore[arg-type]
            assert not _WRONG_PLURALS.search(text), (name, fmt, _WRONG_PLURALS.search(text))


def test_one_service_on_the_default_rule_gets_a_verb_in_the_singular() -> None:
    analysis = run_analysis(FIXTURES / "dropped-blockers" / "compose.yaml")
    (finding,) = [f for f in analysis.findings if f.rule_id == "RT030"]
    assert "gameserver only gets its default rule" in finding.message
