"""Run a composite action's steps as the GitHub Actions runner does, for tests.

What it does like the runner: evaluates ``${{ }}`` expressions (contexts ``inputs``, ``github``,
``steps``, ``env``; operators ``||``, ``&&``, ``==``, ``!=``, ``!``; string, number and boolean
literals), the steps' ``if:`` (default ``success()``), ``env:`` and ``working-directory:``, runs
``run:`` with ``bash --noprofile --norc -eo pipefail {0}``, reads ``GITHUB_OUTPUT`` (``name=value``
and ``name<<DELIMITER`` forms) into ``steps.<id>.outputs``, prepends ``GITHUB_PATH`` lines to
``PATH`` for later steps, and skips the remaining steps after a failure.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_TOKEN = re.compile(r"\s*(\|\||&&|==|!=|!|\(|\)|'(?:[^']|'')*'|[A-Za-z_][\w.\-]*(?:\(\))?|-?\d+(?:\.\d+)?)")
_EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.DOTALL)


def _truthy(value: Any) -> bool:
    return value not in (None, "", 0, False)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _Parser:
    def __init__(self, source: str, contexts: dict[str, Any], status: str) -> None:
        self.tokens = [m.group(1) for m in _TOKEN.finditer(source)]
        if "".join(self.tokens) != re.sub(r"\s+", "", source):
            raise ValueError(f"unsupported expression: {source!r}")
        self.pos = 0
        self.contexts = contexts
        self.status = status

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Any:
        value = self.or_()
        if self.peek() is not None:
            raise ValueError(f"trailing tokens in expression: {self.tokens[self.pos :]}")
        return value

    def or_(self) -> Any:
        value = self.and_()
        while self.peek() == "||":
            self.take()
            other = self.and_()
            value = value if _truthy(value) else other
        return value

    def and_(self) -> Any:
        value = self.compare()
        while self.peek() == "&&":
            self.take()
            other = self.compare()
            value = other if _truthy(value) else value
        return value

    def compare(self) -> Any:
        value = self.unary()
        while self.peek() in ("==", "!="):
            op = self.take()
            other = self.unary()
            same = _text(value).lower() == _text(other).lower()
            value = same if op == "==" else not same
        return value

    def unary(self) -> Any:
        if self.peek() == "!":
            self.take()
            return not _truthy(self.unary())
        if self.peek() == "(":
            self.take()
            value = self.or_()
            assert self.take() == ")"
            return value
        return self.atom(self.take())

    def atom(self, token: str) -> Any:
        if token.startswith("'"):
            return token[1:-1].replace("''", "'")
        if token in ("true", "false"):
            return token == "true"
        if re.fullmatch(r"-?\d+(?:\.\d+)?", token):
            return float(token)
        if token.endswith("()"):
            name = token[:-2]
            return {"success": self.status == "success", "failure": self.status == "failure", "always": True}[name]
        value: Any = self.contexts
        for part in token.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value


def evaluate(source: str, contexts: dict[str, Any], status: str = "success") -> Any:
    return _Parser(source, contexts, status).parse()


def substitute(text: str, contexts: dict[str, Any]) -> str:
    return _EXPR.sub(lambda m: _text(evaluate(m.group(1), contexts)), text)


def _outputs(path: Path) -> dict[str, str]:
    outputs: dict[str, str] = {}
    lines = path.read_text().splitlines() if path.exists() else []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            body = []
            i += 1
            while lines[i] != delimiter:
                body.append(lines[i])
                i += 1
            outputs[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        i += 1
    return outputs


@dataclass
class StepResult:
    id: str | None
    name: str
    ran: bool
    code: int = 0
    stdout: str = ""
    stderr: str = ""
    outputs: dict[str, str] = field(default_factory=dict)


@dataclass
class RunResult:
    steps: list[StepResult]
    outputs: dict[str, str]
    failed: bool

    def stdout(self) -> str:
        return "".join(s.stdout for s in self.steps)

    def step(self, name: str) -> StepResult:
        return next(s for s in self.steps if s.name == name)


def run_action(
    action_dir: Path,
    *,
    workspace: Path,
    inputs: dict[str, str],
    github: dict[str, Any],
    env: dict[str, str],
    temp: Path,
    skip: tuple[str, ...] = (),
) -> RunResult:
    """Run the composite action in ``action_dir`` with ``inputs``; ``skip`` names steps not to run."""
    action = yaml.safe_load((action_dir / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    given = {name: spec.get("default", "") for name, spec in (action.get("inputs") or {}).items()}
    unknown = set(inputs) - set(given)
    assert not unknown, f"the action has no inputs {unknown}"
    contexts: dict[str, Any] = {"github": github, "steps": {}, "env": env}
    contexts["inputs"] = {k: substitute(str(v), contexts) for k, v in {**given, **inputs}.items()}
    temp.mkdir(parents=True, exist_ok=True)
    files = {name: temp / name for name in ("output", "path", "summary", "state")}
    for path in files.values():
        path.touch()
    base_env = {
        **env,
        "GITHUB_ACTION_PATH": str(action_dir),
        "GITHUB_OUTPUT": "",
        "GITHUB_PATH": str(files["path"]),
        "GITHUB_STEP_SUMMARY": str(files["summary"]),
        "GITHUB_STATE": str(files["state"]),
        "GITHUB_WORKSPACE": str(workspace),
        "RUNNER_TEMP": str(temp),
        "GITHUB_ACTIONS": "true",
        "CI": "true",
    }
    results: list[StepResult] = []
    status = "success"
    for index, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", f"step {index}")
        condition = str(step.get("if", "success()"))
        condition = condition[3:-2] if condition.startswith("${{") else condition
        if name in skip or not _truthy(evaluate(condition, contexts, status)):
            results.append(StepResult(step.get("id"), name, ran=False))
            continue
        assert step.get("shell") == "bash" and "run" in step, f"{name}: only bash run steps are supported"
        output = temp / f"output-{index}"
        output.write_text("")
        path_lines = [line for line in files["path"].read_text().splitlines() if line]
        step_env = {**base_env, "GITHUB_OUTPUT": str(output)}
        step_env["PATH"] = os.pathsep.join([*reversed(path_lines), base_env.get("PATH", os.defpath)])
        step_env.update({k: substitute(str(v), contexts) for k, v in (step.get("env") or {}).items()})
        script = temp / f"step-{index}.sh"
        script.write_text(substitute(step["run"], contexts))
        cwd = workspace / substitute(step.get("working-directory", "."), contexts)
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=cwd,
            env=step_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        result = StepResult(step.get("id"), name, True, proc.returncode, proc.stdout, proc.stderr, _outputs(output))
        results.append(result)
        if step.get("id"):
            contexts["steps"][step["id"]] = {
                "outputs": result.outputs,
                "outcome": "success" if proc.returncode == 0 else "failure",
            }
        if proc.returncode != 0:
            status = "failure"
    outputs = {k: substitute(str(v["value"]), contexts) for k, v in (action.get("outputs") or {}).items()}
    return RunResult(results, outputs, status == "failure")
