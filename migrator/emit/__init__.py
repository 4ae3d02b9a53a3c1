"""Emitters: pure renderers from an Analysis to text.  Only the CLI writes files."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from migrator.engine.catalogue import Catalogue
    from migrator.model import Analysis, Worker

FORMATS = ("text", "json", "markdown", "sarif", "github", "html")


# The JSON report of the last analysis that `out_files` wrote (as report.json): `--out` with
# `--format json` then prints it rather than encoding the same document twice.
_LAST_JSON: list[tuple[Analysis, str]] = []


def render_json(analysis: Analysis) -> str:
    from migrator.emit import document

    if _LAST_JSON and _LAST_JSON[0][0] is analysis:
        return _LAST_JSON[0][1]
    return document.render_json(analysis)


def render(fmt: str, analysis: Analysis, catalogue: Catalogue, *, colour: bool = False) -> str:
    from migrator.emit.document import guard

    renderers: dict[str, Callable[[], str]] = {
        "json": lambda: render_json(analysis),
        "markdown": lambda: _markdown(analysis),
        "sarif": lambda: _sarif(analysis, catalogue),
        "text": lambda: _text(analysis, colour),
        "github": lambda: _github(analysis),
        "html": lambda: _html(analysis),
    }
    return guard(analysis)(renderers[fmt]())


def _markdown(analysis: Analysis) -> str:
    from migrator.emit import markdown

    return markdown.render(analysis)


def _sarif(analysis: Analysis, catalogue: Catalogue) -> str:
    from migrator.emit import sarif

    return sarif.render(analysis, catalogue)


def _github(analysis: Analysis) -> str:
    from migrator.emit import github

    return github.render(analysis)


def _html(analysis: Analysis) -> str:
    import migrator.emit.html as html

    return html.render(analysis)


def _text(analysis: Analysis, colour: bool) -> str:
    from migrator.emit import text

    return text.render(analysis, colour=colour)


def out_files(analysis: Analysis, catalogue: Catalogue, out_dir: str) -> dict[str, str]:
    """Everything ``--out DIR`` writes, as relative path -> content."""
    reports, shares = out_parts(analysis, catalogue, out_dir)
    files = reports()
    for share in shares:
        files.update(share())
    return dict(sorted(files.items()))


# Worker folders are rendered in shares of at least this many, and at most this many shares.
SHARE_SIZE, MAX_SHARES = 4, 128


def out_parts(
    analysis: Analysis, catalogue: Catalogue, out_dir: str
) -> tuple[Callable[[], dict[str, str]], list[Callable[[], dict[str, str]]]]:
    """The files of ``--out DIR`` as independent renderers, for a writer that may run them side
    by side: the reports with the plan's project files, and the Worker folders in shares.  The
    first renders report.json, which ``render_json`` then reuses: the caller runs it in this
    process."""
    import migrator.emit.html as html
    from migrator import jinjaenv
    from migrator.emit import document, jsonfmt, markdown, project, sarif, templating, wrangler

    workers = list(analysis.plan.workers)
    size = max(SHARE_SIZE, -(-len(workers) // MAX_SHARES))
    chunks = [workers[i : i + size] for i in range(0, len(workers), size)]

    def reports() -> dict[str, str]:
        net = document.guard(analysis)
        doc = document.build(analysis)  # built once for the four reports
        files = {
            "report.md": net(markdown.render(analysis, doc)),
            "report.json": jsonfmt.dumps(doc),
            "report.sarif": net(sarif.render(analysis, catalogue, doc)),
            "report.html": net(html.render(analysis, doc)),
        }
        _LAST_JSON[:] = [(analysis, files["report.json"])]
        files.update(project.render(analysis))
        return files

    def worker_files(chunk: list[Worker]) -> dict[str, str]:
        files: dict[str, str] = {}
        for worker in chunk:
            for path, content in wrangler.render_worker_files(worker, analysis, out_dir=out_dir).items():
                files[f"{worker.name}/{path}"] = content
        return files

    # Templates are loaded here, once, so that forked writers share them instead of loading their own.
    env = templating.environment()
    for name in jinjaenv.template_names("text"):
        env.get_template(name)
    return reports, [functools.partial(worker_files, chunk) for chunk in chunks]
