"""Tests for graph/lazy_graph.py: a graph over node rows decoded on first use equals the eagerly read one."""

import copy
import marshal
import random

import pytest

from graph.incremental import GraphState, load_state, save_state
from graph.lazy_graph import LazyMultiDiGraph, node_types
from graph.plain_graph import PlainMultiDiGraph
from graph.synthetic import synthetic_records


def _random_graph(rng: random.Random, n: int = 30) -> PlainMultiDiGraph:
    """A random multigraph with typed ids and a few parallel edges and self-loops."""
    g = PlainMultiDiGraph(schema="t")
    for i in range(n):
        g.add_node(f"{rng.choice(['person', 'meeting', 'country'])}:{i}", w=i)
    nodes = list(g)
    for _ in range(n * 3):
        u, v = rng.choice(nodes), rng.choice(nodes)
        g.add_edge(u, v, key=rng.choice(["a", "b"]), x=rng.random())
    return g


def _rows(g: PlainMultiDiGraph) -> dict:
    """The rows the cache stores for `g` (attributes, out-edges, predecessor ids), as marshal bytes."""
    return {n: marshal.dumps((g._node[n], g._succ[n], list(g._pred[n]))) for n in g}


def _eager(rows: dict, order: list) -> PlainMultiDiGraph:
    """The graph of `rows` read whole, as ``graph.state_file`` reads it for queries (in-edges in node order)."""
    g = PlainMultiDiGraph(schema="t")
    for n in order:
        g._node[n], g._succ[n], _ = marshal.loads(rows[n])
        g._pred[n] = {}
    for u, nbrs in g._succ.items():
        for v, keys in nbrs.items():
            g._pred[v][u] = keys
    return g


def _shape(g) -> tuple:
    """Everything that tells two graphs apart, orders included (nodes, out-edges, in-edges)."""
    g.materialize()
    return ([(n, d) for n, d in g._node.items()],
            [(u, list(nbrs.items())) for u, nbrs in g._succ.items()],
            [(v, list(nbrs)) for v, nbrs in g._pred.items()])


def _apply(g, rng: random.Random, steps: int) -> None:
    """Random changes through the graph's methods (the same `rng` state gives the same changes)."""
    for step in range(steps):
        nodes = list(g)
        op = rng.random()
        if op < 0.35 and nodes:
            u, v = rng.choice(nodes), rng.choice(nodes + [f"person:new{step}"])
            g.add_edge(u, v, key=rng.choice(["a", "b", "c"]), y=step)
        elif op < 0.6 and nodes:
            u = rng.choice(nodes)
            out = [(u, v, k) for v, keys in g._succ[u].items() for k in keys]
            if out:
                g.remove_edge(*rng.choice(out))
        elif op < 0.75 and nodes:
            g.remove_nodes_from([rng.choice(nodes)])
        elif op < 0.85:
            g.add_node(rng.choice(nodes + [f"meeting:new{step}"]), z=step)
        elif nodes:  # reads that decode rows or build in-edges
            n = rng.choice(nodes)
            list(g.predecessors(n))
            g.degree(n)


@pytest.mark.parametrize("seed", range(25))
def test_lazy_graph_changes_equal_the_eager_graphs(seed):
    """Random reads and changes give the very dicts (and orders) the eagerly read graph has."""
    rng = random.Random(seed)
    start = _random_graph(rng)
    rows, order = _rows(start), list(start)
    lazy = LazyMultiDiGraph(dict(rows), order, marshal.loads, schema="t")
    eager = _eager(rows, order)  # changed by PlainMultiDiGraph's methods, as networkx changes a graph
    noted = LazyMultiDiGraph.over(_eager(rows, order))  # the eager graph, its changes noted
    for g in (lazy, eager, noted):
        _apply(g, random.Random(seed + 100), 60)
    assert lazy.changed == noted.changed
    assert len(lazy) == len(eager)
    assert {n: list(lazy.predecessors(n)) for n in lazy} == {n: list(eager._pred[n]) for n in eager}
    assert {n: sorted(lazy.stored_preds(n)) for n in lazy} == {n: sorted(eager._pred[n]) for n in eager}
    assert _shape(lazy) == _shape(eager) == _shape(noted)


@pytest.mark.parametrize("seed", range(10))
def test_lazy_graph_rows_written_after_changes_read_back_equal(seed):
    """The rows of a changed lazy graph, for the nodes it says changed, read back as the changed graph."""
    rng = random.Random(seed)
    eager = _random_graph(rng)
    rows = _rows(eager)
    lazy = LazyMultiDiGraph(dict(rows), list(eager), marshal.loads)
    _apply(lazy, random.Random(seed), 40)
    for n in lazy.changed:  # what a save writes: the rows of the changed nodes, the gone ones deleted
        if n in lazy:
            rows[n] = marshal.dumps((lazy._node[n], lazy._succ[n], lazy.stored_preds(n)))
        else:
            rows.pop(n, None)
    back = LazyMultiDiGraph(rows, list(lazy), marshal.loads)
    assert _shape(back)[:2] == _shape(lazy)[:2]
    assert sorted((v, sorted(p)) for v, p in _shape(back)[2]) == sorted((v, sorted(p)) for v, p in _shape(lazy)[2])


def test_lazy_graph_decodes_only_what_it_reads():
    """Membership and size need no decoding; a node's in-edges decode its predecessors only."""
    eager = PlainMultiDiGraph()
    eager.add_edge("person:a", "meeting:m", key="k")
    eager.add_edge("person:b", "meeting:m", key="k")
    eager.add_node("country:c")
    g = LazyMultiDiGraph(_rows(eager), list(eager), marshal.loads)
    assert ("person:a" in g, len(g), g.decoded) == (True, 4, 0)
    assert (list(g.predecessors("meeting:m")), g.decoded) == (["person:a", "person:b"], 1)
    assert g.pred["meeting:m"]["person:b"] is g.succ["person:b"]["meeting:m"]
    assert g.decoded == 3
    assert node_types(g) == {"person": 2, "meeting": 1, "country": 1}


def test_update_of_a_read_state_decodes_few_node_rows(tmp_path):
    """One new record applied to a state read from its file decodes a small part of the node rows,
    and the saved result reads back as the graph a full update gives."""
    records = list(synthetic_records(400, seed=3))
    state = GraphState()
    state.update(copy.deepcopy(records[:-1]))
    path = save_state(state, tmp_path / "graph.state")
    _, back = load_state(path)
    back.update(copy.deepcopy(records))
    g = back.plain
    assert isinstance(g, LazyMultiDiGraph)
    assert g.decoded < len(g) / 4
    save_state(back, path)
    _, again = load_state(path)
    fresh = GraphState()
    fresh.update(copy.deepcopy(records))
    a, b = again.plain, fresh.plain  # the same graph; an updated one may hold its nodes in another order
    a.materialize()
    assert a._node == b._node and a._succ == b._succ
    assert {v: set(p) for v, p in a._pred.items()} == {v: set(p) for v, p in b._pred.items()}


@pytest.mark.parametrize(
    "change, edited, pred_edited",
    [
        (lambda g: g.add_edge("a", "m", key="k", type="y"), {"a": {"m"}}, {}),  # an edge's data changed in place
        (lambda g: g.add_edge("a", "n", key="k2"), {"a": {"n"}}, {"n": {"a"}}),  # a new target
        (lambda g: g.remove_edge("a", "m", "k"), {"a": {"m"}}, {"m": {"a"}}),    # an edge removed
        (lambda g: g.remove_nodes_from(["m"]), {"a": {"m"}}, {}),                 # a target removed
        (lambda g: g.remove_nodes_from(["a"]), {}, {"m": {"a"}}),                 # a source removed
        (lambda g: g.add_node("a", label="A"), {}, {}),                          # attributes only
    ],
    ids=["in-place", "new-target", "removed-edge", "removed-target", "removed-source", "attributes"],
)
def test_lazy_graph_notes_the_targets_of_out_edges_changed(change, edited, pred_edited):
    rows = {"a": marshal.dumps(({"type": "person"}, {"m": {"k": {"type": "x"}}}, [])),
            "m": marshal.dumps(({"type": "meeting"}, {}, ["a"])),
            "n": marshal.dumps(({"type": "meeting"}, {}, []))}
    g = LazyMultiDiGraph(rows, ["a", "m", "n"], marshal.loads)
    change(g)
    assert g.edited == edited and g.pred_edited == pred_edited


def test_lazy_graph_joins_out_edges_stored_in_chunks():
    """A row giving its out-edges as a number of chunks has them read from `chunks`, joined in order."""
    class Chunks:
        def get(self, n, count):
            assert (n, count) == ("a", 2)
            return [marshal.dumps({"m": {"k": {}}}), marshal.dumps({"n": {"k": {}}})]

    rows = {"a": marshal.dumps(({"type": "person"}, 2, [])), "m": marshal.dumps(({}, {}, ["a"])),
            "n": marshal.dumps(({}, {}, ["a"]))}
    g = LazyMultiDiGraph(rows, ["a", "m", "n"], marshal.loads, chunks=Chunks())
    assert list(g.succ["a"]) == ["m", "n"] and g._rows.layout == {"a": [("m",), ("n",)]}
    assert g.pred["n"]["a"] is g.succ["a"]["n"]


@pytest.mark.parametrize("seed", range(3))
def test_lazy_graph_few_lists_the_nodes_of_few_kinds_as_they_come_and_go(seed):
    """`few` lists the topics, places, organisations and countries in node order, kept up to date through
    random additions and removals of nodes (removed and added again: last), decoding no row."""
    rng = random.Random(seed)
    ids = [f"{kind}:{i}" for i in range(8) for kind in ("topic", "place", "person", "country", "meeting")]
    rows = {n: marshal.dumps(({"type": n.split(":")[0]}, {}, [])) for n in ids[:20]}
    g = LazyMultiDiGraph(dict(rows), ids[:20], marshal.loads)
    assert g.few(("topic:",)) == [n for n in g if n.startswith("topic:")] and g.decoded == 0
    for step in range(30):
        n = rng.choice(ids)
        if n in g and rng.random() < 0.5:
            g.remove_nodes_from([n])
        else:
            g.add_node(n, type=n.split(":")[0])
        for prefixes in (("topic:",), ("country:", "place:"), ("topic:", "place:", "organization:", "country:")):
            assert g.few(prefixes) == [m for m in g if m.startswith(prefixes)], (step, prefixes)


class _TargetChunks:
    """Chunks of out-edges as the cache file's ``edges`` table holds them: each chunk's targets apart from its
    edges; counts the chunks whose edges are read."""

    def __init__(self, chunks: dict):
        self.chunks = chunks  # node -> [{target: keydict}] in order
        self.read: list = []
        self.released: set = set()

    def targets(self, n, count):
        assert count == len(self.chunks[n])
        return [tuple(part) for part in self.chunks[n]]

    def one(self, n, i, count):
        self.read.append((n, i))
        return marshal.dumps(self.chunks[n][i])

    def release(self, n):
        self.released.add(n)

    def bulk(self):
        return {}


def _chunked(succ: dict, size: int) -> tuple[LazyMultiDiGraph, _TargetChunks]:
    """A graph whose node "a" has the out-edges `succ` stored in chunks of `size` targets."""
    keys = list(succ)
    parts = [{t: succ[t] for t in keys[i:i + size]} for i in range(0, len(keys), size)]
    chunks = _TargetChunks({"a": parts})
    targets = [t for t in keys if t != "a"]
    rows = {"a": marshal.dumps(({"type": "person"}, len(parts), [])),
            **{t: marshal.dumps(({"type": "meeting"}, {}, ["a"])) for t in targets}}
    return LazyMultiDiGraph(rows, ["a", *targets], marshal.loads, chunks=chunks), chunks


def test_lazy_graph_finds_an_edge_by_decoding_only_its_chunk():
    """A node whose out-edges are in chunks, with each chunk's targets read apart, decodes only the chunk of
    the target looked up; its targets, their number and order need no chunk decoded."""
    succ = {f"m{i}": {"k": {"i": i}} for i in range(10)}
    g, chunks = _chunked(succ, 3)
    assert g.succ["a"]["m7"] == {"k": {"i": 7}} and chunks.read == [("a", 2)]
    assert g.pred["m4"]["a"] == {"k": {"i": 4}} and chunks.read == [("a", 2), ("a", 1)]
    assert list(g.succ["a"]) == list(succ) and len(g.succ["a"]) == 10 and "m9" in g.succ["a"]
    assert g.has_edge("a", "m8") and not g.has_edge("a", "m99") and len(chunks.read) == 2
    assert g._rows.layout["a"] == [("m0", "m1", "m2"), ("m3", "m4", "m5"), ("m6", "m7", "m8"), ("m9",)]


@pytest.mark.parametrize("seed", range(8))
def test_lazy_graph_chunked_out_edges_behave_as_a_dict_through_random_changes(seed):
    """Random additions, removals and lookups of the edges of a node stored in chunks (decoded by the chunk)
    give the out-edges, in order, of the same changes made to a plain graph; a walk over every edge decodes
    every chunk once, and the same key dicts are shared with the in-edges."""
    rng = random.Random(seed)
    plain = PlainMultiDiGraph()
    plain.add_node("a", type="person")
    targets = [f"m{i}" for i in range(25)]
    for t in targets:
        plain.add_node(t, type="meeting")
    for t in rng.sample(targets, 18):
        plain.add_edge("a", t, key="p", i=t)
    g, chunks = _chunked(copy.deepcopy(plain._succ["a"]), rng.choice([2, 3, 5]))
    for t in targets:  # the nodes without a stored edge from "a" are in the graph too
        if t not in g:
            g.add_node(t, type="meeting")
    for _ in range(60):
        t, r = rng.choice(targets), rng.random()
        if r < 0.35:
            key = rng.choice(["p", "q"])
            assert g.add_edge("a", t, key=key, w=r) == plain.add_edge("a", t, key=key, w=r)
        elif r < 0.7:
            key = rng.choice(["p", "q", None])
            try:
                plain.remove_edge("a", t, key)
            except KeyError:
                with pytest.raises(KeyError):
                    g.remove_edge("a", t, key)
            else:
                g.remove_edge("a", t, key)
        else:
            assert g.succ["a"].get(t) == plain._succ["a"].get(t)
        assert list(g.succ["a"]) == list(plain._succ["a"])
    read = len(chunks.read)
    assert read <= len(chunks.chunks["a"])  # each chunk decoded once at most
    assert list(g.out_edges("a", keys=True, data=True)) == list(plain.out_edges("a", keys=True, data=True))
    assert {t: g.pred[t].get("a") for t in targets} == {t: plain._pred[t].get("a") for t in targets}
    assert all(g.pred[t]["a"] is g.succ["a"][t] for t in g.succ["a"])
    g.materialize()
    assert type(g._succ["a"]) is dict and g._succ["a"] == plain._succ["a"] and list(g._succ["a"]) == list(
        plain._succ["a"])
