"""Tests for graph/row_graph.py: who-met answered from the cache's rows equals the answer from GraphML."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from graph import incremental, query
from graph.errors import AmbiguousName, UnknownPerson
from graph.export import read_graphml, write_graphml
from graph.incremental import GraphState, save_state
from graph.row_graph import RowGraph, code_hash, fingerprint, open_beside
from graph.synthetic import sample_records, synthetic_records

ROOT = Path(__file__).resolve().parents[2]


def write_build(out: Path, records: list[dict]) -> tuple[Path, GraphState]:
    """Write graph.graphml and the graph.state beside it, as 'diplograph build' does."""
    out.mkdir(parents=True, exist_ok=True)
    state = GraphState()
    state.update(records)
    graphml = write_graphml(state.graph, out / "graph.graphml")
    save_state(state, out / "graph.state", header={"outputs": {"graph": incremental.fingerprint(graphml)}})
    return Path(graphml), state


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    records = sample_records() + list(synthetic_records(400, seed=3))
    return write_build(tmp_path_factory.mktemp("rows") / "out", records)


def people(g) -> list[str]:
    return sorted(n for n, d in g.nodes(data=True) if d.get("type") == "person")


def test_row_graph_who_met_equals_graphml_for_every_person(built):
    graphml, state = built
    parsed = read_graphml(graphml)
    with open_beside(graphml) as rows:
        assert isinstance(rows, RowGraph) and len(rows) == len(parsed)
        for pid in people(parsed):
            label = parsed.nodes[pid]["label"]
            for name in (pid, label):
                try:
                    want = query.who_met(parsed, name)
                except AmbiguousName as err:
                    with pytest.raises(AmbiguousName) as got:
                        query.who_met(rows, name)
                    assert str(got.value) == str(err)
                    continue
                assert query.who_met(rows, name) == want == query.who_met(state.graph, name)


@pytest.mark.parametrize("name", ["Blinkin", "Nobody Atall", "", "x" * 300])
def test_row_graph_unknown_names_fail_as_from_graphml(built, name):
    graphml, _ = built
    with pytest.raises(UnknownPerson) as want:
        query.who_met(read_graphml(graphml), name)
    with open_beside(graphml) as rows, pytest.raises(UnknownPerson) as got:
        query.who_met(rows, name)
    assert str(got.value) == str(want.value)


def test_row_graph_reads_only_the_rows_a_question_needs(built):
    graphml, _ = built
    with open_beside(graphml) as rows:
        query.who_met(rows, "Blinken")
        assert 0 < len(rows._rows) < len(rows) / 10


def test_open_beside_refuses_a_cache_that_does_not_stand_for_the_graphml(built, tmp_path):
    graphml, state = built
    out = tmp_path / "out"
    out.mkdir()
    copy = out / "graph.graphml"
    copy.write_bytes(graphml.read_bytes())
    assert open_beside(copy) is None  # no cache beside it
    save_state(state, out / "graph.state", header={"outputs": {"graph": fingerprint(copy)}})
    rows = open_beside(copy)
    assert rows is not None
    rows.close()
    assert open_beside(out / "graph.xml") is None  # not a GraphML name
    copy.touch()  # the same bytes at a new time: another file as far as the cache knows
    assert open_beside(copy) is None
    save_state(state, out / "graph.state", header={"outputs": {"graph": fingerprint(copy)}})
    db = sqlite3.connect(out / "graph.state")
    db.execute("UPDATE meta SET value = 'diplograph.state.v2/x/000000000000' WHERE key = 'version'")
    db.commit()
    db.close()
    assert open_beside(copy) is None  # written by other code
    (out / "graph.state").write_bytes(b"not a database")
    assert open_beside(copy) is None


def test_open_beside_answers_when_the_build_wrote_no_graphml(tmp_path):
    state = GraphState()
    state.update(sample_records())
    save_state(state, tmp_path / "graph.state", header={"outputs": {}})
    with open_beside(tmp_path / "graph.graphml") as rows:
        assert query.who_met(rows, "Kamikawa") == query.who_met(state.graph, "Kamikawa")


def test_row_graph_recipes_match_the_cache_writer(tmp_path):
    assert incremental.STATE_VERSION.rsplit("/", 1)[-1] == code_hash() == incremental._code_hash()
    path = tmp_path / "f"
    path.write_text("x")
    assert fingerprint(path) == incremental.fingerprint(path) and fingerprint(tmp_path / "none") == ""


def run_cli(*args) -> tuple[dict, subprocess.CompletedProcess]:
    """Run the diplograph command in a fresh process; also report which heavy modules it imported."""
    code = ("import sys, json, diplograph_cli\n"
            "try:\n    diplograph_cli.main()\n"
            "finally:\n"
            "    heavy = {m.split('.')[0] for m in sys.modules} & {'networkx', 'rich', 'spacy', 'pandas', 'numpy'}\n"
            "    print(json.dumps(sorted(heavy)), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    return json.loads(done.stderr.strip().splitlines()[-1]), done


def test_cli_who_met_answers_from_rows_without_networkx(built):
    graphml, _ = built
    want = query.who_met(read_graphml(graphml), "Blinken")
    heavy, done = run_cli("query", "who-met", "Blinken", "--graph", graphml, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == want
    assert heavy == []
    heavy, done = run_cli("query", "who-met", "Blinken", "--graph", graphml, "--csv", "--limit", "2")
    lines = done.stdout.splitlines()
    assert lines[0] == "Counterpart,Title,Country,Meetings,First,Last,Topics" and len(lines) == 3
    assert lines[1].startswith(want[0]["name"] + ",") and heavy == []
    heavy, done = run_cli("query", "who-met", "Blinken", "--graph", graphml)
    assert "Who Antony Blinken met" in done.stdout and want[0]["name"] in done.stdout and heavy == ["rich"]


def test_cli_who_met_reads_the_graphml_when_the_cache_does_not_match(built, tmp_path):
    graphml, _ = built
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.state").write_bytes((graphml.parent / "graph.state").read_bytes())
    copy = out / "graph.graphml"
    copy.write_bytes(graphml.read_bytes())  # the same graph, but not the file the cache vouches for
    heavy, done = run_cli("query", "who-met", "Blinken", "--graph", copy, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == query.who_met(read_graphml(graphml), "Blinken")
    assert "networkx" in heavy
    heavy, done = run_cli("query", "who-met", "Blinkin", "--graph", graphml)
    assert done.returncode == 1 and "Closest names: 'Antony Blinken' (USA)" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("n", [1, 10, 10_000])
def test_row_graph_most_connected_equals_graphml(built, n):
    graphml, _ = built
    with open_beside(graphml) as rows:
        assert query.most_connected(rows, n) == query.most_connected(read_graphml(graphml), n)


def test_cli_top_answers_from_rows_without_networkx(built):
    graphml, _ = built
    heavy, done = run_cli("query", "top", "-n", "5", "--graph", graphml, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == query.most_connected(read_graphml(graphml), 5) and heavy == []
