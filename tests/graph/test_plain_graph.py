"""graph.plain_graph: the same dicts, in the same order, as networkx's MultiDiGraph after the same changes."""

import os
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.plain_graph import PlainMultiDiGraph, as_networkx

ROOT = Path(__file__).resolve().parents[2]


def _state(g) -> tuple:
    """Everything a graph holds, in its order: graph attributes, nodes, successors and predecessors."""
    return (dict(g.graph), list(g._node.items()),
            [(u, [(v, list(k.items())) for v, k in nbrs.items()]) for u, nbrs in g._succ.items()],
            [(u, [(v, list(k.items())) for v, k in nbrs.items()]) for u, nbrs in g._pred.items()])


@pytest.mark.parametrize("seed", range(8))
def test_plain_graph_changes_like_networkx(seed):
    rng = random.Random(seed)
    mine, theirs = PlainMultiDiGraph(schema="s"), nx.MultiDiGraph(schema="s")
    names = [f"n{i}" for i in range(12)]
    for _ in range(400):
        op = rng.random()
        u, v = rng.choice(names), rng.choice(names)
        key = rng.choice([None, "a", "b", 0, 1])
        if op < 0.25:
            attrs = {"x": rng.randint(0, 3)} if rng.random() < 0.5 else {}
            mine.add_node(u, **attrs)
            theirs.add_node(u, **attrs)
        elif op < 0.6:
            attrs = {"w": rng.randint(0, 3)}
            assert mine.add_edge(u, v, key=key, **attrs) == theirs.add_edge(u, v, key=key, **attrs)
        elif op < 0.75:
            ebunch = [(u, v, key), (v, u, key)]
            mine.remove_edges_from(ebunch)
            theirs.remove_edges_from(ebunch)
        elif op < 0.85:
            mine.remove_nodes_from([u, "missing"])
            theirs.remove_nodes_from([u, "missing"])
        else:
            assert mine.has_edge(u, v, key) == theirs.has_edge(u, v, key)
            if u in theirs:
                assert mine.degree(u) == theirs.degree(u)
                assert list(mine.predecessors(u)) == list(theirs.predecessors(u))
                assert list(mine.out_edges(u, keys=True, data=True)) == list(theirs.out_edges(u, keys=True,
                                                                                               data=True))
        assert _state(mine) == _state(theirs)
    assert list(mine.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))
    assert list(mine.nodes(data=True)) == list(theirs.nodes(data=True))
    assert (len(mine), mine.number_of_edges()) == (len(theirs), theirs.number_of_edges())
    wrapped = as_networkx(mine)
    assert isinstance(wrapped, nx.MultiDiGraph) and _state(wrapped) == _state(theirs)


def test_plain_graph_remove_edge_names_the_missing_edge():
    g = PlainMultiDiGraph()
    g.add_edge("a", "b", key="k")
    with pytest.raises(KeyError, match="a-b with key z"):
        g.remove_edge("a", "b", "z")


def test_plain_graph_update_of_a_stored_graph_imports_no_networkx(tmp_path):
    """A build that updates the cache and defers GraphML and the view never imports networkx; the
    next build that writes GraphML writes a fresh build's bytes."""
    report = tmp_path / "in" / "a.txt"
    report.parent.mkdir()
    report.write_text("Foreign Minister Ana Ruiz met Foreign Minister Li Wen in Lima on 3 May 2024.")
    probe = (
        "import sys; from graph.corpus import build_corpus; "
        f"s = build_corpus([{str(report.parent)!r}], {str(tmp_path / 'out')!r}, graphml=False, view=False); "
        "print(s.graph_update.full, s.meetings, 'networkx' in sys.modules)"
    )
    run = [sys.executable, "-c", probe]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    first = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, env=env, check=True).stdout.split()
    (report.parent / "b.txt").write_text("President Kofi Mensah met President Ana Ruiz in Accra on 4 May 2024.")
    second = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, env=env, check=True).stdout.split()
    assert first[0] == "True" and second == ["False", "2", "False"]
