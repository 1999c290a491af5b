"""Person nodes over time: offices per meeting, the node's history, corrections, 'query person',
and the person attributes other tools read from GraphML."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph import MeetingGraph
from graph.build import build_graph, loads
from graph.corrections import read_corrections
from graph.errors import CorrectionsFileError
from graph.export import write_graphml
from graph.synthetic import meeting, record

ROOT = Path(__file__).resolve().parents[2]


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diplograph_cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def _records():
    kissinger = ("Henry Kissinger", "USA", "Secretary of State")
    return [
        record("d1", [meeting("1973-12-13", kissinger, ("Abdelaziz Bouteflika", "DZA", "Foreign Minister"))]),
        record("d2", [meeting("2001-11-05", ("George W. Bush", "USA", "President"),
                              ("Abdelaziz Bouteflika", "DZA", "President"))]),
        record("d3", [meeting("1970-02-13", ("Richard Nixon", "USA", "President"), ("Kenyatta", "KEN", "President"))]),
        record("d4", [meeting("2014-08-05", ("Barack Obama", "USA", "President"),
                              ("Uhuru Kenyatta", "KEN", "President"))]),
        record("d5", [meeting("1974-01-11", kissinger, ("Bouteflika", "DZA", "Foreign Minister"))]),
    ]


@pytest.fixture()
def history():
    return build_graph(_records(), warnings=[])


def test_person_offices_are_stored_per_meeting_and_over_time(history):
    g = history
    node = g.nodes["person:abdelaziz-bouteflika"]
    assert [(o["title"], o["first"], o["last"]) for o in loads(node["offices"])] == [
        ("Foreign Minister", "1973-12-13", "1974-01-11"), ("President", "2001-11-05", "2001-11-05")]
    assert (node["title"], node["country"], node["first"], node["last"]) == ("President", "DZA", "1973-12-13",
                                                                              "2001-11-05")
    titles = sorted(d["title"] for u, _, d in g.out_edges("person:abdelaziz-bouteflika", data=True)
                    if d["type"] == "participated_in")
    assert titles == ["Foreign Minister", "Foreign Minister", "President"]


def test_person_who_met_shows_the_office_held_at_the_meeting(history):
    rows = MeetingGraph(history).who_met("Kissinger")
    assert [(r["name"], r["title"]) for r in rows] == [("Abdelaziz Bouteflika", "Foreign Minister")]


def test_person_father_and_son_stay_apart_by_date(history):
    people = sorted(d["label"] for _, d in history.nodes(data=True) if d["type"] == "person" and "Kenyatta" in d["label"])
    assert people == ["Kenyatta", "Uhuru Kenyatta"]


def test_person_graphml_keeps_person_attributes_and_per_meeting_offices(history, tmp_path):
    path = write_graphml(history, tmp_path / "g.graphml")
    back = nx.read_graphml(path)
    node = back.nodes["person:abdelaziz-bouteflika"]
    for key in ("label", "name", "country", "title", "first", "last"):
        assert isinstance(node[key], str) and node[key], key
    assert json.loads(node["offices"])[0]["title"] == "Foreign Minister"
    assert json.loads(node["identity"])[0]["reason"]
    edges = [d for _, _, d in back.out_edges("person:abdelaziz-bouteflika", data=True)
             if d["type"] == "participated_in"]
    assert sorted((d["title"], d["country"]) for d in edges)[0] == ("Foreign Minister", "DZA")


def test_person_corrections_from_python(tmp_path):
    path = tmp_path / "fix.csv"
    path.write_text("name_a,name_b,relation,note\nUhuru Kenyatta,Kenyatta,same,testing a join\n", encoding="utf-8")
    mg = MeetingGraph.from_records(_records(), corrections=path)
    info = mg.person("Uhuru Kenyatta")
    assert info["id"] == "person:uhuru-kenyatta" and "Kenyatta" in info["aliases"]
    assert "user correction: same as 'Uhuru Kenyatta'" in [x["reason"] for x in info["identity"]]


@pytest.mark.parametrize(
    "text, message",
    [
        ("a,b,relation\nX,Y,same\n", "missing column(s) name_a, name_b"),
        ("name_a,name_b,relation\nX,Y,alike\n", "unknown relation 'alike'"),
        ("name_a,name_b,relation\nX,,same\n", "line 2: a name is empty"),
    ],
)
def test_person_corrections_file_errors_name_file_line_and_value(tmp_path, text, message):
    path = tmp_path / "fix.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CorrectionsFileError) as info:
        read_corrections(path)
    assert message in str(info.value) and "fix.csv" in str(info.value)


VISITS = """<visits>
<visit><id>1</id><visitor>President Kenyatta</visitor><from id="kenya">Kenya</from>
<start-date>1970-02-13</start-date><end-date>1970-02-13</end-date><description>Met President Nixon.</description></visit>
<visit><id>2</id><visitor>President Uhuru Kenyatta</visitor><from id="kenya">Kenya</from>
<start-date>2018-08-27</start-date><end-date>2018-08-27</end-date><description>Met President Trump.</description></visit>
<visit><id>3</id><visitor>Chairman Ana Ruiz</visitor><from id="chile">Chile</from>
<start-date>2018-08-28</start-date><end-date>2018-08-28</end-date><description>Met President Trump.</description></visit>
<visit><id>4</id><visitor>Chairman A. Ruiz</visitor><from id="chile">Chile</from>
<start-date>2018-09-28</start-date><end-date>2018-09-28</end-date><description>Met President Trump.</description></visit>
</visits>
"""


def test_person_query_and_corrections_on_the_command_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "visits.xml").write_text(VISITS, encoding="utf-8")
    out = tmp_path / "out"
    proc = cli("build", tmp_path / "in", "--out", out, "--no-view", "-q")
    assert proc.returncode == 0, proc.stderr
    graph = out / "graph.graphml"
    proc = cli("query", "person", "Jomo Kenyatta", "--graph", graph, "--json")
    info = json.loads(proc.stdout)
    assert info["id"] == "person:jomo-kenyatta" and info["offices"][0]["first"] == "1970-02-13"
    assert info["identity"][0]["reason"] == "dictionary entry 'Jomo Kenyatta'"
    proc = cli("query", "person", "Ana Ruiz", "--graph", graph)
    assert proc.returncode == 0 and "person:ana-ruiz" in proc.stdout and "joined" in proc.stdout
    assert "A. Ruiz" in proc.stdout
    # the user says A. Ruiz is someone else
    fixes = tmp_path / "fix.csv"
    fixes.write_text("name_a,name_b,relation\nAna Ruiz,A. Ruiz,different\n", encoding="utf-8")
    proc = cli("build", tmp_path / "in", "--out", out, "--no-view", "-q", "--corrections", fixes)
    assert proc.returncode == 0, proc.stderr
    proc = cli("query", "person", "A. Ruiz", "--graph", graph, "--json")
    assert json.loads(proc.stdout)["identity"][0]["reason"] == "user correction: different from 'Ana Ruiz'"


def test_person_bad_corrections_file_is_a_clear_error_and_keeps_outputs(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "visits.xml").write_text(VISITS, encoding="utf-8")
    out = tmp_path / "out"
    assert cli("build", tmp_path / "in", "--out", out, "--no-view", "-q").returncode == 0
    before = (out / "graph.graphml").read_bytes()
    fixes = tmp_path / "fix.csv"
    fixes.write_text("name_a,name_b,relation\nAna Ruiz,A. Ruiz,maybe\n", encoding="utf-8")
    proc = cli("build", tmp_path / "in", "--out", out, "--no-view", "-q", "--corrections", fixes)
    assert proc.returncode != 0
    assert "fix.csv" in proc.stderr and "'maybe'" in proc.stderr and "Traceback" not in proc.stderr
    assert (out / "graph.graphml").read_bytes() == before


def test_person_unknown_name_on_the_command_line(tmp_path, graph_file):
    proc = cli("query", "person", "Nobody Atall", "--graph", graph_file)
    assert proc.returncode != 0 and "No person named 'Nobody Atall'" in proc.stderr
    assert "Traceback" not in proc.stderr
