"""migrator diff: two revisions of a project compared, in every format."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, FIXTURES
from gitrepo import commit, edit, git, init
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.cli import cli
from migrator.compose import LoadOptions
from migrator.diff import compare, empty_document, failing, finding_key, subject
from migrator.diff import render as rendering
from migrator.diff import run as diff_run
from migrator.resources import schema_path

SHOP = EXAMPLES / "shop"

# The head of the "shop" case: a Redis page cache, a host-network agent (a blocker), MinIO
# gone, the frontend moved to Go (a new target), a new secret, a changed schedule.
SHOP_EDITS = [
    (
        "services:\n",
        "services:\n  pagecache:\n    image: redis:7-alpine\n\n  agent:\n    image: example/host-agent:2\n    network_mode: host\n\n",
    ),
    ("  frontend:\n    build: ./frontend\n", "  frontend:\n    image: golang:1.23\n"),
    (
        "      LOG_LEVEL: info\n",
        "      LOG_LEVEL: info\n      PAYMENT_API_KEY: ${PAYMENT_API_KEY:-}\n      PAGE_CACHE_URL: redis://pagecache:6379/0\n",
    ),
    ("      S3_ENDPOINT: http://minio:9000\n", ""),
    ("      minio:\n        condition: service_started\n", ""),
    ("*/15 * * * *", "*/10 * * * *"),
]


def shop_case(tmp_path: Path) -> Path:
    repo = init(tmp_path / "shop", SHOP)
    compose = repo / "compose.yaml"
    for old, new in SHOP_EDITS:
        edit(compose, old, new)
    text = compose.read_text()
    start = text.index("\n  minio:\n")
    end = text.index("\n  rabbitmq:\n", start)
    compose.write_text(text[:start] + text[end:])
    return repo


def blockers_case(tmp_path: Path) -> Path:
    repo = init(tmp_path / "blockers", FIXTURES / "blockers")
    compose = repo / "compose.yaml"
    edit(compose, "    privileged: true\n    network_mode: host\n    pid: host\n", "")
    edit(compose, "services:\n", "# the agent lost its host access\nservices:\n")
    return repo


def unchanged_case(tmp_path: Path) -> Path:
    repo = init(tmp_path / "shop", SHOP)
    edit(repo / "compose.yaml", "name: shop\n", "name: shop\n# lines moved, nothing else\n\n\n")
    return repo


CASES = {"shop": shop_case, "blockers": blockers_case, "unchanged": unchanged_case}


def _run(repo: Path, **kw: object) -> diff_run.DiffRun:
    load = LoadOptions(files=("compose.yaml",), cwd=str(repo), environ={})
    return diff_run.run(load, (), base_ref="HEAD", base_report=None, **kw)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, diff_run.DiffRun]]:
    out = {}
    for name, make in CASES.items():
        repo = make(tmp_path_factory.mktemp(name))
        out[name] = (repo, _run(repo))
    return out


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("fmt", rendering.FORMATS)
def test_diff_snapshots(case: str, fmt: str, runs: dict, snapshot: object, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, result = runs[case]
    monkeypatch.chdir(repo)  # annotations name files from the checkout's root
    assert diff_run.render(result, fmt, fail_on="new-blocker") == snapshot


def test_the_shop_case_sees_each_change(runs: dict) -> None:
    diff = runs["shop"][1].diff
    added = {s["name"]: s for s in diff["services"]["added"]}
    assert added["pagecache"]["kind"] == "kv" and added["pagecache"]["movable"]
    assert not added["agent"]["movable"]
    assert [s["name"] for s in diff["services"]["removed"]] == ["minio"]
    assert {(t["service"], t["old"]["kind"], t["new"]["kind"]) for t in diff["targets"]} == {
        ("frontend", "worker", "container")
    }
    new_blockers = [(f["rule_id"], f["service"]) for f in diff["findings"]["new"] if f["severity"] == "blocker"]
    assert new_blockers == [("NET-HOST", "agent")]
    assert {"worker": "shop-api", "name": "PAYMENT_API_KEY"} in diff["secrets"]["new"]
    changed = {w["name"]: w for w in diff["workers"]["changed"]}
    assert [b["binding"] for b in changed["shop-api"]["bindings"]["removed"]] == ["S3"]
    assert "*/10 * * * *" in changed["shop-cron"]["crons"]["added"]
    assert failing(diff, "new-blocker") and failing(diff, "blocker") and not failing(diff, "never")


def test_moved_lines_are_no_change(runs: dict) -> None:
    diff = runs["unchanged"][1].diff
    assert not diff["summary"]["changed"]
    assert diff["findings"] == {"new": [], "resolved": []}
    assert rendering.headline(diff) == "No change to the migration."


def test_resolved_blockers(runs: dict) -> None:
    diff = runs["blockers"][1].diff
    resolved = sorted(f["rule_id"] for f in diff["findings"]["resolved"] if f["severity"] == "blocker")
    assert resolved == ["NET-HOST", "PID-HOST", "SEC-PRIVILEGED"]
    assert diff["summary"]["new_blockers"] == 0
    assert not failing(diff, "new-blocker") and failing(diff, "blocker")


@pytest.mark.parametrize("case", sorted(CASES))
def test_json_follows_the_diff_schema(case: str, runs: dict) -> None:
    import jsonschema

    schema = json.loads(schema_path("diff.schema.json").read_text())
    document = json.loads(rendering.to_json(runs[case][1].diff))
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(document), key=str)
    assert not errors, errors[0].message


@pytest.mark.parametrize("case", sorted(CASES))
def test_sarif_holds_only_new_findings(case: str, runs: dict, sarif_validator: object) -> None:
    result = runs[case][1]
    sarif = json.loads(rendering.sarif(result.diff, result.catalogue))
    errors = list(sarif_validator.iter_errors(sarif))  # type: ignore[attr-defined]
    assert not errors, errors[0].message
    results = sarif["runs"][0]["results"]
    assert len(results) == len(result.diff["findings"]["new"])
    assert all(r["partialFingerprints"]["migratorFinding/v1"] for r in results)


def test_base_report_gives_the_same_diff(tmp_path: Path, runs: dict) -> None:
    repo, result = runs["shop"]
    runner = CliRunner()
    stash = tmp_path / "base"
    shutil.copytree(repo, stash)
    git(stash, "checkout", "-q", "--", ".")
    code = runner.invoke(
        cli,
        [
            "analyze",
            str(stash / "compose.yaml"),
            "--format",
            "json",
            "-o",
            str(tmp_path / "base.json"),
            "--fail-on",
            "never",
        ],
    )
    assert code.exit_code == 0, code.stderr
    load = LoadOptions(files=("compose.yaml",), cwd=str(repo), environ={})
    by_report = diff_run.run(load, (), base_ref=None, base_report=str(tmp_path / "base.json"))
    strip = lambda d: {k: v for k, v in d.items() if k not in ("base",)}  # noqa: E731
    assert strip(by_report.diff) == strip(result.diff)
    assert by_report.diff["base"]["label"] == "base.json"


def test_the_working_tree_is_never_touched(tmp_path: Path) -> None:
    repo = shop_case(tmp_path)
    before = (git(repo, "status", "--porcelain"), git(repo, "worktree", "list"), git(repo, "stash", "list"))
    text = (repo / "compose.yaml").read_text()
    _run(repo)
    assert (git(repo, "status", "--porcelain"), git(repo, "worktree", "list"), git(repo, "stash", "list")) == before
    assert (repo / "compose.yaml").read_text() == text


def test_a_project_new_in_the_head(tmp_path: Path) -> None:
    repo = init(tmp_path / "fresh")
    (repo / "README").write_text("empty\n")
    commit(repo, "first")
    shutil.copytree(SHOP, repo, dirs_exist_ok=True)
    diff = _run(repo).diff
    assert len(diff["services"]["added"]) == 9 and diff["base"]["services"] == 0


def test_the_base_reads_env_files_and_subdirectories(tmp_path: Path) -> None:
    repo = init(tmp_path / "mono")
    app = repo / "deploy" / "app"
    app.mkdir(parents=True)
    (app / ".env").write_text("CACHE_IMAGE=redis:7\n")
    (app / "compose.yaml").write_text("services:\n  cache:\n    image: ${CACHE_IMAGE}\n")
    commit(repo, "first")
    (app / ".env").write_text("CACHE_IMAGE=mongo:7\n")
    load = LoadOptions(files=("deploy/app/compose.yaml",), cwd=str(repo), environ={})
    diff = diff_run.run(load, (), base_ref="HEAD", base_report=None).diff
    (change,) = diff["targets"]
    assert (change["old"]["kind"], change["new"]["kind"]) == ("kv", "unsupported")
    assert diff["base"]["project"] == diff["head"]["project"] == "app"


def _cli(repo: Path, *args: str) -> tuple[int, str, str]:
    old = os.getcwd()
    os.chdir(repo)
    try:
        result = CliRunner().invoke(cli, ["diff", *args], env={"NO_COLOR": "1"})
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_cli_exit_codes_and_out(tmp_path: Path) -> None:
    repo = shop_case(tmp_path)
    code, out, _ = _cli(repo, "--base", "HEAD", "--out", str(tmp_path / "out"))
    assert code == 1 and out.startswith("migrator diff: shop: HEAD -> working tree: 1 new blocker")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["diff.json", "diff.md", "diff.sarif", "diff.txt"]
    assert (tmp_path / "out" / "diff.md").read_text().startswith("<!-- migrator-diff -->\n")
    assert _cli(repo, "--base", "HEAD", "--fail-on", "never")[0] == 0
    assert _cli(repo, "--base", "HEAD", "--fail-on", "new-warning")[0] == 1


def test_cli_errors(tmp_path: Path) -> None:
    repo = shop_case(tmp_path)
    code, _, err = _cli(repo, "--base", "no-such-ref")
    assert code == 2 and "migrator: error:" in err and "Traceback" not in err
    code, _, err = _cli(repo)
    assert code == 2 and "--base" in err
    (tmp_path / "bad.json").write_text('{"schema_version": 1}')
    code, _, err = _cli(repo, "--base-report", str(tmp_path / "bad.json"))
    assert code == 2 and "not a migrator JSON report" in err
    (tmp_path / "bad.json").write_text("{nope")
    code, _, err = _cli(repo, "--base-report", str(tmp_path / "bad.json"))
    assert code == 2 and "bad.json:1:2" in err
    outside = tmp_path / "not-a-repo"
    shutil.copytree(SHOP, outside)
    code, _, err = _cli(outside, "--base", "HEAD")
    assert code == 2 and "git" in err


def test_no_secret_reaches_the_diff(tmp_path: Path, catalogue: object) -> None:
    from test_emit import CANARIES

    repo = init(tmp_path / "canary")
    (repo / "README").write_text("x\n")
    commit(repo, "first")
    shutil.copytree(FIXTURES / "secrets-canary", repo, dirs_exist_ok=True)
    result = _run(repo)
    outputs = {fmt: diff_run.render(result, fmt, fail_on="never") for fmt in rendering.FORMATS}
    for where, text in outputs.items():
        for canary in CANARIES:
            assert canary not in text, f"{canary} leaked into {where}"


# ------------------------------------------------------------------ the identity of a finding


def _finding(rule: str, service: str | None, message: str, line: int, severity: str = "warning") -> dict:
    return {
        "rule_id": rule,
        "severity": severity,
        "service": service,
        "message": message,
        "hint": None,
        "location": {"file": "compose.yaml", "line": line, "column": 3},
    }


WORDS = st.text(alphabet="abcdefghij '():-_", min_size=1, max_size=20)


@settings(max_examples=200, deadline=None)
@given(prefix=WORDS, suffix=WORDS, a=st.integers(1, 99999), b=st.integers(1, 99999))
def test_subject_ignores_positions(prefix: str, suffix: str, a: int, b: int) -> None:
    for form in ("compose.yaml:{n}:3", "line {n}", "(first defined at line {n})", "docker-compose.override.yml:{n}"):
        one = f"{prefix} {form.format(n=a)} {suffix}"
        two = f"{prefix} {form.format(n=b)} {suffix}"
        assert subject(one) == subject(two)


@settings(max_examples=100, deadline=None)
@given(
    findings=st.lists(
        st.tuples(
            st.sampled_from(["R1", "R2"]),
            st.sampled_from(["a", "b", None]),
            st.sampled_from(["x", "y"]),
            st.integers(1, 500),
        ),
        max_size=12,
    ),
    shift=st.integers(0, 100),
    data=st.data(),
)
def test_moving_findings_changes_nothing_and_counts_are_kept(findings: list, shift: int, data: st.DataObject) -> None:
    base = empty_document("p")
    head = empty_document("p")
    base["findings"] = [_finding(r, s, m, line) for r, s, m, line in findings]
    head["findings"] = data.draw(st.permutations([_finding(r, s, m, line + shift) for r, s, m, line in findings]))
    diff = compare(base, head, base_label=None, head_label=None)
    assert diff["findings"] == {"new": [], "resolved": []} and not diff["summary"]["changed"]
    extra = data.draw(st.sampled_from(head["findings"])) if head["findings"] else _finding("R3", None, "z", 1)
    head["findings"].append(extra)
    diff = compare(base, head, base_label=None, head_label=None)
    assert [finding_key(f) for f in diff["findings"]["new"]] == [finding_key(extra)]
    assert diff["findings"]["resolved"] == []


# ------------------------------------------------------------------ the comment's size


def test_markdown_is_cut_between_rows_never_inside(runs: dict) -> None:
    diff = json.loads(json.dumps(runs["shop"][1].diff))
    template = diff["findings"]["new"][0]
    diff["findings"]["new"] = [
        {**template, "message": f"finding number {i} " + "x" * 120, "fingerprint": f"{i:032x}"} for i in range(3000)
    ]
    text = rendering.markdown(diff, "## head report\n\n| a |\n|---|\n| b |\n")
    assert len(text) <= rendering.LIMIT
    assert "cut to stay under 65,536" in text and "head report" not in text
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if line]
        if lines and lines[0].startswith("|"):
            assert all(line.startswith("|") and line.endswith("|") for line in lines), block[-300:]
            assert len({line.count(" | ") for line in lines[2:-1]} - {0}) <= 2
    assert text.count("```") % 2 == 0 and text.count("<details>") == text.count("</details>")
    assert "more |" in text


def test_head_report_left_out_before_the_delta_is_cut(runs: dict) -> None:
    result = runs["shop"][1]
    big = "## head\n\n" + ("word " * 14_000)
    text = rendering.markdown(result.diff, big)
    assert len(text) <= rendering.LIMIT and "left out" in text and "#### New blockers" in text


def test_cost_and_effort_lines_when_both_sides_have_them() -> None:
    # The shop's bill with its usage file; the head adds one service whose move is a large rewrite.
    result = CliRunner().invoke(
        cli, ["analyze", str(SHOP / "compose.yaml"), "--format", "json", "--usage", str(SHOP / "usage.yaml")]
    )
    base = json.loads(result.stdout)
    head = json.loads(result.stdout)
    head["cost"]["total"] = "17.51"
    head["effort"]["totals"]["large"] = head["effort"]["totals"].get("large", 0) + 1
    diff = compare(base, head, base_label=None, head_label=None)
    cost, effort = diff["metrics"]
    assert (cost["name"], cost["base"], cost["head"], cost["delta"]) == ("cost", 10.01, 17.51, 7.5)
    assert cost["line"] == "Cost: $10.01 → $17.51 a month (+$7.50)"
    assert effort["line"].startswith("Effort: +1 large (now ")
    markdown = rendering.markdown(diff, None)
    assert "**Cost: $10.01 → $17.51 a month \\(\\+$7.50\\)**" in markdown
    assert "**Effort: \\+1 large" in markdown
    assert "**The bill and the effort changed.**" in markdown
    assert diff["summary"]["changed"]
    same = compare(base, json.loads(result.stdout), base_label=None, head_label=None)
    assert not same["summary"]["changed"]
    assert [m["line"] for m in same["metrics"]][1] == "Effort: no change (now 2 large, 3 medium, 3 small, 1 none)"



def test_schema_diff_command() -> None:
    result = CliRunner().invoke(cli, ["schema", "diff"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["schema_version"]["const"] == 1 and "findings" in schema["required"]


def test_a_symlinked_checkout_reads_the_base_from_git(tmp_path: Path) -> None:
    repo = shop_case(tmp_path)
    link = tmp_path / "link"
    link.symlink_to(repo)
    load = LoadOptions(files=(str(link / "compose.yaml"),), cwd=str(tmp_path), environ={})
    old = os.getcwd()
    os.chdir(repo)
    try:
        diff = diff_run.run(load, (), base_ref="HEAD", base_report=None).diff
    finally:
        os.chdir(old)
    assert [s["name"] for s in diff["services"]["removed"]] == ["minio"]


def test_an_untracked_env_file_is_read_by_both_revisions(tmp_path: Path) -> None:
    repo = init(tmp_path / "app")
    (repo / ".gitignore").write_text(".env\n")
    (repo / "compose.yaml").write_text("services:\n  cache:\n    image: ${CACHE_IMAGE:-redis:7}\n")
    commit(repo, "first")
    (repo / ".env").write_text("CACHE_IMAGE=mongo:7\n")  # local, ignored: no change of the pull request
    diff = _run(repo).diff
    assert not diff["summary"]["changed"] and diff["base"]["services"] == 1


def test_annotations_and_sarif_name_files_from_the_checkout(tmp_path: Path, catalogue: object) -> None:
    repo = init(tmp_path / "mono")
    (repo / "deploy").mkdir()
    (repo / "deploy" / "compose.yaml").write_text("services:\n  web:\n    image: nginx:1.27\n")
    commit(repo, "first")
    edit(repo / "deploy" / "compose.yaml", "    image: nginx:1.27\n", "    image: nginx:1.27\n    network_mode: host\n")
    load = LoadOptions(files=("compose.yaml",), cwd=str(repo / "deploy"), environ={})
    result = diff_run.run(load, (), base_ref="HEAD", base_report=None, root=str(repo))
    assert "::error file=deploy/compose.yaml,line=2,col=3,title=NET-HOST web::" in diff_run.render(
        result, "github", fail_on="never"
    )
    sarif = json.loads(diff_run.render(result, "sarif", fail_on="never"))
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
        for loc in r.get("locations", [])
    }
    assert uris == {"deploy/compose.yaml"}


def test_a_head_report_that_cannot_fit_is_not_rendered_but_said(tmp_path: Path) -> None:
    repo = init(tmp_path / "big")
    services = "".join(f"  app{i}:\n    image: example/app-with-a-long-name-{i}:1.0\n" for i in range(1200))
    (repo / "compose.yaml").write_text("services:\n" + services)
    commit(repo, "first")
    edit(repo / "compose.yaml", "services:\n", "services:\n  pagecache:\n    image: redis:7-alpine\n")
    result = _run(repo)
    assert result.head_markdown is None and result.report_too_long
    text = diff_run.render(result, "markdown", fail_on="new-blocker")
    assert "full report is left out" in text and "pagecache" in text and len(text) <= rendering.LIMIT


def test_a_broken_base_report_is_a_located_error(tmp_path: Path) -> None:
    repo = shop_case(tmp_path)
    report = json.loads(rendering.to_json(empty_document("shop")))
    report["workers"] = [{"name": "shop-api", "services": [], "main": "x", "routes": [], "crons": [], "bindings": [{}]}]
    (tmp_path / "base.json").write_text(json.dumps(report))
    code, _, err = _cli(repo, "--base-report", str(tmp_path / "base.json"))
    assert code == 2 and "not a migrator JSON report: at workers/0/bindings/0:" in err
    (tmp_path / "base.json").write_text(json.dumps({**report, "schema_version": 2}))
    code, _, err = _cli(repo, "--base-report", str(tmp_path / "base.json"))
    assert code == 2 and "schema_version 2 is not supported" in err


def test_hostile_names_are_escaped(tmp_path: Path) -> None:
    repo = init(tmp_path / "hostile")
    (repo / "README").write_text("x\n")
    commit(repo, "first")
    shutil.copytree(FIXTURES / "hostile-names", repo, dirs_exist_ok=True)
    text = diff_run.render(_run(repo), "markdown", fail_on="never")
    assert "<img" not in text and "<script>" not in text and "<b>" not in text


@settings(max_examples=25, deadline=None)
@given(
    counts=st.lists(st.integers(0, 900), min_size=4, max_size=4),
    width=st.integers(1, 400),
    report=st.integers(0, 70_000),
)
def test_markdown_never_exceeds_the_limit_nor_cuts_a_table(counts: list[int], width: int, report: int) -> None:
    base, head = empty_document("p"), empty_document("p")
    for severity, n in zip(("blocker", "warning"), counts[:2], strict=True):
        head["findings"] += [_finding("R", f"s{i}", f"{severity} {i} " + "w" * width, i, severity) for i in range(n)]
    head["services"] = [
        {"name": f"svc{i}|<b>", "image": "x" * width, "target": {"kind": "kv", "rule_id": "MAP"}}
        for i in range(counts[2])
    ]
    base["services"] = [
        {"name": f"old{i}", "image": "y", "target": {"kind": "unsupported", "rule_id": "M"}} for i in range(counts[3])
    ]
    diff = compare(base, head, base_label="main", head_label=None)
    text = rendering.markdown(diff, "## head\n\n" + "r" * report if report else None)
    assert len(text) <= rendering.LIMIT and text.startswith("<!-- migrator-diff -->\n")
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if lines and lines[0].startswith("|"):
            assert all(line.startswith("|") and line.endswith("|") for line in lines)
            assert lines[1].startswith("|---")
    assert text.count("<details>") == text.count("</details>")


def _tree_with(repo: Path, entries: list[tuple[str, str, str]]) -> str:
    """A commit of a tree written entry by entry (``git mktree``), as a hostile base can be."""
    lines = []
    for mode, name, body in entries:
        kind = "tree" if mode == "040000" else "blob"
        obj = body if kind == "tree" else git(repo, "hash-object", "-w", "--stdin", input=body)
        lines.append(f"{mode} {kind} {obj}\t{name}\n")
    tree = git(repo, "mktree", input="".join(lines))
    return git(repo, "commit-tree", tree, "-m", "hostile base")


@pytest.mark.parametrize("shape", ["link and folder of one name", "link completed by a later link"])
def test_a_hostile_base_tree_never_writes_or_reads_outside(tmp_path: Path, shape: str) -> None:
    repo = init(tmp_path / "repo")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "passwd").write_text("LEAKED=outside\n")
    compose = "services:\n  web:\n    image: nginx\n    env_file: [w/passwd]\n"
    (repo / "compose.yaml").write_text(compose)
    commit(repo, "head")
    ups = "/".join(["w-"] * 12 + [".."] * 12) + str(victim)  # inside while `w-` is missing
    inner = git(repo, "mktree", input=f"100644 blob {git(repo, 'hash-object', '-w', '--stdin', input='pwned')}\tevil\n")
    entries = [("100644", "compose.yaml", compose), ("120000", "w", ups), ("120000", "w-", ".")]
    if shape == "link and folder of one name":
        entries.append(("040000", "w", inner))
    sha = _tree_with(repo, entries)
    load = LoadOptions(files=("compose.yaml",), cwd=str(repo), environ={})
    diff = diff_run.run(load, (), base_ref=sha, base_report=None)
    assert sorted(os.listdir(victim)) == ["passwd"]
    assert "LEAKED" not in json.dumps(diff.diff)
    assert diff.diff["base"]["services"] == 1


def test_a_base_of_one_blob_under_many_names_is_written_within_the_read_budget(tmp_path: Path) -> None:
    from migrator.diff.revisions import _materialize

    repo = init(tmp_path / "repo")
    (repo / "compose.yaml").write_text("services:\n  web: {image: nginx}\n")
    commit(repo, "head")
    blob = git(repo, "hash-object", "-w", "--stdin", input="\0" * 100_000)
    lines = [f"100644 blob {git(repo, 'rev-parse', 'HEAD:compose.yaml')}\tcompose.yaml\n"]
    lines += [f"100644 blob {blob}\tz{i:03}\n" for i in range(200)]  # 20 MB from one 100 KB blob
    sha = git(repo, "commit-tree", git(repo, "mktree", input="".join(lines)), "-m", "wide")
    dest = tmp_path / "base"
    dest.mkdir()
    _materialize(sha, str(repo), "", str(dest), 100_000)
    written = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    assert (dest / "compose.yaml").is_file()
    assert written <= 4 * 100_000
