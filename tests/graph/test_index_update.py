"""Tests of graph/index_update.py: the stored query index, updated by each save, equals one built afresh.

A build saves the query index with the graph; a save after an update changes only the
entries of the nodes it changed. After any run of additions, changes and removals, saved
and read back each time, the stored index must hold what ``graph.query`` builds from the
graph: the same names, counterparts, countries, meetings by date and ranking.
"""

from __future__ import annotations

import random

import pytest

from graph import state_file
from graph.build import build_graph
from graph.incremental import GraphState, load_graph, load_state, save_state
from graph.index_update import update_index
from graph.query import _Index, who_met
from graph.synthetic import sample_records, synthetic_records


def contents(index):
    """An index as plain values: lists the queries read as sets compared as sets, the rest as they are."""
    as_sets = lambda table: {k: set(v) for k, v in table.items() if v}  # noqa: E731
    return {
        "size": index.size,
        "spellings": list(index.spellings.items()),
        "labels": list(index.labels.items()),
        "by_family": as_sets(index.by_family),
        "by_tokens": as_sets(index.by_tokens),
        "by_first": as_sets(index.by_first),
        "met": as_sets(index.met),
        "country_meetings": as_sets(index.country_meetings),
        "meeting_countries": as_sets(index.meeting_countries),
        "meetings": index.meetings,
        "meeting_dates": index.meeting_dates,
        "ranked": index.ranked,
    }


def stored_index(path):
    """The index stored in a cache file, and the graph it was read with."""
    _, g = load_graph(path)
    from graph.query import lookup_index

    return lookup_index(g), g


def test_index_update_after_each_save_equals_a_fresh_index(tmp_path, monkeypatch):
    """Saves after updates patch the stored index (never building it again), and it equals a fresh one."""
    path = tmp_path / "graph.state"
    pool = list(synthetic_records(300, seed=3))
    rng = random.Random(3)
    state = GraphState()
    state.update(pool[:200])
    save_state(state, path, header={"extractor": "x"})
    built = []
    monkeypatch.setattr(state_file, "_index", lambda st: built.append(1) or pytest.fail("index built afresh"))
    for _ in range(5):
        now = [r for r in pool if rng.random() < 0.7]
        _, state = load_state(path, expect={"extractor": "x"})
        state.update(now)
        save_state(state, path, header={"extractor": "x"})
        index, g = stored_index(path)
        assert contents(index) == contents(_Index(g))
        assert sorted(g.nodes) == sorted(build_graph(now, warnings=[]).nodes)
    assert not built


def test_index_update_a_removed_meeting_leaves_its_countries_and_dates(tmp_path):
    """Removing the document of a meeting takes it out of the meetings by date and by country,
    and its participants out of each other's counterparts."""
    path = tmp_path / "graph.state"
    records = sample_records()
    state = GraphState()
    state.update(records)
    save_state(state, path, header={"extractor": "x"})
    _, state = load_state(path, expect={"extractor": "x"})
    state.update(records[1:])
    save_state(state, path, header={"extractor": "x"})
    index, g = stored_index(path)
    fresh = build_graph(records[1:], warnings=[])
    assert contents(index) == contents(_Index(g))
    assert set(index.meetings) == {n for n, d in fresh.nodes(data=True) if d["type"] == "meeting"}
    person = index.ranked[0]
    assert who_met(g, person) == who_met(fresh, person)


@pytest.mark.parametrize("cut", [1, 3, 5])
def test_index_update_matches_a_fresh_index_on_two_graphs(cut):
    """Given the rows of the changed nodes before the change, the index of the old graph becomes
    that of the new one."""
    from graph.identity import parse_name

    old = build_graph(sample_records()[:-cut], warnings=[])
    new = build_graph(sample_records(), warnings=[])
    changed = {n for n in set(old) | set(new) if n not in new or n not in old
               or old.nodes[n] != new.nodes[n] or dict(old.adj[n]) != dict(new.adj[n])}
    before = {n: (old.nodes[n], old.adj[n]) for n in changed if n in old}
    assert contents(update_index(_Index(old), new, changed, before, parse_name)) == contents(_Index(new))
