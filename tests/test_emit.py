"""Every output format: snapshots on the example and the fixtures, escaping, limits, redaction, determinism."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE_PROJECTS, FIXTURE_PROJECTS, ROOT, project_file, run_analysis
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator import emit, mdtext
from migrator.emit import markdown
from migrator.emit.document import build as build_document
from migrator.emit.templating import environment

PROJECTS = EXAMPLE_PROJECTS + FIXTURE_PROJECTS


def _analysis(name: str):  # type: ignore[no-untyped-def]
    return run_analysis(project_file(name))


@pytest.mark.parametrize("name", PROJECTS)
@pytest.mark.parametrize("fmt", ["json", "markdown", "text", "sarif", "github"])
def test_report_snapshots(
    name: str, fmt: str, snapshot: object, catalogue: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # GitHub annotations name files from the checkout's root
    assert emit.render(fmt, _analysis(name), catalogue) == snapshot


@pytest.mark.parametrize("name", PROJECTS)
def test_out_files_snapshots(name: str, snapshot: object, catalogue: object) -> None:
    analysis = _analysis(name)
    files = emit.out_files(analysis, catalogue, str(project_file(name).parent / "plan"))
    worker_files = {path: text for path, text in files.items() if not path.startswith("report.")}
    assert worker_files == snapshot


@pytest.mark.parametrize("name", PROJECTS)
def test_json_reports_follow_the_schema(name: str, report_validator: object) -> None:
    document = json.loads(emit.render_json(_analysis(name)))
    errors = sorted(report_validator.iter_errors(document), key=str)  # type: ignore[attr-defined]
    assert not errors, errors[0].message


@pytest.mark.parametrize("name", PROJECTS)
def test_sarif_follows_the_sarif_schema(name: str, sarif_validator: object, catalogue: object) -> None:
    sarif = json.loads(emit.render("sarif", _analysis(name), catalogue))
    errors = list(sarif_validator.iter_errors(sarif))  # type: ignore[attr-defined]
    assert not errors, errors[0].message
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    for result in sarif["runs"][0]["results"]:
        assert result["ruleId"] in rules
        assert rules[result["ruleId"]]["helpUri"].startswith("https://")


@pytest.mark.parametrize("name", PROJECTS)
def test_output_is_deterministic(name: str, catalogue: object) -> None:
    first = emit.out_files(_analysis(name), catalogue, "/plan")
    second = emit.out_files(_analysis(name), catalogue, "/plan")
    assert first == second


def test_markdown_has_the_marker_blockers_first_and_mermaid(catalogue: object) -> None:
    text = emit.render("markdown", _analysis("blockers"), catalogue)
    assert text.startswith("<!-- migrator-report -->\n")
    assert text.index("### Blockers") < text.index("### Services")
    assert "```mermaid" in text and "<details>" in text


def test_markdown_escapes_hostile_names(catalogue: object) -> None:
    text = emit.render("markdown", _analysis("hostile-names"), catalogue)
    assert "<img" not in text and "<script>" not in text and "<b>" not in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Image or build" not in line]
    services_table = [line for line in rows if line.count("`") >= 2 and "**" in line]
    assert len(services_table) == 3
    for line in services_table:  # 6 columns: 7 unescaped pipes, whatever the service is called
        assert line.count("|") - line.count("\\|") == 7, line


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a|b", "a&#124;b"),
        ("<img src=x>", "&lt;img src=x&gt;"),
        ("x*y_z", "x\\*y\\_z"),
        ("line\nbreak", "line break"),
        ("[link](u)", "\\[link\\]\\(u\\)"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert mdtext.md(raw) == escaped


def test_code_spans_survive_backticks() -> None:
    assert mdtext.code("a`b") == "``a`b``"
    assert mdtext.code("`x") == "`` `x ``"


def test_markdown_stays_under_the_comment_limit(tmp_path: Path, catalogue: object) -> None:
    lines = ["services:"]
    for i in range(400):
        lines.append(
            f"  svc{i}:\n    image: example/app-{i}\n    privileged: true\n    ports: ['{2000 + i}:22']\n    environment: {{DB_URL: 'postgres://db{i}:5432/x'}}"
        )
    (tmp_path / "compose.yaml").write_text("\n".join(lines) + "\n")
    text = emit.render("markdown", run_analysis(tmp_path / "compose.yaml"), catalogue)
    assert len(text) <= markdown.LIMIT
    assert "65,536" in text


CANARIES = [
    "CANARY-dburl-7f3a9c",
    "CANARY-stripe-91bd2e",
    "ghp_CANARYtoken0123456789abcdefABCDEF",
    "CANARY-session-55aa11",
    "CANARY-webhook-3c3c3c",
    "CANARY-basicauth-hash",
    "CANARY-pgpass-0d0d0d",
    "CANARY-envfile-api-key-42",
]


def test_no_secret_reaches_any_output(catalogue: object) -> None:
    analysis = _analysis("secrets-canary")
    outputs = {fmt: emit.render(fmt, analysis, catalogue) for fmt in emit.FORMATS}
    outputs.update(emit.out_files(analysis, catalogue, "/plan"))
    for where, text in outputs.items():
        for canary in CANARIES:
            assert canary not in text, f"{canary} leaked into {where}"
    document = build_document(analysis)
    (worker,) = document["workers"]
    assert set(worker["secrets"]) >= {"STRIPE_SECRET_KEY", "GITHUB_TOKEN", "SESSION_SECRET", "WEBHOOK_URL", "API_KEY"}
    assert worker["vars"] == {"LOG_LEVEL": "debug", "PUBLIC_BASE_URL": "https://shop.example.com"}


def test_text_colour_only_when_asked(catalogue: object) -> None:
    analysis = _analysis("blockers")
    assert "\033[" not in emit.render("text", analysis, catalogue)
    assert "\033[31m" in emit.render("text", analysis, catalogue, colour=True)


def test_github_annotations(catalogue: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project_file("blockers").parent.parent.parent.parent)  # the checkout's root
    text = emit.render("github", _analysis("blockers"), catalogue)
    first = text.splitlines()[0]
    assert first.startswith("::error file=tests/fixtures/blockers/compose.yaml,line=")
    assert "title=DOCKER-SOCKET agent::" in first
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in text.splitlines())


_strong = st.text(alphabet=st.sampled_from(list("aZ9\"\\\u00e9\u2028|_*<>&`'/+=-.%:,")), min_size=4, max_size=10).map(
    lambda core: "Xk7" + core + "q2W"
)
_around = st.text(alphabet=st.sampled_from(list('ab \u00e9"\\:/@\n\u2028|_')), max_size=6)


@settings(max_examples=300, deadline=None)
@given(_strong, _around, _around)
def test_the_net_finds_a_strong_secret_in_every_escaped_form(secret: str, before: str, after: str) -> None:
    """JSON (with and without \\u escapes), Markdown, HTML and comment forms all go; the text
    around stays, and JSON stays JSON."""
    from migrator.emit import github
    from migrator.emit.document import spellings
    from migrator.redact import REDACTED, Guard

    net = Guard([secret], spellings)
    value = f"{before} {secret} {after}"
    for text in (
        json.dumps({"k": value}),
        json.dumps({"k": value}, ensure_ascii=False),
        mdtext.md(value),
        mdtext.code(value),
        github._escape_data(value),
        github._escape_property(value),
    ):
        cleaned = net(text)
        for form in spellings(secret):
            assert form not in cleaned, (form, cleaned)
        assert REDACTED in cleaned
    assert json.loads(net(json.dumps({"k": value}))) == {"k": net(value)}


def test_the_net_leaves_a_longer_word_alone() -> None:
    from migrator.redact import REDACTED, Guard

    net = Guard(["Xk7s3cr3tq2W"])
    assert net("a Xk7s3cr3tq2W b") == f"a {REDACTED} b"
    assert net("keyXk7s3cr3tq2W") == "keyXk7s3cr3tq2W"
    assert net('"\\u00e9Xk7s3cr3tq2W"') == f'"\\u00e9{REDACTED}"'
    assert not Guard([]) and Guard([])("text") == "text"


def _reference_markdown(analysis: Any) -> str:
    """The report as three whole renders define it: with details if that fits, else without
    (and a note), else that one cut."""
    template = environment().get_template("report.md.j2")
    context = {**markdown.report_context(analysis, build_document(analysis)), "reached": lambda place: ""}
    text: str = template.render(**context)
    if len(text) <= markdown.LIMIT:
        return text
    text = template.render(**{**context, "details": False, "truncated": True})
    if len(text) <= markdown.LIMIT:
        return text
    note = "\n\n**Report cut at 65,536 characters; run `migrator analyze --format json` for everything.**\n"
    return markdown.cut(text[: markdown.LIMIT], note)


@pytest.mark.parametrize("size", [60, 200, 270, 400])
def test_a_long_report_is_rendered_as_few_times_as_it_needs(tmp_path: Path, size: int) -> None:
    # 60 services fit with details; 200 fit without; 270 overflow after the first place that
    # details change, 400 before it (then the report is cut from the first render).
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(size), str(tmp_path)], check=True)
    analysis = run_analysis(tmp_path / "compose.yaml")
    assert markdown.render(analysis) == _reference_markdown(analysis)


def test_details_change_nothing_before_the_place_the_report_marks() -> None:
    source = (ROOT / "templates" / "report.md.j2").read_text()
    mark = source.index('{{ reached("details") }}')
    assert "details" not in source[:mark].replace("<details>", "").replace("</details>", "")
    assert "truncated" not in source[:mark]


@pytest.mark.parametrize("name", ["shop", "blockers"])
def test_sarif_is_the_log_with_a_result_and_a_rule_a_line(name: str, catalogue: Any) -> None:
    from migrator.emit import sarif

    analysis = _analysis(name)
    text = emit.render("sarif", analysis, catalogue)
    run = sarif.build(analysis, catalogue)["runs"][0]
    assert json.loads(text)["runs"][0] == run
    lines = text.splitlines()
    for key in ("results", "rules"):
        items = run[key] if key == "results" else run["tool"]["driver"]["rules"]
        start = next(i for i, line in enumerate(lines) if line.strip() == f'"{key}": [')
        written = [json.loads(line.strip().rstrip(",")) for line in lines[start + 1 : start + 1 + len(items)]]
        assert written == items
