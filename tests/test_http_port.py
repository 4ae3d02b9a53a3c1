"""Of several ports, the routed one, or the one other services call, is the HTTP port, and the
plan says why."""

from __future__ import annotations

from conftest import FIXTURES, run_analysis

from migrator import emit

PROJECT = FIXTURES / "http-port" / "compose.yaml"


def _containers() -> dict[str, dict[str, object]]:
    analysis = run_analysis(PROJECT)
    return {w.services[0]: dict(w.container) for w in analysis.plan.workers if w.container}


def test_the_routed_port_wins_over_the_lowest() -> None:
    mailer = _containers()["mailer"]
    assert mailer["port"] == 8080
    assert mailer["port_reason"] == "the port the proxy routes to (traefik router 'mailer')"


def test_the_port_other_services_call_wins_over_the_lowest() -> None:
    ui = _containers()["broker-ui"]
    assert ui["port"] == 9090
    assert ui["port_reason"] == "the port other services call (app by BROKER_UI_URL)"


def test_otherwise_the_usual_http_port() -> None:
    metrics = _containers()["metrics"]
    assert metrics["port"] == 8000 and "usual HTTP port" in str(metrics["port_reason"])


def test_the_scaffold_and_the_report_use_that_port(catalogue: object) -> None:
    analysis = run_analysis(PROJECT)
    files = emit.out_files(analysis, catalogue, "/plan")  # type: ignore[arg-type]
    assert '"className": "MailerContainer", "port": 8080,' in files["http-port-mailer/src/index.ts"]
    assert '"className": "BrokerUiContainer", "port": 9090,' in files["http-port-broker-ui/src/index.ts"]
    report = emit.render("markdown", analysis, catalogue)  # type: ignore[arg-type]
    assert "Container: HTTP on port 9090, the port other services call \\(app by BROKER\\_UI\\_URL\\)" in report
