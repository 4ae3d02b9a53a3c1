"""Jinja environments over the packaged templates, loaded precompiled when the modules are fresh.

Parsing and compiling a template costs more than rendering it once: the eight templates took a
third of a second in every ``--out`` run.  ``templates/_compiled/<flavour>/`` holds each template
as the Python module Jinja makes of it, and ``stamp.json`` the Jinja version, the settings and a
digest of each source it was made from.  An environment loads those modules only when all of that
matches what is installed and on disk; otherwise (another Jinja, a template edited in a checkout)
it compiles from the sources as usual, so the modules change the speed and never the output.

Rebuild them after editing a template: ``python -m migrator.emit.compile_templates`` (a test says
when to).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from migrator.resources import resource_dir

# The settings of each flavour; they are compiled into the modules, so they are part of the stamp.
SETTINGS: dict[str, dict[str, bool]] = {
    "text": {"autoescape": False, "keep_trailing_newline": True, "trim_blocks": True, "lstrip_blocks": True},
    "html": {"autoescape": True, "keep_trailing_newline": True, "trim_blocks": True, "lstrip_blocks": True},
}
# Which templates each flavour renders: the audit page autoescapes, the rest is text and code.
HTML_TEMPLATES = frozenset({"report.html.j2"})
COMPILED = "_compiled"


def template_names(flavour: str, root: Path | None = None) -> list[str]:
    """The ``.j2`` templates of one flavour, as Jinja names them (``plan/README.md.j2``)."""
    root = root or resource_dir("templates")
    names = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != COMPILED and not d.startswith(("_", ".")))
        for file in files:
            if file.endswith(".j2"):
                names.append(Path(folder, file).relative_to(root).as_posix())
    return sorted(n for n in names if (n in HTML_TEMPLATES) == (flavour == "html"))


def stamp(flavour: str, root: Path | None = None) -> dict[str, Any]:
    """What the compiled modules of ``flavour`` must have been made from."""
    import jinja2

    root = root or resource_dir("templates")
    return {
        "jinja2": jinja2.__version__,
        "settings": SETTINGS[flavour],
        "templates": {
            name: hashlib.sha256((root / name).read_bytes()).hexdigest() for name in template_names(flavour, root)
        },
    }


def fresh(flavour: str, root: Path | None = None) -> Path | None:
    """The folder of ``flavour``'s compiled modules when they match the installed Jinja and the
    sources, else None."""
    root = root or resource_dir("templates")
    folder = root / COMPILED / flavour
    try:
        made = json.loads((folder / "stamp.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return folder if made == stamp(flavour, root) else None


@functools.cache
def environment(flavour: str) -> Any:
    """A new Jinja environment of ``flavour`` ("text" or "html"); the caller adds its filters."""
    import jinja2

    folder = fresh(flavour)
    loader: jinja2.BaseLoader = (
        jinja2.ModuleLoader(str(folder)) if folder else jinja2.FileSystemLoader(str(resource_dir("templates")))
    )
    settings = SETTINGS[flavour]
    return jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # packaged templates do not change during a run: no stat per render
        autoescape=settings["autoescape"],
        keep_trailing_newline=settings["keep_trailing_newline"],
        trim_blocks=settings["trim_blocks"],
        lstrip_blocks=settings["lstrip_blocks"],
    )


def compiled_sources(env: Any, flavour: str) -> dict[str, str]:
    """File name -> content of ``flavour``'s compiled modules and stamp, made from the sources by
    ``env`` (an environment of that flavour with its filters, which compiling checks by name)."""
    import jinja2

    files = {}
    for name in template_names(flavour):
        source = (resource_dir("templates") / name).read_text(encoding="utf-8")
        code: str = env.compile(source, name, name, raw=True, defer_init=True)
        files[jinja2.ModuleLoader.get_module_filename(name)] = (
            "# Made by `python -m migrator.emit.compile_templates`; do not edit.\n" + code
        )
    files["stamp.json"] = json.dumps(stamp(flavour), indent=2, sort_keys=True) + "\n"
    return files


def write_compiled(flavour: str, files: dict[str, str], root: Path | None = None) -> Path:
    """Replace ``flavour``'s compiled modules with ``files``.  Python's bytecode of the old ones
    goes too: it is trusted on the module's size and mtime in whole seconds, so a module rebuilt
    in the same second at the same size (a one-character edit) would still run the old code
    under a stamp that matches the new sources."""
    import shutil

    folder = (root or resource_dir("templates")) / COMPILED / flavour
    folder.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(folder / "__pycache__", ignore_errors=True)
    for old in folder.iterdir():
        if old.is_file() and old.name not in files:
            old.unlink()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
