"""Tests of graph/store.py: the SQLite record store (plain dicts, no spaCy)."""

from __future__ import annotations

import os
import sqlite3

import pytest

from graph.store import BuildDiff, RecordStore, StoreError, StoreLocked


def _rec(doc_id: str, source: str = "x.txt") -> dict:
    return {"doc_id": doc_id, "source": source, "meetings": []}


@pytest.fixture()
def store(tmp_path):
    with RecordStore(tmp_path / "store.sqlite") as s:
        yield s


def test_store_iter_records_sorted_by_source_with_member_source(store):
    build = store.begin_build()
    store.add_members(build, [(0, "b.txt", "b", "d2"), (1, "a.txt", "a", "d1"), (2, "c.txt", "c", "d1")])
    store.put_records([("d1", _rec("d1", "elsewhere/a.txt")), ("d2", _rec("d2", "b.txt"))], version="v1")
    got = [(r["doc_id"], r["source"], r["source_id"]) for r in store.iter_records(build, version="v1")]
    assert got == [("d1", "a.txt", "a"), ("d2", "b.txt", "b"), ("d1", "c.txt", "c")]


@pytest.mark.parametrize(
    "version, expected",
    [("v1", {"d1", "d2"}), ("v2", {"d3"}), ("v3", set())],
)
def test_store_known_is_per_extractor_version(store, version, expected):
    store.put_records([("d1", _rec("d1")), ("d2", _rec("d2"))], version="v1")
    store.put_records([("d3", _rec("d3"))], version="v2")
    assert store.known(["d1", "d2", "d3", "d4"], version=version) == expected


def test_store_records_of_another_version_are_not_served(store):
    build = store.begin_build()
    store.add_members(build, [(0, "a.txt", "a", "d1")])
    store.put_records([("d1", _rec("d1"))], version="old")
    assert list(store.iter_records(build, version="new")) == []


@pytest.mark.parametrize(
    "previous, current, expected",
    [
        ([], [("a", "d1")], BuildDiff(new=1)),
        ([("a", "d1")], [("a", "d1")], BuildDiff(unchanged=1)),
        ([("a", "d1")], [("a", "d2")], BuildDiff(changed=1)),
        ([("a", "d1"), ("b", "d2")], [("a", "d1")], BuildDiff(unchanged=1, removed=1)),
        ([("a", "d1"), ("b", "d2")], [("a", "d3"), ("c", "d2")], BuildDiff(new=1, changed=1, removed=1)),
    ],
)
def test_store_diff_against_last_finished_build(store, previous, current, expected):
    first = store.begin_build()
    store.add_members(first, [(i, src, src, doc) for i, (src, doc) in enumerate(previous)])
    store.finish_build(first)
    second = store.begin_build()
    store.add_members(second, [(i, src, src, doc) for i, (src, doc) in enumerate(current)])
    assert store.diff(second) == expected


def test_store_unfinished_build_is_forgotten_on_reopen(tmp_path):
    path = tmp_path / "store.sqlite"
    with RecordStore(path) as s:
        done = s.begin_build()
        s.add_members(done, [(0, "a.txt", "a", "d1")])
        s.finish_build(done)
        killed = s.begin_build()  # never finished, as after kill -9
        s.add_members(killed, [(0, "a.txt", "a", "d9"), (1, "z.txt", "z", "d8")])
        s.put_records([("d9", _rec("d9"))], version="v1")
    with RecordStore(path) as s:
        again = s.begin_build()
        s.add_members(again, [(0, "a.txt", "a", "d1")])
        assert s.diff(again) == BuildDiff(unchanged=1)
        assert s.known(["d9"], version="v1") == {"d9"}  # committed records survive
        assert s.member_count(killed) == 0


def test_store_finish_build_drops_older_membership(store):
    first = store.begin_build()
    store.add_members(first, [(0, "a.txt", "a", "d1")])
    store.finish_build(first)
    second = store.begin_build()
    store.add_members(second, [(0, "b.txt", "b", "d2")])
    store.finish_build(second)
    assert (store.member_count(first), store.member_count(second)) == (0, 1)


def test_store_second_open_is_refused_with_holder(tmp_path):
    path = tmp_path / "store.sqlite"
    with RecordStore(path):
        with pytest.raises(StoreLocked) as info:
            RecordStore(path)
    message = str(info.value)
    assert f"another build is using {path}" in message
    assert f"pid {os.getpid()}" in message
    assert "--store" in message


def test_store_lock_is_released_on_close(tmp_path):
    path = tmp_path / "store.sqlite"
    RecordStore(path).close()
    with RecordStore(path) as s:
        assert s.record_count() == 0


def test_store_refuses_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"these are my notes, not a database" * 100)
    with pytest.raises(StoreError, match="notes.txt is not a usable diplograph store"):
        RecordStore(path)
    assert path.read_bytes().startswith(b"these are my notes")


def test_store_refuses_another_schema_version(tmp_path):
    path = tmp_path / "store.sqlite"
    RecordStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="schema version '99'.*--rebuild"):
        RecordStore(path)


def test_store_reset_forgets_everything(store):
    build = store.begin_build()
    store.add_members(build, [(0, "a.txt", "a", "d1")])
    store.put_records([("d1", _rec("d1"))], version="v1")
    store.reset()
    assert (store.record_count(), store.member_count(build)) == (0, 0)


def test_store_put_records_names_a_record_that_is_not_json(store):
    with pytest.raises(StoreError, match="document 'd1' is not JSON-serialisable"):
        store.put_records([("d1", {"doc_id": "d1", "bad": {1, 2}})], version="v1")
    assert store.record_count() == 0


def test_store_prune_keeps_records_in_use(store):
    build = store.begin_build()
    store.add_members(build, [(0, "a.txt", "a", "d1")])
    store.put_records([("d1", _rec("d1")), ("gone", _rec("gone"))], version="v1")
    store.put_records([("d1", _rec("d1"))], version="v0")
    store.finish_build(build)
    assert store.prune(version="v1") == 2
    assert store.known(["d1", "gone"], version="v1") == {"d1"}
