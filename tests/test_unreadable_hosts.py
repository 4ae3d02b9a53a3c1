"""A route whose host cannot be read is never dropped in silence: a finding names its label."""

from __future__ import annotations

from conftest import FIXTURES, run_analysis

PROJECT = FIXTURES / "unreadable-hosts" / "compose.yaml"
UNREADABLE = {"template", "unset", "partial", "escaped", "regex"}


def test_each_unreadable_host_gets_a_finding_naming_its_label() -> None:
    analysis = run_analysis(PROJECT)
    found = {f.service: f for f in analysis.findings if f.rule_id == "RT-HOST"}
    assert set(found) == UNREADABLE
    for service, finding in found.items():
        assert f"label traefik.http.routers.{service}.rule" in finding.message
        assert finding.severity == "warning" and finding.span is not None
    assert "Go template" in found["template"].message
    assert "regular expression" in found["regex"].message


def test_the_findings_point_at_the_rule_labels() -> None:
    analysis = run_analysis(PROJECT)
    lines = {f.service: f.span.line for f in analysis.findings if f.rule_id == "RT-HOST" and f.span}
    assert lines == {"template": 13, "unset": 20, "partial": 26, "escaped": 32, "regex": 38}


def test_a_rule_that_does_not_parse_names_its_label() -> None:
    analysis = run_analysis(PROJECT)
    broken = [f for f in analysis.findings if f.service == "broken" and f.rule_id == "RT002"]
    assert len(broken) == 1 and "label traefik.http.routers.broken.rule" in broken[0].message


def test_what_is_reported_is_what_the_plan_leaves_out() -> None:
    analysis = run_analysis(PROJECT)
    routed = {s for w in analysis.plan.workers if w.routes for s in w.services}
    assert routed == {"readable"}
    readable = next(w for w in analysis.plan.workers if w.services == ("readable",))
    assert {r.pattern for r in readable.routes} == {"shop.example.com/api*", "*.example.com/*"}
    assert not [f for f in analysis.findings if f.service == "readable" and f.rule_id == "RT-HOST"]


def test_an_empty_host_is_not_also_a_route_without_a_hostname() -> None:
    analysis = run_analysis(PROJECT)
    assert not [f for f in analysis.findings if f.service == "unset" and f.rule_id == "RT031"]
