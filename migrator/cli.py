"""The command line: parse options, call the library, map exit codes.  Nothing else."""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import click

from migrator import __version__
from migrator.emit import FORMATS
from migrator.errors import MigratorError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
EXIT_PIPE = 128 + 13  # what a shell reports for a process stopped by SIGPIPE
F = TypeVar("F", bound=Callable[..., Any])


_RULES_OPTION = click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Extra rule files (a directory; repeatable).",
)


def _usage_options(func: F) -> F:
    func = click.option(
        "--current-cost",
        metavar="USD",
        help="What the stack costs a month today (a VPS), to stand beside the bill.",
    )(func)
    return click.option(
        "--usage",
        "usage_file",
        type=click.Path(dir_okay=False),
        help="Usage assumptions for the bill (YAML; `migrator schema usage`).",
    )(func)


def _with_usage(analysis: Any, kw: dict[str, Any]) -> Any:
    """The analysis with the usage file and --current-cost the bill reads."""
    import dataclasses
    from decimal import Decimal

    from migrator.cost.usage import Usage, load_usage, parse_amount

    if not kw.get("usage_file") and not kw.get("current_cost"):
        return analysis
    usage = load_usage(kw["usage_file"]) if kw.get("usage_file") else Usage()
    current: Decimal | None = parse_amount(kw["current_cost"]) if kw.get("current_cost") else None
    return dataclasses.replace(analysis, usage=usage.with_current_cost(current))


def _loading_options(func: F) -> F:
    options = [
        click.argument("files", nargs=-1, type=click.Path(allow_dash=True)),
        click.option(
            "-f",
            "--file",
            "file_opts",
            multiple=True,
            type=click.Path(allow_dash=True),
            help="Compose file (repeatable; same as FILE).",
        ),
        click.option("--project-directory", type=click.Path(file_okay=False), help="Alternate working directory."),
        click.option(
            "--env-file",
            multiple=True,
            type=click.Path(dir_okay=False),
            help="Alternate environment file (repeatable).",
        ),
        click.option("--profile", multiple=True, help="Profile to enable (repeatable; '*' enables all)."),
        click.option("-p", "--project-name", help="Project name."),
        click.option(
            "--strict",
            is_flag=True,
            help="Refuse what Docker Compose refuses (missing env files, unset required variables, invalid keys).",
        ),
        click.option(
            "--allow-outside-project",
            is_flag=True,
            help="Let extends, include and env_file read files outside the project directory.",
        ),
        click.option(
            "--max-file-size",
            type=click.IntRange(min=1),
            default=10 * 1024 * 1024,
            show_default=True,
            help="Largest Compose file to read, in bytes.",
        ),
        click.option(
            "--env-allow",
            multiple=True,
            metavar="NAME",
            help="A process-environment variable whose value may be printed (repeatable); the others are secrets.",
        ),
        click.option("--debug", is_flag=True, help="Show a traceback when migrator itself fails."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _load_options(kw: dict[str, Any]) -> Any:
    from migrator.compose import LoadOptions
    from migrator.compose.loader import read_stdin

    stdin = None
    files = tuple(kw["file_opts"]) + tuple(kw["files"])
    if "-" in files:
        stdin = read_stdin(kw["max_file_size"])
    return LoadOptions(
        files=files,
        project_directory=kw["project_directory"],
        env_files=tuple(kw["env_file"]),
        profiles=tuple(kw["profile"]),
        project_name=kw["project_name"],
        strict=kw["strict"],
        allow_outside=kw["allow_outside_project"],
        max_file_size=kw["max_file_size"],
        stdin=stdin,
        env_allow=tuple(kw["env_allow"]),
    )


def _safe(text: str) -> str:
    """Text from the input, fit for a terminal: control characters, escape sequences, line and
    bidirectional separators are written as escapes (``\\x1b``), so they neither act on the
    terminal nor start a line of their own."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() else f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}" for ch in text
    )


def _error_text(exc: MigratorError) -> str:
    where = f"{exc.span.where()}: " if exc.span is not None else ""
    text = _safe(f"{where}{exc.message}")
    if exc.hint:
        text += f"\n  hint: {_safe(exc.hint)}"
    return text


def _guard(debug: bool, action: Callable[[], int]) -> int:
    try:
        return action()
    except BrokenPipeError:
        return _closed_pipe()
    except MigratorError as exc:
        click.echo(f"migrator: error: {_error_text(exc)}", err=True)
        return EXIT_INPUT
    except KeyboardInterrupt:
        click.echo("migrator: interrupted", err=True)
        return 130
    except RecursionError:
        click.echo("migrator: error: the input nests too deeply to analyze", err=True)
        return EXIT_INPUT
    except OSError as exc:
        # The report did not fit where standard output goes (every file of ours is written
        # through migrator.files, whose errors are MigratorErrors already).
        return _cannot_write_stdout(exc) if exc.errno in _FULL else _bug(exc, debug)
    except Exception as exc:  # a bug in migrator: say so, traceback only with --debug
        return _bug(exc, debug)


# Errors of a device that takes no more: a full disk, a quota, a failing device.
_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG})


def _cannot_write_stdout(exc: OSError) -> int:
    with contextlib.suppress(OSError, ValueError):
        click.echo(f"migrator: error: cannot write standard output: {exc.strerror}", err=True)
    return EXIT_INPUT


def _bug(exc: Exception, debug: bool) -> int:
    click.echo(f"migrator: internal error: {type(exc).__name__}: {_safe(str(exc))[:500]}", err=True)
    click.echo("this is a bug in migrator; rerun with --debug for a traceback and report it", err=True)
    if debug:
        traceback.print_exc()
    return EXIT_BUG


def _closed_pipe() -> int:
    """The reader of standard output went away (``migrator analyze | head``): stop quietly, as a
    Unix tool stopped by SIGPIPE does.  Standard output goes to /dev/null so that the flush at
    exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (a test runner's stream)
        pass
    return EXIT_PIPE


def _write_out(out_dir: str, files: dict[str, str]) -> None:
    """Every file of ``--out``, never through a symbolic link (see migrator.files)."""
    _write_parts(out_dir, lambda: files, [], 1)


def _write_parts(
    out_dir: str, own: Callable[[], dict[str, str]], shared: list[Callable[[], dict[str, str]]], jobs: int
) -> None:
    """Render and write the parts of ``--out``: ``own`` here, the ``shared`` ones here or in up to
    ``jobs - 1`` forked processes (see migrator.parallel); every file is written as
    ``_write_out`` writes it."""
    from migrator import files as fs
    from migrator import parallel

    try:
        root = fs.open_out_dir(out_dir)
    except fs.SymlinkRefused as exc:
        raise _refused(exc) from None
    except OSError as exc:
        raise MigratorError(f"cannot write {out_dir}: {exc.strerror}", hint="check the output path") from None

    def task(render: Callable[[], dict[str, str]]) -> Callable[[], None]:
        def write() -> None:
            below = fs.Below(root, out_dir)
            try:
                for rel, content in sorted(render().items()):
                    _write_below(below, out_dir, rel, content)
            finally:
                below.close()

        return write

    try:
        parallel.run(task(own), [task(part) for part in shared], jobs)
    except parallel.ChildFailed as exc:
        raise RuntimeError(str(exc)) from None
    finally:
        os.close(root)


def _write_below(below: Any, out_dir: str, rel: str, content: str) -> None:
    from migrator import files as fs

    try:
        below.write(rel, content.encode("utf-8"))
    except fs.SymlinkRefused as exc:
        raise _refused(exc) from None
    except fs.FileProblem as exc:
        raise MigratorError(f"cannot write {os.path.join(out_dir, rel)}: {exc}") from None
    except OSError as exc:
        raise MigratorError(
            f"cannot write {os.path.join(out_dir, rel)}: {exc.strerror}", hint="check the output path"
        ) from None


def _preflight(out_dir: str, names: set[str]) -> None:
    from migrator import files as fs

    try:
        root = fs.open_out_dir(out_dir)
    except fs.SymlinkRefused as exc:
        raise _refused(exc) from None
    except OSError as exc:
        raise MigratorError(f"cannot write {out_dir}: {exc.strerror}", hint="check the output path") from None
    try:
        for name in sorted(names):
            if fs.is_link(root, name):
                raise _refused(fs.SymlinkRefused(os.path.join(out_dir, name)))
    finally:
        os.close(root)


def _write(path: str, text: str) -> None:
    from migrator import files as fs

    try:
        fs.write_file(path, text.encode("utf-8"))
    except fs.SymlinkRefused as exc:
        raise _refused(exc) from None
    except fs.FileProblem as exc:
        raise MigratorError(f"cannot write {path}: {exc}") from None
    except OSError as exc:
        raise MigratorError(f"cannot write {path}: {exc.strerror}", hint="check the output path") from None


def _refused(exc: Exception) -> MigratorError:
    link = getattr(exc, "link", "")
    return MigratorError(
        f"refusing to write through the symbolic link {link}",
        hint="remove the link (a project may plant links where migrator writes) or write somewhere else",
    )


def _colour(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="migrator")
def cli() -> None:
    """Plan the move of a Docker Compose project to Cloudflare."""


@cli.command()
@_loading_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the report to FILE instead of standard output."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Write everything: a folder per Worker plus report.md, report.json, report.sarif, report.html.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1, max=64),
    default=None,
    help="Processes that write --out side by side [default: the CPUs, at most 4, for 20 Workers or more].",
)
@_RULES_OPTION
@_usage_options
@click.option(
    "--fail-on",
    type=click.Choice(["blocker", "warning", "info", "never"]),
    default="blocker",
    show_default=True,
    help="Exit 1 when a finding reaches this severity.",
)
def analyze(**kw: Any) -> None:
    """Analyze a Compose project and plan its Workers."""
    raise SystemExit(_guard(kw["debug"], lambda: _analyze(kw)))


# Below this many Workers a plan is written by one process: a fork would save less than it costs.
PARALLEL_FROM = 20


def _jobs(asked: int | None, workers: int) -> int:
    """How many processes write ``--out``: ``--jobs`` when given, else the CPUs (at most four)
    for a plan of PARALLEL_FROM Workers or more, else one."""
    from migrator import parallel

    if asked is not None:
        return asked  # --jobs is 1 to 64
    return parallel.available_jobs() if workers >= PARALLEL_FROM else 1


def _analyze(kw: dict[str, Any]) -> int:
    from migrator import emit
    from migrator.api import AnalyzeOptions, analyze
    from migrator.engine import load_catalogue
    from migrator.model import SEVERITY_ORDER

    options = AnalyzeOptions(load=_load_options(kw), rules=tuple(kw["rules_dirs"]))
    catalogue = load_catalogue(options.rules)
    analysis = _with_usage(analyze(options, catalogue), kw)
    if kw["out_dir"]:
        # Refuse a planted link among the top-level names before rendering anything, so that
        # nothing is written; every write below checks again, whatever its name.
        tops = {"report.md", "report.json", "report.sarif", "report.html", *(w.name for w in analysis.plan.workers)}
        _preflight(kw["out_dir"], tops)
        reports, shares = emit.out_parts(analysis, catalogue, os.path.abspath(kw["out_dir"]))
        _write_parts(kw["out_dir"], reports, shares, _jobs(kw["jobs"], len(analysis.plan.workers)))
    stream = sys.stdout
    colour = kw["fmt"] == "text" and not kw["output"] and _colour(stream)
    report = emit.render(kw["fmt"], analysis, catalogue, colour=colour)
    if kw["output"]:
        _write(kw["output"], report)
    else:
        click.echo(report, nl=False)
    if kw["fail_on"] == "never":
        return EXIT_OK
    threshold = SEVERITY_ORDER[kw["fail_on"]]
    failing = any(SEVERITY_ORDER[f.severity] >= threshold for f in analysis.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


@cli.command()
@_loading_options
@_usage_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Bill format.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the bill to FILE instead of standard output."
)
@_RULES_OPTION
def cost(**kw: Any) -> None:
    """The monthly Cloudflare bill of the plan, from dated prices and a usage file."""
    raise SystemExit(_guard(kw["debug"], lambda: _cost(kw)))


def _cost(kw: dict[str, Any]) -> int:
    from migrator.api import AnalyzeOptions, analyze
    from migrator.cost import Usage, compute, load_pricing
    from migrator.cost import render as cost_render
    from migrator.emit.document import guard

    options = AnalyzeOptions(load=_load_options(kw), rules=tuple(kw["rules_dirs"]))
    analysis = _with_usage(analyze(options), kw)
    bill = compute(analysis, analysis.usage or Usage(), load_pricing())
    if kw["fmt"] == "json":
        from migrator.emit import jsonfmt

        report = jsonfmt.dumps(cost_render.to_json(bill))
    elif kw["fmt"] == "markdown":
        report = cost_render.render_markdown(bill)
    else:
        report = cost_render.render_text(bill)
    report = guard(analysis)(report)
    if kw["output"]:
        _write(kw["output"], report)
    else:
        click.echo(report, nl=False)
    return EXIT_OK


@cli.command()
@_loading_options
@click.option("--format", "fmt", type=click.Choice(["json", "yaml"]), default="json", show_default=True)
def config(**kw: Any) -> None:
    """Print the normalized project, as `docker compose config` does."""
    raise SystemExit(_guard(kw["debug"], lambda: _config(kw)))


def _config(kw: dict[str, Any]) -> int:
    from migrator.compose import load_project
    from migrator.emit.document import project_guard
    from migrator.redaction import redact_project

    project = redact_project(load_project(_load_options(kw)))
    net = project_guard(project)
    for finding in project.findings:
        where = f"{finding.span.where()}: " if finding.span else ""
        click.echo(net(f"migrator: {finding.severity}: {_safe(where + finding.message)}"), err=True)
    if kw["fmt"] == "yaml":
        import yaml

        click.echo(net(yaml.safe_dump(project.config, sort_keys=True, allow_unicode=True)), nl=False)
    else:
        click.echo(net(json.dumps(project.config, indent=2, sort_keys=True, ensure_ascii=False)))
    return EXIT_OK


@cli.group()
def rules() -> None:
    """The rule catalogue."""


@rules.command("list")
@_RULES_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown"]),
    default="text",
    show_default=True,
    help="markdown writes the catalogue's documentation page.",
)
def rules_list(rules_dirs: tuple[str, ...], fmt: str) -> None:
    """List every rule with what it decides."""

    def run() -> int:
        from migrator.engine import load_catalogue

        catalogue = load_catalogue(rules_dirs)
        ordered = sorted(catalogue.rules.values(), key=lambda r: (r.family, r.id))
        if fmt == "markdown":
            from migrator.emit.rulesdoc import render

            click.echo(render(ordered), nl=False)
            return EXIT_OK
        for rule in ordered:
            decides = f"-> {rule.target}" if rule.target else f"[{rule.severity}]"
            click.echo(f"{rule.id:24} {rule.family:10} {decides:18} {rule.title}")
        return EXIT_OK

    raise SystemExit(_guard(False, run))


@rules.command("explain")
@click.argument("rule_id")
@_RULES_OPTION
def rules_explain(rule_id: str, rules_dirs: tuple[str, ...]) -> None:
    """Explain one rule: what it decides, why, and where to read more."""

    def run() -> int:
        from migrator.engine import load_catalogue

        catalogue = load_catalogue(rules_dirs)
        rule = catalogue.get(rule_id) or catalogue.get(rule_id.upper())
        if rule is None:
            raise MigratorError(f"no rule {rule_id!r}", hint="see `migrator rules list`")
        click.echo(f"{rule.id}: {rule.title}")
        if rule.target:
            alt = f" (alternatives: {', '.join(rule.alternatives)})" if rule.alternatives else ""
            click.echo(f"decides: {rule.role} -> {rule.target}{alt}, confidence {rule.confidence}")
            if rule.effort:
                click.echo(f"effort: {rule.effort[0]} ({rule.effort[1]})")
        else:
            click.echo(f"severity: {rule.severity}")
        click.echo("")
        click.echo(rule.rationale)
        if rule.hint:
            click.echo(f"\nwhat to do: {rule.hint}")
        click.echo(f"\ndocs: {rule.docs}")
        click.echo(f"defined in: {rule.source.where()}")
        if rule.examples:
            for label in ("fail", "pass"):
                if label in rule.examples:
                    click.echo(
                        f"\n{'matches' if label == 'fail' else 'does not match'}:\n{rule.examples[label].rstrip()}"
                    )
        return EXIT_OK

    raise SystemExit(_guard(False, run))


@cli.command()
@_loading_options
@click.option(
    "--base",
    "base_ref",
    metavar="REF",
    help="Compare with this git revision (read from git; the working tree is untouched).",
)
@click.option("--base-report", type=click.Path(dir_okay=False), help="Compare with the JSON report of an earlier run.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "sarif", "github"]),
    default="text",
    show_default=True,
    help="Diff format (sarif and github: only the findings new in the head).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write the diff to FILE instead of standard output."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    help="Also write diff.md, diff.json, diff.sarif and diff.txt to DIR.",
)
@click.option("--head-label", help="How the diff names the head (e.g. a commit).")
@_RULES_OPTION
@click.option(
    "--fail-on",
    type=click.Choice(["new-blocker", "new-warning", "blocker", "never"]),
    default="new-blocker",
    show_default=True,
    help="Exit 1 when the change adds a blocker (new-blocker), a blocker or warning (new-warning), or whenever the head has a blocker.",
)
def diff(**kw: Any) -> None:
    """What a change does to the migration: the head against --base REF or --base-report FILE."""
    raise SystemExit(_guard(kw["debug"], lambda: _diff(kw)))


def _diff(kw: dict[str, Any]) -> int:
    from migrator.diff import failing
    from migrator.diff import run as diff_run

    if bool(kw["base_ref"]) == bool(kw["base_report"]):
        raise MigratorError(
            "give one of --base REF and --base-report FILE", hint="e.g. migrator diff --base origin/main"
        )
    result = diff_run.run(
        _load_options(kw),
        tuple(kw["rules_dirs"]),
        base_ref=kw["base_ref"],
        base_report=kw["base_report"],
        head_label=kw["head_label"],
        markdown=kw["fmt"] == "markdown" or bool(kw["out_dir"]),
        root=os.environ.get("GITHUB_WORKSPACE") or os.getcwd(),
    )
    if kw["out_dir"]:
        for name, content in diff_run.out_files(result, fail_on=kw["fail_on"]).items():
            _write(os.path.join(kw["out_dir"], name), content)
    report = diff_run.render(result, kw["fmt"], fail_on=kw["fail_on"])
    if kw["output"]:
        _write(kw["output"], report)
    else:
        click.echo(report, nl=False)
    return EXIT_FINDINGS if failing(result.diff, kw["fail_on"]) else EXIT_OK


@cli.command()
@click.argument("body_file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--diff-report",
    type=click.Path(dir_okay=False),
    help="The diff's JSON (diff.json): with --when changed, nothing is posted when it shows no change.",
)
@click.option(
    "--when",
    type=click.Choice(["changed", "always"]),
    default="changed",
    show_default=True,
    help="changed: post nothing when nothing relevant changed and there is no earlier comment.",
)
@click.option(
    "--summary/--no-summary",
    default=True,
    show_default=True,
    help="When the token cannot comment (a fork), append the body to GITHUB_STEP_SUMMARY.",
)
@click.option(
    "--pr", "number", type=click.IntRange(min=1), help="Pull request number (default: from the event payload)."
)
@click.option(
    "--platform",
    type=click.Choice(["auto", "github", "gitlab"]),
    default="auto",
    show_default=True,
    help="auto: GitLab when CI_API_V4_URL is set, else GitHub.",
)
@click.option("--debug", is_flag=True, help="Show a traceback when migrator itself fails.")
def comment(**kw: Any) -> None:
    """Post or update migrator's one comment on a pull request (GitHub) or merge request (GitLab)."""
    raise SystemExit(_guard(kw["debug"], lambda: _comment(kw)))


def _comment(kw: dict[str, Any]) -> int:
    from pathlib import Path

    from migrator.comment import post

    if kw["body_file"] == "-":
        body = sys.stdin.read()
    else:
        try:
            body = Path(kw["body_file"]).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise MigratorError(
                f"cannot read {kw['body_file']}: {exc}", hint="pass the diff's Markdown (diff.md)"
            ) from None
    changed = True
    if kw["diff_report"]:
        try:
            changed = bool(json.loads(Path(kw["diff_report"]).read_text(encoding="utf-8"))["summary"]["changed"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise MigratorError(
                f"cannot read {kw['diff_report']} as a diff report: {exc}",
                hint="pass diff.json of `migrator diff --out`",
            ) from None
    outcome = post(
        body,
        changed=changed,
        when=kw["when"],
        number=kw["number"],
        platform=kw["platform"],
        environ=os.environ,
        summary=kw["summary"],
    )
    click.echo(f"migrator: {outcome}", err=True)
    return EXIT_OK


@cli.command()
@_loading_options
@_RULES_OPTION
@click.option(
    "--fail-on",
    type=click.Choice(["blocker", "warning", "info", "never"]),
    default="blocker",
    show_default=True,
    help="Print and fail on findings of this severity and above.",
)
def check(**kw: Any) -> None:
    """Check Compose files (the pre-commit hook): one project per directory; quiet when clean."""
    raise SystemExit(_guard(kw["debug"], lambda: _check(kw)))


def _check(kw: dict[str, Any]) -> int:
    from migrator.precommit import check as run_check

    load = _load_options(kw)
    paths = load.files
    if not paths:
        return EXIT_OK
    lines, failing = run_check(paths, load, tuple(kw["rules_dirs"]), kw["fail_on"])
    for line in lines:
        click.echo(line)
    return EXIT_FINDINGS if failing else EXIT_OK


@cli.group()
def schema() -> None:
    """JSON Schemas of what migrator writes."""


@schema.command("report")
def schema_report() -> None:
    """Print the JSON Schema of the JSON report."""

    def run() -> int:
        from migrator.resources import schema_path

        click.echo(schema_path("report.schema.json").read_text(encoding="utf-8"), nl=False)
        return EXIT_OK

    raise SystemExit(_guard(False, run))


@schema.command("cost")
def schema_cost() -> None:
    """Print the JSON Schema of `migrator cost --format json`."""
    from migrator.resources import schema_path

    click.echo(schema_path("cost.schema.json").read_text(encoding="utf-8"), nl=False)


@schema.command("usage")
def schema_usage() -> None:
    """Print the JSON Schema of the usage file (`--usage FILE`)."""
    from migrator.resources import schema_path

    click.echo(schema_path("usage.schema.json").read_text(encoding="utf-8"), nl=False)


@schema.command("diff")
def schema_diff() -> None:
    """Print the JSON Schema of the JSON diff (migrator diff --format json)."""
    from migrator.resources import schema_path

    click.echo(schema_path("diff.schema.json").read_text(encoding="utf-8"), nl=False)


def entry() -> None:
    """The ``migrator`` command: ``main``, then leave at once.  Tearing the interpreter down frees
    every object one by one, a seventh of a second after a large ``--out``; the command has
    written and closed its own files, so only the standard streams are flushed before leaving."""
    code = main()
    try:
        if sys.stdout is not None:  # None when the descriptor was closed (``>&-``)
            sys.stdout.flush()
    except BrokenPipeError:
        code = _closed_pipe()
    except OSError as exc:  # the last of the report did not fit (a full disk)
        code = _cannot_write_stdout(exc) if exc.errno in _FULL else EXIT_BUG
    except ValueError:
        pass
    with contextlib.suppress(OSError, ValueError):
        if sys.stderr is not None:
            sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    # One command is short-lived and its data has almost no reference cycles, while the cyclic
    # collector, run again and again as the loader allocates, costs a quarter of the run.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _main(argv)
    finally:
        if collecting:
            gc.enable()


def _main(argv: list[str] | None) -> int:
    try:
        cli.main(args=argv, prog_name="migrator", standalone_mode=False)
    except BrokenPipeError:
        return _closed_pipe()
    except SystemExit as exc:
        if type(sys.stdout).__name__.endswith("PacifyFlushWrapper"):
            return EXIT_PIPE  # click met the closed pipe first (printing --help) and exits 1
        return int(exc.code or 0)
    except click.exceptions.Abort:
        click.echo("migrator: interrupted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return EXIT_INPUT
    except OSError as exc:  # click's own output (--help, --version) to a full disk or a dead device
        return _cannot_write_stdout(exc)
    return EXIT_OK
