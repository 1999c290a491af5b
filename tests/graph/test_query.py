"""Tests for graph.query (and the MeetingGraph methods that call it)."""

from __future__ import annotations

import pytest

from graph import MeetingGraph
from graph.build import build_graph
from graph.errors import AmbiguousName, BadQuery, UnknownCountry, UnknownPerson, UnknownTopic
from graph.export import read_graphml, write_graphml
from graph.query import (
    connection,
    counterpart_countries,
    find_person,
    meetings,
    most_connected,
    subgraph,
    timeline,
    topics_between,
    who_met,
)
from graph.synthetic import meeting, record, sample_records


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Blinken", "person:antony-blinken"),
        ("antony blinken", "person:antony-blinken"),
        ("Secretary Blinken", "person:antony-blinken"),
        ("Antony J. Blinken", "person:antony-blinken"),
        ("A. Blinken", "person:antony-blinken"),
        ("KAMIKAWA Yoko", "person:yoko-kamikawa"),
        ("Stephane Sejourne", "person:stephane-sejourne"),
        ("Wang", "person:wang-yi"),
        ("person:sergey-lavrov", "person:sergey-lavrov"),
    ],
)
def test_find_person_is_forgiving(sample_graph, name, expected):
    assert find_person(sample_graph, name) == expected


def test_find_person_unknown_lists_closest(sample_graph):
    with pytest.raises(UnknownPerson) as err:
        find_person(sample_graph, "Blinkin")
    assert "'Blinkin'" in str(err.value) and "'Antony Blinken'" in str(err.value)
    assert err.value.closest[0] == "Antony Blinken"
    assert isinstance(err.value, LookupError)


def test_find_person_ambiguous_lists_both():
    g = build_graph([record("d", [meeting("2024-01-01", ("John Smith", "USA"), ("Jane Smith", "GBR"))])])
    with pytest.raises(AmbiguousName) as err:
        find_person(g, "Smith")
    assert "'John Smith' (USA)" in str(err.value) and "'Jane Smith' (GBR)" in str(err.value)
    assert find_person(g, "Jane Smith") == "person:jane-smith"


def test_who_met_counts_dates_topics_and_sources(sample_graph):
    rows = who_met(sample_graph, "Kamikawa")
    assert [(r["name"], r["count"]) for r in rows] == [
        ("Antony Blinken", 3), ("Annalena Baerbock", 1), ("David Cameron", 1), ("Stéphane Séjourné", 1)]
    top = rows[0]
    assert (top["first"], top["last"], top["country"]) == ("2024-01-12", "2024-07-28", "USA")
    assert "Taiwan Strait" in top["topics"]
    first = top["meetings"][0]
    assert len(first["sources"]) == 3 and {e["doc_id"] for e in first["evidence"]} == {
        "mofa-2024-01-12", "state-2024-01-12", "news-2024-01-13"}


@pytest.mark.parametrize(
    "filters, dates",
    [
        ({}, ["2024-01-12", "2024-02-16", "2024-04-09", "2024-04-18", "2024-07-28"]),
        ({"between": ("Kamikawa", "Blinken")}, ["2024-01-12", "2024-04-18", "2024-07-28"]),
        ({"between": ("JPN", "United States")}, ["2024-01-12", "2024-04-18", "2024-07-28"]),
        ({"person": "Wang Yi"}, ["2024-02-16", "2024-04-09"]),
        ({"country": "RUS"}, ["2024-04-09"]),
        ({"country": "Germany"}, ["2024-04-18"]),
        ({"topic": "Taiwan Strait"}, ["2024-01-12", "2024-02-16"]),
        ({"topic": "korea"}, ["2024-01-12", "2024-07-28"]),
        ({"kind": "call"}, ["2024-02-16"]),
        ({"since": "2024-04-01", "until": "2024-04-30"}, ["2024-04-09", "2024-04-18"]),
        ({"person": "Blinken", "since": "2024-03-01"}, ["2024-04-18", "2024-07-28"]),
        ({"between": ("Lavrov", "Blinken")}, []),
    ],
)
def test_meetings_filters(sample_graph, filters, dates):
    assert [m["date"] for m in meetings(sample_graph, **filters)] == dates


@pytest.mark.parametrize(
    "filters, error, names",
    [
        ({"kind": "dinner"}, BadQuery, "'dinner'"),
        ({"since": "last year"}, BadQuery, "'last year'"),
        ({"topic": "Zzzz"}, UnknownTopic, "'Zzzz'"),
        ({"country": "Atlantis"}, UnknownCountry, "'Atlantis'"),
        ({"person": "Nobody Atall"}, UnknownPerson, "'Nobody Atall'"),
    ],
)
def test_meetings_bad_filters_name_the_value(sample_graph, filters, error, names):
    with pytest.raises(error, match=names):
        meetings(sample_graph, **filters)


def test_meetings_undated_sorted_last_and_excluded_by_dates():
    recs = [record("a", [meeting(None, ("Ana Ruiz", "ESP"), ("Li Wei", "CHN"))],
                   published="2021-06-01"),
            record("b", [meeting("2020-01-01", ("Ana Ruiz", "ESP"), ("Li Wei", "CHN"))],
                   published="2020-01-01")]
    g = build_graph(recs)
    assert [m["date"] for m in meetings(g)] == ["2020-01-01", ""]
    assert [m["date"] for m in meetings(g, since="2019-01-01")] == ["2020-01-01"]


def test_topics_between_people(sample_graph):
    rows = topics_between(sample_graph, "Blinken", "Wang Yi")
    assert [(r["topic"], r["count"], r["first"]) for r in rows] == [("Taiwan Strait", 1, "2024-02-16")]


def test_connection_chain_with_evidence(sample_graph):
    hops = connection(sample_graph, "Kamikawa", "Lavrov")
    assert [(h["from"], h["to"]) for h in hops] == [
        ("person:yoko-kamikawa", "person:antony-blinken"),
        ("person:antony-blinken", "person:wang-yi"),
        ("person:wang-yi", "person:sergey-lavrov")]
    assert all(h["meeting"]["evidence"] for h in hops)


def test_connection_none_or_same_person_is_empty(sample_graph):
    g = build_graph(sample_records() + [record("x", [meeting("2024-01-01", ("Ana Ruiz", "ESP"),
                                                             ("Li Wei", "CHN"))])])
    assert connection(g, "Blinken", "Ana Ruiz") == []
    assert connection(sample_graph, "Blinken", "Antony Blinken") == []


def test_counterpart_countries(sample_graph):
    rows = counterpart_countries(sample_graph, "CHN")
    assert [(r["country"], r["name"], r["count"]) for r in rows] == [
        ("RUS", "Russia", 1), ("USA", "United States", 1)]


def test_timeline_in_date_order(sample_graph):
    rows = timeline(sample_graph, "Blinken")
    assert [r["date"] for r in rows] == ["2024-01-12", "2024-02-16", "2024-04-18", "2024-07-28"]
    assert rows[1]["counterparts"] == ["Wang Yi"]


def test_most_connected(sample_graph):
    assert [r["id"] for r in most_connected(sample_graph, 1)] == ["person:antony-blinken"]
    assert len(most_connected(sample_graph, 100)) == 7


@pytest.mark.parametrize(
    "node, radius, people",
    [
        ("Lavrov", 0, ["person:sergey-lavrov"]),
        ("Lavrov", 1, ["person:sergey-lavrov", "person:wang-yi"]),
        ("Lavrov", 2, ["person:antony-blinken", "person:sergey-lavrov", "person:wang-yi"]),
        ("country:RUS", 0, ["person:sergey-lavrov", "person:wang-yi"]),
        ("topic:north-korea", 0, ["person:antony-blinken", "person:yoko-kamikawa"]),
    ],
)
def test_subgraph_people_within_radius(sample_graph, node, radius, people):
    sub = subgraph(sample_graph, node, radius)
    assert sorted(n for n, d in sub.nodes(data=True) if d["type"] == "person") == people
    assert all(sub.nodes[n] == sample_graph.nodes[n] for n in sub)


def test_queries_same_after_graphml_round_trip(tmp_path, sample_graph):
    back = read_graphml(write_graphml(sample_graph, tmp_path / "g.graphml"))
    assert who_met(back, "Blinken") == who_met(sample_graph, "Blinken")
    assert meetings(back, topic="Ukraine") == meetings(sample_graph, topic="Ukraine")


def test_meeting_graph_methods_and_save_load(tmp_path):
    mg = MeetingGraph.from_records(sample_records())
    path = mg.save(tmp_path / "g.graphml")
    loaded = MeetingGraph.load(path)
    assert loaded.who_met("Blinken") == mg.who_met("Blinken")
    assert loaded.connection("Kamikawa", "Lavrov") == mg.connection("Kamikawa", "Lavrov")
    assert loaded.most_connected(3) == mg.most_connected(3)
    assert sorted(loaded.nx.nodes) == sorted(mg.nx.nodes)
