"""What a build context says about the app inside: Dockerfile FROM lines, marker files, dependencies.

Only files inside the project directory are read, each at most ``MAX_BYTES``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from typing import NamedTuple

from migrator import files as fs

MAX_BYTES = 1024 * 1024
MARKERS = (
    "package.json",
    "bun.lockb",
    "deno.json",
    "requirements.txt",
    "pyproject.toml",
    "Pipfile",
    "manage.py",
    "go.mod",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "Gemfile",
    "composer.json",
    "Cargo.toml",
    "mix.exs",
    "index.html",
    "nginx.conf",
    "wrangler.toml",
    "wrangler.jsonc",
)
_FROM = re.compile(r"^[ \t]*FROM\s+(?:--platform=\S+\s+)?(\S+)", re.IGNORECASE | re.MULTILINE)
_REQ = re.compile(r"^[ \t]*([A-Za-z0-9][A-Za-z0-9._\-]*)", re.MULTILINE)
_GOMOD = re.compile(r"^[ \t]*(?:require[ \t]+)?([a-z0-9.\-]+\.[a-z]+/[^\s]+)\s+v", re.MULTILINE)


class ContextFacts(NamedTuple):
    """What a build context tells about its app."""

    base_images: tuple[str, ...]
    files: tuple[str, ...]
    packages: tuple[str, ...]


def _read(path: str) -> str | None:
    try:
        return fs.read_regular(path, MAX_BYTES).decode("utf-8", errors="replace")
    except (OSError, fs.FileProblem):
        return None


def inspect(context_dir: str, dockerfile: str, root: str) -> ContextFacts:
    def inside(path: str) -> bool:
        return fs.inside(path, root)

    bases: list[str] = []
    docker_path = os.path.join(context_dir, dockerfile)
    if inside(docker_path):
        text = _read(docker_path)
        if text:
            stages = set(re.findall(r"^[ \t]*FROM[ \t]+\S+[ \t]+AS[ \t]+(\S+)", text, re.IGNORECASE | re.MULTILINE))
            bases = [b for b in _FROM.findall(text) if b not in stages and b.lower() not in {s.lower() for s in stages}]
    files = [
        name
        for name in MARKERS
        if inside(os.path.join(context_dir, name)) and os.path.isfile(os.path.join(context_dir, name))
    ]
    with contextlib.suppress(OSError):
        files += sorted(f for f in os.listdir(context_dir) if f.endswith((".csproj", ".fsproj")))
    packages: set[str] = set()
    if "package.json" in files:
        text = _read(os.path.join(context_dir, "package.json"))
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {}
        if isinstance(data, dict):
            for key in ("dependencies", "devDependencies"):
                deps = data.get(key)
                if isinstance(deps, dict):
                    packages.update(str(k).lower() for k in deps)
    if "requirements.txt" in files:
        text = _read(os.path.join(context_dir, "requirements.txt")) or ""
        packages.update(m.lower() for m in _REQ.findall(text) if not m.startswith("-"))
    if "pyproject.toml" in files:
        text = _read(os.path.join(context_dir, "pyproject.toml")) or ""
        packages.update(m.lower() for m in re.findall(r'^[ \t]*"([A-Za-z0-9][A-Za-z0-9._\-]*)', text, re.MULTILINE))
    if "go.mod" in files:
        text = _read(os.path.join(context_dir, "go.mod")) or ""
        packages.update(m.lower() for m in _GOMOD.findall(text))
    return ContextFacts(tuple(bases), tuple(sorted(set(files))), tuple(sorted(packages)))
