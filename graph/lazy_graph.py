"""A stored graph whose node rows are decoded when a node is first used, not all when it is read.

An update of one report reaches a few dozen of the graph's nodes; the cache
(``graph.state_file``) holds a row per node (its attributes, its out-edges and the ids of
the nodes with an edge into it). `LazyMultiDiGraph` is a ``graph.plain_graph.PlainMultiDiGraph``
over those rows kept as bytes (or in the cache file, read from it when first asked for): a
node's attributes and out-edges are decoded when the node is first looked at, its in-edges
(networkx's ``_pred``, the key dicts its predecessors hold) when they are first asked for,
which decodes its predecessors' rows. Membership, size and
node order come from the stored node list and need no decoding. The out-edges of a busy node,
stored in chunks with each chunk's targets listed apart, stand for their dict as a `_Partial`
that decodes a chunk's edges when one of its targets is first looked up.

The graph it stands for is the one the eager read gives: nodes in the stored order (nodes
added since go last, as a dict puts them), out-edges as stored, and each node's in-edges in
the node order of its predecessors. Anything that walks every node's data or every edge
(``g.nodes(data=True)``, ``g.edges()``, `materialize`, handing it to networkx) decodes every
row once; from then on the graph is a plain one over ordinary dicts.

What it does not do: take changes other than through its methods (``add_node``,
``add_edge``, ``remove_edge``, ``remove_nodes_from``), or the attribute dicts and edge key
dicts it hands out, which are the graph's own, as networkx hands them out.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable, Iterator

from graph.plain_graph import PlainMultiDiGraph, drop_edge_key, set_edge_data

__all__ = ["LazyMultiDiGraph", "node_types", "FEW_KINDS"]

#: The id prefixes of the kinds of node a graph has few of (hundreds, against 100,000 meetings, people and
#: documents): `LazyMultiDiGraph.few` lists them without a pass over every node.
FEW_KINDS = ("topic:", "place:", "organization:", "country:")


class LazyMultiDiGraph(PlainMultiDiGraph):
    """A ``PlainMultiDiGraph`` over undecoded node rows (node -> bytes of (attrs, out-edges, predecessor ids)).

    Examples
    --------
    >>> import marshal
    >>> rows = {"a": marshal.dumps(({"type": "person"}, {"m": {"k": {"type": "x"}}}, [])),
    ...         "m": marshal.dumps(({"type": "meeting"}, {}, ["a"]))}
    >>> g = LazyMultiDiGraph(rows, ["a", "m"], marshal.loads, schema="s")
    >>> len(g), "m" in g, g.decoded
    (2, True, 0)
    >>> g.nodes["a"], g.decoded
    ({'type': 'person'}, 1)
    >>> list(g.predecessors("m")), g.pred["m"]["a"] is g.succ["a"]["m"]
    (['a'], True)
    >>> g.add_edge("m", "b", key="k2")
    'k2'
    >>> sorted(g.changed)
    ['b', 'm']
    """

    def __init__(self, rows: dict, order: Iterable, unpack: Callable[[bytes], tuple], *, chunks=None,
                 pred_chunks=None, **attrs):
        super().__init__(**attrs)
        self._rows = _Rows(rows, order, unpack, chunks, pred_chunks)
        self._node, self._succ, self._pred = _Map(self._rows, True), _Map(self._rows, False), _PredMap(self._rows)
        self._adj = self._succ
        #: nodes whose row (attributes, out-edges or predecessors) the graph's own methods changed
        self.changed: set = set()
        #: node -> the targets of its out-edges that the graph's own methods added, changed or removed
        #: (a node whose out-edges are stored in chunks rewrites only the chunks holding them)
        self.edited: dict = {}
        #: node -> the nodes that gained or lost their last edge into it (likewise for predecessors in chunks)
        self.pred_edited: dict = {}

    @property
    def decoded(self) -> int:
        """How many node rows have been decoded."""
        return len(self._rows.node)

    def few(self, prefixes: tuple) -> list:
        """The nodes whose ids start with one of `prefixes` (each one of `FEW_KINDS`), in node order,
        none decoded. The nodes of those kinds are listed by one pass over every node, the first
        time, and kept up to date as nodes come and go."""
        rows = self._rows
        if rows.few is None:
            rows.few = dict.fromkeys(n for n in rows.order if n.startswith(FEW_KINDS))
        return [n for n in rows.few if n.startswith(prefixes)]

    def stored_preds(self, n) -> list:
        """The ids of the nodes with an edge into `n`, without decoding them (`n` must be a node), in no
        particular order (a row read back orders them: see `_Rows.pred_of`)."""
        return self._rows.pred_ids(n, ordered=False)

    def predecessors(self, n) -> Iterator:
        """The nodes with an edge into `n` (their rows are not decoded)."""
        return iter(self._rows.pred_ids(n))

    @classmethod
    def over(cls, g, *, layout: dict | None = None, pred_layout: dict | None = None) -> "LazyMultiDiGraph":
        """A `LazyMultiDiGraph` over the dicts of graph `g` (a plain or networkx one: nothing to decode),
        so that its changes are noted in `changed`; `layout` and `pred_layout` are what the cache
        file's chunks of out-edges and of predecessors hold (``_Rows.layout``), kept up to date as
        nodes go."""
        out = cls({}, g._node, None)
        out.graph = g.graph
        rows = out._rows
        if layout is not None:
            rows.layout = layout
        if pred_layout is not None:
            rows.pred_layout = pred_layout
        rows.node, rows.succ, rows.pred, rows.complete = g._node, g._succ, g._pred, True
        out.materialize()
        return out

    def materialize(self) -> None:
        """Decode every row; the graph is then held in plain dicts, in node order."""
        rows = self._rows
        if not rows.complete:
            rows.complete_all()
        self._node, self._succ, self._pred = rows.node, rows.succ, rows.pred
        self._adj = self._succ

    # -- changes: as PlainMultiDiGraph makes them, on the decoded rows ---------------------------
    def add_node(self, n, **attr) -> None:
        """Add `n` or update its attributes (``MultiDiGraph.add_node``)."""
        rows = self._rows
        if n not in rows.order:
            if n is None:
                raise ValueError("None cannot be a node")
            rows.add(n, attr)
        else:
            rows.node_of(n).update(attr)
        self.changed.add(n)

    def add_edge(self, u, v, key=None, **attr):
        """Add edge (u, v, key) or update its attributes; return its key (``MultiDiGraph.add_edge``).
        The in-edges of `v` are not built for it (a country's are thousands of rows)."""
        rows = self._rows
        for n in (u, v):
            if n not in rows.order:
                self.add_node(n)
        nbrs = rows.succ_of(u)
        keydict = nbrs.get(v)
        key = set_edge_data(keydict, key, attr)
        if keydict is None:
            keydict = {key: dict(attr)}
            nbrs[v] = keydict
            rows.link(u, v, keydict)
            self.pred_edited.setdefault(v, set()).add(u)
        self.changed.update((u, v))
        self.edited.setdefault(u, set()).add(v)
        return key

    def remove_edge(self, u, v, key=None) -> None:
        """Remove edge (u, v, key); the last one added when `key` is None."""
        rows = self._rows
        try:
            nbrs = rows.succ_of(u) if u in rows.order else {}
            keydict = nbrs[v]
        except (KeyError, TypeError) as err:
            raise KeyError(f"The edge {u}-{v} is not in the graph.") from err
        drop_edge_key(keydict, u, v, key)
        if not keydict:
            del nbrs[v]
            rows.unlink(u, v)
            self.pred_edited.setdefault(v, set()).add(u)
        self.changed.update((u, v))
        self.edited.setdefault(u, set()).add(v)

    def remove_nodes_from(self, nodes) -> None:
        """Remove each node of `nodes` there is, with its edges; pass over the others."""
        rows = self._rows
        for n in nodes:
            try:
                if n not in rows.order:
                    continue
            except TypeError:
                continue
            succs = rows.succ_of(n)
            for v in succs:
                rows.unlink(n, v)
                self.pred_edited.setdefault(v, set()).add(n)
            preds = rows.pred_ids(n, ordered=False)  # each loses its edges: in no particular order
            for u in preds:
                del rows.succ_of(u)[n]
                self.edited.setdefault(u, set()).add(n)
            self.edited.pop(n, None)
            self.pred_edited.pop(n, None)
            self.changed.add(n)
            self.changed.update(succs)
            self.changed.update(preds)
            rows.remove(n)


def node_types(g) -> Counter:
    """How many nodes of each type `g` has; for a `LazyMultiDiGraph` not yet decoded whole, counted
    from the ids (a node's id starts with its type and a colon, ``person:dean-rusk``), decoding none.

    Examples
    --------
    >>> from graph.plain_graph import PlainMultiDiGraph
    >>> g = PlainMultiDiGraph()
    >>> g.add_node("person:a", type="person")
    >>> node_types(g)["person"]
    1
    """
    if isinstance(g, LazyMultiDiGraph) and not g._rows.complete:
        return Counter(n.partition(":")[0] for n in g)
    return Counter(d.get("type") for _, d in g.nodes(data=True))


class _Rows:
    """The rows of a `LazyMultiDiGraph`: undecoded bytes, the node order, and the decoded parts.

    A row whose out-edges are stored apart, in chunks (its out-edges given as their number of
    chunks: ``graph.state_file`` stores a node with many out-edges so), has them read from
    `chunks` (``get(node, count)`` -> the chunks' bytes in order; ``bulk()`` reads them all) and
    joined in order; which targets each chunk held is kept in `layout`, so a save rewrites only
    the chunks whose edges changed. When `chunks` also lists each chunk's targets apart
    (``targets(node, count)``; ``one(node, i, count)`` the bytes of chunk `i`), the out-edges
    are a `_Partial` over them instead, decoded by the chunk as used. Likewise predecessor ids
    stored apart (`pred_chunks`, `pred_layout`), always read whole.
    """

    def __init__(self, raw, order: Iterable, unpack, chunks=None, pred_chunks=None):
        self.raw, self.unpack, self.chunks, self.pred_chunks = raw, unpack, chunks, pred_chunks
        self.layout: dict = {}              # node stored in chunks -> the targets of each chunk, as read
        self.pred_layout: dict = {}         # node whose predecessors are in chunks -> the ids of each chunk
        self.few: dict | None = None        # the nodes of FEW_KINDS, in node order (made when first needed)
        self.order = dict.fromkeys(order)   # every node now, in node order (a dict: ordered, O(1) membership)
        self.position: dict | None = None   # node -> place in the stored order (made when first needed)
        self.node: dict = {}                # decoded attributes
        self.succ: dict = {}                # decoded out-edges
        self.pred: dict = {}                # in-edges built (the predecessors' key dicts)
        self.stored: dict = {}              # decoded nodes whose in-edges are not built: predecessor ids
        self.late: dict = {}                # such nodes -> predecessors gained since (an ordered dict)
        self.complete = False

    def decode(self, n) -> None:
        """Decode the row of `n` (KeyError when it is not a node)."""
        if n in self.node:
            return
        raw = self.raw.pop(n, None)
        if raw is None:
            raise KeyError(n)
        attrs, succ, preds = self.unpack(raw)
        if type(succ) is int:  # out-edges stored apart, in this many chunks
            targets = getattr(self.chunks, "targets", None)
            if targets is not None:  # which targets each chunk holds is read apart: a chunk decoded when used
                parts = self.layout[n] = targets(n, succ)
                succ = _Partial(n, parts, self)
            else:
                succ = self._joined(n, succ, self.chunks, self.layout, {})
        if type(preds) is int:  # predecessor ids likewise
            preds = self._joined(n, preds, self.pred_chunks, self.pred_layout, [])
        self.node[n], self.succ[n], self.stored[n] = attrs, succ, preds

    def _joined(self, n, count: int, chunks, layout: dict, out):
        """The out-edges (`out` a dict) or predecessor ids (a list) of `n` from its `count` chunks read
        from `chunks`, in order; what each chunk holds noted in `layout`."""
        if chunks is None:
            raise KeyError(f"the edges of {n!r} are stored apart and nothing reads them")
        parts = []
        for data in chunks.get(n, count):
            part = self.unpack(data)
            parts.append(tuple(part))
            out.extend(part) if type(out) is list else out.update(part)
        layout[n] = parts
        return out

    def node_of(self, n) -> dict:
        """The attributes of `n`."""
        return self._decoded(self.node, n)

    def succ_of(self, n) -> dict:
        """The out-edges of `n`."""
        return self._decoded(self.succ, n)

    def _decoded(self, part: dict, n):
        """`part[n]` (``node`` or ``succ``), the row of `n` decoded first when it is not yet."""
        found = part.get(n)
        if found is None:
            self.decode(n)
            found = part[n]
        return found

    def pred_ids(self, n, *, ordered: bool = True) -> list:
        """The predecessors of `n`, in the order its in-edges are (or will be) built (unless not `ordered`)."""
        found = self.pred.get(n)
        if found is not None:
            return list(found)
        self.decode(n)
        stored = self.stored[n]
        return (self._ordered(stored) if ordered else list(stored)) + list(self.late.get(n, ()))

    def pred_of(self, n) -> dict:
        """The in-edges of `n` (built, decoding its predecessors, when first asked for)."""
        found = self.pred.get(n)
        if found is None:
            found = {}
            for u in self.pred_ids(n):
                found[u] = self.succ_of(u)[n]  # the key dict the predecessor holds: one for both directions
            self.pred[n] = found
            del self.stored[n]
            self.late.pop(n, None)
        return found

    def link(self, u, v, keydict: dict) -> None:
        """Note a new edge u -> v among the in-edges of `v` (built or not)."""
        found = self.pred.get(v)
        if found is not None:
            found[u] = keydict
        else:  # after the stored ones, as a dict appends it
            self.decode(v)
            self.late.setdefault(v, {})[u] = None

    def unlink(self, u, v) -> None:
        """Take u out of the in-edges of `v` (built or not): the edges u -> v are gone."""
        found = self.pred.get(v)
        if found is not None:
            del found[u]
            return
        self.decode(v)
        late = self.late.get(v)
        if late and u in late:
            del late[u]
            return
        ids = self.stored[v]
        if type(ids) is list:
            ids = self.stored[v] = dict.fromkeys(ids)
        del ids[u]

    def add(self, n, attrs: dict) -> None:
        """A new node (last in node order)."""
        self.order[n] = None
        if self.few is not None and type(n) is str and n.startswith(FEW_KINDS):
            self.few[n] = None
        if self.position is not None:
            self.position[n] = len(self.position)
        self.node[n], self.succ[n], self.pred[n] = attrs, {}, {}

    def remove(self, n) -> None:
        """Forget node `n` (its edges are gone already)."""
        del self.order[n]
        for part in (self.node, self.succ, self.pred, self.stored, self.late, self.raw, self.few or {}):
            part.pop(n, None)
        for part in (self.layout, self.pred_layout):
            if n in part:  # its chunks in the file are to go: the next save drops them
                part[n] = ()

    def complete_all(self) -> None:
        """Decode every row and build every in-edge; hold the parts in node order."""
        if not isinstance(self.raw, dict):  # rows read from the file when asked for: all of them at once
            self.raw = self.raw.bulk()
        for chunks in (self.chunks, self.pred_chunks):  # and the chunks of edges stored apart
            if chunks is not None:
                chunks.bulk()
        for n in list(self.raw):
            self.decode(n)
        for n, succ in self.succ.items():  # out-edges decoded by the chunk: every chunk now, as one dict
            if type(succ) is _Partial:
                self.succ[n] = succ.whole()
        todo = self.stored  # nodes whose in-edges are not built
        for n in todo:
            self.pred[n] = {}
        for u in self.order:  # in node order, as the eager read builds them
            for v, keys in self.succ[u].items():
                if v in todo:
                    self.pred[v][u] = keys
        for v, late in self.late.items():  # edges added since the read come after, as a dict appends them
            pred = self.pred[v]
            for u in late:
                pred[u] = pred.pop(u)
        self.stored, self.late = {}, {}
        self.node = {n: self.node[n] for n in self.order}
        self.succ = {n: self.succ[n] for n in self.order}
        self.pred = {n: self.pred[n] for n in self.order}
        self.complete = True

    def _ordered(self, ids) -> list:
        """Stored predecessor ids in node order (the order the eager read gives in-edges)."""
        if len(ids) < 2:
            return list(ids)
        if self.position is None:  # nodes added since the read come after the stored ones: no matter here
            self.position = {n: i for i, n in enumerate(self.order)}
        position = self.position
        return sorted(ids, key=position.__getitem__)


class _Partial:
    """The out-edges of a node stored in chunks (``graph.state_file``: a busy person's thousands of
    meetings), standing for the dict of them: the targets of every chunk are read with the row, and
    a chunk's edges are decoded only when one of its targets is first looked up, so finding one
    edge of a busy person decodes 128 of their edges, not every one.

    It keeps the order the dict has: the stored targets in chunk order, those added since last
    (one taken out and put back goes last), as a dict puts them. Walking its items or values
    decodes every chunk; `whole` gives the plain dict (the graph's, once decoded whole).
    """

    __slots__ = ("n", "rows", "at", "loaded", "count")

    def __init__(self, n, parts: list, rows: "_Rows"):
        self.n, self.rows, self.count = n, rows, len(parts)
        #: every target, in the dict's order -> the chunk holding its stored edges (-1: added since the read)
        self.at: dict = {t: i for i, part in enumerate(parts) for t in part}
        self.loaded: dict = {}  # target -> its key dict, for the chunks decoded and the targets set since

    def _load(self, i: int) -> None:
        """Decode chunk `i`: its targets still stored there (not removed, nor set since) take their key dicts."""
        at, loaded = self.at, self.loaded
        for t, keys in self.rows.unpack(self.rows.chunks.one(self.n, i, self.count)).items():
            if at.get(t) == i and t not in loaded:
                loaded[t] = keys

    def _missing(self, t):
        """Stop: the chunk the row lists for `t` does not hold it."""
        from graph.errors import GraphFileError

        raise GraphFileError(f"The graph cache's chunks of the edges of {self.n!r} do not hold {t!r}, which its "
                             "row lists; delete the cache (graph.state) and build again.")

    def get(self, t, default=None):
        """The key dict of the edges to `t`, `default` when there are none."""
        found = self.loaded.get(t)
        if found is None:
            i = self.at.get(t)
            if i is None:
                return default
            self._load(i)
            found = self.loaded.get(t)
            if found is None:
                self._missing(t)
        return found

    def __getitem__(self, t):
        found = self.get(t)
        if found is None:
            raise KeyError(t)
        return found

    def __setitem__(self, t, keys: dict) -> None:
        if t not in self.at:
            self.at[t] = -1
        self.loaded[t] = keys

    def __delitem__(self, t) -> None:
        del self.at[t]
        self.loaded.pop(t, None)

    def __contains__(self, t) -> bool:
        return t in self.at

    def __len__(self) -> int:
        return len(self.at)

    def __iter__(self) -> Iterator:
        return iter(self.at)

    def keys(self):
        """The targets, in order (nothing decoded)."""
        return self.at.keys()

    def items(self):
        """(target, key dict) pairs in order: every chunk is decoded first."""
        return self.whole().items()

    def values(self):
        """The key dicts in order: every chunk is decoded first."""
        return self.whole().values()

    def edges_of(self, targets) -> dict:
        """target -> key dict for `targets` (targets of this node), decoding only the chunks that hold them."""
        loaded, at = self.loaded, self.at
        for i in {at[t] for t in targets if t not in loaded}:
            self._load(i)
        try:
            return {t: loaded[t] for t in targets}
        except KeyError as err:
            self._missing(err.args[0])

    def whole(self) -> dict:
        """The out-edges as a plain dict, in order (the same key dicts: in-edges share them)."""
        loaded = self.loaded
        left = {i for t, i in self.at.items() if t not in loaded}
        for i in sorted(left):
            self._load(i)
        try:
            out = {t: loaded[t] for t in self.at}
        except KeyError as err:
            self._missing(err.args[0])
        self.rows.chunks.release(self.n)  # every edge decoded: the chunks' bytes are needed no more
        return out


class _Map:
    """``_node`` or ``_succ`` of a `LazyMultiDiGraph`: a read-only mapping decoding rows as it is read."""

    __slots__ = ("_rows", "_attrs")

    def __init__(self, rows: _Rows, attrs: bool):
        self._rows, self._attrs = rows, attrs  # the attributes (``_node``) or the out-edges (``_succ``)

    def _get(self, n):
        rows = self._rows
        return rows.node_of(n) if self._attrs else rows.succ_of(n)

    def _whole(self) -> dict:
        rows = self._rows
        if not rows.complete:
            rows.complete_all()
        return rows.node if self._attrs else rows.succ

    def __getitem__(self, n):
        if n not in self._rows.order:
            raise KeyError(n)
        return self._get(n)

    def get(self, n, default=None):
        """The entry of node `n` (decoded), or `default` when `n` is not a node."""
        try:
            return self[n]
        except (KeyError, TypeError):
            return default

    def __contains__(self, n) -> bool:
        try:
            return n in self._rows.order
        except TypeError:
            return False

    def __len__(self) -> int:
        return len(self._rows.order)

    def __iter__(self) -> Iterator:
        return iter(self._rows.order)

    def keys(self):
        """The nodes, in node order (nothing decoded)."""
        return self._rows.order.keys()

    def items(self):
        """(node, entry) pairs in node order: every row is decoded first."""
        return self._whole().items()

    def values(self):
        """The entries in node order: every row is decoded first."""
        return self._whole().values()


class _PredMap(_Map):
    """``_pred`` of a `LazyMultiDiGraph`: in-edges built when first asked for."""

    __slots__ = ()

    def __init__(self, rows: _Rows):
        super().__init__(rows, False)

    def _get(self, n):
        rows = self._rows
        return rows.pred[n] if rows.complete else rows.pred_of(n)

    def _whole(self) -> dict:
        rows = self._rows
        if not rows.complete:
            rows.complete_all()
        return rows.pred
