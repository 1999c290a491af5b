"""Tests of graph/state_file.py: the graph cache survives crashes and failures mid-save.

A save after an update changes rows in one SQLite transaction; a first save writes a new
file and renames it. Whatever stops a save (a killed process, a full disk, a bug), the
cache read next is the previous one, whole, and the next build goes on from it.
"""

from __future__ import annotations

import copy
import hashlib
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph import state_file
from graph.build import build_graph
from graph.errors import GraphFileError
from graph.incremental import GraphState, load_graph, load_state, save_state
from graph.synthetic import sample_records

ROOT = Path(__file__).resolve().parents[2]


def nodes_and_edges(g):
    """A graph's nodes and edges with their data, comparable with ==."""
    return dict(g.nodes(data=True)), {(u, v, k): d for u, v, k, d in g.edges(keys=True, data=True)}


@pytest.fixture
def saved(tmp_path):
    """A cache of every sample record but the last, saved once: (path, graph it holds)."""
    path = tmp_path / "graph.state"
    state = GraphState()
    state.update(sample_records()[:-1])
    save_state(state, path, header={"extractor": "x"})
    return path, build_graph(sample_records()[:-1], warnings=[])


def test_state_file_killed_mid_save_keeps_the_previous_cache(saved):
    """A process killed after writing some rows of an update leaves a journal; the next reader
    rolls it back and reads the previous cache, and a save from it works."""
    path, before = saved
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from graph import state_file
        from graph.incremental import load_state, save_state
        from graph.synthetic import sample_records
        _, state = load_state({str(path)!r}, expect={{"extractor": "x"}})
        state.update(sample_records())
        put = state_file._put
        def put_then_die(db, table, rows):
            put(db, table, rows)
            if table == "docs":
                os._exit(9)  # killed with rows written and the transaction open
        state_file._put = put_then_die
        save_state(state, {str(path)!r}, header={{"extractor": "x"}})
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 9, proc.stderr
    assert Path(str(path) + "-journal").exists()  # the unfinished transaction
    header, state = load_state(path, expect={"extractor": "x"})
    assert nodes_and_edges(state.graph) == nodes_and_edges(before)
    assert nodes_and_edges(load_graph(path)[1]) == nodes_and_edges(before)
    state.update(sample_records())
    save_state(state, path, header=header)
    assert nodes_and_edges(load_state(path)[1].graph) == nodes_and_edges(build_graph(sample_records(), warnings=[]))


def test_state_file_write_error_says_what_and_keeps_the_previous_cache(saved, monkeypatch):
    """A full disk mid-save is a GraphFileError naming the file; the previous cache is unchanged."""
    path, before = saved
    digest = hashlib.sha1(path.read_bytes()).hexdigest()
    _, state = load_state(path, expect={"extractor": "x"})
    state.update(sample_records())
    put = state_file._put

    def put_then_fail(db, table, rows):
        put(db, table, rows)
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(state_file, "_put", put_then_fail)
    with pytest.raises(GraphFileError) as err:
        save_state(state, path, header={"extractor": "x"})
    assert str(path) in str(err.value) and "disk is full" in str(err.value)
    assert "previous cache is unchanged" in str(err.value)
    assert hashlib.sha1(path.read_bytes()).hexdigest() == digest
    assert nodes_and_edges(load_state(path)[1].graph) == nodes_and_edges(before)


def test_state_file_update_that_fails_writes_nothing(saved, monkeypatch):
    """An update that raises half-way (a bug, bad input the builder did not expect) leaves the file alone."""
    import graph.incremental as incremental

    path, before = saved
    digest = hashlib.sha1(path.read_bytes()).hexdigest()
    _, state = load_state(path)

    def broken(*args, **kwargs):
        raise RuntimeError("the builder failed")

    monkeypatch.setattr(incremental, "_patch", broken)
    with pytest.raises(RuntimeError):
        state.update(sample_records())
    assert hashlib.sha1(path.read_bytes()).hexdigest() == digest
    monkeypatch.undo()
    _, state = load_state(path)
    assert nodes_and_edges(state.graph) == nodes_and_edges(before)
    state.update(sample_records())
    assert nodes_and_edges(state.graph) == nodes_and_edges(build_graph(sample_records(), warnings=[]))


def test_state_file_replaced_since_read_is_written_whole(saved):
    """A state read before another build saved its own is written whole, never patched into the other file."""
    path, _ = saved
    _, first = load_state(path)
    _, second = load_state(path)
    second.update(sample_records()[:2])
    save_state(second, path)
    first.update(sample_records())
    save_state(first, path)
    assert nodes_and_edges(load_state(path)[1].graph) == nodes_and_edges(build_graph(sample_records(), warnings=[]))


def test_state_file_rewritten_by_another_build_stops_a_read_of_its_rows(saved):
    """A state reads a node's row from the file when it first uses the node: once another process has
    saved into that file, such a read stops with a message naming the file, never mixing two saves."""
    path, _ = saved
    _, state = load_state(path)
    with sqlite3.connect(path) as db:  # as another process's save would leave it
        db.execute("UPDATE meta SET value = 'another' WHERE key = 'generation'")
    with pytest.raises(GraphFileError, match="rewritten by another build") as err:
        dict(state.graph.nodes(data=True))
    assert str(path) in str(err.value)


def test_state_file_saved_by_the_state_reading_it_goes_on_reading_it(saved):
    """After a state saves its changes into the file it reads rows from, it reads the rest from it."""
    path, _ = saved
    _, state = load_state(path)
    state.update(sample_records())
    save_state(state, path)
    assert nodes_and_edges(state.graph) == nodes_and_edges(build_graph(sample_records(), warnings=[]))


def test_state_file_written_whole_leaves_no_connection_to_the_file_read(saved, tmp_path):
    """A state saved whole (into another file here) has read every row it lacked from the file it was
    read from and closed it first, so that file can be replaced or removed; the graph is whole."""
    path, _ = saved
    _, state = load_state(path)
    readers = state_file._readers(state)
    assert readers and all(r in state_file._LIVE for r in readers)
    save_state(state, tmp_path / "copy.state")
    assert not any(r in state_file._LIVE for r in readers)
    path.unlink()
    assert nodes_and_edges(state.graph) == nodes_and_edges(build_graph(sample_records()[:-1], warnings=[]))


@pytest.mark.parametrize("damage", ["truncated", "garbage", "rows removed", "old pickle"])
def test_state_file_damaged_is_not_used(saved, damage):
    """A damaged or foreign file reads as no cache (the build then starts afresh), never as a wrong graph."""
    path, _ = saved
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:4096])
    elif damage == "garbage":
        path.write_bytes(os.urandom(20000))
    elif damage == "rows removed":
        with sqlite3.connect(path) as db:
            db.execute("DELETE FROM docs WHERE rowid IN (SELECT rowid FROM docs LIMIT 1)")
    else:
        path.write_bytes(b"diplograph graph state\n" + b"\x80\x05")
    assert load_state(path) is None
    if damage != "rows removed":
        assert load_graph(path) is None and state_file.read_header(path) is None


def _signature_fields(state):
    """Every identity signature of a state as plain values, Counter order and classes included."""
    ident = state.identity
    return {key: (type(sig).__name__, sorted(sig.__dict__), sig.parts, sig.country, sig.actor, sig.count,
                  list(sig.spellings.items()), list(sig.years.items()), type(sig.spellings).__name__,
                  sig.reason, sig.warning, sig.__dict__.get("_forms"), ident.key_docs.get(key), ident.pids.get(key))
            for key, sig in ident.signatures.items()}


def test_state_file_identity_rows_are_plain_values_read_back_equal(saved):
    """Identity signatures are stored as plain values (read with marshal, not unpickled) and come back
    as the same signatures: fields, counters in their order, parsed forms, documents and person."""
    path, _ = saved
    _, state = load_state(path, expect={"extractor": "x"})
    with sqlite3.connect(path) as db:
        kinds = {data[:1] for (data,) in db.execute("SELECT data FROM identity")}
    assert kinds == {b"m"}
    state.update(sample_records())  # every signature touched by the update is written again as a row
    save_state(state, path, header={"extractor": "x"})
    _, back = load_state(path, expect={"extractor": "x"})
    assert _signature_fields(back) == _signature_fields(state)
    fresh = GraphState()
    fresh.update(sample_records())
    assert _signature_fields(back).keys() == _signature_fields(fresh).keys()
    assert nodes_and_edges(back.graph) == nodes_and_edges(build_graph(sample_records(), warnings=[]))


def test_state_file_load_leaves_the_state_out_of_the_collectors_generations(saved):
    """The objects a load reads are frozen (gc.freeze): later collections do not walk them, and
    an update and a save from the loaded state give the fresh build's graph as before."""
    import gc

    path, _ = saved
    gc.collect()
    gc.unfreeze()
    try:
        _, state = load_state(path, expect={"extractor": "x"})
        node_dicts = {id(state.plain._node), id(state.plain._succ)}
        assert gc.get_freeze_count() > 0
        assert not any(id(o) in node_dicts for o in gc.get_objects())  # the collector's generations skip them
        state.update(sample_records())
        save_state(state, path, header={"extractor": "x"})
        assert nodes_and_edges(load_state(path)[1].graph) == nodes_and_edges(build_graph(sample_records(),
                                                                                          warnings=[]))
    finally:
        gc.unfreeze()


@pytest.mark.parametrize(
    "old, keys, edited, parts, written",
    [
        ([("a", "b"), ("c", "d")], "abcd", set(), [("a", "b"), ("c", "d")], []),                 # unchanged
        ([("a", "b"), ("c", "d")], "abcde", {"e"}, [("a", "b"), ("c", "d"), ("e",)], [2]),       # added
        ([("a", "b"), ("c",)], "abcd", {"d"}, [("a", "b"), ("c", "d")], [1]),                    # last filled
        ([("a", "b"), ("c", "d")], "acd", {"b"}, [("a",), ("c", "d")], [0]),                     # removed
        ([("a", "b"), ("c", "d")], "acdb", {"b"}, [("a",), ("c", "d"), ("b",)], [0, 2]),         # moved last
        ([("a", "b"), ("c", "d")], "abcd", {"c"}, [("a", "b"), ("c", "d")], [1]),                # changed in place
        ([("a", "b"), ("c", "d")], "bacd", {"a"}, None, None),                                   # another order
        (None, "abcde", set(), [("a", "b"), ("c", "d"), ("e",)], None),                          # none stored
    ],
    ids=["unchanged", "added", "last-filled", "removed", "moved-last", "in-place", "reordered", "new"],
)
def test_state_file_chunks_of_rewrite_only_chunks_that_changed(monkeypatch, old, keys, edited, parts, written):
    monkeypatch.setattr(state_file, "EDGE_CHUNK", 2)
    succ = {k: {} for k in keys}
    got, write = state_file._chunks_of(succ, old, edited)
    assert [t for part in got for t in part] == list(keys)  # read back in the dict's order
    if parts is None:  # laid out anew
        assert write is None and got == [tuple(keys[i:i + 2]) for i in range(0, len(keys), 2)]
    else:
        assert (got, write) == (parts, written)


def _random_saves(monkeypatch, path, seed: int, size: int, start: int, tables: tuple[str, ...]):
    """Five steps of random removals and additions over `size` synthetic records (the first `start` built and
    saved to `path`), each loaded from the file, updated and saved as changes; yields (step, the corpus, the
    state saved, the (table, id) rows of `tables` that save wrote)."""
    import random

    from graph.synthetic import synthetic_records

    written: list[tuple[str, object]] = []
    put = state_file._put
    monkeypatch.setattr(state_file, "_put", lambda db, table, rows: put(
        db, table, (written.append((table, r[0])) or r if table in tables else r for r in rows)))
    pool = list(synthetic_records(size, seed=seed))
    rng = random.Random(seed)
    corpus = pool[:start]
    state = GraphState()
    state.update(copy.deepcopy(corpus))
    save_state(state, path)
    for step in range(5):
        corpus = [r for r in corpus if rng.random() > 0.05] + [r for r in pool if r not in corpus and rng.random() < 0.1]
        corpus.sort(key=pool.index)
        _, state = load_state(path)
        state.update(copy.deepcopy(corpus))
        written.clear()
        save_state(state, path)
        yield step, corpus, state, written


@pytest.mark.parametrize("seed", range(3))
def test_state_file_edges_in_chunks_follow_random_updates(seed, tmp_path, monkeypatch):
    """Nodes with many out-edges keep them in chunks apart from their row (few per chunk here, so most
    people do): across random adds and removals, each saved as changes and read back, the graph read
    equals the state's (out-edges in the same order) and a full build's, the file holds exactly the
    chunks the rows list, and a save rewrites only some of them."""
    monkeypatch.setattr(state_file, "EDGE_CHUNK", 3)
    monkeypatch.setattr(state_file, "PRED_CHUNK", 4)
    path = tmp_path / "graph.state"
    partial = 0
    for step, corpus, state, written in _random_saves(monkeypatch, path, seed, 300, 200, ("edges", "preds")):
        want = state.graph
        for table, at in (("edges", 1), ("preds", 2)):
            with sqlite3.connect(path) as db:
                listed = {n: c for n, data in db.execute("SELECT id, data FROM nodes")
                          if type(c := state_file._unpack(data)[at]) is int}
                stored = dict(db.execute(f"SELECT id, count(*) FROM {table} GROUP BY id"))
            assert listed and stored == listed, (step, table)
            partial += sum(t == table for t, _ in written) < sum(listed.values())
        _, back = load_state(path)
        rows = back.plain._rows  # the predecessors each row lists, read from the file
        assert {n: sorted(rows.pred_ids(n)) for n in want} == {n: sorted(want._pred[n]) for n in want}, step
        got = back.graph
        assert nodes_and_edges(got) == nodes_and_edges(want), step
        assert {n: list(got._succ[n]) for n in got} == {n: list(want._succ[n]) for n in want}, step
        assert nodes_and_edges(got) == nodes_and_edges(build_graph(copy.deepcopy(corpus), warnings=[])), step
        assert nodes_and_edges(load_graph(path)[1]) == nodes_and_edges(want), step  # the eager read too
    assert partial >= 6  # most saves wrote some chunks of each table, not every one


def test_state_file_index_as_plain_values_reads_back_equal():
    """The query index is stored as plain values (marshal): read back, every table is equal, of the same
    type (defaultdicts stay defaultdicts, sets sets, parsed names NameParts)."""
    from graph.query import _Index

    index = _Index(build_graph(sample_records(), warnings=[]))
    back = state_file._read_index(state_file._index_bytes(index))
    want, got = vars(index), vars(back)
    assert set(got) == set(want) and got["g"] is None
    for name in set(want) - {"g"}:
        assert got[name] == want[name] and type(got[name]) is type(want[name]), name
    assert {type(parts).__name__ for forms in got["spellings"].values() for parts in forms} == {"NameParts"}
    assert {type(v) for v in got["met"].values()} == {set}
    with pytest.raises(GraphFileError, match="query index"):
        state_file._read_index(b"p" + state_file._dumps(index))


@pytest.mark.parametrize("seed", range(3))
def test_state_file_document_and_meeting_blocks_follow_random_updates(seed, tmp_path, monkeypatch):
    """The rows of documents and meetings are stored by blocks (three here): across random adds and
    removals, each saved as changes and read back, the blocks hold every document and meeting once,
    what is read back equals what was saved (notes, people, mentions, summaries; signatures, people,
    facts, in meeting order), and a save rewrites only some blocks."""
    monkeypatch.setattr(state_file, "DOC_BLOCK", 3)
    path = tmp_path / "graph.state"
    partial = 0
    for step, corpus, state, written in _random_saves(monkeypatch, path, seed, 200, 120,
                                                      ("docblocks", "meetingblocks")):
        for table, want in (("docblocks", state.order), ("meetingblocks", list(state.signatures))):
            with sqlite3.connect(path) as db:
                blocks = {b: state_file._unpack(data)[0] for b, data in db.execute(f"SELECT id, data FROM {table}")}
            ids = [d for found in blocks.values() for d in found]
            assert sorted(ids) == sorted(want) and all(0 < len(found) <= 3 for found in blocks.values()), step
            partial += 0 < sum(t == table for t, _ in written) < len(blocks)
        _, back = load_state(path)
        for name in ("signatures", "meeting_people", "meeting_facts"):
            assert list(getattr(back, name).items()) == list(getattr(state, name).items()), (step, name)
        for name in ("order", "doc_notes", "doc_pids", "doc_offs", "skip_notes"):
            assert getattr(back, name) == getattr(state, name), (step, name)
        assert list(back.docs) == list(state.docs) and {d: back.docs.summary(d)[:4] for d in back.order} == {
            d: state.docs.summary(d)[:4] for d in state.order}, step
        assert back.identity.mentions == state.identity.mentions, step
        assert nodes_and_edges(back.graph) == nodes_and_edges(build_graph(copy.deepcopy(corpus), warnings=[])), step
    assert partial >= 6


@pytest.mark.parametrize("seed", range(4))
def test_state_file_edges_decoded_by_the_chunk_follow_updates_in_one_process(seed, tmp_path, monkeypatch):
    """A state read from the file and then updated and saved again and again in the same process keeps the
    out-edges of busy nodes decoded by the chunk (``graph.lazy_graph._Partial``) across its saves: each
    save's file holds, per chunk, the targets of the edges it stores; the graph read back from it equals a
    full build of the corpus, and at the end the state's own graph equals the one read back (out-edges in
    the same order), while some chunks were never decoded."""
    import random

    from graph.lazy_graph import _Partial
    from graph.synthetic import synthetic_records

    monkeypatch.setattr(state_file, "EDGE_CHUNK", 3)
    path = tmp_path / "graph.state"
    pool = list(synthetic_records(300, seed=seed))
    rng = random.Random(seed)
    corpus = pool[:200]
    state = GraphState()
    state.update(copy.deepcopy(corpus))
    save_state(state, path)
    _, state = load_state(path)
    undecoded = 0
    for step in range(6):
        corpus = [r for r in corpus if rng.random() > 0.05] + [r for r in pool if r not in corpus and rng.random() < 0.1]
        corpus.sort(key=pool.index)
        state.update(copy.deepcopy(corpus))
        undecoded += sum(len({i for t, i in s.at.items() if t not in s.loaded and i >= 0})
                         for s in state.plain._rows.succ.values() if type(s) is _Partial)
        save_state(state, path)
        with sqlite3.connect(path) as db:
            for n, targets, data in db.execute("SELECT id, targets, data FROM edges"):
                assert state_file._unpack(targets) == tuple(state_file._unpack(data)), (step, n)
        _, back = load_state(path)
        assert nodes_and_edges(back.graph) == nodes_and_edges(build_graph(copy.deepcopy(corpus), warnings=[])), step
        if step == 3:  # go on from a state read afresh: its chunks undecoded
            _, state = load_state(path)
    got, kept = back.graph, state.graph  # (the state decoded whole now)
    assert nodes_and_edges(got) == nodes_and_edges(kept)
    assert {n: list(got._succ[n]) for n in got} == {n: list(kept._succ[n]) for n in kept}
    assert undecoded > 0  # chunks were left undecoded by updates (and then by saves)


def test_state_file_save_reads_nothing_from_the_file_while_it_holds_the_write_lock(tmp_path, monkeypatch):
    """A save of changes reads what it needs of the file (the chunks of edges of nodes decoded by the chunk,
    the stored index) before it takes the write lock: a read through the state's own connection while the
    save's transaction holds the file would wait for it ('database is locked' once SQLite spills the
    transaction to the file)."""
    from graph.synthetic import synthetic_records

    monkeypatch.setattr(state_file, "EDGE_CHUNK", 3)
    path = tmp_path / "graph.state"
    pool = list(synthetic_records(300, seed=2))
    state = GraphState()
    state.update(copy.deepcopy(pool[:250]))
    save_state(state, path)
    _, state = load_state(path)
    state.update(copy.deepcopy(pool))
    locked, reads = [], []

    def unlocked(name):
        real = getattr(state_file._Reader, name)

        def read(self, *args, **kwargs):
            probe = sqlite3.connect(path, timeout=0)
            try:
                probe.execute("BEGIN IMMEDIATE")  # fails while another connection holds a write transaction
                probe.execute("ROLLBACK")
            except sqlite3.OperationalError:
                locked.append((name, args))
            finally:
                probe.close()
            reads.append(name)
            return real(self, *args, **kwargs)
        return read

    for name in ("read", "read_chunk", "read_chunks"):
        monkeypatch.setattr(state_file._Reader, name, unlocked(name))
    save_state(state, path)
    assert "read_chunk" in reads and locked == []  # chunks were read by the save, none under its lock
    _, back = load_state(path)
    assert nodes_and_edges(back.graph) == nodes_and_edges(build_graph(copy.deepcopy(pool), warnings=[]))
