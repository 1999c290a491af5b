"""Tests for the 'query' and 'export' commands, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.build import build_graph
from graph.cli_query import export, query
from graph.export import write_graphml
from graph.query import meetings, who_met
from graph.synthetic import meeting, record


@pytest.fixture()
def run():
    runner = CliRunner()
    return lambda cmd, *args: runner.invoke(cmd, [str(a) for a in args])


@pytest.mark.parametrize(
    "args, expected",
    [
        (["who-met", "Blinken"], ["Who Antony Blinken met", "Yoko Kamikawa", "2024-07-28"]),
        (["meetings", "--between", "Kamikawa", "Blinken", "--since", "2024-02-01"],
         ["2024-04-18", "2024-07-28", "Capri, Italy"]),
        (["meetings", "--kind", "call"], ["2024-02-16", "Wang Yi"]),
        (["path", "Kamikawa", "Lavrov"], ["Wang Yi held talks with Sergey Lavrov."]),
        (["countries", "JPN"], ["United States", "Germany"]),
        (["top", "-n", "2"], ["Antony Blinken", "Yoko Kamikawa"]),
    ],
)
def test_query_table_output(run, graph_file, args, expected):
    result = run(query, *args, "--graph", graph_file)
    assert result.exit_code == 0, result.output
    for text in expected:
        assert text in result.output


def test_query_who_met_json_equals_api(run, graph_file, sample_graph):
    result = run(query, "who-met", "Blinken", "--graph", graph_file, "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == who_met(sample_graph, "Blinken")


def test_query_meetings_json_equals_api(run, graph_file, sample_graph):
    result = run(query, "meetings", "--topic", "Ukraine", "--graph", graph_file, "--json")
    assert json.loads(result.output) == meetings(sample_graph, topic="Ukraine")


@pytest.mark.parametrize(
    "args, message",
    [
        (["who-met", "Blinkin"], "Closest names: 'Antony Blinken' (USA)"),
        (["path", "Kamikawa", "Nobody"], "No person named 'Nobody'"),
        (["meetings", "--since", "yesterday"], "use YYYY, YYYY-MM or YYYY-MM-DD"),
        (["meetings", "--until", "2024-13"], "use YYYY, YYYY-MM or YYYY-MM-DD"),
        (["countries", "Atlantis"], "No country 'Atlantis'"),
    ],
)
def test_query_errors_tell_what_to_do(run, graph_file, args, message):
    result = run(query, *args, "--graph", graph_file)
    assert result.exit_code == 1
    assert message in result.output


def test_query_missing_graph_file(run, tmp_path):
    result = run(query, "top", "--graph", tmp_path / "none.graphml")
    assert result.exit_code == 1 and "diplograph build" in result.output


def test_query_empty_results_say_so(run, graph_file):
    result = run(query, "meetings", "--between", "Lavrov", "Blinken", "--graph", graph_file)
    assert result.exit_code == 0 and result.output == "No meeting matches these filters.\n"


def test_query_prints_markup_in_names_literally(run, tmp_path):
    g = build_graph([record("d", [meeting("2024-01-01", ("Ana [bold]Ruiz[/bold]", "ESP"),
                                          ("Li Wei", "CHN"), topics=("[red]Trade",))])])
    path = write_graphml(g, tmp_path / "g.graphml")
    result = run(query, "who-met", "Li Wei", "--graph", path)
    assert result.exit_code == 0
    assert "[bold]Ruiz[/bold]" in result.output and "[red]Trade" in result.output


@pytest.mark.parametrize("fmt, reader", [
    ("graphml", lambda p: nx.read_graphml(p).number_of_nodes()),
    ("gexf", lambda p: nx.read_gexf(p).number_of_nodes()),
    ("json", lambda p: len(json.loads(p.read_text())["nodes"])),
    ("csv", lambda p: len((p / "nodes.csv").read_text().splitlines()) - 1),
    ("neo4j", lambda p: sum(len(f.read_text().splitlines()) - 1 for f in p.glob("nodes_*.csv"))),
])
def test_export_command_writes_each_format(run, graph_file, tmp_path, sample_graph, fmt, reader):
    out = tmp_path / f"export-{fmt}"
    result = run(export, "--graph", graph_file, "--format", fmt, "--out", out)
    assert result.exit_code == 0 and result.output == f"Wrote {out}\n"
    assert reader(out) == sample_graph.number_of_nodes()


def test_export_command_unknown_format(run, graph_file, tmp_path):
    result = run(export, "--graph", graph_file, "--format", "pdf", "--out", tmp_path / "x")
    assert result.exit_code == 2 and "graphml" in result.output


def test_every_command_has_help_with_example():
    commands = [export, query, *query.commands.values()]
    for cmd in commands:
        assert cmd.help and "Example" in cmd.help, cmd.name


def test_query_through_the_diplograph_command(graph_file):
    done = subprocess.run(
        [sys.executable, "-m", "diplograph_cli", "query", "who-met", "Kamikawa", "--graph",
         graph_file, "--json"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["name"] == "Antony Blinken"


@pytest.mark.parametrize(
    "args, lines",
    [
        (["who-met", "Blinken", "--csv"],
         ["Counterpart,Title,Country,Meetings,First,Last,Topics"]),
        (["who-met", "Blinken", "--csv", "--limit", "1"],
         ["Counterpart,Title,Country,Meetings,First,Last,Topics", "Yoko Kamikawa,"]),
        (["meetings", "--kind", "call", "--csv"], ["Date,Kind,Place,Participants,Topics,Sources", "2024-02-16,call,"]),
    ],
)
def test_query_csv_prints_a_header_then_rows(run, graph_file, args, lines):
    result = run(query, *args, "--graph", graph_file)
    assert result.exit_code == 0, result.output
    out = result.output.splitlines()
    for want, got in zip(lines, out):
        assert got.startswith(want)
    if "--limit" in args:
        assert len(out) == 2


def test_query_limit_cuts_tables_and_json(run, graph_file, sample_graph):
    full = who_met(sample_graph, "Blinken")
    assert len(full) > 2
    result = run(query, "who-met", "Blinken", "--json", "--limit", "2", "--graph", graph_file)
    assert json.loads(result.output) == full[:2]
    table = run(query, "who-met", "Blinken", "--limit", "1", "--graph", graph_file).output
    assert full[0]["name"] in table and full[1]["name"] not in table


def test_query_json_and_csv_together_is_refused(run, graph_file):
    result = run(query, "top", "--json", "--csv", "--graph", graph_file)
    assert result.exit_code == 2 and "pick one" in result.output


@pytest.mark.parametrize(
    "since, until, dates",
    [
        ("2024-04", "2024-04", ["2024-04-18"]),           # a month, from its first day to its last
        ("2024", None, ["2024-01-12", "2024-04-18", "2024-07-28"]),
        (None, "2024-01", ["2024-01-12"]),
        ("2025", None, []),
    ],
)
def test_query_meetings_take_years_and_months(run, graph_file, since, until, dates):
    args = ["meetings", "--between", "Kamikawa", "Blinken", "--json", "--graph", graph_file]
    args += ["--since", since] if since else []
    args += ["--until", until] if until else []
    result = run(query, *args)
    assert result.exit_code == 0, result.output
    assert [m["date"] for m in json.loads(result.output)] == dates
