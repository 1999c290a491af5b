"""Tests for graph.build: node and edge types, meeting merging, attributes, bad input."""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest
from lxml import etree

from graph.build import ATTRIBUTE_TYPES, EDGE_TYPES, NODE_TYPES, build_graph, loads
from graph.export import write_graphml
from graph.synthetic import meeting, record, sample_records

USA = ("Antony Blinken", "USA", "Secretary of State")
JPN = ("Yoko Kamikawa", "JPN", "Foreign Minister")


def _of_type(g, kind):
    return sorted(n for n, d in g.nodes(data=True) if d["type"] == kind)


def _edges_of_type(g, kind):
    return [(u, v, d) for u, v, d in g.edges(data=True) if d["type"] == kind]


def test_build_three_sources_one_meeting(sample_graph):
    g = sample_graph
    first = [m for m in _of_type(g, "meeting") if g.nodes[m]["date"] == "2024-01-12"]
    assert len(first) == 1
    reported = sorted(v for _, v, d in g.out_edges(first[0], data=True) if d["type"] == "reported_by")
    assert reported == ["document:mofa-2024-01-12", "document:news-2024-01-13",
                        "document:state-2024-01-12"]
    for _, v, d in g.out_edges(first[0], data=True):
        if d["type"] == "reported_by":
            evidence = loads(d["evidence"])
            assert evidence and {e["doc_id"] for e in evidence} == {v.split(":", 1)[1]}
    assert g.nodes[first[0]]["n_sources"] == 3


def test_build_second_meeting_on_other_date_stays_separate(sample_graph):
    g = sample_graph
    pair = [m for m in _of_type(g, "meeting")
            if sorted(loads(g.nodes[m]["participants"])) == ["person:antony-blinken", "person:yoko-kamikawa"]]
    assert sorted(g.nodes[m]["date"] for m in pair) == ["2024-01-12", "2024-07-28"]
    met = g.edges["person:antony-blinken", "person:yoko-kamikawa",
                  "met|person:antony-blinken|person:yoko-kamikawa"]
    assert (met["count"], met["first"], met["last"]) == (3, "2024-01-12", "2024-07-28")


@pytest.mark.parametrize(
    "second, expected_meetings",
    [
        (dict(date="2024-01-12", kind="call"), 2),          # a call and a meeting the same day
        (dict(date="2024-01-13", kind="in_person"), 1),     # a day apart: one meeting
        (dict(date="2024-01-14", kind="in_person"), 2),     # two days apart: two meetings
        (dict(date=None, kind="in_person"), 1),             # undated, published the same day
    ],
)
def test_build_meeting_merge_rules(second, expected_meetings):
    recs = [
        record("a", [meeting("2024-01-12", USA, JPN)], published="2024-01-12"),
        record("b", [meeting(second["date"], USA, JPN, kind=second["kind"])], published="2024-01-13"),
    ]
    assert len(_of_type(build_graph(recs), "meeting")) == expected_meetings


def test_build_summit_is_one_meeting_with_derived_met_edges(sample_graph):
    g = sample_graph
    summit = [m for m in _of_type(g, "meeting") if g.nodes[m]["kind"] == "multilateral"]
    assert len(summit) == 1
    participants = [u for u, _, d in g.in_edges(summit[0], data=True) if d["type"] == "participated_in"]
    assert len(participants) == 5
    met_from_summit = [1 for _, _, d in _edges_of_type(g, "met") if summit[0] in loads(d["meetings"])]
    assert len(met_from_summit) == 10


def test_build_met_edges_run_from_smaller_to_larger_id(sample_graph):
    met = _edges_of_type(sample_graph, "met")
    assert met and all(u < v for u, v, _ in met)


def test_build_node_and_edge_types_and_ids(sample_graph):
    g = sample_graph
    assert {d["type"] for _, d in g.nodes(data=True)} == set(NODE_TYPES) - {"organization"}
    assert {d["type"] for *_, d in g.edges(data=True)} == set(EDGE_TYPES)
    for n in ["person:antony-blinken", "country:JPN", "topic:taiwan-strait",
              "place:washington-usa", "document:mofa-2024-01-12"]:
        assert n in g
    keys = [k for *_, k in g.edges(keys=True)]
    assert len(keys) == len(set(keys))
    assert all(d.get("label") for _, d in g.nodes(data=True))


def test_build_attributes_scalar_one_type_per_key(sample_graph):
    seen = {}
    items = [d for _, d in sample_graph.nodes(data=True)] + [d for *_, d in sample_graph.edges(data=True)]
    for data in items:
        for k, v in data.items():
            assert v is not None and type(v) in (str, int, float, bool), (k, v)
            assert seen.setdefault(k, type(v)) is type(v), k
            assert ATTRIBUTE_TYPES[k] is type(v), k


def test_build_ids_do_not_depend_on_record_order():
    forward = build_graph(sample_records())
    backward = build_graph(list(reversed(sample_records())))
    assert sorted(forward.nodes) == sorted(backward.nodes)


def test_build_organizations_and_mentions():
    rec = record("d", [meeting("2024-01-12", USA, JPN)])
    rec["organizations"] = [{"name": "Hamas"}]
    g = build_graph([rec])
    assert g.nodes["organization:hamas"]["label"] == "Hamas"
    mentioned = {v for _, v, d in g.out_edges("document:d", data=True) if d["type"] == "mentions"}
    assert {"organization:hamas", "person:antony-blinken", "country:USA"} <= mentioned


def test_build_planned_meetings_are_not_meetings():
    rec = record("d", [])
    rec["planned"] = [meeting("2024-02-01", USA, JPN)]
    assert _of_type(build_graph([rec], warnings=[]), "meeting") == []


def test_build_represents_carries_title_and_dates(sample_graph):
    d = sample_graph.edges["person:antony-blinken", "country:USA",
                           "represents|person:antony-blinken|country:USA"]
    assert (d["title"], d["first"], d["last"]) == ("Secretary of State", "2024-01-12", "2024-07-28")


_GOOD = record("good", [meeting("2024-01-12", USA, JPN)])


@pytest.mark.parametrize(
    "bad, expected_warning",
    [
        ("not a record", "not an object"),
        ({"doc_id": "x"}, None),                                         # missing every other field
        ({"doc_id": "", "meetings": [meeting("2024-01-02", USA, JPN)]}, "no doc_id"),
        (record("good", [meeting("2024-01-12", USA, JPN)]), "duplicate document"),
        (record("c", [meeting("2024-01-12", ("Ana Ruiz", "QQZ"), JPN)]), "unknown country"),
        (record("c2", [meeting("2024-01-12", ("Ana Ruiz", "Spain"), JPN)]), "repaired"),
        (record("e", [meeting("2024-01-12", ("", "USA"), ("President", "USA"))]), "without a usable name"),
        (record("f", [meeting("12/01/2024", USA, JPN)]), "not a YYYY-MM-DD date"),
        (record("k", [dict(meeting("2024-01-12", USA, JPN), kind="dinner")]), "unknown kind"),
        ({"doc_id": "m", "meetings": "oops", "officials": None}, "not a list"),
        ({"doc_id": "z", "meetings": [{"participants": [{"name": "Wang\x00 Yi"}], "kind": None}]},
         "unknown kind"),
    ],
)
def test_build_bad_input_repaired_or_skipped(tmp_path, bad, expected_warning):
    notes: list[str] = []
    g = build_graph([_GOOD, bad], warnings=notes)
    assert "person:antony-blinken" in g
    if expected_warning:
        assert any(expected_warning in n for n in notes), notes
    path = write_graphml(g, tmp_path / "g.graphml")
    etree.parse(str(path))
    assert nx.read_graphml(path).number_of_nodes() == g.number_of_nodes()


def test_build_warns_when_no_list_given():
    with pytest.warns(UserWarning, match="duplicate document"):
        build_graph([_GOOD, _GOOD])


def test_build_surname_resolved_within_its_document():
    rec = record("d", [meeting("2024-01-12", ("Yoko Kamikawa", "JPN"), ("Blinken", None)),
                       meeting("2024-01-12", ("Antony Blinken", "USA"), ("Kishida", "JPN"))])
    g = build_graph([rec])
    assert _of_type(g, "person") == ["person:antony-blinken", "person:kishida", "person:yoko-kamikawa"]
    assert json.loads(g.nodes["person:antony-blinken"]["aliases"]) == ["Antony Blinken"]


def test_build_synthetic_counts():
    from graph.synthetic import synthetic_records

    recs = list(synthetic_records(300, seed=3))
    g = build_graph(recs, warnings=[])
    kinds = Counter(d["type"] for _, d in g.nodes(data=True))
    assert kinds["document"] == len(recs)
    # retellings merge: at most 300 meetings, and coincidences are rare
    assert 290 <= kinds["meeting"] <= 300
