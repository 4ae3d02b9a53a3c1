"""The plan runs: every Worker that `--out` writes boots under the pinned `wrangler dev` (Node 22),
offline, alone and all together in one session; its routes answer, its `/__migrator/check` reports
no error, each cron reaches the service the cron job called, and a queue message reaches the
consumer.  What was requested and what came back is printed (`pytest -s`)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from conftest import NODE, NODE_MODULES, WRANGLER, copy_project, run_analysis

from migrator import emit
from migrator.emit import scaffold
from migrator.engine import load_catalogue
from migrator.model import Analysis, Worker

TOKEN = "local-check-token"
PLANS = ("shop", "jobs")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Session:
    """One `wrangler dev` session over one or more Workers; its process group dies with it."""

    def __init__(self, plan: Path, workers: list[str], tmp: Path, *, wait: bool = True) -> None:
        self.port = free_port()
        self.log_path = tmp / f"dev-{'-'.join(workers)}-{self.port}.log"
        args = [str(NODE), str(WRANGLER), "dev"]
        for name in workers:
            args += ["-c", f"{name}/wrangler.jsonc"]
        args += ["--ip", "127.0.0.1", "--port", str(self.port), "--inspector-port", "0", "--test-scheduled"]
        env = {
            "PATH": f"{NODE.parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
            "HOME": str(tmp / "home"),
            "WRANGLER_SEND_METRICS": "false",
            "CI": "true",
            "CLOUDFLARE_CF_FETCH_ENABLED": "false",
            "XDG_CONFIG_HOME": str(tmp / "home" / "xdg"),
            "TMPDIR": str(tmp),
            "NO_COLOR": "1",
            "MIGRATOR_CHECK_TOKEN": TOKEN,  # a required secret of every Worker: read from the environment
        }
        (tmp / "home").mkdir(exist_ok=True)
        self.log_file = self.log_path.open("w")
        self.proc = subprocess.Popen(
            args, cwd=plan, env=env, stdout=self.log_file, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.workers = workers
        if wait:
            self.wait_ready()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 150
        while "Ready on" not in self.log():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.close()
                pytest.fail(f"wrangler dev {self.workers} did not start:\n{self.log()[-4000:]}")
            time.sleep(0.3)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                return answer.status, answer.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def check(self) -> dict[str, Any]:
        status, body = self.get(scaffold.CHECK_PATH, {"x-migrator-check": TOKEN})
        assert status == 200, body
        report: dict[str, Any] = json.loads(body)
        return report

    def wait_for(self, pattern: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = re.search(pattern, self.log())
            if found:
                return found.group(0)
            time.sleep(0.3)
        pytest.fail(f"never logged {pattern!r}:\n{self.log()[-4000:]}")

    def close(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=15)
        self.log_file.close()


def write_plan(name: str, tmp: Path) -> tuple[Path, Analysis]:
    compose = copy_project(name, tmp)
    analysis = run_analysis(compose)
    out = compose.parent / "plan"
    for rel, text in emit.out_files(analysis, load_catalogue(), str(out)).items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    (out / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)  # what `npm install` gives
    return out, analysis


def route_paths(worker: Worker) -> list[str]:
    """A request path per route: `wrangler dev` gives every request the first route's host."""
    paths: list[str] = []
    for route in worker.routes:
        path = route.pattern.partition("/")[2]
        path = "/" + path.rstrip("*") if path else "/"
        if path not in paths:
            paths.append(path)
    return paths


def assert_no_error(report: dict[str, Any], worker: Worker) -> None:
    assert report["worker"] == worker.name
    assert sorted(report["bindings"]) == sorted(b.binding for b in worker.bindings)
    errors = {name: check for name, check in report["bindings"].items() if check["status"] == "error"}
    assert not errors, errors
    assert all(check["status"] in ("ok", "skipped") for check in report["bindings"].values())


def show(worker: str, request: str, status: int, body: str) -> None:
    print(f"{worker}: {request} -> {status} {body[:300]}")


@pytest.fixture(scope="module")
def toolchain() -> None:
    if not NODE.exists() or not WRANGLER.exists() or not (NODE_MODULES / "@cloudflare" / "containers").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("wrangler, Node 22 or @cloudflare/containers is missing in CI: .ci/run must install them")
        pytest.skip("wrangler with Node 22 is not installed here (run `npm ci`)")


@pytest.mark.wrangler
@pytest.mark.slow
@pytest.mark.parametrize("name", PLANS)
def test_every_worker_boots_alone_and_answers(name: str, tmp_path: Path, toolchain: None) -> None:
    plan, analysis = write_plan(name, tmp_path)
    assert all(w.language == "typescript" for w in analysis.plan.workers), "Python Workers need a download"
    # Every Worker in a session of its own, all started at once; separate homes keep wrangler's dev
    # registry from connecting them, so each runs alone.
    sessions = {}
    try:
        for worker in analysis.plan.workers:
            home = tmp_path / worker.name
            home.mkdir()
            sessions[worker.name] = Session(plan, [worker.name], home, wait=False)
        for session in sessions.values():
            session.wait_ready()
        for worker in analysis.plan.workers:
            session = sessions[worker.name]
            for path in route_paths(worker):
                status, body = session.get(path)
                show(worker.name, f"GET {path}", status, body)
                if worker.container:
                    assert status == 503 and "container is not available" in body, body
                else:
                    assert status == 501 and body.startswith("Not implemented yet: /"), body
            if worker.routes and all(r.pattern.partition("/")[2] not in ("", "*") for r in worker.routes):
                status, body = session.get("/no/route/matches/this")
                show(worker.name, "GET /no/route/matches/this", status, body)
                assert status == 404, "public requests outside the proxy's routes are not found"
            for headers in ({}, {"x-migrator-check": "wrong"}):
                status, body = session.get(scaffold.CHECK_PATH, headers)
                assert (status, body) == (404, "Not Found"), "the check answers only with the token"
            report = session.check()
            show(worker.name, f"GET {scaffold.CHECK_PATH} (token)", 200, json.dumps(report))
            assert_no_error(report, worker)
            assert "Uncaught" not in session.log(), session.log()[-4000:]  # a 503 is an answer, not a crash
    finally:
        for session in sessions.values():
            session.close()


@pytest.mark.wrangler
@pytest.mark.slow
@pytest.mark.parametrize("name", PLANS)
def test_all_workers_run_together_as_the_compose_stack_did(name: str, tmp_path: Path, toolchain: None) -> None:
    plan, analysis = write_plan(name, tmp_path)
    workers = {w.name: w for w in analysis.plan.workers}
    # The first Worker takes the HTTP port: the one with the crons, which reaches the others.
    order = sorted(workers, key=lambda n: (not workers[n].crons, n))
    session = Session(plan, order, tmp_path)
    try:
        primary = workers[order[0]]
        report = session.check()
        show(primary.name, f"GET {scaffold.CHECK_PATH} (token, all Workers running)", 200, json.dumps(report))
        assert_no_error(report, primary)
        for binding in primary.bindings:
            if binding.type == "service":
                assert report["bindings"][binding.binding]["status"] == "ok", "the target runs in this session"
        for consumer in (w for w in workers.values() if w.queue_consumers):
            session.wait_for(rf"\[{consumer.name}\] .*queue \S+ received the check message of \S+")
        owners = {host: w for w in workers.values() for s in w.services for host in scaffold.service_hosts(analysis, s)}
        for cron in scaffold.config(primary, analysis)["crons"]:
            status, body = session.get("/__scheduled?cron=" + urllib.request.quote(cron["schedule"]))
            show(primary.name, f"GET /__scheduled?cron={cron['schedule']}", status, body)
            job = cron["job"]
            if job["kind"] == "service":
                url = urllib.parse.urlsplit(job["url"])
                target = owners[(url.hostname or "").lower()]
                line = session.wait_for(rf"\[{target.name}\] .*internal {job['method']} {re.escape(url.path)}")
                print(f"  {target.name} received it: {line}")
                session.wait_for(rf"cron {job['method']} {re.escape(job['url'])} -> \d+")
            elif job["kind"] == "todo":
                session.wait_for(r"TODO port the cron job by hand: " + re.escape(json.dumps(job["command"])))
            assert status in (200, 500), body
            if status == 500:  # a job whose target answered 5xx: only a Container that cannot run here
                target = owners[(urllib.parse.urlsplit(job["url"]).hostname or "").lower()]
                assert target.container, body
    finally:
        session.close()


@pytest.mark.wrangler
@pytest.mark.slow
def test_every_scaffold_type_checks(tmp_path: Path, toolchain: None, wrangler: Any) -> None:
    """`tsc --strict` over the TypeScript scaffolds of every example and fixture, with the runtime
    types that the pinned wrangler generates (what `npm run typecheck` in a plan does)."""
    from conftest import EXAMPLE_PROJECTS, FIXTURE_PROJECTS

    configs = []
    for name in EXAMPLE_PROJECTS + FIXTURE_PROJECTS:
        plan, analysis = write_plan(name, tmp_path)
        configs += [plan / w.name / "wrangler.jsonc" for w in analysis.plan.workers if w.language == "typescript"]
    proc = wrangler(
        [
            "types",
            "-c",
            str(configs[0]),
            "--include-env=false",
            "--include-main-module=false",
            "worker-configuration.d.ts",
        ],
        tmp_path,
        tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    options = {
        "target": "es2024",
        "lib": ["es2024"],
        "module": "es2022",
        "moduleResolution": "bundler",
        "types": [],
        "strict": True,
        "noEmit": True,
        "isolatedModules": True,
        "skipLibCheck": True,
    }
    (tmp_path / "tsconfig.json").write_text(
        json.dumps({"compilerOptions": options, "include": ["worker-configuration.d.ts", "*/plan/*/src/**/*.ts"]})
    )
    tsc = subprocess.run(
        [str(NODE), str(NODE_MODULES / "typescript" / "bin" / "tsc"), "-p", "tsconfig.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert tsc.returncode == 0, tsc.stdout[-4000:]
    assert len(configs) > 10
