"""The data of the Worker scaffolds: cron jobs, Compose hostnames, a Container's environment."""

from __future__ import annotations

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
