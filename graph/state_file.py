"""The graph cache on disk (``graph.state``): a SQLite file of pieces, so an update writes what it changed.

A `graph.incremental.GraphState` is stored as rows: one per graph node (its attributes
and out-edges; a node with more than `EDGE_CHUNK` out-edge targets, a busy person, has them
stored apart in chunks, each with the list of its targets, so a save rewrites the chunks whose
edges changed and an update decodes only the chunks it uses), per document (its notes, people, name mentions and summary, and apart its
normalised record), per person, per meeting (signature, people, and the date, kind and
publication date of each mention), per person's totals (``graph.person_totals``) and per
identity signature, plus a few blobs (the query
index, the node and corpus orders, small settings). `save_state` writes, in one
transaction, only the rows the updates since the last save touched
(``GraphState.pending``) and the blobs, the query index patched for the nodes they changed;
the first save, or one onto a file written by someone else, writes a whole new file (index
built) and renames it into place.
Either way a crash or an error mid-save leaves the previous cache as it was: SQLite rolls
an unfinished transaction back, and a new file replaces the old one only when complete.

Queries read the header, the node rows and the index (`read_header`, `load_graph`); a
build reads everything (`load_state`) except the graph's node rows and the documents'
normalised records, which stay in the file until an update first uses them (`_Reader`,
``graph.lazy_graph``, ``graph.lazy_docs``). Every pickle is read by an unpickler that builds only
the classes a state holds, so a planted file cannot run code.

What it does not do: decide whether a state may be patched (``graph.incremental``) or
lock out a second writer (the record store's lock does, around a whole build).
"""

from __future__ import annotations

import gc
import itertools
import marshal
import pickle
import sqlite3
import sys
import uuid
import weakref
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Mapping

from graph.errors import GraphFileError
from graph.lazy_docs import Docs, Packed
from graph.lazy_graph import LazyMultiDiGraph

if TYPE_CHECKING:  # imported where a graph is built: a query answered from rows needs no networkx
    import networkx as nx

__all__ = ["FORMAT", "save_state", "load_state", "load_graph", "read_header"]

#: The layout of the file; a file of another layout is not read (the build starts afresh). Rows of plain
#: values are stored with ``marshal`` (fast, and it builds no objects but builtin values), whose format
#: belongs to the Python version.
FORMAT = f"diplograph graph state, sqlite pieces v15, python {sys.version_info[0]}.{sys.version_info[1]}"

#: A cache file up to this size is read through a memory map rather than a read() call per page (a build
#: reads most of it). Mapped pages count in the process's resident memory, so a larger file is read as
#: before: at 100,000 documents the peak memory of a build matters more than that time.
MMAP_LIMIT = 64 << 20

#: A node with more out-edges (targets) than this has them stored apart from its row, in chunks of this many
#: targets (table ``edges``): a busy person's row held all of their meetings' edges (2 MB at 100,000
#: meetings), rewritten whole for one new meeting; now a save rewrites the chunks whose edges changed.
#: (Smaller chunks write less but cost more to read back; the tables of chunks are rowid tables: as
#: ``WITHOUT ROWID`` tables, whose rows of several KB SQLite stores poorly, writing them took 2.5 times as long.
#: An update decodes a busy node's chunks one at a time, as it uses them: chunks of 32 then took 70 MB less at
#: the peak of a +1% at 100,000 meetings but 8% more CPU, saving more of them.)
EDGE_CHUNK = 128

#: Likewise a node with edges from more than this many nodes (a country, a topic, a busy person: thousands of
#: documents name them) has their ids stored apart, in chunks of this many (table ``preds``).
PRED_CHUNK = 256

#: What an update reads of every document (its notes, people, summary...) and of every meeting (signature,
#: people, facts) is stored by blocks of this many, column by column (`_doc_block`, `_meeting_block`), so
#: that reading them is a few C calls per block rather than a row decoded and taken apart per document or
#: meeting (0.37 s and 0.3 s at 100,000); a save rewrites the blocks holding one that changed (larger
#: blocks read a little faster and write more). Each document's normalised record stays in its own row.
DOC_BLOCK = 64
#: The tables of blocks, by what they hold (``GraphState.blocks``).
_BLOCK_TABLES = {"docs": "docblocks", "meetings": "meetingblocks"}

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE nodes (id TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE edges (id TEXT NOT NULL, chunk INTEGER NOT NULL, targets BLOB NOT NULL, data BLOB NOT NULL,
                    PRIMARY KEY (id, chunk));
CREATE TABLE preds (id TEXT NOT NULL, chunk INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (id, chunk));
CREATE TABLE blobs (name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE docs (id TEXT PRIMARY KEY, doc BLOB NOT NULL);
CREATE TABLE docblocks (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE people (id TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE meetingblocks (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE identity (id TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE mentions (chunk INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE totals (id TEXT PRIMARY KEY, data BLOB NOT NULL);
"""
_ERRORS = (OSError, sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError,
           KeyError, IndexError, GraphFileError)


def save_state(state, path: str | Path, *, header: Mapping | None = None) -> Path:
    """Write `state` to `path`: the rows its updates touched since it was read or saved, or a whole file.

    The header (plain values: versions, fingerprints of the outputs written with this
    graph) is stored apart, so `read_header` and `load_graph` read only what they need.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graph.incremental import GraphState
    >>> from graph.synthetic import sample_records
    >>> state = GraphState()
    >>> _ = state.update(sample_records())
    >>> path = save_state(state, pathlib.Path(tempfile.mkdtemp()) / "graph.state", header={"extractor": "x"})
    >>> header, back = load_state(path, expect={"extractor": "x"})
    >>> sorted(back.graph.nodes) == sorted(state.graph.nodes), read_header(path)["extractor"]
    (True, 'x')
    >>> load_state(path, expect={"extractor": "y"}) is None
    True
    """
    path = Path(path)
    enabled = gc.isenabled()
    gc.disable()  # the index and the pickles are many small objects: collections would cost more than the save
    try:
        generation = uuid.uuid4().hex
        try:
            _detach_others(state, path)
            if state.generation and not state.pending.get("all") and _generation(path) == state.generation:
                _write_changes(state, path, header, generation)
            else:
                _write_whole(state, path, header, _index(state), generation)
        except sqlite3.Error as err:
            raise GraphFileError(f"Cannot write the graph cache {str(path)!r}: {err}. The previous cache is "
                                 "unchanged; free some disk space or check the folder is writable, then build "
                                 "again.") from err
    finally:
        if enabled:
            gc.enable()
    state.pending = {}
    _follow(state, path, generation)
    state.generation = generation
    if state.identity is not None:
        state.identity.saved()
    return path


def _readers(state) -> list:
    """The `_Reader`s through which `state` reads rows from its file when it uses them."""
    rows = getattr(state.plain, "_rows", None)  # a graph.lazy_graph.LazyMultiDiGraph's
    found = []
    for raw in (getattr(rows, "raw", None), state.docs._store.raw if isinstance(state.docs, Docs) else None):
        if isinstance(raw, _Column) and raw.reader not in found:
            found.append(raw.reader)
    return found


def _same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file."""
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _detach_others(state, path: Path) -> None:
    """Before `state` is saved into `path`: any other state of this process still reading rows from that
    file when it uses them (two states read from one file) reads them all now, so it keeps the graph it
    read whatever this save writes."""
    own = _readers(state)
    for reader in list(_LIVE):
        if reader not in own and _same_file(reader.path, path):
            reader.detach()


def _follow(state, path: Path, generation: str) -> None:
    """After a save of `state` into `path`: the rows it still reads from that file when it uses them
    (`_Reader`) are those of the new save (a save of changes rewrites only rows the state holds)."""
    for reader in _readers(state):
        if _same_file(reader.path, path) and reader.generation == state.generation:
            reader.generation = generation


def read_header(path: str | Path) -> dict | None:
    """The header of a state file, or None when missing, unreadable or of another version."""
    try:
        with _open(path, write=False) as db:
            return _header(db)
    except _ERRORS:
        return None


def load_graph(path: str | Path) -> tuple[dict, nx.MultiDiGraph] | None:
    """The header and graph of a state file (not the rest), or None when it cannot be used."""
    enabled = gc.isenabled()
    gc.disable()  # unpickling a large graph with the collector running takes several times as long
    try:
        with _open(path, write=False) as db:
            header = _header(db)
            if header is None:
                return None
            g, index = _read_graph(db)
    except _ERRORS:
        return None
    finally:
        if enabled:
            gc.enable()
    import networkx as nx

    if not isinstance(g, nx.MultiDiGraph):
        return None
    from graph.query import lookup_index

    lookup_index(g, adopt=index)
    return header, g


def load_state(path: str | Path, *, expect: Mapping | None = None, aliases: Mapping[str, str] | None = None,
               corrections: Iterable[tuple[str, str, str]] = ()) -> tuple[dict, object] | None:
    """Read the header and state written by `save_state`; None when missing, unreadable or stale.

    `expect` lists header values the state must have (the extractor version...); a state
    written by another version of diplograph or with other aliases or corrections is not
    used. Opening the file rolls back what a crashed save left unfinished.

    The objects read (a million at 7,537 documents, tens of millions at 100,000) live as long
    as the build: they are moved out of the collector's generations (``gc.freeze``), so that
    the collections the rest of the process triggers do not walk them all again (at 7,537
    documents the first two cost 0.2 s, a fifth of an update of one document). Freed by their
    reference counts as any object; ``gc.unfreeze`` hands them back to the collector.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        with _open(path, write=True) as db:
            header = _header(db)
            if header is None or any(header.get(k) != v for k, v in (expect or {}).items()):
                return None
            state = _read_state(db)
        gc.freeze()  # see above: a state holds no reference cycles, so nothing frozen waits for a collection
    except _ERRORS:
        return None
    finally:
        if enabled:
            gc.enable()
    if state.aliases != aliases or state.corrections != tuple(tuple(c) for c in corrections):
        return None
    return header, state


class _open:
    """A connection to a state file as a context manager (read-only, or read-write without creating it).

    Unless `snapshot` is False (the caller begins its own transaction), everything read
    through it is one read transaction: a build committing meanwhile waits, so the header,
    nodes and rows read belong to one save.
    """

    def __init__(self, path: str | Path, *, write: bool, snapshot: bool = True):
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(str(path))
        self.db = sqlite3.connect(f"{path.absolute().as_uri()}?mode={'rw' if write else 'ro'}", uri=True,
                                  timeout=10, isolation_level=None)
        if path.stat().st_size <= MMAP_LIMIT:  # see MMAP_LIMIT
            self.db.execute(f"PRAGMA mmap_size={MMAP_LIMIT}")
        self.snapshot = snapshot

    def __enter__(self) -> sqlite3.Connection:
        if self.snapshot:
            self.db.execute("BEGIN")
        return self.db

    def __exit__(self, *exc) -> None:
        self.db.close()


def _header(db: sqlite3.Connection) -> dict | None:
    """The header of an open state file; None when it is of another layout or version."""
    from graph.incremental import STATE_VERSION

    meta = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('format', 'version', 'header')"))
    if meta.get("format") != FORMAT or meta.get("version") != STATE_VERSION:
        return None
    header = _loads(meta["header"])
    return header if isinstance(header, dict) else None


def _generation(path: Path) -> str:
    """The generation stamp of the file at `path` ("" when there is none to patch)."""
    try:
        with _open(path, write=True) as db:  # read-write: a crashed save is rolled back first
            row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            return row[0] if row and _header(db) is not None else ""
    except _ERRORS:
        return ""


def _blob(db: sqlite3.Connection, name: str) -> bytes:
    """One named blob of an open state file."""
    row = db.execute("SELECT data FROM blobs WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise GraphFileError(f"The graph cache lacks its {name!r} part; delete it and build again.")
    return row[0]


def _index(state) -> object:
    """The query index of the state's graph, with names parsed by earlier saves reused."""
    from graph.identity import parse_name
    from graph.query import lookup_index

    parsed, used = state.parsed or {}, {}

    def parse(name: str):  # a name parsed by an earlier build is not parsed again
        if name not in used:
            used[name] = parsed[name] if name in parsed else parse_name(name)
        return used[name]

    index = lookup_index(state.plain, parse=parse)  # names parsed here, once, not per query
    state.parsed = used
    return index


def _patched_index(state, db: sqlite3.Connection) -> object:
    """The query index stored in the open file, patched for the nodes the updates since it was
    written changed (``state.pending["nodes"]``): what `_index` builds, without reading every
    node and edge. A missing or unreadable index is built instead."""
    from graph.identity import parse_name
    from graph.query import _Index, lookup_index

    try:
        index = _read_index(_blob(db, "index"))
    except _ERRORS:
        return _index(state)
    if not isinstance(index, _Index):
        return _index(state)
    parsed = state.parsed if state.parsed is not None else {}

    def parse(name: str):  # a name parsed by an earlier build is not parsed again
        if name not in parsed:
            parsed[name] = parse_name(name)
        return parsed[name]

    index.patch(state.plain, state.pending.get("nodes", ()), parse)
    state.parsed = parsed
    lookup_index(state.plain, adopt=index)  # queries in this process use it
    return index


def _write_whole(state, path: Path, header: Mapping | None, index, generation: str) -> None:
    """Write every piece of `state` to a new file, then put it in the place of `path`."""
    from graph.atomic_files import atomic_output

    _generation(path)  # opening the old file rolls back what a crashed save left, before its journal goes
    with atomic_output(path) as tmp:
        db = sqlite3.connect(tmp, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=OFF")  # a new file, renamed into place only when complete
            db.execute("PRAGMA synchronous=OFF")
            db.executescript(_SCHEMA)
            db.execute("BEGIN")
            ident = state.identity
            # rows are packed as SQLite takes them (generators), never all held at once: at 100k documents
            # the packed documents alone were a few hundred MB on top of the graph
            g = state.plain
            readers = _readers(state)
            if isinstance(g, LazyMultiDiGraph):
                g.materialize()
            if isinstance(state.docs, Docs):
                state.docs.hold_all()  # rows still in the old file: read at once, not one by one
            for reader in readers:  # nothing more to read from it: closed, so it can be replaced
                reader.detach()
            # the chunks of out-edges and predecessors, all written anew, in a pass of their own: which targets
            # each holds is not kept (at 100,000 meetings 16 MB more at the peak of a build), only which nodes
            # have some (an empty layout: a save of changes lays out anew those it touches)
            state.edge_layout.clear()
            state.pred_layout.clear()
            _put(db, "nodes", ((n, _node_row(g, n, state.edge_layout, state.pred_layout)) for n in g._node))
            _put(db, "edges", ((n, i, _pack(part), _pack({t: succ[t] for t in part}))
                               for n in state.edge_layout for succ in (g._succ[n],) for keys in (list(succ),)
                               for i, k in enumerate(range(0, len(keys), EDGE_CHUNK))
                               for part in (tuple(keys[k:k + EDGE_CHUNK]),)))
            _put(db, "preds", ((n, i, _pack(keys[k:k + PRED_CHUNK])) for n in state.pred_layout
                               for keys in (_preds_of(g, n),) for i, k in enumerate(range(0, len(keys), PRED_CHUNK))))
            _put(db, "docs", ((d, _doc_raw(state, d)) for d in state.order))
            _put(db, "people", ((p, _pack(info)) for p, info in state.people.items()))
            for kind, ids, encode in (("docs", state.order, _doc_block), ("meetings", list(state.signatures),
                                                                         _meeting_block)):
                blocks = {b: ids[start:start + DOC_BLOCK] for b, start in enumerate(range(0, len(ids), DOC_BLOCK))}
                _put(db, _BLOCK_TABLES[kind], ((b, encode(state, found)) for b, found in blocks.items()))
                state.blocks[kind] = blocks
            _put(db, "totals", ((p, _totals_row(state, p)) for p in state.person_totals))
            if ident is not None:
                _put(db, "identity", ((repr(k), _identity_row(ident, k)) for k in ident.signatures))
                db.execute("INSERT INTO mentions VALUES (0, ?)", (_dumps(list(ident.keys.items())),))
            _write_blobs(db, state, header, index, generation, graph=True)
            db.execute("COMMIT")
        finally:
            db.close()
        _forget_journal(path)


def _write_changes(state, path: Path, header: Mapping | None, generation: str) -> None:
    """Write the rows `state.pending` names and the blobs, in one transaction on `path`; the query
    index is the stored one, patched (`_patched_index`)."""
    pending, ident = state.pending, state.identity
    with _open(path, write=True, snapshot=False) as db:
        # what is read of the file to write the graph's rows and index, read before the write lock is taken
        # (a read through the state's own connection waits for that lock): the chunks of edges a node
        # decoded by the chunk rewrites (``graph.lazy_graph._Partial``), the stored index. Should another
        # build have saved since, the check of the generation below stops this save.
        layout, pred_layout = {}, {}  # the chunks written: noted in the state once committed
        nodes = index = None
        if pending.get("graph"):
            nodes = _node_changes(state, pending.get("nodes", ()), layout, pred_layout)
            index = _patched_index(state, db)
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            if not row or row[0] != state.generation:
                raise sqlite3.OperationalError("the cache was replaced since it was read")
            _sync(db, "docs", pending.get("docs", ()), lambda d: d in state.docs, lambda d: _doc_raw(state, d))
            blocks = {"docs": _sync_blocks(db, state, "docs", pending.get("docs", ()), state.docs, _doc_block),
                      "meetings": _sync_blocks(db, state, "meetings", pending.get("meetings", ()), state.signatures,
                                               _meeting_block)}
            if nodes is not None:
                _write_nodes(db, *nodes)
            _sync(db, "people", pending.get("people", ()), state.people.__contains__,
                  lambda p: _pack(state.people[p]))
            _sync(db, "totals", pending.get("totals", ()), state.person_totals.__contains__,
                  lambda p: _totals_row(state, p))
            if ident is not None:
                keys = {repr(k): k for k in ident.touched}
                _sync(db, "identity", keys, lambda r: keys[r] in ident.signatures,
                      lambda r: _identity_row(ident, keys[r]))
                if ident.new_mentions:
                    db.execute("INSERT INTO mentions (data) VALUES (?)", (_dumps(ident.new_mentions),))
            _write_blobs(db, state, header, index, generation, graph=bool(pending.get("graph")))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    for kind, written in blocks.items():  # committed: the blocks as the file now holds them
        held = state.blocks[kind]
        held.update(written)
        for b in [b for b, ids in written.items() if not ids]:
            del held[b]
    for written, kept in ((layout, state.edge_layout), (pred_layout, state.pred_layout)):
        for n, parts in written.items():
            if parts is None:
                kept.pop(n, None)
            else:
                kept[n] = parts


def _sync_blocks(db: sqlite3.Connection, state, kind: str, ids: Iterable[str], present, encode) -> dict:
    """Write the blocks (`DOC_BLOCK`) of documents or meetings (`kind`) holding one of `ids` (added,
    changed or gone: not in `present`); a new one goes into the last block, or a new block when it is
    full. Returns the blocks written (block -> what it holds; empty: deleted), for the state to take
    once the save is committed."""
    blocks = {}
    held = state.blocks[kind]
    placed: dict = {}  # id -> its block, made for the save (kept, it would cost 5 MB per 100,000 at every build)
    for b, found in held.items():
        placed.update(dict.fromkeys(found, b))
    last = max(held, default=-1)
    for d in ids:
        b = placed.get(d)
        if b is not None and b not in blocks:
            blocks[b] = list(held[b])
        if d not in present:
            if b is not None:
                blocks[b].remove(d)
        elif b is None:
            if last < 0 or len(blocks.get(last, held.get(last, ()))) >= DOC_BLOCK:
                last += 1
            if last not in blocks:
                blocks[last] = list(held.get(last, ()))
            blocks[last].append(d)
            placed[d] = last
    table = _BLOCK_TABLES[kind]
    gone = [(b,) for b, kept in blocks.items() if not kept]
    if gone:
        db.executemany(f"DELETE FROM {table} WHERE id = ?", gone)
    _put(db, table, ((b, encode(state, kept)) for b, kept in blocks.items() if kept))
    return blocks


def _node_changes(state, ids: Iterable[str], layout: dict, pred_layout: dict) -> tuple[list, list, dict]:
    """The node rows of `ids` still in the graph, packed, and the ids of the others, for `_write_nodes`;
    of the out-edges of a node stored in chunks (`EDGE_CHUNK`), only the chunks holding an edge that
    changed (``state.pending["edges"]``) are packed, and likewise of its predecessors (`PRED_CHUNK`,
    ``state.pending["preds"]``). `layout` and `pred_layout` receive each written node's chunks (None:
    stored in its row). Returns (ids gone, rows, per table the nodes whose chunks go, the chunks, the
    cuts)."""
    g, pending = state.plain, state.pending
    rows, gone = [], []
    out = {"edges": ([], [], []), "preds": ([], [], [])}  # per table: nodes whose chunks go, chunks, cuts
    for n in ids:
        if n not in g:
            gone.append((n,))
            for table, kept, written in (("edges", state.edge_layout, layout), ("preds", state.pred_layout,
                                                                                 pred_layout)):
                if n in kept:  # chunks in the file (a node removed keeps an empty layout until saved)
                    out[table][0].append((n,))
                    written[n] = None
            continue
        succ = g._succ[n]
        preds = _preds_of(g, n)
        counts = []
        for table, items, limit, kept, written, pack in (  # an edges chunk: its targets, then their edges
                ("edges", succ, EDGE_CHUNK, state.edge_layout, layout,
                 lambda part: (_pack(part), _pack({t: succ[t] for t in part} if type(succ) is dict
                                                  else succ.edges_of(part)))),  # (decoded by the chunk)
                ("preds", preds, PRED_CHUNK, state.pred_layout, pred_layout, lambda part: (_pack(list(part)),))):
            drop, chunks, cut = out[table]
            if len(items) <= limit:  # in the row; its chunks, if it had any, dropped
                if n in kept:
                    drop.append((n,))
                    written[n] = None
                counts.append(None)
                continue
            parts, write = _chunks_of(items, kept.get(n), pending.get(table, {}).get(n, ()), limit)
            if write is None:  # laid out anew: every chunk written, those beyond them dropped
                write = range(len(parts))
                cut.append((n, len(parts)))
            chunks.extend((n, i, *pack(parts[i])) for i in write)
            written[n] = parts
            counts.append(len(parts))
        if counts[0] is None and type(succ) is not dict:  # out-edges decoded by the chunk, now in the row
            succ = succ.whole()
        rows.append((n, _pack((g._node[n], succ if counts[0] is None else counts[0],
                               preds if counts[1] is None else counts[1]))))
    return gone, rows, out


def _write_nodes(db: sqlite3.Connection, gone: list, rows: list, out: dict) -> None:
    """Write what `_node_changes` made: delete the nodes gone and the chunks dropped, write the rows and chunks."""
    if gone:
        db.executemany("DELETE FROM nodes WHERE id = ?", gone)
    for table, (drop, chunks, cut) in out.items():
        if drop:
            db.executemany(f"DELETE FROM {table} WHERE id = ?", drop)
        if cut:
            db.executemany(f"DELETE FROM {table} WHERE id = ? AND chunk >= ?", cut)
    _put(db, "nodes", rows)
    for table, (_, chunks, _) in out.items():
        _put(db, table, chunks)


def _chunks_of(succ, old: list | None, edited, size: int | None = None) -> tuple[list, Iterable[int] | None]:
    """The chunks (tuples of targets, in order) to store the out-edges `succ` of a node in (or its
    predecessor ids, a list), of `size` targets (`EDGE_CHUNK` unless given), and the
    indexes of those that differ from the stored ones (`old`, as the file holds them; `edited`: the
    targets whose edges changed since); None for a layout made anew (no stored one fits).

    A dict keeps the targets it had in their order and puts those added (or taken out and put back)
    last: so the stored chunks keep their targets less those gone or moved, and the targets now
    last fill the last chunk and new ones. The layout is checked against the order of `succ`
    (the order a read joins the chunks in): where it does not match, it is made anew.
    """
    size = size or EDGE_CHUNK
    keys = list(succ)
    if old:
        edited = set(edited)
        present = succ if type(succ) is dict else None  # made when needed (predecessors come as a list)
        for moved in (True, False):  # edited targets moved to the end (taken out and put back), or kept in place
            parts, changed = [], []
            for i, part in enumerate(old):
                if edited.isdisjoint(part):
                    parts.append(part)
                    continue
                changed.append(i)
                if moved:  # a target not edited is where it was; an edited one is gone or last
                    parts.append(tuple(t for t in part if t not in edited))
                    continue
                if present is None:
                    present = set(keys)
                parts.append(tuple(t for t in part if t not in edited or t in present))
            head = sum(map(len, parts))
            tail = keys[head:]
            if tail:
                room = max(0, size - len(parts[-1]))
                if room:
                    parts[-1] = parts[-1] + tuple(tail[:room])
                    changed.append(len(parts) - 1)
                for start in range(room, len(tail), size):
                    changed.append(len(parts))
                    parts.append(tuple(tail[start:start + size]))
            if len(parts) <= 2 * (len(keys) // size + 1) and list(itertools.chain.from_iterable(parts)) == keys:
                return parts, sorted(set(changed))
    return [tuple(keys[i:i + size]) for i in range(0, len(keys), size)], None


def _write_blobs(db: sqlite3.Connection, state, header: Mapping | None, index, generation: str, *,
                 graph: bool) -> None:
    """The blobs and the meta rows: what every save rewrites (the graph only when it changed)."""
    from graph.incremental import STATE_VERSION

    ident = state.identity
    orders = {"people": list(state.people), "meetings": list(state.signatures),
              "identity": [repr(k) for k in ident.signatures] if ident is not None else []}
    misc = {"warnings": state.warnings, "later_notes": state.later_notes, "aliases": state.aliases,
            "corrections": state.corrections, "parsed": _parsed_values(state.parsed), "version": state.version,
            "identity": ident is not None, "alias_table": ident.alias_table if ident is not None else None}
    # plain values, read with marshal (unpickling the parsed names was most of reading "misc", and the
    # corpus order 0.02 s at 100,000 documents)
    blobs = [("order", _pack(state.order)), ("orders", _pack(orders)), ("misc", _pack(misc))]
    if graph or db.execute("SELECT 1 FROM blobs WHERE name = 'index'").fetchone() is None:
        g = state.plain
        index = index if index is not None else _index(state)
        index.g = None  # the index refers to the graph, which is stored as rows
        try:
            blobs += [("index", _index_bytes(index)), ("graph", _pack((dict(g.graph), list(g))))]
        finally:
            index.g = g
    db.executemany("INSERT OR REPLACE INTO blobs VALUES (?, ?)", blobs)
    meta = [("format", FORMAT), ("version", STATE_VERSION), ("generation", generation),
            ("header", _dumps(dict(header or {}, version=state.version)))]
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta)


def _read_state(db: sqlite3.Connection):
    """Assemble a GraphState from the rows and blobs of an open file."""
    from graph.incremental import GraphState, _Identity

    generation = _current(db)
    reader = _Reader(db, generation)
    g, _ = _read_graph(db, index=False, plain=True, reader=reader)
    order, orders = (_unpack(_blob(db, n)) for n in ("order", "orders"))
    misc = _unpack(_blob(db, "misc"))
    notes, pids, offs, skips, summaries, mentions = {}, {}, {}, {}, {}, Packed()
    placed = {}
    for ids, columns in _read_blocks(db, "docs", placed):  # column by column, in C (see DOC_BLOCK)
        for found, column in zip((notes, pids, offs, summaries), columns):
            found.update(zip(ids, column))
        dict.update(mentions, zip(ids, columns[4]))  # name mentions, packed until read
        skips.update(columns[5])
    sigs, meeting_people, facts = {}, {}, {}
    for ids, columns in _read_blocks(db, "meetings", placed):
        for found, column in zip((sigs, meeting_people, facts), columns):
            found.update(zip(ids, column))
    people = {p: _unpack(data) for p, data in db.execute("SELECT id, data FROM people")}
    records = db.execute("SELECT count(*) FROM docs").fetchone()[0]  # their records are read when used
    docs_at, meetings_at = (list(itertools.chain.from_iterable(placed[k].values())) for k in ("docs", "meetings"))
    # blocks in the order of their lists (documents added last go last, into the last blocks): the tables read
    # from them are in that order already, not made again in it
    docs_in_order, meetings_in_order = docs_at == order, meetings_at == orders["meetings"]
    if (len(docs_at) != len(order) or records != len(order) or not (docs_in_order or set(docs_at) == set(order))
            or set(people) != set(orders["people"]) or len(meetings_at) != len(orders["meetings"])
            or not (meetings_in_order or set(meetings_at) == set(orders["meetings"]))):
        raise GraphFileError("The graph cache's rows do not match its lists; delete it and build again.")
    state = GraphState(plain=g, edge_layout=g._rows.layout, pred_layout=g._rows.pred_layout, warnings=misc["warnings"], later_notes=misc["later_notes"], aliases=misc["aliases"],
                       corrections=misc["corrections"], parsed=_parsed(misc["parsed"]), version=misc["version"])
    state.order = order
    state.blocks = placed
    stored = summaries if docs_in_order else {d: summaries[d] for d in order}  # in corpus order; the officials
    # stay packed until read
    # each document's record read from the file (and decoded) when an update first reads that document
    state.docs = Docs.stored_in(_Column(reader, "docs", "doc", order), stored)
    state.doc_notes, state.doc_pids, state.doc_offs, state.skip_notes = notes, pids, offs, skips
    state.people = {p: people[p] for p in orders["people"]}
    if meetings_in_order:
        state.signatures, state.meeting_people, state.meeting_facts = sigs, meeting_people, facts
    else:
        state.signatures = {m: sigs[m] for m in orders["meetings"]}
        state.meeting_people = {m: meeting_people[m] for m in orders["meetings"]}
        state.meeting_facts = {m: facts[m] for m in orders["meetings"]}
    state.person_totals = dict(db.execute("SELECT id, data FROM totals"))  # unpacked when an update uses them
    if misc["identity"]:
        ident = _Identity()
        ident.mentions = mentions
        for (data,) in db.execute("SELECT data FROM mentions ORDER BY chunk"):
            ident.keys.update(_loads(data))
        found = {r: _unpack(data) for r, data in db.execute("SELECT id, data FROM identity")}
        if set(found) != set(orders["identity"]):
            raise GraphFileError("The graph cache's identity rows do not match its list; delete it and build again.")
        names: dict = {}
        for r in orders["identity"]:
            key, sig, docs, pid = found[r]
            ident.signatures[key] = _signature(sig, names)
            ident.pids[key] = pid
            if docs is not None:
                ident.key_docs[key] = set(docs)  # stored as a list (see `_identity_row`)
        ident.alias_table = misc.get("alias_table")
        ident.saved()
        state.identity = ident
    state.pending = {}
    state.generation = generation
    return state


def _current(db: sqlite3.Connection) -> str:
    """The generation of the open file ("" for none)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return row[0] if row else ""


#: The `_Reader`s of states alive in this process (see `_detach_others`).
_LIVE: "weakref.WeakSet[_Reader]" = weakref.WeakSet()


class _Reader:
    """A read-only connection of its own to the cache file a state was read from, for the rows a build
    reads only when it uses them (`_Column`: graph nodes, documents' records).

    Each read checks that the file is still the save the state was read from (or that the state
    saved since: `save_state` moves `generation` on), so rows of another build's save are never
    mixed into this one's graph. Reads are single statements outside any transaction: the
    build's own save, through another connection, is never kept waiting.
    """

    def __init__(self, db: sqlite3.Connection, generation: str):
        path = db.execute("PRAGMA database_list").fetchone()[2]
        self.path = Path(path)
        self.generation = generation
        self.db = sqlite3.connect(f"{self.path.absolute().as_uri()}?mode=ro", uri=True, timeout=10,
                                  isolation_level=None)
        self.columns: list[_Column] = []  # the mappings reading through it
        _LIVE.add(self)

    def detach(self) -> None:
        """Read every row its columns still lack, so nothing more is read from the file; close it."""
        for column in self.columns:
            column.held = column.bulk()
        _LIVE.discard(self)
        self.db.close()  # the file may now be replaced (a whole save renames a new file into its place)

    def read(self, table: str, column: str, key: str) -> bytes | None:
        """The `column` of row `key` of `table`, None when there is no such row."""
        rows = self.db.execute(f"SELECT t.{column}, m.value FROM {table} AS t, meta AS m "
                               "WHERE t.id = ? AND m.key = 'generation'", (key,)).fetchall()
        if rows and rows[0][1] != self.generation:
            self._changed()
        return rows[0][0] if rows else None

    def read_chunks(self, table: str, key: str, *, column: str = "data") -> list:
        """The bytes (`column`) of the chunks of node `key` in `table` (``edges`` or ``preds``), in order."""
        rows = self.db.execute(f"SELECT e.{column}, m.value FROM {table} AS e, meta AS m "
                               "WHERE e.id = ? AND m.key = 'generation' ORDER BY e.chunk", (key,)).fetchall()
        if rows and rows[0][1] != self.generation:
            self._changed()
        return [data for data, _ in rows]

    def read_chunk(self, table: str, key: str, chunk: int) -> bytes | None:
        """The bytes of chunk `chunk` of node `key` in `table`, None when there is none."""
        rows = self.db.execute(f"SELECT e.data, m.value FROM {table} AS e, meta AS m "
                               "WHERE e.id = ? AND e.chunk = ? AND m.key = 'generation'", (key, chunk)).fetchall()
        if rows and rows[0][1] != self.generation:
            self._changed()
        return rows[0][0] if rows else None

    def read_all(self, table: str, column: str, *, order: str = "") -> Iterable[tuple[str, bytes]]:
        """(id, `column`) of every row of `table` (ordered by `order`, if given), in one read transaction."""
        self.db.execute("BEGIN")
        try:
            if _current(self.db) != self.generation:
                self._changed()
            return self.db.execute(f"SELECT id, {column} FROM {table}" + (f" ORDER BY {order}" if order else "")
                                   ).fetchall()
        finally:
            self.db.execute("COMMIT")

    def _changed(self):
        """Stop: the file holds another build's save now."""
        raise GraphFileError(f"The graph cache {str(self.path)!r} was rewritten by another build while this "
                             "one was using it; build again (one build at a time per output folder).")


class _Column:
    """id -> bytes of one column of a table of the cache file (`_Reader`), each read when first asked
    for: the mapping ``graph.lazy_graph`` and ``graph.lazy_docs`` keep undecoded rows in, holding only
    the ids not yet taken (`pop`) and what was put in since (`__setitem__`). `bulk` reads every row
    left at once (a walk over every node, or a whole file written, reads them all)."""

    def __init__(self, reader: _Reader, table: str, column: str, ids: Iterable[str] = ()):
        self.reader, self.table, self.column = reader, table, column
        self.ids = dict.fromkeys(ids)  # ids whose row is still in the file only
        self.held: dict = {}           # rows put in since
        reader.columns.append(self)

    def __contains__(self, key) -> bool:
        return key in self.held or key in self.ids

    def __iter__(self):
        return iter(list(self.ids) + list(self.held))

    def __len__(self) -> int:
        return len(self.ids) + len(self.held)

    def __setitem__(self, key, value: bytes) -> None:
        self.ids.pop(key, None)
        self.held[key] = value

    def get(self, key, default=None):
        """The row of `key`, read from the file if need be; `default` when there is none."""
        if key in self.held:
            return self.held[key]
        if key not in self.ids:
            return default
        found = self.reader.read(self.table, self.column, key)
        if found is None:
            raise GraphFileError(f"The graph cache {str(self.reader.path)!r} has no {self.table} row "
                                 f"{key!r} it lists; delete it and build again.")
        return found

    def pop(self, key, default=None):
        """The row of `key` (as `get`), no longer held."""
        found = self.get(key, default)
        self.ids.pop(key, None)
        self.held.pop(key, None)
        return found

    def bulk(self) -> dict:
        """Every row still held, read at once, handed over (id -> bytes): the column is empty after."""
        out = {}
        if self.ids:
            ids = self.ids
            out = {k: v for k, v in self.reader.read_all(self.table, self.column) if k in ids}
            if len(out) != len(ids):
                raise GraphFileError(f"The graph cache {str(self.reader.path)!r} lacks {self.table} rows it "
                                     "lists; delete it and build again.")
        out.update(self.held)
        self.ids, self.held = {}, {}
        return out


class _Chunks:
    """node -> the bytes of its chunks of out-edges or predecessors stored apart (table ``edges`` or
    ``preds``), read from the cache file (`_Reader`) when the node is first decoded
    (``graph.lazy_graph``); `bulk` reads every one not yet taken at once (then nothing more is read
    from the file).

    Of the ``edges`` table, a node's chunks can also be read one at a time: `targets` gives which
    targets each chunk holds (read with the node's row), `one` a chunk's edges when one of its
    targets is first looked up (``graph.lazy_graph._Partial``)."""

    def __init__(self, reader: _Reader, table: str):
        self.reader, self.table = reader, table
        self.held: dict = {}  # node -> its chunks, read at once by `bulk`
        self.held_targets: dict = {}  # node -> the targets of its chunks, likewise (``edges``)
        self.taken: set = set()
        self.complete = False
        if table == "edges":  # (a predecessor chunk is a list of ids: read whole, it is what it holds)
            self.targets, self.one = self._targets, self._one
        reader.columns.append(self)

    def get(self, n: str, count: int) -> list:
        """The bytes of the `count` chunks of `n`, in order."""
        found = self.held.pop(n, None)
        if found is None:
            found = [] if self.complete else self.reader.read_chunks(self.table, n)
        self.taken.add(n)
        self._check(n, found, count)
        return found

    def _targets(self, n: str, count: int) -> list:
        """The targets of each of the `count` chunks of `n` (tuples, in order); its chunks' edges are read
        by `one`, each when first used (the node is not taken: a `bulk` read holds them for it)."""
        found = self.held_targets.get(n)
        if found is None:
            found = [] if self.complete else self.reader.read_chunks(self.table, n, column="targets")
        found = [_unpack(data) for data in found]
        self._check(n, found, count)
        return found

    def _one(self, n: str, i: int, count: int) -> bytes:
        """The bytes of chunk `i` (of `count`) of the out-edges of `n`."""
        held = self.held.get(n)
        if held is not None:
            found = held[i] if i < len(held) else None
        else:
            found = None if self.complete else self.reader.read_chunk(self.table, n, i)
        if found is None:
            raise GraphFileError(f"The graph cache {str(self.reader.path)!r} lacks chunk {i} of the {self.table} "
                                 f"of {n!r} (its row lists {count}); delete it and build again.")
        return found

    def release(self, n: str) -> None:
        """Forget what is held for `n`: its chunks are all decoded (``_Partial.whole``)."""
        self.held.pop(n, None)
        self.held_targets.pop(n, None)
        self.taken.add(n)

    def _check(self, n: str, found: list, count: int) -> None:
        """Stop when `found` is not the `count` chunks the row of `n` lists."""
        if len(found) != count:
            raise GraphFileError(f"The graph cache {str(self.reader.path)!r} holds {len(found)} chunks of the "
                                 f"{self.table} of {n!r}, not the {count} its row lists; delete it and build again.")

    def bulk(self) -> dict:
        """Read every chunk of the nodes not yet taken; the reads after come from them."""
        if not self.complete:
            columns = "chunk, targets, data" if self.table == "edges" else "chunk, NULL, data"
            for n, _, targets, data in self.reader.read_all(self.table, columns, order="id, chunk"):
                if n not in self.taken:
                    self.held.setdefault(n, []).append(data)
                    if targets is not None:
                        self.held_targets.setdefault(n, []).append(targets)
            self.complete = True
        return self.held


def _read_graph(db: sqlite3.Connection, *, index: bool = True, plain: bool = False,
                reader: _Reader | None = None) -> tuple[nx.MultiDiGraph, object]:
    """The graph assembled from its node rows (each node's attributes and out-edges), and its index;
    with `plain`, a ``graph.lazy_graph.LazyMultiDiGraph`` (networkx not imported) that decodes a row
    when its node is first used, read from the file through `reader` then (`_Column`)."""

    attrs, order = _unpack(_blob(db, "graph"))
    if plain:
        count = db.execute("SELECT count(*) FROM nodes").fetchone()[0]
        if count != len(order):
            raise GraphFileError("The graph cache's nodes do not match its node list; delete it and build again.")
        g = LazyMultiDiGraph(_Column(reader, "nodes", "data", order), order, _unpack, chunks=_Chunks(reader, "edges"),
                             pred_chunks=_Chunks(reader, "preds"))
        g.graph.update(attrs)
        return g, None
    rows = dict(db.execute("SELECT id, data FROM nodes"))
    if len(rows) != len(order):
        raise GraphFileError("The graph cache's nodes do not match its node list; delete it and build again.")
    node, succ, pred = {}, {}, {}
    apart = {}  # node -> its number of chunks of out-edges stored apart
    for n in order:
        node[n], succ[n], _ = _unpack(rows.pop(n))
        if type(succ[n]) is int:
            apart[n] = succ[n]
        pred[n] = {}
    if apart:
        for n, parts in _all_chunks(db, set(apart)).items():
            succ[n] = _joined(n, parts, apart.pop(n))
        if apart:
            raise GraphFileError("The graph cache lacks chunks of edges it lists; delete it and build again.")
    for u, nbrs in succ.items():
        for v, keys in nbrs.items():
            pred[v][u] = keys  # one key dict for both directions, as networkx keeps it
    import networkx as nx

    g = nx.MultiDiGraph()
    g.graph.update(attrs)
    g._node, g._succ, g._adj, g._pred = node, succ, succ, pred
    found = None
    if index:
        found = _read_index(_blob(db, "index"))
        found.g = g
    return g, found


def _all_chunks(db: sqlite3.Connection, ids) -> dict:
    """node -> the bytes of its chunks of out-edges, in order, for the nodes of `ids` (every row of ``edges``)."""
    found: dict = {}
    for n, _, data in db.execute("SELECT id, chunk, data FROM edges ORDER BY id, chunk"):
        if n in ids:
            found.setdefault(n, []).append(data)
    return found


def _joined(n: str, parts: list, count: int) -> dict:
    """The out-edges of `n` from the bytes of its `count` chunks."""
    if len(parts) != count:
        raise GraphFileError(f"The graph cache holds {len(parts)} chunks of the edges of {n!r}, not the {count} "
                             "its row lists; delete it and build again.")
    succ: dict = {}
    for data in parts:
        succ.update(_unpack(data))
    return succ


def _node_row(g, n: str, layout: dict, pred_layout: dict) -> bytes:
    """A graph node's row in a whole new file: its attributes, its out-edges and the ids of the nodes
    with an edge into it (so that a graph read by rows, ``graph.lazy_graph``, builds a node's in-edges
    from its row).

    Out-edges to more than `EDGE_CHUNK` targets are stored apart, in chunks: the row holds their
    number, and the node is noted in `layout` (with an empty layout: see `_write_whole`); likewise
    predecessors beyond `PRED_CHUNK` (`pred_layout`)."""
    preds = _preds_of(g, n)
    succ = g._succ[n]
    row = [g._node[n], succ, preds]
    for i, (items, size, noted) in enumerate(((succ, EDGE_CHUNK, layout), (preds, PRED_CHUNK, pred_layout))):
        if len(items) > size:
            noted[n] = ()
            row[i + 1] = -(-len(items) // size)
    return _pack(tuple(row))


def _preds_of(g, n: str) -> list:
    """The ids of the nodes with an edge into `n` (in no particular order: see ``LazyMultiDiGraph.stored_preds``)."""
    return g.stored_preds(n) if isinstance(g, LazyMultiDiGraph) else list(g._pred[n])


def _doc_raw(state, doc_id: str) -> bytes:
    """A document's normalised record as its row stores it (read only when an update reads the document)."""
    docs = state.docs  # a graph.lazy_docs.Docs
    raw = docs.raw(doc_id)
    return raw if raw is not None else _pack(docs[doc_id])


def _doc_block(state, ids: list) -> bytes:
    """A block of documents (`DOC_BLOCK`), column by column: their ids, notes, people, whom their
    officials name, summaries (``graph.lazy_docs.summary``, the officials packed apart), name
    mentions packed apart (both decoded only when an update reads them), and the notes on their
    meetings that name nobody (only the documents with some)."""
    ident = state.identity
    found = ident.mentions if ident is not None else {}
    docs, notes, pids, offs, skips = state.docs, state.doc_notes, state.doc_pids, state.doc_offs, state.skip_notes
    summaries, mentions = [], []
    for d in ids:
        source, source_id, orgs, published, officials = docs.summary(d)
        summaries.append((source, source_id, orgs, published,
                          officials if type(officials) is bytes else _pack(officials)))
        mentions.append(found.packed(d) if isinstance(found, Packed) and d in found else _pack(found.get(d, ())))
    return _pack((ids, [notes.get(d, []) for d in ids], [pids.get(d, set()) for d in ids],
                  [offs.get(d, ()) for d in ids], summaries, mentions, {d: skips[d] for d in ids if skips.get(d)}))


def _meeting_block(state, ids: list) -> bytes:
    """A block of meetings (`DOC_BLOCK`), column by column: their ids, signatures, people and their
    mentions' dates, kinds and publication dates."""
    sigs, people = state.signatures, state.meeting_people
    return _pack((ids, [sigs[m] for m in ids], [people.get(m, []) for m in ids], [state.facts_of(m) for m in ids]))


def _read_blocks(db: sqlite3.Connection, kind: str, placed: dict) -> Iterable[tuple[list, list]]:
    """(ids, columns) of each block of `kind` ("docs" or "meetings"); `placed[kind]` receives the blocks
    (block -> ids), as ``GraphState.blocks`` holds them."""
    blocks = placed[kind] = {}
    for b, data in db.execute(f"SELECT id, data FROM {_BLOCK_TABLES[kind]}"):
        ids, *columns = _unpack(data)
        blocks[b] = ids
        yield ids, columns


def _totals_row(state, pid: str) -> bytes:
    """A person's totals (``graph.person_totals``), as read (bytes) or as an update left them."""
    found = state.person_totals[pid]
    return found if type(found) is bytes else _pack(found)


def _identity_row(ident, key: tuple) -> bytes:
    """An identity signature's row: its key, the signature, the documents naming it and its person.

    The signature is stored as plain values (`_signature_values`), so the row is read with
    ``marshal``: unpickling thousands of signature objects was most of the time a small update
    spent reading the cache. The documents naming it are stored as a list, read back into a set: ``marshal`` writes a set four
    times slower than a list (a common name is in thousands of documents; a +1% at 100,000 documents
    rewrote 0.1 s of such sets).
    """
    sig = ident.signatures[key]
    docs = ident.key_docs.get(key)
    return _pack((key, _signature_values(sig), None if docs is None else list(docs), ident.pids.get(key, "")))


#: The attributes a resolver signature holds (``graph.identity._Signature``), and the parsed forms the
#: incremental identity keeps with it (``_forms``), in the order `_signature_values` stores them.
_SIGNATURE_FIELDS = ("parts", "country", "actor", "count", "spellings", "years", "reason", "warning", "_forms")


def _signature_values(sig) -> object:
    """A signature as a tuple of builtin values (``marshal`` takes it); `sig` itself when it holds
    something else (then the row is pickled, as before)."""
    from graph.incremental import _KeptSignature

    data = sig.__dict__
    if type(sig) is not _KeptSignature or not set(data) <= set(_SIGNATURE_FIELDS):
        return sig
    parts, forms = data["parts"], data.get("_forms")
    return ("sig", _parts_values(parts), data["country"], data["actor"], data["count"], dict(data["spellings"]),
            dict(data["years"]), data["reason"], data["warning"],
            None if forms is None else [_parts_values(f) for f in forms])


def _parts_values(parts) -> tuple | None:
    """A parsed name (``NameParts``) as a tuple."""
    return None if parts is None else (parts.given, parts.family, parts.display)


_KEPT: list = []  # graph.incremental._KeptSignature, once imported (that module imports this one)


def _signature(values, names: dict) -> object:
    """The signature stored by `_signature_values` (`names` shares equal parsed names between rows)."""
    if not (isinstance(values, tuple) and values and values[0] == "sig"):
        return values  # a pickled signature
    if not _KEPT:  # imported once, not per signature (an import statement per call was a third of this)
        from graph.incremental import _KeptSignature

        _KEPT.append(_KeptSignature)
    kept = _KEPT[0]
    _, parts, country, actor, count, spellings, years, reason, warning, forms = values
    sig = kept.__new__(kept)
    data = {"parts": _name_parts(parts, names), "country": country, "actor": actor, "count": count,
            "spellings": Counter.__new__(Counter), "years": Counter.__new__(Counter), "reason": reason,
            "warning": warning}
    dict.update(data["spellings"], spellings)  # as Counter(spellings) makes it, without its checks per item
    dict.update(data["years"], years)
    if forms is not None:
        data["_forms"] = [_name_parts(f, names) for f in forms]
    sig.__dict__.update(data)
    return sig


#: The query index's (``graph.query._Index``) tables of sets, and those that are ``defaultdict``\ s.
_INDEX_SETS = ("met", "country_meetings")
_INDEX_DEFAULTS = {"by_family": list, "by_tokens": list, "by_first": list, "met": set, "country_meetings": set}


def _index_bytes(index) -> bytes:
    """The query index as plain values, read with ``marshal`` (`_read_index`): its parsed names as tuples,
    its sets as lists (``marshal`` writes a set ten times slower than a list; a pickle of the index
    was 0.24 s of a +1% save at 100,000 meetings, read and written again)."""
    values = {}
    for name, value in vars(index).items():
        if name == "g":
            continue
        if name == "spellings":
            value = {pid: [_parts_values(parts) for parts in forms] for pid, forms in value.items()}
        elif name in _INDEX_SETS:
            value = {key: list(found) for key, found in value.items()}
        elif isinstance(value, dict):
            value = dict(value)
        values[name] = value
    return b"i" + marshal.dumps(values)


def _read_index(data: bytes):
    """The query index stored by `_index_bytes` (its graph, ``g``, None until set)."""
    from graph.query import _Index

    if data[:1] != b"i":
        raise GraphFileError("The graph cache holds a query index diplograph did not write; delete it and build "
                             "again.")
    values = marshal.loads(data[1:])
    names: dict = {}
    values["spellings"] = {pid: [_name_parts(parts, names) for parts in forms]
                           for pid, forms in values["spellings"].items()}
    for name in _INDEX_SETS:
        values[name] = {key: set(found) for key, found in values[name].items()}
    for name, default in _INDEX_DEFAULTS.items():
        values[name] = defaultdict(default, values[name])
    index = _Index.__new__(_Index)
    index.__dict__.update(values)
    index.g = None
    return index


def _parsed_values(parsed: dict | None) -> dict | None:
    """The query index's parsed names (name -> ``NameParts`` or None) as plain tuples, for ``marshal``."""
    if parsed is None:
        return None
    return {name: _parts_values(parts) for name, parts in parsed.items()}


def _parsed(values: dict | None) -> dict | None:
    """The parsed names stored by `_parsed_values`."""
    if values is None:
        return None
    names: dict = {}
    return {name: _name_parts(parts, names) for name, parts in values.items()}


def _name_parts(values: tuple | None, names: dict):
    """The ``NameParts`` of a stored tuple, made once per distinct name."""
    if values is None:
        return None
    found = names.get(values)
    if found is None:
        from graph.identity import NameParts

        found = names[values] = NameParts(*values)
    return found


def _sync(db: sqlite3.Connection, table: str, ids: Iterable[str], present, row) -> None:
    """Write the rows of `ids` still present, delete the others (`row` gives a row's data, or a
    tuple of its columns after the id)."""
    put, gone = [], []
    for i in ids:
        (put if present(i) else gone).append(i)
    if gone:
        db.executemany(f"DELETE FROM {table} WHERE id = ?", [(i,) for i in gone])
    _put(db, table, ((i, *r) if isinstance(r := row(i), tuple) else (i, r) for i in put))


def _put(db: sqlite3.Connection, table: str, rows: Iterable[tuple]) -> None:
    """Insert or replace rows (id, data, ...), taken one at a time from `rows`."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    marks = ", ".join("?" * len(first))
    db.executemany(f"INSERT OR REPLACE INTO {table} VALUES ({marks})", itertools.chain((first,), rows))


def _forget_journal(path: Path) -> None:
    """Remove a rollback journal left beside `path` by a crashed save: it belongs to the file just replaced."""
    for suffix in ("-journal", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _pack(obj) -> bytes:
    """A row: ``marshal`` when it holds only builtin values (b"m"), else a pickle (b"p")."""
    try:
        return b"m" + marshal.dumps(obj)
    except ValueError:  # an object marshal does not take (a signature, a name's parts)
        return b"p" + _dumps(obj)


def _unpack(data: bytes) -> object:
    """Read a row written by `_pack`."""
    if data[:1] == b"m":  # builtin values only: marshal builds no instances and runs nothing
        return marshal.loads(data[1:])
    if data[:1] == b"p":
        return _loads(data[1:])
    raise GraphFileError("The graph cache holds a row diplograph did not write; delete it and build again.")


def _dumps(obj) -> bytes:
    """Pickle with the newest protocol."""
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def _loads(data: bytes) -> object:
    """Unpickle with the allow-list of `_Unpickler`."""
    import io

    return _Unpickler(io.BytesIO(data)).load()


_ALLOWED = {
    ("graph.incremental", "GraphState"),
    ("networkx.classes.multidigraph", "MultiDiGraph"),
    ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "dict"), ("builtins", "list"),
    ("graph.incremental", "UpdateStats"), ("graph.query", "_Index"), ("graph.identity", "NameParts"),
    ("graph.incremental", "_Identity"), ("graph.incremental", "_KeptSignature"),
    ("collections", "defaultdict"), ("collections", "Counter"),
}


class _Unpickler(pickle.Unpickler):
    """An unpickler that builds only the few classes a graph or state holds."""

    def find_class(self, module: str, name: str):
        if (module, name) not in _ALLOWED and not module.startswith("networkx.classes."):  # graph and its views
            raise GraphFileError(f"The cache holds a {module}.{name}, which diplograph never writes; delete it.")
        return super().find_class(module, name)

