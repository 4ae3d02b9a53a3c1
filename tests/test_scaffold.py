"""The data of the Worker scaffolds: cron jobs, Compose hostnames, a Container's environment."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import project_file, run_analysis

from migrator.emit import scaffold

HOSTS = {"api": "API", "reporting": "REPORTS"}


@pytest.mark.parametrize(
    ("command", "job"),
    [
        (
            "wget -qO- http://api:8080/tasks/cleanup",
            {"kind": "service", "binding": "API", "method": "GET", "url": "http://api:8080/tasks/cleanup"},
        ),
        (
            "curl -fsS -X POST http://reporting:8080/rebuild > /dev/null 2>&1",
            {"kind": "service", "binding": "REPORTS", "method": "POST", "url": "http://reporting:8080/rebuild"},
        ),
        (
            "/usr/bin/curl --silent https://hooks.example.com/ping",
            {"kind": "fetch", "method": "GET", "url": "https://hooks.example.com/ping"},
        ),
        (
            "wget -q -O /dev/null -T 30 https://example.com/x",
            {"kind": "fetch", "method": "GET", "url": "https://example.com/x"},
        ),
        ("python manage.py clearsessions", {"kind": "todo", "command": "python manage.py clearsessions"}),
        ("wget http://api/x && rm -rf /tmp/*", {"kind": "todo", "command": "wget http://api/x && rm -rf /tmp/*"}),
        ("curl 'http://api/unclosed", {"kind": "todo", "command": "curl 'http://api/unclosed"}),
        (
            "curl http://a.example.com http://b.example.com",
            {"kind": "todo", "command": "curl http://a.example.com http://b.example.com"},
        ),
        (
            "wget http://db:5432/",
            {"kind": "todo", "command": "wget http://db:5432/", "note": "the host is not a Worker of this plan"},
        ),
        ("curl -X 'DROP TABLE' http://api/x", {"kind": "todo", "command": "curl -X 'DROP TABLE' http://api/x"}),
    ],
)
def test_cron_commands_become_jobs(command: str, job: dict[str, str]) -> None:
    assert scaffold.cron_action(command, HOSTS) == job


def test_options_the_job_drops_are_noted_without_their_values() -> None:
    job = scaffold.cron_action("curl -H 'Authorization: Bearer abc' https://example.com/x", HOSTS)
    assert job["kind"] == "fetch"
    assert "abc" not in job["note"]


def test_service_bindings_answer_to_every_compose_name_of_the_target() -> None:
    analysis = run_analysis(project_file("jobs"))
    assert scaffold.service_hosts(analysis, "reports") == ["reports", "reporting"]
    scheduler = next(w for w in analysis.plan.workers if w.name == "jobs-scheduler")
    config = scaffold.config(scheduler, analysis)
    jobs = [cron["job"] for cron in config["crons"]]
    assert [job["kind"] for job in jobs] == ["service", "service", "todo"]
    assert jobs[1] == {"kind": "service", "binding": "REPORTS", "method": "GET", "url": "http://reporting:8080/rebuild"}
    assert [(c["original"], c["schedule"]) for c in config["crons"]][1] == ("0 6 * * 1", "0 6 * * 2")


def test_a_container_gets_its_compose_environment() -> None:
    analysis = run_analysis(project_file("jobs"))
    reports = next(w for w in analysis.plan.workers if w.name == "jobs-reports")
    container = scaffold.config(reports, analysis)["container"]
    assert container["port"] == 8080
    assert {"name": "REPORT_TITLE", "value": "Weekly applications"} in container["env"]
    assert {"name": "WEB_URL", "value": "http://web:3000"} in container["env"]  # served by outboundByHost
    web = next(b for b in scaffold.config(reports, analysis)["bindings"] if b["type"] == "service")
    assert web["hosts"] == ["web"]


def test_internal_hosts_and_public_routes_of_the_shop_api() -> None:
    analysis = run_analysis(project_file("shop"))
    api = next(w for w in analysis.plan.workers if w.name == "shop-api")
    config = scaffold.config(api, analysis)
    assert config["hosts"] == ["api"]
    assert config["ratelimits"] == ["API_RATELIMIT_LIMITER"]
    (route,) = config["routes"]
    assert route["strip"] == "/api"


PY_PROJECT = """
services:
  app:
    image: python:3.12-slim
    command: ["gunicorn", "app:app"]
    environment:
      REDIS_URL: redis://cache:6379/0
      API_URL: http://other:8080
    networks:
      default:
        aliases: [app.internal]
    labels:
      traefik.enable: "true"
      traefik.http.routers.app.rule: Host(`py.example.com`) && PathPrefix(`/api`)
      traefik.http.routers.app.middlewares: app-strip
      traefik.http.middlewares.app-strip.stripprefix.prefixes: /api
  other:
    image: node:22
  cache:
    image: redis:7
"""


class FakeResponse:
    """The part of the Python Workers `Response` the scaffold uses."""

    def __init__(self, body: str = "", status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.body, self.status, self.headers = body, status, headers or {}

    async def text(self) -> str:
        return self.body


class FakeHeaders(dict[str, str]):
    def get(self, key: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return next((v for k, v in self.items() if k.lower() == key.lower()), default)


class FakeRequest:
    def __init__(self, url: str, headers: dict[str, str] | None = None, method: str = "GET") -> None:
        self.url, self.method, self.headers = url, method, FakeHeaders(headers or {})


class FakeKV:
    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    async def put(self, key: str, value: str) -> None:
        self.data[key] = value

    async def get(self, key: str) -> str | None:
        return self.data.get(key)

    async def delete(self, key: str) -> None:
        self.data.pop(key, None)


class FakeService:
    def __init__(self) -> None:
        self.calls: list[str] = []

    async def fetch(self, url: str, options: object = None) -> FakeResponse:
        self.calls.append(url)
        return FakeResponse('{"worker": "other", "bindings": {}}')


def test_the_python_scaffold_routes_and_checks(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python scaffold cannot boot offline (Pyodide downloads at first start): run its module under
    CPython with stand-ins for the platform modules `workers`, `js` and `pyodide.ffi`."""
    import asyncio
    import json
    import sys
    import types

    from migrator import emit
    from migrator.engine import load_catalogue

    (tmp_path / "compose.yaml").write_text(PY_PROJECT)
    analysis = run_analysis(tmp_path / "compose.yaml")
    app = next(w for w in analysis.plan.workers if w.services == ("app",))
    assert app.language == "python"
    source = emit.out_files(analysis, load_catalogue(), str(tmp_path / "plan"))[f"{app.name}/src/entry.py"]

    class WorkerEntrypoint:
        def __init__(self, env: object) -> None:
            self.env = env

    fakes = {
        "workers": types.SimpleNamespace(Response=FakeResponse, WorkerEntrypoint=WorkerEntrypoint, fetch=None),
        "js": types.SimpleNamespace(Object=types.SimpleNamespace(fromEntries=dict)),
        "pyodide": types.SimpleNamespace(),
        "pyodide.ffi": types.SimpleNamespace(to_js=lambda value, dict_converter=None: value),
    }
    for name, module in fakes.items():
        monkeypatch.setitem(sys.modules, name, module)
    namespace: dict[str, Any] = {}
    exec(compile(source, "entry.py", "exec"), namespace)

    other = FakeService()
    env = types.SimpleNamespace(MIGRATOR_CHECK_TOKEN="t0k", REDIS=FakeKV(), API=other)
    bindings = {b.binding for b in app.bindings}
    assert bindings == {"REDIS", "API"}, bindings
    worker = namespace["Default"](env)

    def get(url: str, headers: dict[str, str] | None = None) -> FakeResponse:
        answer: FakeResponse = asyncio.run(worker.fetch(FakeRequest(url, headers)))
        return answer

    assert (get("https://py.example.com/api/items").status, get("https://py.example.com/api/items").body) == (
        501,
        "Not implemented yet: /items",
    )
    assert get("https://py.example.com/other").status == 404
    assert get("http://app.internal:8000/tasks/x").body == "Not implemented yet: /tasks/x"  # internal: no route
    assert get("https://py.example.com/__migrator/check").status == 404
    assert get("https://py.example.com/__migrator/check", {"x-migrator-check": "nope"}).status == 404
    report = json.loads(get("https://py.example.com/__migrator/check", {"x-migrator-check": "t0k"}).body)
    assert report["worker"] == app.name
    assert report["bindings"]["REDIS"]["status"] == "ok"
    assert report["bindings"]["API"]["status"] == "ok"
    assert other.calls == ["http://other/__migrator/check"]
