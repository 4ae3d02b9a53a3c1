"""The templates' precompiled modules (templates/_compiled): current, used, and never trusted stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jinja2
import pytest
from conftest import ROOT

from migrator import jinjaenv
from migrator.emit import compile_templates


def _same_jinja(flavour: str) -> None:
    made = json.loads((ROOT / "templates" / jinjaenv.COMPILED / flavour / "stamp.json").read_text())["jinja2"]
    if made != jinja2.__version__:
        pytest.skip(f"the modules are made with Jinja {made}; this is {jinja2.__version__} (they are not used)")


@pytest.mark.parametrize("flavour", sorted(jinjaenv.SETTINGS))
def test_compiled_templates_are_current(flavour: str) -> None:
    _same_jinja(flavour)
    folder = ROOT / "templates" / jinjaenv.COMPILED / flavour
    committed = {p.name: p.read_text() for p in folder.iterdir() if p.is_file()}
    made = jinjaenv.compiled_sources(compile_templates.environments()[flavour](), flavour)
    assert committed == made, "run: python -m migrator.emit.compile_templates"


def test_every_template_belongs_to_one_flavour() -> None:
    names = {p.relative_to(ROOT / "templates").as_posix() for p in (ROOT / "templates").rglob("*.j2")}
    names = {n for n in names if not n.startswith(jinjaenv.COMPILED)}
    text, html = set(jinjaenv.template_names("text")), set(jinjaenv.template_names("html"))
    assert text | html == names and not text & html
    assert html == {"report.html.j2"}


@pytest.mark.parametrize("flavour", sorted(jinjaenv.SETTINGS))
def test_fresh_modules_are_loaded(flavour: str) -> None:
    _same_jinja(flavour)
    env = compile_templates.environments()[flavour]()
    assert isinstance(env.loader, jinja2.ModuleLoader)


def test_stale_modules_are_not_used(tmp_path: Path) -> None:
    root = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", root, ignore=shutil.ignore_patterns("__pycache__"))
    assert jinjaenv.fresh("text", root) == root / jinjaenv.COMPILED / "text"
    edited = root / "index.html.j2"
    edited.write_text(edited.read_text() + "# edited\n")
    assert jinjaenv.fresh("text", root) is None  # a template changed: compile from the sources
    assert jinjaenv.fresh("html", root) == root / jinjaenv.COMPILED / "html"
    stamp = root / jinjaenv.COMPILED / "html" / "stamp.json"
    stamp.write_text(stamp.read_text().replace(jinja2.__version__, "0.0.0"))
    assert jinjaenv.fresh("html", root) is None  # another Jinja: its modules may differ
    stamp.unlink()
    assert jinjaenv.fresh("html", root) is None


def test_a_rebuilt_module_is_never_run_from_the_old_bytecode(tmp_path: Path) -> None:
    # Python trusts a module's bytecode on its size and mtime in whole seconds: a one-character
    # edit rebuilt in the same second must not run the old code under a fresh stamp.
    import importlib.util
    import os
    import py_compile

    def load(path: Path) -> object:
        spec = importlib.util.spec_from_file_location("tmpl_probe", path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.__dict__["X"]

    folder = jinjaenv.write_compiled("text", {"tmpl_probe.py": "X = 'old'\n"}, root=tmp_path)
    module = folder / "tmpl_probe.py"
    py_compile.compile(str(module))  # the bytecode a run leaves beside the module
    first = os.stat(module)
    jinjaenv.write_compiled("text", {"tmpl_probe.py": "X = 'new'\n"}, root=tmp_path)
    os.utime(module, ns=(first.st_atime_ns, first.st_mtime_ns))  # the same second
    assert load(module) == "new"
