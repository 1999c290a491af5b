"""Read-only access to the graph cache's node rows, for queries that need only a few nodes.

``diplograph build`` stores the graph in ``graph.state`` beside ``graph.graphml`` as one row per
node (its attributes and out-edges) plus the query index (``graph.state_file``). Assembling the
whole graph from those rows costs a few tenths of a second on the historical corpus, and
importing networkx to hold it as much again. A question such as "who did Kissinger meet?"
touches one person, their counterparts and their meetings: `RowGraph` reads just those rows,
on demand, and offers the small part of networkx's graph interface that ``graph.query.who_met``
uses (``in``, ``len``, ``nodes[n]``, ``has_edge``, ``edges[u, v, key]``, ``get_edge_data``,
``out_edges``), so the query code is the same for both and gives the same answers.

It does not write, does not build an index of its own and does not read GraphML: when the cache
beside a GraphML file cannot stand for it (another file, another version of diplograph),
`open_beside` returns None and the caller reads the graph as before (``MeetingGraph.load``).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Iterator

from graph.errors import GraphFileError
from graph.state_file import _ERRORS, FORMAT, _joined, _loads, _read_index, _unpack

__all__ = ["RowGraph", "STATE_NAME", "code_hash", "fingerprint", "open_beside"]

#: The cache's file name beside ``graph.graphml`` (``graph.incremental`` re-exports it).
STATE_NAME = "graph.state"
#: The modules whose code a cache records the hash of: the rules a stored graph embodies (not
#: meeting_region.py: it decides which meetings an update clusters again, never what the clusters are).
_CODE = ("build.py", "identity.py", "incremental.py", "state_file.py", "lazy_docs.py", "person_totals.py")


class RowGraph:
    """A meeting graph read from the cache's node rows, one node at a time, read-only.

    Nodes are read when first asked for and kept. ``index`` is the query index stored with
    the rows (``graph.query.lookup_index`` adopts it), so names are looked up without reading
    every person.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graph import query
    >>> from graph.incremental import GraphState, save_state
    >>> from graph.synthetic import sample_records
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> state = GraphState()
    >>> _ = state.update(sample_records())
    >>> _ = save_state(state, tmp / "graph.state", header={"outputs": {}})
    >>> with open_beside(tmp / "graph.graphml") as rows:
    ...     [r["name"] for r in query.who_met(rows, "Blinken")][:2]
    ['Yoko Kamikawa', 'Annalena Baerbock']
    """

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self._rows: dict[str, tuple | None] = {}
        (self._size,) = db.execute("SELECT COUNT(*) FROM nodes").fetchone()
        row = db.execute("SELECT data FROM blobs WHERE name = 'index'").fetchone()
        if row is None:
            raise GraphFileError("The graph cache lacks its 'index' part; delete it and build again.")
        self.index = _read_index(row[0])
        self.index.g = self
        from graph.query import lookup_index

        lookup_index(self, adopt=self.index)
        self.nodes = _Nodes(self)
        self.edges = _Edges(self)

    # -- the part of networkx's interface the queries use ---------------------------------

    def __contains__(self, n) -> bool:
        return isinstance(n, str) and self._row(n) is not None

    def __len__(self) -> int:
        return self._size

    def has_edge(self, u: str, v: str, key=None) -> bool:
        """Tell whether an edge runs from `u` to `v` (with this key, when given)."""
        keys = self._succ(u).get(v)
        return keys is not None and (key is None or key in keys)

    def get_edge_data(self, u: str, v: str, key=None, default=None):
        """The data of edge `u` -> `v` with `key` (all keys' data when None), else `default`."""
        keys = self._succ(u).get(v)
        if keys is None:
            return default
        if key is None:
            return keys
        return keys.get(key, default)

    def out_edges(self, n: str, data: bool = False) -> Iterator[tuple]:
        """The edges leaving `n`, as ``(n, v)`` or ``(n, v, data)``."""
        for v, keys in self._succ(n).items():
            for d in keys.values():
                yield (n, v, d) if data else (n, v)

    def met_edges(self, pid: str) -> Iterator[tuple[str, dict]]:
        """(counterpart, met-edge data) for every person `pid` met, from the index's adjacency.

        A cache is always written by diplograph, whose met edge between two people runs from
        the smaller id to the larger with the key ``met|a|b``.
        """
        for other in sorted(self.index.met.get(pid, ())):
            a, b = sorted((pid, other))
            data = self.get_edge_data(a, b, f"met|{a}|{b}")
            if data is not None:
                yield other, data

    def is_directed(self) -> bool:
        """True: the cached graph is a MultiDiGraph."""
        return True

    def is_multigraph(self) -> bool:
        """True: the cached graph is a MultiDiGraph."""
        return True

    # -- rows -----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the cache file."""
        self._db.close()

    def __enter__(self) -> "RowGraph":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _row(self, n: str) -> tuple | None:
        """(attributes, out-edges) of node `n`, or None when the graph has no such node."""
        if n not in self._rows:
            found = self._db.execute("SELECT data FROM nodes WHERE id = ?", (n,)).fetchone()
            row = _unpack(found[0]) if found else None
            if row is not None and type(row[1]) is int:  # out-edges stored apart, in chunks (graph.state_file)
                parts = [d for (d,) in self._db.execute("SELECT data FROM edges WHERE id = ? ORDER BY chunk", (n,))]
                row = (row[0], _joined(n, parts, row[1]), *row[2:])
            self._rows[n] = row
        return self._rows[n]

    def _succ(self, n: str) -> dict:
        """The out-edges of `n` ({} for an unknown node)."""
        row = self._row(n)
        return row[1] if row is not None else {}


class _Nodes:
    """``graph.nodes[n]``: a node's attributes."""

    def __init__(self, g: RowGraph):
        self._g = g

    def __getitem__(self, n: str) -> dict:
        row = self._g._row(n) if isinstance(n, str) else None
        if row is None:
            raise KeyError(n)
        return row[0]

    def __contains__(self, n) -> bool:
        return n in self._g

    def get(self, n: str, default=None):
        try:
            return self[n]
        except KeyError:
            return default


class _Edges:
    """``graph.edges[u, v, key]``: an edge's attributes."""

    def __init__(self, g: RowGraph):
        self._g = g

    def __getitem__(self, edge: tuple) -> dict:
        u, v, key = edge
        data = self._g.get_edge_data(u, v, key)
        if data is None:
            raise KeyError(edge)
        return data


def open_beside(graphml: str | os.PathLike) -> RowGraph | None:
    """The cache ``diplograph build`` wrote beside `graphml`, opened for reading rows; None when it cannot stand for it.

    The same rule as ``graph.incremental.graph_beside``: the cache answers for `graphml` when
    that is the file the build wrote with it (same size and modification time), the older
    file a build left with ``--no-graphml``, or when no GraphML exists and the build wrote
    none; and only a cache of this layout written by this version of the builder is used.
    Otherwise (or when the file cannot be read) None: read the graph as before.

    Examples
    --------
    >>> open_beside("/no/such/graph.graphml") is None
    True
    """
    graphml = Path(graphml)
    if graphml.suffix.lower() != ".graphml":
        return None
    state = graphml.with_name(STATE_NAME)
    if not state.is_file():
        return None
    db = None
    try:
        db = sqlite3.connect(f"{state.absolute().as_uri()}?mode=ro", uri=True, timeout=10, isolation_level=None)
        db.execute("BEGIN")  # one read transaction: the rows read belong to one save
        meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('format', 'version', 'header')"))
        version = meta.get("version")
        if meta.get("format") != FORMAT or not isinstance(version, str) or version.rsplit("/", 1)[-1] != code_hash():
            db.close()
            return None
        header = _loads(meta["header"])
        outputs = header.get("outputs", {}) if isinstance(header, dict) else {}
        written = outputs.get("graph")
        left = header.get("stale", {}).get("graph") if isinstance(header, dict) else None
        mine = fingerprint(graphml)
        if not ((mine and mine in (written, left)) or (not mine and not graphml.exists() and not written)):
            db.close()
            return None
        return RowGraph(db)
    except _ERRORS:  # an unreadable cache is not an error: the GraphML is read instead
        if db is not None:
            db.close()
        return None


def code_hash() -> str:
    """A short hash of the code whose rules a stored graph embodies; ``graph.incremental`` puts it in
    ``STATE_VERSION``, and it is read here without importing the builder."""
    digest = hashlib.sha1()
    here = Path(__file__).parent
    for module in _CODE:
        try:
            digest.update((here / module).read_bytes())
        except OSError:  # pragma: no cover - a zipped install: the version alone decides
            digest.update(module.encode())
    return digest.hexdigest()[:12]


def fingerprint(path: str | os.PathLike) -> str:
    """Size and modification time of a file as a short string, "" when missing (``graph.incremental``
    re-exports it).

    Examples
    --------
    >>> fingerprint("/no/such/file")
    ''
    """
    try:
        st = os.stat(path)
    except OSError:
        return ""
    return hashlib.sha1(f"{st.st_size}:{st.st_mtime_ns}".encode()).hexdigest()[:16]
