"""Hostile text in every input field never becomes code in the Worker scaffolds.

Each example writes a Compose project whose service names, env names, secret names, aliases,
Traefik rules, hosts, paths, middlewares, labels and cron commands are arbitrary Unicode (line and
paragraph separators, NUL, controls, comment and string closers among them), plans it, and parses
every generated file: TypeScript with the pinned compiler, Python with ``compile()`` and ``ast``,
``.dev.vars.example`` with its line grammar.  The programs' structure (top-level statements, the
CONFIG data) must not depend on the text.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import NODE, NODE_MODULES, run_analysis, strip_jsonc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator import emit
from migrator.emit import scaffold, templating
from migrator.engine import load_catalogue

SPECIALS = [
    "\u2028",
    "\u2029",
    "\x00",
    "\n",
    "\r",
    "\x85",
    "\ufeff",
    "\x1b[31m",
    "*/",
    "/*",
    "//",
    "</script>",
    "`",
    "${",
    "'",
    '"',
    '"""',
    "\\",
    "#",
    "=",
    "__proto__",
    "\u2028globalThis.pwned = 1; //",
    "'); import os; os.system('x'); ('",
]
piece = st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=6), st.sampled_from(SPECIALS))
hostile = st.lists(piece, min_size=1, max_size=4).map("".join)

TS_STATEMENTS = re.compile(
    r"(ImportDeclaration (cloudflare:workers|cloudflare:sockets|@cloudflare/containers)"
    r"|ExportDeclaration|InterfaceDeclaration Env"
    r"|TypeAliasDeclaration (Matcher|Job|BindingInfo|ContainerEnv|Check|Config)"
    r"|VariableStatement (CONFIG|CHECK_PATH|encoder|regexCache)"
    r"|FunctionDeclaration (regex|clientIpIn|matches|binding|callService|sameSecret|problem|withTimeout"
    r"|probeDatabase|checkBinding|smokeCheck|handle|runJob|containerEnv|outboundHandlers)"
    r"|ExportAssignment|ClassDeclaration [A-Za-z0-9]+)"
)
PY_NAMES = {"CONFIG", "CHECK_PATH", "_REGEXES"}
PY_FUNCTIONS = {"_js", "_regex", "_search", "_client_ip_in", "_matches", "_same_secret", "_json"}
DEV_VARS_LINE = re.compile(r"(#[\x20-\x7e]*|[A-Za-z_][A-Za-z0-9_]*=|)")
SECRET_VALUE = "Zk3u9PqLw8Xv2Rt5Ym7Nc4Bd6Hf1Jg0Ks"


class TypeScriptParser:
    """One Node process running the pinned TypeScript compiler over many files."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [str(NODE), str(Path(__file__).parent / "ts_structure.cjs"), str(NODE_MODULES / "typescript")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def parse(self, path: Path) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps({"path": str(path)}) + "\n")
        self.proc.stdin.flush()
        answer: dict[str, Any] = json.loads(self.proc.stdout.readline())
        return answer

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="module")
def typescript() -> Iterator[TypeScriptParser]:
    if not NODE.exists() or not (NODE_MODULES / "typescript").exists():
        pytest.skip("Node 22 and TypeScript are not installed here (run `npm ci`)")
    parser = TypeScriptParser()
    yield parser
    parser.close()


def compose(fields: dict[str, str]) -> dict[str, Any]:
    """A project with hostile text in every field that reaches a scaffold (``$$`` is Compose's ``$``)."""
    f = {key: value.replace("$", "$$") for key, value in fields.items()}
    env = {f["env"]: f["value"], f["secret"] + "_PASSWORD": SECRET_VALUE, "API_URL": "http://api:8080"}
    return {
        "services": {
            f["service"]: {
                "image": "node:20",
                "environment": env,
                "networks": {"default": {"aliases": [f["alias"]]}},
                "labels": {
                    "traefik.enable": "true",
                    f"traefik.http.routers.{f['router']}.rule": f"Host(`{f['host']}`) && PathPrefix(`{f['path']}`)",
                    f"traefik.http.routers.{f['router']}.middlewares": "strip",
                    "traefik.http.middlewares.strip.stripprefix.prefixes": f["path"],
                    "traefik.http.routers.raw.rule": f["rule"],
                    f["label"]: f["value"],
                },
            },
            "api": {
                "image": "node:20",
                "environment": {f["env"]: f["value"], "REDIS_URL": "redis://cache:6379"},
                "labels": {"traefik.enable": "true", "traefik.http.routers.api.rule": "Host(`api.example.com`)"},
            },
            "cache": {"image": "redis:7"},
            "py": {
                "image": "python:3.12-slim",
                "command": ["gunicorn", "app:app"],
                "environment": {
                    f["env"]: f["value"],
                    f["secret"] + "_TOKEN": SECRET_VALUE,
                    "API_URL": "http://api:8080",
                },
            },
            "cron": {
                "image": "mcuadros/ofelia:latest",
                "labels": {
                    "ofelia.job-local.a.schedule": "0 3 * * 1-5",
                    "ofelia.job-local.a.command": f["command"],
                    "ofelia.job-local.b.schedule": "*/15 * * * *",
                    "ofelia.job-local.b.command": f"wget -qO- http://api:8080/{f['path']}",
                    "ofelia.job-local.c.schedule": "@hourly",
                    "ofelia.job-local.c.command": f"curl -fsS https://{f['host']}/x",
                },
                "depends_on": ["api"],
            },
        }
    }


FIELDS = (
    "service",
    "env",
    "value",
    "secret",
    "alias",
    "router",
    "host",
    "path",
    "rule",
    "label",
    "command",
)


def check_typescript(path: Path, text: str, expected: dict[str, Any], parse: Callable[[Path], dict[str, Any]]) -> None:
    assert re.fullmatch(r"[\x20-\x7e\n]*", text), "the scaffold holds characters other than printable ASCII"
    answer = parse(path)
    assert answer["error"] is None, answer["error"]
    assert answer["diagnostics"] == [], answer["diagnostics"]
    for statement in answer["statements"]:
        assert TS_STATEMENTS.fullmatch(statement), statement
    assert answer["statements"].count("ExportAssignment") == 1
    config = answer["config"]
    assert config is not None
    assert set(config) == set(expected)
    for key in ("routes", "crons", "bindings", "hosts", "ratelimits", "queues"):
        assert len(config[key]) == len(expected[key]), key
    assert config["worker"] == expected["worker"]


def check_python(path: str, text: str, expected: dict[str, Any]) -> None:
    assert re.fullmatch(r"[\x20-\x7e\n]*", text), "the scaffold holds characters other than printable ASCII"
    compile(text, path, "exec")
    tree = ast.parse(text)
    config: dict[str, Any] | None = None
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue
        if isinstance(node, ast.Assign):
            (target,) = node.targets
            assert isinstance(target, ast.Name) and target.id in PY_NAMES, ast.dump(target)
            if target.id == "CONFIG":
                config = ast.literal_eval(node.value)
            continue
        if isinstance(node, ast.FunctionDef):
            assert node.name in PY_FUNCTIONS, node.name
            continue
        assert isinstance(node, ast.ClassDef) and node.name == "Default", ast.dump(node)[:200]
    assert config is not None
    for key in ("routes", "crons", "bindings", "hosts"):
        assert len(config[key]) == len(expected[key]), key


def check_dev_vars(text: str, secrets: int) -> None:
    lines = text.split("\n")
    assert lines[-1] == ""
    for line in lines[:-1]:
        assert DEV_VARS_LINE.fullmatch(line), repr(line)
    written = [line for line in lines if line.endswith("=") and not line.startswith("#")]
    unwritable = [line for line in lines if line.startswith("# (a secret whose name")]
    assert len(written) + len(unwritable) == secrets


@pytest.mark.wrangler
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(fields=st.fixed_dictionaries({name: hostile for name in FIELDS}))
def test_hostile_text_never_becomes_code(fields: dict[str, str], typescript: TypeScriptParser) -> None:
    catalogue = load_catalogue()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "compose.yaml").write_text(yaml.safe_dump(compose(fields), allow_unicode=False))
        analysis = run_analysis(root / "compose.yaml")
        out = root / "plan"
        files = emit.out_files(analysis, catalogue, str(out))
        workers = {w.name: w for w in analysis.plan.workers}
        assert workers
        languages = set()
        for worker in workers.values():
            expected = scaffold.config(worker, analysis)
            languages.add(worker.language)
            if worker.language == "python":
                path = f"{worker.name}/src/entry.py"
                check_python(path, files[path], expected)
            else:
                path = f"{worker.name}/src/index.ts"
                target = out / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(files[path])
                check_typescript(target, files[path], expected, typescript.parse)
            check_dev_vars(files[f"{worker.name}/.dev.vars.example"], len({*worker.secrets, scaffold.CHECK_TOKEN}))
            wrangler = json.loads(strip_jsonc(files[f"{worker.name}/wrangler.jsonc"]))
            assert (wrangler["name"], wrangler["main"]) == (worker.name, worker.main)
            assert len(wrangler.get("triggers", {}).get("crons", [])) == len(worker.crons)
        assert languages == {"python", "typescript"}


@pytest.mark.parametrize("text", [*SPECIALS, "plain", "\x7f", "\U0001f600", "\ud800"])
def test_literals_are_printable_ascii_and_read_back(text: str) -> None:
    js = templating.js_literal({"k": [text]})
    assert re.fullmatch(r"[\x20-\x7e]*", js)
    assert "</" not in js and "<!--" not in js
    assert json.loads(js) == {"k": [text]}
    py = templating.py_literal({"k": [text]})
    assert re.fullmatch(r"[\x20-\x7e]*", py)
    assert ast.literal_eval(py) == {"k": [text]}
    assert re.fullmatch(r"[\x20-\x7e]*", templating.comment(text))


def test_identifiers_are_checked() -> None:
    assert templating.ident("API_CONTAINER") == "API_CONTAINER"
    with pytest.raises(ValueError, match="not an identifier"):
        templating.ident("A\u2028B")
