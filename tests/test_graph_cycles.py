"""GRAPH-CYCLE only for real dependency cycles, with the evidence of each edge on the loop."""

from __future__ import annotations

import itertools

from conftest import FIXTURES, run_analysis
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.graph import ServiceGraph, _waves
from migrator.model import Edge

PROJECT = FIXTURES / "shared-env-cycle" / "compose.yaml"
NAMES = [f"s{i}" for i in range(8)]


def test_a_shared_env_anchor_makes_no_cycle() -> None:
    analysis = run_analysis(PROJECT)
    assert analysis.plan.cycles == (("admin", "web"),)
    cycles = [f for f in analysis.findings if f.rule_id == "GRAPH-CYCLE"]
    assert len(cycles) == 1 and "api" not in cycles[0].message and "worker" not in cycles[0].message
    # The edges stay in the graph, marked for what they are.
    shared = {(e.source, e.target): e.evidence for e in analysis.edges if "has the same setting" in e.evidence}
    assert set(shared) == {("api", "worker"), ("worker", "api")}


def test_shared_settings_do_not_order_the_waves() -> None:
    analysis = run_analysis(PROJECT)
    wave_of = {name: i for i, wave in enumerate(analysis.plan.waves) for name in wave}
    assert wave_of["db"] < wave_of["api"] and wave_of["db"] < wave_of["worker"]
    assert wave_of["api"] == wave_of["worker"]  # both use db only


def test_the_cycle_names_the_evidence_of_each_edge() -> None:
    analysis = run_analysis(PROJECT)
    (finding,) = [f for f in analysis.findings if f.rule_id == "GRAPH-CYCLE"]
    assert finding.message == (
        "these services depend on each other in a cycle: admin -> web -> admin "
        "(admin -> web: STOREFRONT_URL names web (http:// URL); web -> admin: ADMIN_URL names admin (http:// URL))"
    )


graphs = st.lists(
    st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES), st.sampled_from(["env", "depends_on", "volume"])),
    max_size=30,
)


@settings(max_examples=200)
@given(graphs)
def test_every_described_cycle_is_a_loop_of_real_edges(raw: list[tuple[str, str, str]]) -> None:
    edges = tuple(sorted({Edge(s, t, kind, f"{s} uses {t} by {kind}") for s, t, kind in raw}))
    waves, cycles = _waves(edges, set(NAMES))
    graph = ServiceGraph(tuple(NAMES), edges, (), waves, cycles)
    dependencies = {(e.source, e.target) for e in edges if e.kind != "volume"}
    for cycle in cycles:
        text = graph.describe_cycle(cycle)
        loop = text.split(" (", 1)[0].split(" -> ")
        assert loop[0] == loop[-1] == cycle[0] and set(loop) <= set(cycle)
        for a, b in itertools.pairwise(loop):
            assert (a, b) in dependencies
            assert f"{a} -> {b}: {a} uses {b} by " in text
