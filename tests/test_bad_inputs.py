"""Every bad input gets exit 2 with a clear, located message (or a finding), never a traceback."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from bad_inputs import CASES, CLASSES, BadInput
from click.testing import CliRunner

from migrator.cli import cli


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: BadInput, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case.write(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ["analyze", case.target, "--format", "json", "--fail-on", "never", *case.args]
    result = CliRunner().invoke(cli, args, input=case.stdin)
    assert result.exit_code == case.exit_code, (result.stdout[-500:], result.stderr[-1500:])
    assert "Traceback" not in result.stderr
    if case.absent is not None:
        assert case.absent not in result.stdout and case.absent not in result.stderr
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
        assert not case.expect or any(case.expect in text for text in texts), texts


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


def test_every_class_of_hostile_input_has_cases() -> None:
    names = {c.name for c in CASES}
    for cls, members in CLASSES.items():
        assert members, cls
        assert set(members) <= names, (cls, set(members) - names)


def _tree(root: Path) -> dict[str, bytes]:
    """Every file below ``root`` (links listed, never followed) with its bytes."""
    found: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        found[rel] = (
            b"->" + os.readlink(path).encode() if path.is_symlink() else path.read_bytes() if path.is_file() else b"/"
        )
    return found


SHOP = Path(__file__).resolve().parent.parent / "examples" / "shop" / "compose.yaml"


@pytest.mark.parametrize(
    ("links", "named"),
    [
        ({"plan/report.md": "../outside/victim"}, "plan/report.md"),
        ({"plan/shop-api": "../outside"}, "plan/shop-api"),
        ({"plan/shop-api/src": "../../outside"}, "plan/shop-api/src"),
        ({"plan/shop-api/src/index.ts": "../../../outside/victim"}, "plan/shop-api/src/index.ts"),
        ({"plan": "outside"}, "plan"),
        ({"plan/report.json": "/dev/null"}, "plan/report.json"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_out_never_writes_through_a_symlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: dict[str, str], named: str, jobs: str
) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "victim").write_text("unchanged\n")
    (tmp_path / "outside" / "keep").mkdir()
    for link, target in links.items():
        (tmp_path / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, tmp_path / link)
    before = _tree(tmp_path / "outside")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["analyze", str(SHOP), "--out", "plan", "--fail-on", "never", "--jobs", jobs])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"migrator: error: refusing to write through the symbolic link {named}\n")
    assert _tree(tmp_path / "outside") == before
    assert all(os.path.islink(tmp_path / link) for link in links)  # refused, not replaced


def test_output_file_never_written_through_a_symlink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "victim").write_text("unchanged\n")
    os.symlink("victim", tmp_path / "report.json")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["analyze", str(SHOP), "-o", "report.json", "--format", "json"])
    assert result.exit_code == 2
    assert "refusing to write through the symbolic link" in result.stderr
    assert (tmp_path / "victim").read_text() == "unchanged\n"


def test_out_writes_whole_files_and_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan").mkdir()
    (tmp_path / "plan" / "report.md").write_text("old and longer than the report will ever be\n" * 10_000)
    for _ in range(2):
        result = CliRunner().invoke(cli, ["analyze", str(SHOP), "--out", "plan", "--fail-on", "never"])
        assert result.exit_code == 0, result.stderr
    names = {str(p.relative_to(tmp_path / "plan")) for p in (tmp_path / "plan").rglob("*")}
    assert "report.md" in names and "shop-api/wrangler.jsonc" in names
    assert not [n for n in names if n.endswith(".tmp")]
    assert (tmp_path / "plan" / "report.md").read_text().startswith("<!-- migrator-report -->")


def test_a_cut_markdown_report_closes_its_fences() -> None:
    from migrator.emit.markdown import LIMIT, cut

    text = "# r\n<details><summary>graph</summary>\n\n```mermaid\n" + "  a --> b\n" * 20_000 + "```\n</details>\n"
    note = "\n\n**cut**\n"
    result = cut(text, note)
    assert len(result) <= LIMIT and result.endswith(note)
    fences = [line for line in result.splitlines() if line.startswith("```")]
    assert len(fences) % 2 == 0
    assert result.count("<details>") == result.count("</details>")


def test_a_long_markdown_report_stays_balanced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = "".join(
        f"  s{i}:\n    image: 'example/app-{i}:1'\n    environment: {{DATABASE_URL: 'postgres://u:p@db/x', N: '{i}'}}\n"
        f"    depends_on: [db]\n    labels: {{traefik.http.routers.r{i}.rule: 'Host(`s{i}.example.com`)'}}\n"
        for i in range(400)
    )
    (tmp_path / "compose.yaml").write_text("services:\n  db: {image: 'postgres:16'}\n" + body)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["analyze", "--format", "markdown", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    report = result.stdout
    assert len(report) <= 65_536
    assert len([line for line in report.splitlines() if line.startswith("```")]) % 2 == 0
    assert report.count("<details>") == report.count("</details>")


def test_mentions_and_references_from_input_are_inert_in_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx\n    mem_limit: '@octocat fixes #123 and GH-7'\n"
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["analyze", "--format", "markdown", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    assert "@&#8203;octocat" in result.stdout and "#&#8203;123" in result.stdout and "GH-&#8203;7" in result.stdout
    assert not re.search(r"@octocat|(?<![`\w])#123|GH-7", result.stdout)


def test_error_messages_carry_no_terminal_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "compose.yaml").write_text('services:\n  "\\e[2J\\e]0;x\\a\\u2028\\u202eweb": nginx\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["analyze"])
    assert result.exit_code == 2
    assert "\\x1b[2J\\x1b]0;x\\x07\\u2028\\u202eweb" in result.stderr
    assert not any(ch in result.stderr for ch in "\x1b\x07\u2028\u202e")
    assert len(result.stderr.strip().splitlines()) == 2  # the message and its hint, no forged line


def test_no_secret_name_becomes_shell_syntax_in_a_pasteable_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gitrepo import commit, init

    repo = init(tmp_path / "repo")
    (repo / "Dockerfile").write_text("FROM node:22\n")
    (repo / "compose.yaml").write_text("services:\n  api:\n    build: .\n")
    commit(repo, "base")
    (repo / "compose.yaml").write_text(
        "services:\n  api:\n    build: .\n    environment:\n"
        "      'SECRET_$(touch pwned)_TOKEN': Hk3Lm9Qp2Rs7Tv4Wx8Yz1Ab5Cd6Ef0GhJ\n"
        "      API_TOKEN: Zq8vK2mN7pL4xR9tW3yB6cF1hJ5gD0sA\n"
    )
    monkeypatch.chdir(repo)
    for args in (["analyze", "--format", "markdown"], ["diff", "--base", "HEAD", "--format", "markdown"]):
        result = CliRunner().invoke(cli, [*args, "--fail-on", "never"])
        assert result.exit_code == 0, result.stderr
        assert "`npx wrangler secret put API_TOKEN --name repo-api`" in result.stdout, args
        assert "secret put SECRET_$" not in result.stdout and "not a plain identifier" in result.stdout, args


def test_environment_bytes_that_are_not_utf8_are_written_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  box:\n    image: someone/thing:1\n    ports: ['9000:9000']\n    environment: {MODE: '${MODE}'}\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MODE", "ab\udced\udca0\udc80cd")  # the bytes ed a0 80: no UTF-8
    for allow in ([], ["--env-allow", "MODE"]):
        result = CliRunner().invoke(cli, ["analyze", "--out", "plan", "--fail-on", "never", *allow])
        assert result.exit_code == 0, result.stderr
        written = "".join(p.read_text() for p in (tmp_path / "plan").rglob("*.jsonc"))
        assert ("ab\ufffd\ufffd\ufffdcd" in written) == bool(allow), allow


def test_markdown_carries_no_control_characters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "compose.yaml").write_text(
        'services:\n  api:\n    build: .\n    environment:\n      "A\\0B\\e[2J_TOKEN": Hk3Lm9Qp2Rs7Tv4Wx8Yz1Ab5Cd6Ef0GhJ\n'
        '    mem_limit: "x\\0\\e]0;t\\a"\n'
    )
    (tmp_path / "Dockerfile").write_text("FROM node:22\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["analyze", "--format", "markdown", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", result.stdout)
    assert "\\x00" in result.stdout


def test_out_rewrites_only_what_changed_and_never_through_a_hard_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(cli, ["analyze", str(SHOP), "--out", "plan", "--fail-on", "never"])
    assert first.exit_code == 0, first.stderr
    files = sorted(p for p in (tmp_path / "plan").rglob("*") if p.is_file())
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in files}
    # A planted hard link to a file outside, where a file of the plan stands, with other bytes.
    (tmp_path / "victim").write_text("unchanged\n")
    (tmp_path / "plan" / "report.md").unlink()
    os.link(tmp_path / "victim", tmp_path / "plan" / "report.md")
    # A file of the plan edited by hand.
    wrangler = tmp_path / "plan" / "shop-api" / "wrangler.jsonc"
    original = wrangler.read_bytes()
    wrangler.write_bytes(original + b"\n")
    again = CliRunner().invoke(cli, ["analyze", str(SHOP), "--out", "plan", "--fail-on", "never"])
    assert again.exit_code == 0, again.stderr
    assert (tmp_path / "victim").read_text() == "unchanged\n"  # replaced, not written through
    assert (tmp_path / "plan" / "report.md").read_text().startswith("<!-- migrator-report -->")
    assert wrangler.read_bytes() == original
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in files}
    changed = {p.relative_to(tmp_path / "plan").as_posix() for p in files if after[p] != before[p]}
    assert changed == {"report.md", "shop-api/wrangler.jsonc"}  # the rest was left as it was
    assert not [p for p in (tmp_path / "plan").rglob("*.tmp")]


@pytest.mark.parametrize("existing", [None, "an older report\n"])
def test_an_interrupt_as_a_file_is_created_leaves_no_empty_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: str | None
) -> None:
    # Ctrl-C lands as the creating open() returns (Python raises it there, before the descriptor
    # is kept): neither the file nor its temporary may stay behind, empty.
    from migrator import files as fs

    if existing is not None:
        (tmp_path / "report.md").write_text(existing)
    real_open = os.open

    def interrupted(path: str, flags: int, *args: object, **kw: object) -> int:
        fd = real_open(path, flags, *args, **kw)  # type: ignore[arg-type]
        if flags & os.O_CREAT:
            os.close(fd)
            raise KeyboardInterrupt
        return fd

    root = os.open(tmp_path, os.O_RDONLY)
    try:
        monkeypatch.setattr(os, "open", interrupted)
        with pytest.raises(KeyboardInterrupt):
            fs.Below(root, str(tmp_path)).write("report.md", b"the new report\n")
    finally:
        monkeypatch.undo()
        os.close(root)
    names = sorted(p.name for p in tmp_path.iterdir())
    if existing is None:
        assert names == []
    else:
        assert names == ["report.md"] and (tmp_path / "report.md").read_text() == existing
