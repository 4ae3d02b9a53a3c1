"""The two revisions a diff compares: the base read from git (or from an earlier JSON report) and
the head in the working tree, each as a report document.

The base's files are read from git objects (``git ls-tree`` and ``git cat-file``) into a
temporary directory with the same layout, so the working tree, the index and the repository's
worktree list are never changed.  Everything the loader may read comes along: the Compose files,
``.env`` and ``env_file``s, ``include`` and ``extends`` targets, build contexts' marker files.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from migrator.compose import LoadOptions
from migrator.compose.loader import TOTAL_READ_FACTOR
from migrator.errors import MigratorError

MAX_BASE_FILES = 100_000  # files of the base written at most


def _git(args: list[str], cwd: str, *, data: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False)
    except FileNotFoundError:
        raise MigratorError(
            "--base needs git, and git is not on PATH", hint="install git, or pass --base-report"
        ) from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise MigratorError(
            f"git {args[0]} failed: {message[-1] if message else 'exit ' + str(proc.returncode)}",
            hint="run migrator diff --base inside a git checkout, with the base commit fetched (fetch-depth: 0)",
        )
    return proc.stdout


def _inside(path: str, root: str) -> str | None:
    rel = os.path.relpath(path, root)
    return None if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel) else rel


def _materialize(sha: str, top: str, scope: str, dest: str, max_size: int) -> None:
    """Write the tree of commit ``sha`` under ``scope`` (relative to the repository root) to ``dest``."""
    listing = _git(["ls-tree", "-r", "-z", "-l", "--full-tree", sha, "--", scope or "."], top)
    entries: list[tuple[str, str, str]] = []  # (mode, object, path)
    sized: list[tuple[int, str, str, str]] = []  # (size, path, mode, object)
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode_b, kind, obj_b, size_b = meta.split()
        path = raw_path.decode("utf-8", "surrogateescape")
        if kind != b"blob" or (size_b.isdigit() and int(size_b) > max_size):
            continue  # submodules, and files larger than the loader would read
        parts = Path(path).parts
        if not parts or ".." in parts or Path(path).is_absolute():
            continue
        sized.append((int(size_b) if size_b.isdigit() else 0, path, mode_b.decode(), obj_b.decode()))
    # What the loader may read of a project is bounded (its read budget): so is what is written,
    # smallest files first, the Compose files, env files and build markers among them. A tiny
    # repository can hold one large blob under thousands of names.
    budget = TOTAL_READ_FACTOR * max_size
    for size, path, mode, obj in sorted(sized)[:MAX_BASE_FILES]:
        if size > budget:
            break
        budget -= size
        entries.append((mode, obj, path))
    entries.sort(key=lambda entry: entry[2])
    # A path that is also a folder of another (a tree crafted with both) is left out: it would be
    # written through, or in place of, that folder.
    folders = {str(parent) for _, _, path in entries for parent in Path(path).parents}
    entries = [entry for entry in entries if entry[2] not in folders]
    if not entries:
        return
    blobs = _git(["cat-file", "--batch"], top, data="".join(f"{obj}\n" for _, obj, _ in entries).encode())
    offset = 0
    root = os.path.realpath(dest)
    links: list[tuple[str, str]] = []
    for mode, _obj, path in entries:
        end = blobs.index(b"\n", offset)
        size = int(blobs[offset:end].split()[2])
        content = blobs[end + 1 : end + 1 + size]
        offset = end + 1 + size + 1
        target = os.path.join(dest, path)
        if mode == "120000":
            links.append((target, content.decode("utf-8", "surrogateescape")))
            continue
        # Files first, links after them: no folder on the way to a file is a link yet.
        os.makedirs(os.path.dirname(target), exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(target, flags, 0o644), "wb") as handle:
            handle.write(content)
    made: list[str] = []
    for target, link in links:
        if os.path.isabs(link) or "\0" in link:
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.symlink(link, target)
        made.append(target)
    # Judged once every link exists: a link that looked inside while a later one was missing
    # (``a -> b/b/../..`` before ``b -> .``) resolves outside now, and goes.
    while True:
        outside = [t for t in made if os.path.lexists(t) and _inside(os.path.realpath(t), root) is None]
        if not outside:
            break
        for target in outside:
            os.unlink(target)
        made = [t for t in made if t not in outside]


def _map(path: str, cwd: str, top: str, root: str) -> str:
    """Where ``path`` of the working tree is in the base's tree; a path outside the repository is
    read as it is (it has no base revision)."""
    absolute = os.path.abspath(os.path.join(cwd, path))
    rel = _inside(absolute, top)
    if rel is None:  # reached through a symbolic link to the checkout?
        rel = _inside(os.path.realpath(absolute), top)
    return absolute if rel is None else os.path.join(root, rel)


def _carry_untracked_env(load: LoadOptions, cwd: str, anchor: str, top: str, root: str) -> None:
    """A ``.env`` (or ``--env-file``) that git does not track is local configuration, not part of
    the change: the base reads the same file, so that it does not show up as a difference."""
    candidates = [os.path.abspath(os.path.join(cwd, f)) for f in load.env_files] or [os.path.join(anchor, ".env")]
    for path in candidates:
        rel = _inside(os.path.realpath(path), top) if os.path.isfile(path) else None
        if rel is None or os.path.lexists(os.path.join(root, rel)):
            continue
        tracked = subprocess.run(
            ["git", "ls-files", "--error-unmatch", "--", rel], cwd=top, capture_output=True, check=False
        )
        if tracked.returncode == 0:
            continue  # tracked, and absent at the base: added by the change
        target = os.path.join(root, rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(path, "rb") as source, open(target, "wb") as handle:
            handle.write(source.read(load.max_file_size + 1))


def base_from_git(ref: str, load: LoadOptions, rules: tuple[str, ...], catalogue: Any) -> dict[str, Any]:
    """The report document of the project as it is at ``ref``."""
    from migrator.api import AnalyzeOptions, analyze
    from migrator.compose.loader import DEFAULT_FILES
    from migrator.diff import empty_document
    from migrator.emit import document

    if "-" in load.files:
        raise MigratorError(
            "--base cannot be combined with a Compose file from standard input", hint="pass the file's path"
        )
    cwd = os.path.abspath(load.cwd or os.getcwd())
    given = [os.path.abspath(os.path.join(cwd, f)) for f in load.files]
    # The repository is the project's: where its directory or first file is, else where we run.
    if load.project_directory:
        anchor = os.path.abspath(os.path.join(cwd, load.project_directory))
    elif given:
        anchor = given[0] if os.path.isdir(given[0]) else os.path.dirname(given[0])
    else:
        anchor = cwd
    top = os.path.realpath(_git(["rev-parse", "--show-toplevel"], anchor).decode().strip())
    try:
        sha = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top)
    except MigratorError:
        raise MigratorError(
            f"unknown revision {ref!r} in {top}",
            hint="fetch it first (actions/checkout with fetch-depth: 0, or git fetch origin BRANCH)",
        ) from None
    sha_text = sha.decode().strip()
    places = [cwd, *(os.path.dirname(p) for p in given)]
    if load.project_directory:
        places.append(os.path.abspath(os.path.join(cwd, load.project_directory)))
    inside = [rel for rel in (_inside(os.path.realpath(p), top) for p in places) if rel is not None]
    scope = "" if load.allow_outside or not inside else os.path.commonpath(inside)
    with tempfile.TemporaryDirectory(prefix="migrator-base-") as tmp:
        root = os.path.join(tmp, os.path.basename(top) or "project")  # same directory name: same project name
        os.makedirs(root)
        _materialize(sha_text, top, "" if scope == "." else scope, root, load.max_file_size)
        _carry_untracked_env(load, cwd, anchor, top, root)
        base_cwd = _map(cwd, cwd, top, root)
        os.makedirs(base_cwd, exist_ok=True)
        files = tuple(_map(f, cwd, top, root) for f in load.files)
        base = replace(
            load,
            cwd=base_cwd,
            files=files,
            project_directory=_map(load.project_directory, cwd, top, root) if load.project_directory else None,
            env_files=tuple(_map(f, cwd, top, root) for f in load.env_files),
        )
        present = (
            all(os.path.exists(f) for f in files)
            if files
            else any(os.path.isfile(os.path.join(base_cwd, f)) for f in DEFAULT_FILES)
        )
        if not present:
            return empty_document()
        analysis = analyze(AnalyzeOptions(load=base, rules=rules), catalogue)
        doc: dict[str, Any] = document.build(analysis)
        return doc


def base_from_report(path: str) -> dict[str, Any]:
    """A JSON report of an earlier run, checked enough to be compared."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise MigratorError(
            f"cannot read {path}: {exc.strerror}", hint="pass the JSON report of an earlier run"
        ) from None
    except UnicodeDecodeError:
        raise MigratorError(
            f"{path}: not a UTF-8 JSON file", hint="pass `migrator analyze --format json` output"
        ) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MigratorError(
            f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}",
            hint="pass `migrator analyze --format json` output",
        ) from None
    hint = "pass `migrator analyze --format json` output"
    if not isinstance(doc, dict) or not isinstance(doc.get("schema_version"), int):
        raise MigratorError(f"{path}: not a migrator JSON report (no schema_version)", hint=hint)
    if doc["schema_version"] != 1:
        raise MigratorError(
            f"{path}: report schema_version {doc['schema_version']} is not supported (this migrator reads 1)",
            hint="create the base report with the same migrator version",
        )
    import jsonschema

    from migrator.resources import schema_path

    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(doc))
    if error is not None:
        where = "/".join(str(part) for part in error.absolute_path) or "the document"
        raise MigratorError(f"{path}: not a migrator JSON report: at {where}: {error.message[:200]}", hint=hint)
    return doc
