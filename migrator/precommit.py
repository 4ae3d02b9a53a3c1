"""``migrator check FILE...``: the pre-commit hook.  Quiet when clean.

The Compose files of a commit may belong to several projects.  A file with a name of the Compose
lookup (``compose.yaml``, ``docker-compose.yml``, their ``*.override.*``) stands for its directory's
project (its main file plus the override, as Docker Compose reads them); any other Compose file
is analyzed alone.  Only findings at or above ``--fail-on`` are printed, with paths from where the
hook runs.
"""

from __future__ import annotations

import os
from dataclasses import replace

from migrator.compose import LoadOptions
from migrator.compose.loader import DEFAULT_FILES, OVERRIDE_FILES
from migrator.model import SEVERITY_ORDER


def projects(paths: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The projects the files belong to, each as the files to load, in a stable order."""
    found: dict[tuple[str, ...], None] = {}
    for path in paths:
        name = os.path.basename(path)
        if name in DEFAULT_FILES or name in OVERRIDE_FILES:
            found[(os.path.dirname(path) or ".",)] = None
        else:
            found[(path,)] = None
    return sorted(found)


def check(paths: tuple[str, ...], load: LoadOptions, rules: tuple[str, ...], fail_on: str) -> tuple[list[str], bool]:
    """Lines to print and whether the hook fails."""
    from migrator.api import AnalyzeOptions, analyze
    from migrator.emit.document import build
    from migrator.engine import load_catalogue
    from migrator.errors import MigratorError

    catalogue = load_catalogue(rules)
    threshold = None if fail_on == "never" else SEVERITY_ORDER[fail_on]
    lines: list[str] = []
    failing = False
    cwd = os.path.abspath(load.cwd or os.getcwd())
    for files in projects(paths):
        if os.path.isdir(os.path.join(cwd, files[0])) and not any(
            os.path.isfile(os.path.join(cwd, files[0], name)) for name in DEFAULT_FILES
        ):
            continue  # only an override changed, and there is no main file beside it
        try:
            analysis = analyze(AnalyzeOptions(load=replace(load, files=files), rules=rules), catalogue)
        except MigratorError as exc:
            lines.append(f"migrator: error: {exc.render()}")
            failing = True
            continue
        doc = build(analysis)
        root = os.path.relpath(analysis.project.working_dir, cwd)
        for f in doc["findings"]:
            if threshold is None or SEVERITY_ORDER[f["severity"]] < threshold:
                continue
            failing = True
            where = ""
            if f["location"]:
                loc = f["location"]
                path = os.path.normpath(os.path.join(root, loc["file"]))
                where = f"{path}:{loc['line']}:{loc['column']}: " if loc["line"] else f"{path}: "
            service = f" {f['service']}:" if f["service"] else ""
            hint = f" ({f['hint']})" if f["hint"] else ""
            text = f"{where}{f['severity']}[{f['rule_id']}]{service} {f['message']}{hint}"
            lines.append("".join(ch if ch.isprintable() else "?" for ch in text))
    return lines, failing
