"""Tests for graph.export: every format round-trips or parses with its reader, sanitising,
atomic writes, and the Neo4j import set loaded into a real embedded Cypher engine."""

from __future__ import annotations

import csv
import datetime as dt
import json

import networkx as nx
import pytest
from lxml import etree

from graph import export as ex
from graph.errors import ExportFormatError, GraphFileError
from graph.query import who_met

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


def _sorted_graph(g):
    nodes = sorted((n, sorted(d.items())) for n, d in g.nodes(data=True))
    edges = sorted((u, v, k, sorted(d.items())) for u, v, k, d in g.edges(keys=True, data=True))
    return nodes, edges


def _dirty_graph():
    g = nx.MultiDiGraph(note=["a", None])
    g.add_node("a\x00b", tags=["x", "y"], meta={"k": 1}, missing=None, when=dt.date(2024, 1, 12),
               text="bell\x07 and\x0b tab", n=1)
    g.add_node("c", n="one", flag=True, when=dt.datetime(2024, 1, 12, 10, 30))
    g.add_node(7, label="number id")
    g.add_edge("a\x00b", "c", key=0, w=1.5)
    g.add_edge("a\x00b", "c", key=1, w=2)
    g.add_edge("c", 7, key="dup", w=None)
    g.add_edge(7, "c", key="dup", evidence=[{"text": "x\x00y"}])
    return g


def test_graphml_round_trip(tmp_path, sample_graph):
    path = ex.write_graphml(sample_graph, tmp_path / "g.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert _sorted_graph(back) == _sorted_graph(sample_graph)


def test_graphml_sanitises_any_input(tmp_path):
    path = ex.write_graphml(_dirty_graph(), tmp_path / "dirty.graphml")
    tree = etree.parse(str(path))  # valid XML
    ids = [e.get("id") for e in tree.iter(f"{GRAPHML_NS}edge")]
    assert len(ids) == 4 and len(set(ids)) == 4
    back = nx.read_graphml(path, force_multigraph=True)
    node = back.nodes["ab"]
    assert node["tags"] == '["x","y"]' and node["when"] == "2024-01-12"
    assert node["text"] == "bell and tab" and "missing" not in node
    assert back.nodes["c"]["n"] == "one" and node["n"] == "1"   # mixed types became strings
    assert back.nodes["7"]["label"] == "number id"


def test_graphml_keeps_one_type_per_key(tmp_path, sample_graph):
    path = ex.write_graphml(sample_graph, tmp_path / "g.graphml")
    keys = etree.parse(str(path)).findall(f"{GRAPHML_NS}key")
    seen = {}
    for k in keys:
        name = (k.get("for"), k.get("attr.name"))
        assert name not in seen, name
        seen[name] = k.get("attr.type")
    assert seen[("node", "n_meetings")] == "long" or seen[("node", "n_meetings")] == "int"


def test_graphml_failed_write_keeps_previous_file(tmp_path, sample_graph, monkeypatch):
    path = tmp_path / "g.graphml"
    ex.write_graphml(sample_graph, path)
    before = path.read_bytes()

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ex, "_stream_graphml", broken)  # the GraphML writer itself
    with pytest.raises(GraphFileError, match="unchanged"):
        ex.write_graphml(sample_graph, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


@pytest.mark.parametrize("content", ["", "<not graphml", "{}"])
def test_read_graphml_bad_file_says_what_to_do(tmp_path, content):
    path = tmp_path / "bad.graphml"
    path.write_text(content)
    with pytest.raises(GraphFileError, match="bad.graphml"):
        ex.read_graphml(path)


def test_read_graphml_missing_file(tmp_path):
    with pytest.raises(GraphFileError, match="diplograph build"):
        ex.read_graphml(tmp_path / "none.graphml")


@pytest.mark.parametrize("graph_name", ["sample", "dirty"])
def test_gexf_parses_with_reader(tmp_path, sample_graph, graph_name):
    g = sample_graph if graph_name == "sample" else _dirty_graph()
    path = ex.write_gexf(g, tmp_path / "g.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()


@pytest.mark.parametrize("graph_name", ["sample", "dirty"])
def test_json_round_trip(tmp_path, sample_graph, graph_name):
    g = sample_graph if graph_name == "sample" else _dirty_graph()
    back = ex.read_json(ex.write_json(g, tmp_path / "g.json"))
    assert _sorted_graph(back) == _sorted_graph(ex.sanitized(g))


def test_csv_has_every_node_and_edge(tmp_path, sample_graph):
    folder = ex.write_csv(sample_graph, tmp_path / "csv")
    with open(folder / "nodes.csv", newline="", encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh))
    with open(folder / "edges.csv", newline="", encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh))
    assert sorted(r["id"] for r in nodes) == sorted(sample_graph.nodes)
    assert sorted((r["source"], r["target"], r["id"]) for r in edges) == sorted(
        sample_graph.edges(keys=True))
    assert json.loads(next(r for r in nodes if r["id"] == "person:antony-blinken")["aliases"])


def test_neo4j_files_and_script(tmp_path, sample_graph):
    folder = ex.write_neo4j(sample_graph, tmp_path / "neo4j")
    names = sorted(p.name for p in folder.iterdir())
    assert "load.cypher" in names and "nodes_person.csv" in names
    assert "rels_met_person_person.csv" in names
    script = (folder / "load.cypher").read_text()
    for name in names:
        if name.endswith(".csv"):
            assert f"file:///{name}" in script
    header = (folder / "rels_participated_in_person_meeting.csv").read_text().splitlines()[0]
    assert header.startswith(":START_ID,:END_ID,:TYPE,id")


_LADYBUG_TYPES = {"long": "INT64", "double": "DOUBLE", "boolean": "BOOLEAN"}


def _ladybug_load(folder, conn):
    """Create one table per CSV from its header and COPY the file in."""
    import re

    tables = {}
    for path in sorted(folder.glob("nodes_*.csv")):
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        label = path.read_text(encoding="utf-8").splitlines()[1].rsplit(",", 1)[1]
        cols = []
        for h in header:
            name, _, kind = h.partition(":")
            cols.append(f"`{name or 'neo4j_label'}` {_LADYBUG_TYPES.get(kind, 'STRING')}")
        conn.execute(f"CREATE NODE TABLE {label}({', '.join(cols)}, PRIMARY KEY(id))")
        conn.execute(f"COPY {label} FROM '{path}' (HEADER=true)")
        tables[re.sub('^nodes_', '', path.stem)] = label
    for path in sorted(folder.glob("rels_*.csv")):
        header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
        first = path.read_text(encoding="utf-8").splitlines()[1].split(",")
        rel, src, dst = first[2], None, None
        rest = path.stem[len("rels_") + len(rel) + 1:]
        for a, la in tables.items():
            for b, lb in tables.items():
                if rest == f"{a}_{b}":
                    src, dst = la, lb
        cols = ["rel_type STRING"] + [
            f"`{h.partition(':')[0]}` {_LADYBUG_TYPES.get(h.partition(':')[2], 'STRING')}"
            for h in header[3:]]
        name = f"{rel}_{src}_{dst}"
        conn.execute(f"CREATE REL TABLE {name}(FROM {src} TO {dst}, {', '.join(cols)})")
        conn.execute(f"COPY {name} FROM '{path}' (HEADER=true)")


def test_neo4j_export_loads_into_real_cypher_engine(tmp_path, sample_graph):
    import real_ladybug  # a test dependency (pyproject [test]); kuzu's maintained fork

    folder = ex.write_neo4j(sample_graph, tmp_path / "neo4j")
    db = real_ladybug.Database(str(tmp_path / "db"))
    conn = real_ladybug.Connection(db)
    _ladybug_load(folder, conn)
    result = conn.execute(
        "MATCH (a:Person)-[m:MET_Person_Person]-(b:Person) WHERE a.id = 'person:yoko-kamikawa' "
        "RETURN b.label, m.count ORDER BY m.count DESC, b.label")
    rows = []
    while result.has_next():
        rows.append(tuple(result.get_next()))
    expected = [(r["name"], r["count"]) for r in who_met(sample_graph, "Kamikawa")]
    assert rows == expected
    # the meeting structure survives too: participants of the three-source meeting
    result = conn.execute(
        "MATCH (p:Person)-[:PARTICIPATED_IN_Person_Meeting]->(m:Meeting)"
        "-[r:REPORTED_BY_Meeting_Document]->(d:Document) WHERE m.date = '2024-01-12' "
        "RETURN count(DISTINCT d), count(DISTINCT p)")
    assert result.get_next() == [3, 2]


@pytest.mark.parametrize("fmt", list(ex.FORMATS))
def test_export_dispatch_writes_every_format(tmp_path, sample_graph, fmt):
    out = ex.export(sample_graph, fmt, tmp_path / f"out-{fmt}")
    assert out.exists()


def test_export_unknown_format(sample_graph, tmp_path):
    with pytest.raises(ExportFormatError, match="'pdf'.*graphml"):
        ex.export(sample_graph, "pdf", tmp_path / "x.pdf")
