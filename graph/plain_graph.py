"""A multigraph of plain dicts with the part of networkx's ``MultiDiGraph`` interface an update uses.

A build that applies one new report to the stored graph and defers GraphML and the view
needs no networkx algorithm: it reads the node rows of the cache (``graph.state_file``),
patches a few of them (``graph.incremental``) and writes them back. Importing networkx
costs that build about 0.13 s of CPU, a tenth of it; `PlainMultiDiGraph` holds the graph
in the very dicts networkx keeps (``_node``, ``_succ`` = ``_adj``, ``_pred``, ``graph``)
and changes them as networkx's methods do, in the same order, so the result is the same
graph. `as_networkx` wraps those dicts in a networkx ``MultiDiGraph`` without copying them,
when an output or a caller needs networkx.

What it does not do: algorithms, views with filters, undirected graphs, or the cache of
converted graphs networkx keeps (``__networkx_cache__``): a graph is handed to networkx
(`as_networkx`) after its last change through this class.
"""

from __future__ import annotations

from typing import Iterator

__all__ = ["PlainMultiDiGraph", "as_networkx", "drop_edge_key", "set_edge_data"]


class PlainMultiDiGraph:
    """A directed multigraph in networkx's own dicts, changed as ``networkx.MultiDiGraph`` changes them.

    Examples
    --------
    >>> g = PlainMultiDiGraph(schema="s")
    >>> g.add_node("a", type="person")
    >>> g.add_edge("a", "b", key="met|a|b", count=1)
    'met|a|b'
    >>> sorted(g), g.nodes["a"], list(g.edges(keys=True, data=True))
    (['a', 'b'], {'type': 'person'}, [('a', 'b', 'met|a|b', {'count': 1})])
    >>> nxg = as_networkx(g)
    >>> nxg.graph, nxg.number_of_edges(), nxg._succ is g._succ
    ({'schema': 's'}, 1, True)
    """

    def __init__(self, **attrs):
        self.graph: dict = dict(attrs)
        self._node: dict = {}
        self._succ: dict = {}
        self._adj = self._succ
        self._pred: dict = {}

    # -- containers -------------------------------------------------------------------------
    def __contains__(self, n) -> bool:
        try:
            return n in self._node
        except TypeError:
            return False

    def __len__(self) -> int:
        return len(self._node)

    def __iter__(self) -> Iterator:
        return iter(self._node)

    def has_node(self, n) -> bool:
        """Whether `n` is a node."""
        return n in self

    def number_of_nodes(self) -> int:
        """How many nodes."""
        return len(self._node)

    @property
    def nodes(self) -> "_Nodes":
        """``g.nodes[n]`` (its attribute dict), ``g.nodes(data=True)``, iteration over the nodes."""
        return _Nodes(self._node)

    @property
    def pred(self) -> dict:
        """node -> {predecessor: {key: edge data}}."""
        return self._pred

    @property
    def succ(self) -> dict:
        """node -> {successor: {key: edge data}}."""
        return self._succ

    def materialize(self) -> None:
        """Hold the whole graph in plain dicts (it does: see ``graph.lazy_graph`` for a graph that does not)."""

    # -- changes, as networkx makes them ------------------------------------------------------
    def add_node(self, n, **attr) -> None:
        """Add `n` or update its attributes (``MultiDiGraph.add_node``)."""
        if n not in self._succ:
            if n is None:
                raise ValueError("None cannot be a node")
            self._succ[n] = {}
            self._pred[n] = {}
            self._node[n] = attr
        else:
            self._node[n].update(attr)

    def add_edge(self, u, v, key=None, **attr):
        """Add edge (u, v, key) or update its attributes; return its key (``MultiDiGraph.add_edge``)."""
        for n in (u, v):
            if n not in self._succ:
                self.add_node(n)
        keydict = self._succ[u].get(v)
        key = set_edge_data(keydict, key, attr)
        if keydict is None:
            keydict = {key: dict(attr)}
            self._succ[u][v] = keydict
            self._pred[v][u] = keydict
        return key

    def has_edge(self, u, v, key=None) -> bool:
        """Whether there is an edge u -> v (with `key`, when given)."""
        try:
            return v in self._succ[u] if key is None else key in self._succ[u][v]
        except KeyError:
            return False

    def remove_edge(self, u, v, key=None) -> None:
        """Remove edge (u, v, key); the last one added when `key` is None."""
        try:
            keydict = self._succ[u][v]
        except KeyError as err:
            raise KeyError(f"The edge {u}-{v} is not in the graph.") from err
        drop_edge_key(keydict, u, v, key)
        if not keydict:
            del self._succ[u][v]
            del self._pred[v][u]

    def remove_edges_from(self, ebunch) -> None:
        """Remove each (u, v, key) of `ebunch` there is; pass over the others."""
        for e in ebunch:
            try:
                self.remove_edge(*e[:3])
            except KeyError:
                pass

    def remove_nodes_from(self, nodes) -> None:
        """Remove each node of `nodes` there is, with its edges; pass over the others."""
        for n in nodes:
            try:
                succs = self._succ[n]
                del self._node[n]
                for u in succs:
                    del self._pred[u][n]
                del self._succ[n]
                for u in self._pred[n]:
                    del self._succ[u][n]
                del self._pred[n]
            except KeyError:
                pass

    # -- reading edges --------------------------------------------------------------------------
    def predecessors(self, n) -> Iterator:
        """The nodes with an edge into `n`."""
        return iter(self._pred[n])

    def degree(self, n) -> int:
        """How many edges go out of and into `n` (parallel edges counted one by one)."""
        return sum(len(k) for k in self._succ[n].values()) + sum(len(k) for k in self._pred[n].values())

    def out_edges(self, n, keys: bool = False, data: bool = False) -> Iterator[tuple]:
        """The edges out of `n`: (n, v), with the key and the data dict when asked."""
        return _edges(((n, self._succ[n]),), keys, data)

    def edges(self, keys: bool = False, data: bool = False) -> Iterator[tuple]:
        """Every edge, in node order: (u, v), with the key and the data dict when asked."""
        return _edges(self._succ.items(), keys, data)

    def number_of_edges(self) -> int:
        """How many edges."""
        return sum(len(k) for nbrs in self._succ.values() for k in nbrs.values())


def set_edge_data(keydict: dict | None, key, attr: dict):
    """The key of edge data `attr` between two nodes whose edges are `keydict` (None when they have none), and
    the data merged into `keydict` as ``MultiDiGraph.add_edge`` does: a new key is the first free integer from
    the number of edges; an existing key's data is updated. The caller stores a new keydict itself.

    >>> edges = {0: {"w": 1}}
    >>> set_edge_data(edges, None, {"w": 2}), edges
    (1, {0: {'w': 1}, 1: {'w': 2}})
    """
    if key is None:
        key = len(keydict) if keydict else 0
        while keydict and key in keydict:
            key += 1
    if keydict is not None:
        data = keydict.get(key, {})
        data.update(attr)
        keydict[key] = data
    return key


def drop_edge_key(keydict: dict, u, v, key) -> None:
    """Remove edge `key` from the edges `keydict` between `u` and `v`, the last one added when `key` is None,
    as ``MultiDiGraph.remove_edge`` does; the caller drops an emptied keydict itself.

    >>> edges = {0: {}, 1: {}}
    >>> drop_edge_key(edges, "a", "b", None), edges
    (None, {0: {}})
    """
    if key is None:
        keydict.popitem()
        return
    try:
        del keydict[key]
    except KeyError as err:
        raise KeyError(f"The edge {u}-{v} with key {key} is not in the graph.") from err


def as_networkx(g):
    """`g` as a networkx ``MultiDiGraph`` over the same dicts (`g` itself when it is one already).

    Changes made through either afterwards are seen by both; hand a graph over after its last
    change through `PlainMultiDiGraph`.
    """
    if not isinstance(g, PlainMultiDiGraph):
        return g
    import networkx as nx

    g.materialize()
    out = nx.MultiDiGraph()
    out.graph = g.graph
    out._node, out._succ, out._adj, out._pred = g._node, g._succ, g._succ, g._pred
    return out


class _Nodes:
    """What ``g.nodes`` gives: a mapping node -> attributes that can also be called with ``data=True``."""

    __slots__ = ("_node",)

    def __init__(self, node: dict):
        self._node = node

    def __getitem__(self, n) -> dict:
        return self._node[n]

    def __contains__(self, n) -> bool:
        return n in self._node

    def __iter__(self) -> Iterator:
        return iter(self._node)

    def __len__(self) -> int:
        return len(self._node)

    def __call__(self, data: bool = False):
        return iter(self._node.items()) if data else iter(self._node)


def _edges(items, keys: bool, data: bool) -> Iterator[tuple]:
    """The edges of (node, successors) pairs, in the shape networkx's edge views give them (one loop
    per shape: a graph of a million edges is walked when its query index is built)."""
    if keys and data:
        return ((u, v, k, d) for u, nbrs in items for v, kd in nbrs.items() for k, d in kd.items())
    if keys:
        return ((u, v, k) for u, nbrs in items for v, kd in nbrs.items() for k in kd)
    if data:
        return ((u, v, d) for u, nbrs in items for v, kd in nbrs.items() for d in kd.values())
    return ((u, v) for u, nbrs in items for v, kd in nbrs.items() for _ in kd)
