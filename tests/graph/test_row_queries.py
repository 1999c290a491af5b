"""`diplograph query person` and `countries` answer from the cache's rows, byte for byte as from GraphML."""

from __future__ import annotations

import shutil

import pytest

from graph import query
from graph.export import read_graphml
from graph.person import person_info
from graph.row_graph import open_beside
from graph.row_queries import NeedsWholeGraph, country_code
from graph.synthetic import sample_records, synthetic_records
from tests.graph.test_row_graph import run_cli, write_build


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    records = sample_records() + list(synthetic_records(300, seed=5))
    graphml, _ = write_build(tmp_path_factory.mktemp("rowq") / "out", records)
    alone = tmp_path_factory.mktemp("graphml_only") / "graph.graphml"
    shutil.copyfile(graphml, alone)  # no cache beside it: the command parses the GraphML
    return graphml, alone


def _countries(g) -> list[str]:
    return sorted(d["code"] for _, d in g.nodes(data=True) if d.get("type") == "country")


def test_row_queries_person_and_countries_equal_the_whole_graph(built):
    graphml, _ = built
    parsed = read_graphml(graphml)
    people = sorted(n for n, d in parsed.nodes(data=True) if d.get("type") == "person")
    with open_beside(graphml) as rows:
        for pid in people:
            assert person_info(rows, pid) == person_info(parsed, pid)
        for code in _countries(parsed):
            assert query.counterpart_countries(rows, country_code(rows, code)) == \
                query.counterpart_countries(parsed, code)


@pytest.mark.parametrize("value", ["XXX", "Atlantis", ""])
def test_row_queries_country_code_asks_for_the_whole_graph_when_unknown(built, value):
    graphml, _ = built
    with open_beside(graphml) as rows, pytest.raises(NeedsWholeGraph):
        country_code(rows, value)


@pytest.mark.parametrize("args", [
    ("person", "Blinken"), ("person", "Kamikawa", "--json"), ("person", "Blinkn"),
    ("countries", "JPN"), ("countries", "Japan", "--csv"), ("countries", "USA", "--json", "--limit", "2"),
    ("countries", "XXY"),
])
def test_cli_person_and_countries_from_rows_print_what_the_graphml_gives(built, args):
    graphml, alone = built
    heavy, from_rows = run_cli("query", *args, "--graph", graphml)
    _, from_graphml = run_cli("query", *args, "--graph", alone)
    assert (from_rows.returncode, from_rows.stdout) == (from_graphml.returncode, from_graphml.stdout)
    assert from_rows.stderr.splitlines()[:-1] == from_graphml.stderr.splitlines()[:-1]
    assert "Traceback" not in from_rows.stderr
    if from_rows.returncode == 0:
        assert "networkx" not in heavy  # answered from the rows, without loading the graph
    else:  # an unknown name or code: the message names it and the closest ones
        assert args[1] in from_rows.stderr and ("Closest" in from_rows.stderr or "closest" in from_rows.stderr)
