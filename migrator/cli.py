"""The command line: parse options, call the library, map exit codes.  Nothing else."""

from __future__ import annotations

import gc
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from migrator import __version__
from migrator.emit import FORMATS
from migrator.errors import MigratorError

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_BUG = 0, 1, 2, 3
F = TypeVar("F", bound=Callable[..., Any])


_RULES_OPTION = click.option(
    "--rules",
    "rules_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    help="Extra rule files (a directory; repeatable).",
)


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

    stdin = None
    files = tuple(kw["file_opts"]) + tuple(kw["files"])
    if "-" in files:
        stdin = sys.stdin.read()
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


def _guard(debug: bool, action: Callable[[], int]) -> int:
    try:
        return action()
    except MigratorError as exc:
        click.echo(f"migrator: error: {exc.render()}", err=True)
        return EXIT_INPUT
    except KeyboardInterrupt:
        click.echo("migrator: interrupted", err=True)
        return 130
    except RecursionError:
        click.echo("migrator: error: the input nests too deeply to analyze", err=True)
        return EXIT_INPUT
    except Exception as exc:  # a bug in migrator: say so, traceback only with --debug
        click.echo(f"migrator: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("this is a bug in migrator; rerun with --debug for a traceback and report it", err=True)
        if debug:
            traceback.print_exc()
        return EXIT_BUG


def _write(path: str, text: str) -> None:
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise MigratorError(f"cannot write {path}: {exc.strerror}", hint="check the output path") from None


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
    help="Write everything: a folder per Worker plus report.md, report.json, report.sarif.",
)
@_RULES_OPTION
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


def _analyze(kw: dict[str, Any]) -> int:
    from migrator import emit
    from migrator.api import AnalyzeOptions, analyze
    from migrator.engine import load_catalogue
    from migrator.model import SEVERITY_ORDER

    options = AnalyzeOptions(load=_load_options(kw), rules=tuple(kw["rules_dirs"]))
    catalogue = load_catalogue(options.rules)
    analysis = analyze(options, catalogue)
    if kw["out_dir"]:
        out_dir = os.path.abspath(kw["out_dir"])
        for rel, content in emit.out_files(analysis, catalogue, out_dir).items():
            _write(os.path.join(out_dir, rel), content)
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
@click.option("--format", "fmt", type=click.Choice(["json", "yaml"]), default="json", show_default=True)
def config(**kw: Any) -> None:
    """Print the normalized project, as `docker compose config` does."""
    raise SystemExit(_guard(kw["debug"], lambda: _config(kw)))


def _config(kw: dict[str, Any]) -> int:
    from migrator.compose import load_project
    from migrator.emit.document import spellings
    from migrator.redact import Guard
    from migrator.redaction import redact_project

    project = redact_project(load_project(_load_options(kw)))
    net = Guard(project.strong_secrets, spellings)
    for finding in project.findings:
        where = f"{finding.span.where()}: " if finding.span else ""
        click.echo(net(f"migrator: {finding.severity}: {where}{finding.message}"), err=True)
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


@cli.group()
def schema() -> None:
    """JSON Schemas of what migrator writes."""


@schema.command("report")
def schema_report() -> None:
    """Print the JSON Schema of the JSON report."""
    from migrator.resources import schema_path

    click.echo(schema_path("report.schema.json").read_text(encoding="utf-8"), nl=False)


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
    except SystemExit as exc:
        return int(exc.code or 0)
    except click.exceptions.Abort:
        click.echo("migrator: interrupted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return EXIT_INPUT
    return EXIT_OK
