"""The graph's own components and waves against networkx, on generated graphs."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.graph import _waves, strongly_connected
from migrator.model import Edge

NAMES = [f"s{i}" for i in range(12)]

graphs = st.lists(
    st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES), st.sampled_from(["env", "depends_on", "volume"])),
    max_size=40,
)


def _reference(edges: list[tuple[str, str, str]]) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """Waves and cycles the way networkx computes them."""
    sub = nx.DiGraph()
    sub.add_nodes_from(NAMES)
    sub.add_edges_from((s, t) for s, t, kind in edges if kind != "volume")
    components = list(nx.strongly_connected_components(sub))
    cycles = tuple(sorted(tuple(sorted(c)) for c in components if len(c) > 1 or any(sub.has_edge(n, n) for n in c)))
    condensed = nx.condensation(sub, scc=components)
    level: dict[int, int] = {}
    for node in reversed(list(nx.topological_sort(condensed))):
        succ = list(condensed.successors(node))
        level[node] = 1 + max(level[s] for s in succ) if succ else 0
    waves: dict[int, list[str]] = {}
    for node, data in condensed.nodes(data=True):
        waves.setdefault(level[node], []).extend(data["members"])
    return tuple(tuple(sorted(waves[i])) for i in sorted(waves)), cycles


@settings(max_examples=200)
@given(graphs)
def test_waves_and_cycles_match_networkx(edges: list[tuple[str, str, str]]) -> None:
    ours = _waves(tuple(sorted({Edge(s, t, kind, "") for s, t, kind in edges})), set(NAMES))
    assert ours == _reference(edges)


@settings(max_examples=200)
@given(graphs)
def test_components_match_networkx(edges: list[tuple[str, str, str]]) -> None:
    succ: dict[str, list[str]] = {name: [] for name in NAMES}
    for s, t, _ in edges:
        succ[s].append(t)
    component = strongly_connected(succ)
    ours = sorted(sorted(n for n in NAMES if component[n] == c) for c in set(component.values()))
    graph = nx.DiGraph()
    graph.add_nodes_from(NAMES)
    graph.add_edges_from((s, t) for s, t, _ in edges)
    assert ours == sorted(sorted(c) for c in nx.strongly_connected_components(graph))
    # Numbered in completion order: every edge goes from a higher number to a lower or equal one.
    assert all(component[s] >= component[t] for s, t, _ in edges)


def test_a_long_chain_does_not_recurse() -> None:
    names = [f"n{i:05}" for i in range(20000)]
    succ = {a: [b] for a, b in itertools.pairwise(names)}
    succ[names[-1]] = []
    component = strongly_connected(succ)
    assert len(set(component.values())) == len(names)
    waves, cycles = _waves(tuple(Edge(a, b, "env", "") for a, b in itertools.pairwise(names)), set(names))
    assert len(waves) == len(names) and cycles == ()


def test_to_networkx_carries_every_node_and_edge() -> None:
    from conftest import project_file, run_analysis

    from migrator import graph as graph_stage
    from migrator import proxy

    analysis = run_analysis(project_file("shop"))
    service_graph = graph_stage.build(analysis.project, proxy.route(analysis.project))
    exported = service_graph.to_networkx()
    assert sorted(exported.nodes) == sorted(service_graph.nodes)
    edges = sorted((s, t, d["kind"], d["evidence"]) for s, t, d in exported.edges(data=True))
    assert edges == sorted((e.source, e.target, e.kind, e.evidence) for e in service_graph.edges)
    assert "internet" in exported.nodes


def test_the_command_line_leaves_the_garbage_collector_as_it_found_it() -> None:
    import gc

    from migrator.cli import main

    assert gc.isenabled()
    assert main(["--version"]) == 0
    assert gc.isenabled()
