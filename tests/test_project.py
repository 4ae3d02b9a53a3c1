"""The plan as a project: pinned tools, local connection strings, deploy order, the scripts, and
`wrangler dev` booting what `--out` writes with no edit and no login."""

from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest
from conftest import NODE, NODE_MODULES, ROOT, copy_project, project_file, run_analysis, strip_jsonc

from migrator import emit
from migrator.emit import project, wrangler


def write_plan(compose: Path, catalogue: Any) -> Path:
    out = compose.parent / "plan"
    for rel, text in emit.out_files(run_analysis(compose), catalogue, str(out)).items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    (out / "node_modules").symlink_to(NODE_MODULES)
    return out


def node_env(tmp: Path) -> dict[str, str]:
    return {
        "PATH": f"{NODE.parent}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(tmp),
        "WRANGLER_SEND_METRICS": "false",
        "CI": "true",
        "CLOUDFLARE_CF_FETCH_ENABLED": "false",
        "XDG_CONFIG_HOME": str(tmp / "xdg"),
        "TMPDIR": str(tmp),
        "NO_COLOR": "1",
    }


@pytest.fixture(scope="session")
def node() -> Path:
    if not NODE.exists() or not (NODE_MODULES / "wrangler").exists():
        pytest.skip("wrangler with Node 22 is not installed here (run `npm ci` in the project root)")
    return NODE


def test_the_plan_pins_the_tools_the_checks_run() -> None:
    ours = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    assert ours["wrangler"] == project.WRANGLER_VERSION
    assert ours["@cloudflare/containers"] == project.CONTAINERS_VERSION
    assert ours["typescript"] == project.TYPESCRIPT_VERSION


def test_engines_node_is_what_the_pinned_wrangler_requires(node: Path) -> None:
    wrangler_package = json.loads((NODE_MODULES / "wrangler" / "package.json").read_text())
    assert wrangler_package["version"] == project.WRANGLER_VERSION
    assert wrangler_package["engines"]["node"] == project.NODE_ENGINE


def test_the_shop_plan_is_a_project(catalogue: Any) -> None:
    files = emit.out_files(run_analysis(project_file("shop")), catalogue, "/plan")
    package = json.loads(files["package.json"])
    assert package["engines"] == {"node": ">=22.12.0"}
    assert package["devDependencies"]["wrangler"] == "4.164.0"
    assert "dependencies" not in package  # no Container, no @cloudflare/containers
    # The Worker that serves the whole host answers on localhost; the others follow in deploy order.
    assert package["scripts"]["dev"] == (
        "wrangler dev -c shop-frontend/wrangler.jsonc -c shop-api/wrangler.jsonc"
        " -c shop-consumer/wrangler.jsonc -c shop-cron/wrangler.jsonc"
    )
    order = [w["name"] for w in json.loads(files["workers.json"])["workers"]]
    assert order.index("shop-api") < order.index("shop-frontend")
    assert order.index("shop-api") < order.index("shop-cron")
    assert files[".gitignore"].splitlines()[1:] == [".wrangler/", ".dev.vars", ".env", ".secrets", "node_modules/"]
    assert json.loads(files["tsconfig.json"])["include"] == ["worker-configuration.d.ts", "*/src/**/*.ts"]
    readme = files["README.md"]
    for command in (
        'npx wrangler hyperdrive create shop-db --connection-string="postgres://shop:PASSWORD@DB_HOST:5432/shop"',
        "npx wrangler queues create shop-rabbitmq",
        "npx wrangler queues create shop-rabbitmq-dlq",
        "npx wrangler r2 bucket create shop-minio",
        "npx wrangler kv namespace create shop-cache",
        "npx wrangler secret put S3_SECRET_KEY -c shop-api/wrangler.jsonc",
        "npm install",
        "cd shop-api && npx wrangler dev",
    ):
        assert command in readme, command
    assert "devpassword" not in "".join(files.values())


def test_a_container_plan_depends_on_the_containers_package(catalogue: Any) -> None:
    files = emit.out_files(run_analysis(project_file("nginx-proxy")), catalogue, "/plan")
    assert json.loads(files["package.json"])["dependencies"] == {"@cloudflare/containers": "0.3.7"}
    config = json.loads(strip_jsonc(files["nginx-proxy-legacy/wrangler.jsonc"]))
    assert config["dev"] == {"enable_containers": False}
    assert config["containers"][0]["image"] == "./container/Dockerfile"
    assert files["nginx-proxy-legacy/container/Dockerfile"].splitlines()[-1] == "FROM docker.io/library/tomcat:10"


def _hyperdrive(tmp_path: Path, compose: str) -> str:
    (tmp_path / "compose.yaml").write_text(compose)
    analysis = run_analysis(tmp_path / "compose.yaml")
    (worker,) = [w for w in analysis.plan.workers if any(b.type == "hyperdrive" for b in w.bindings)]
    text = wrangler.render_worker_files(worker, analysis)["wrangler.jsonc"]
    (entry,) = json.loads(strip_jsonc(text))["hyperdrive"]
    return str(entry["localConnectionString"])


APP = """
  app:
    image: node:22
    environment:
      DATABASE_URL: {url}
"""


@pytest.mark.parametrize(
    ("db", "url", "expected"),
    [
        (  # the official image's defaults: user postgres, database named after the user
            "  db:\n    image: postgres:16\n",
            "postgres://x@db/x",
            "postgres://postgres:password@localhost:5432/postgres",
        ),
        (  # the published port on localhost, the user and database from the environment
            "  db:\n    image: postgres:16\n    ports: ['15432:5432']\n"
            "    environment: {POSTGRES_USER: app, POSTGRES_DB: orders}\n",
            "postgres://app@db/orders",
            "postgres://app:password@localhost:15432/orders",
        ),
        (
            "  db:\n    image: mariadb:11\n    environment: {MARIADB_USER: shop, MARIADB_DATABASE: store}\n",
            "mysql://shop@db/store",
            "mysql://shop:password@localhost:3306/store",
        ),
        (  # the project's password is 'password': the placeholder must be something else
            "  db:\n    image: postgres:16\n    environment: {POSTGRES_USER: app, POSTGRES_PASSWORD: password}\n",
            "postgres://app:password@db/app",
            "postgres://app:localdev@localhost:5432/app",
        ),
    ],
)
def test_local_connection_strings_come_from_the_compose_database(
    tmp_path: Path, db: str, url: str, expected: str
) -> None:
    assert _hyperdrive(tmp_path, "services:\n" + db + APP.format(url=url)) == expected


def test_the_runbook_never_turns_untrusted_names_into_commands(tmp_path: Path, catalogue: Any) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  app:\n    image: node:22\n    environment:\n"
        '      "X$(touch pwned)_SECRET": CANARY-name-1234567\n      API_TOKEN: CANARY-token-7654321\n'
    )
    files = emit.out_files(run_analysis(tmp_path / "compose.yaml"), catalogue, str(tmp_path / "plan"))
    readme = files["README.md"]
    assert "npx wrangler secret put API_TOKEN -c" in readme
    assert "secret put X$(touch" not in readme
    assert "CANARY" not in "".join(files.values())


# --- wrangler and Node on what --out writes -----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def boot(cwd: Path, args: list[str], tmp: Path, timeout: float = 120) -> str:
    """Start `wrangler dev ARGS` in CWD, wait for "Ready on", stop it; the output so far."""
    log = tmp / f"dev-{time.monotonic_ns()}.log"
    command = [
        str(NODE),
        str(NODE_MODULES / "wrangler" / "bin" / "wrangler.js"),
        "dev",
        *args,
        "--ip",
        "127.0.0.1",
        "--port",
        str(_free_port()),
        "--inspector-port",
        str(_free_port()),
    ]
    with log.open("w") as sink:
        proc = subprocess.Popen(command, cwd=cwd, env=node_env(tmp), stdout=sink, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and proc.poll() is None:
                if "Ready on" in log.read_text():
                    break
                time.sleep(0.5)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return log.read_text()


@pytest.mark.wrangler
@pytest.mark.slow
def test_the_shop_hyperdrive_worker_boots_alone_with_no_edit(tmp_path: Path, node: Path, catalogue: Any) -> None:
    out = write_plan(copy_project("shop", tmp_path), catalogue)
    output = boot(out / "shop-api", [], tmp_path)
    assert "Ready on" in output, output[-3000:]
    assert "Hyperdrive Config" in output


@pytest.mark.wrangler
@pytest.mark.slow
def test_a_container_worker_boots_without_docker_or_a_login(tmp_path: Path, node: Path, catalogue: Any) -> None:
    out = write_plan(copy_project("nginx-proxy", tmp_path), catalogue)
    output = boot(out / "nginx-proxy-legacy", [], tmp_path)
    assert "Ready on" in output, output[-3000:]
    assert "Not logged in" not in output


@pytest.mark.wrangler
@pytest.mark.slow
def test_npm_run_dev_starts_the_whole_shop_in_one_session(tmp_path: Path, node: Path, catalogue: Any) -> None:
    out = write_plan(copy_project("shop", tmp_path), catalogue)
    script = json.loads((out / "package.json").read_text())["scripts"]["dev"]
    args = script.split()[2:]  # "wrangler dev -c ... -c ..."
    output = boot(out, args, tmp_path)
    assert "Ready on" in output, output[-3000:]
    assert "env.API (shop-api)" in output and "[connected]" in output


@pytest.mark.wrangler
@pytest.mark.slow
def test_the_deploy_script_dry_runs_every_worker_in_order(tmp_path: Path, node: Path, catalogue: Any) -> None:
    out = write_plan(copy_project("shop", tmp_path), catalogue)
    proc = subprocess.run(
        [str(NODE), "scripts/deploy.mjs", "--dry-run", "--containers-rollout=none"],
        cwd=out,
        env=node_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    planned = [w["name"] for w in json.loads((out / "workers.json").read_text())["workers"]]
    deployed = [line.split(": ", 1)[1] for line in proc.stdout.splitlines() if line.startswith("== wave")]
    assert deployed == planned
    assert proc.stdout.count("--dry-run: exiting now.") == len(planned)


@pytest.mark.wrangler
@pytest.mark.slow
def test_the_plan_typechecks_with_the_generated_runtime_types(tmp_path: Path, node: Path, catalogue: Any) -> None:
    out = write_plan(copy_project("shop", tmp_path), catalogue)
    scripts = json.loads((out / "package.json").read_text())["scripts"]
    types = scripts["types"].split()[1:]  # "wrangler types ..."
    env = node_env(tmp_path)
    wrangler_js = str(NODE_MODULES / "wrangler" / "bin" / "wrangler.js")
    proc = subprocess.run([str(NODE), wrangler_js, *types], cwd=out, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    tsc = str(NODE_MODULES / "typescript" / "bin" / "tsc")
    proc = subprocess.run([str(NODE), tsc, "-p", "tsconfig.json"], cwd=out, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:]


class _Worker(http.server.BaseHTTPRequestHandler):
    """Stands in for deployed Workers: answers the check by path, only with the right token."""

    answers: ClassVar[dict[str, dict[str, Any]]] = {}

    def do_GET(self) -> None:
        body = self.answers.get(self.path)
        if body is None or self.headers.get("x-migrator-check") != "t0ken":
            self.send_response(404)
            self.end_headers()
            return
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def fake_workers() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Worker)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.wrangler
def test_the_check_script_fails_on_any_binding_error(
    tmp_path: Path, node: Path, catalogue: Any, fake_workers: str
) -> None:
    out = write_plan(copy_project("shop", tmp_path), catalogue)
    env = node_env(tmp_path) | {
        "MIGRATOR_CHECK_TOKEN": "t0ken",
        "MIGRATOR_CHECK_URL_SHOP_API": f"{fake_workers}/api",
        "MIGRATOR_CHECK_URL_SHOP_FRONTEND": f"{fake_workers}/frontend",
    }

    def check(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(NODE), "scripts/check.mjs", *args], cwd=out, env=env | extra, capture_output=True, text=True
        )

    ok = {"status": "ok", "detail": "put, get, delete"}
    _Worker.answers = {
        "/api": {"worker": "shop-api", "bindings": {"REDIS": ok, "DATABASE": {"status": "skipped", "detail": "x"}}},
        "/frontend": {"worker": "shop-frontend", "bindings": {"API": ok}},
    }
    proc = check("shop-api", "shop-frontend")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "  REDIS: ok - put, get, delete" in proc.stdout
    proc = check()  # consumer and cron have no route: skipped without WORKERS_DEV_SUBDOMAIN
    assert proc.returncode == 0 and "shop-cron: skipped" in proc.stdout
    _Worker.answers["/api"]["bindings"]["S3"] = {"status": "error", "detail": "bucket missing"}
    proc = check("shop-api")
    assert proc.returncode == 1 and "  S3: error - bucket missing" in proc.stdout
    proc = check("shop-frontend", MIGRATOR_CHECK_TOKEN="wrong")  # the Worker hides the path: 404
    assert proc.returncode == 1 and "answered 404" in proc.stdout
    proc = check(MIGRATOR_CHECK_TOKEN="")
    assert proc.returncode == 2 and "MIGRATOR_CHECK_TOKEN" in proc.stderr


@pytest.mark.parametrize("name", ["shop", "secrets-canary"])
def test_the_json_report_is_the_same_with_and_without_out(name: str, catalogue: Any) -> None:
    analysis = run_analysis(project_file(name))
    alone = emit.render_json(analysis)  # encoded from the analysis
    files = emit.out_files(analysis, catalogue, "/plan")
    assert files["report.json"] == alone
    assert emit.render_json(analysis) == alone  # now the copy that --out wrote


def test_workers_that_bind_each_other_are_all_deployed_and_the_runbook_says_how(tmp_path: Path, catalogue: Any) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n"
        "  a:\n    build: ./a\n    environment: {B_URL: 'http://b:3000'}\n"
        "  b:\n    build: ./b\n    environment: {A_URL: 'http://a:3000'}\n"
        "  c:\n    build: ./c\n    environment: {A_URL: 'http://a:3000'}\n"
    )
    for name in "abc":
        (tmp_path / name).mkdir()
        (tmp_path / name / "package.json").write_text('{"dependencies": {"express": "4"}}')
        (tmp_path / name / "Dockerfile").write_text("FROM node:22\n")
    analysis = run_analysis(tmp_path / "compose.yaml")
    order = [d.worker.name for d in project.deploy_order(analysis)]
    assert sorted(order) == sorted(w.name for w in analysis.plan.workers)
    of = {w.services[0]: w.name for w in analysis.plan.workers}
    assert analysis.plan.cycles and order.index(of["a"]) < order.index(of["c"])
    readme = emit.out_files(analysis, catalogue, str(tmp_path / "plan"))["README.md"]
    assert "deploy one of their Workers first without the service binding" in readme
