"""Tests of the ``diplograph view`` command through click's CliRunner."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from graph.cli_view import view


def _run(*args):
    return CliRunner().invoke(view, list(args))


def _data(path):
    page = path.read_text(encoding="utf-8")
    return json.loads(re.search(r'id="view-data">(.*?)</script>', page, re.S).group(1))


@pytest.mark.parametrize(
    "args, nodes",
    [
        ([], 35),
        (["--people"], 7),
        (["--people", "--focus", "Blinken", "--radius", "1"], 6),
        (["--focus", "Taiwan Strait", "--radius", "0"], 1),
        (["--focus", "Taiwan Strait", "--radius", "1"], 13),  # its meetings, and who, where, what else
        (["--kind", "call", "--people"], 2),
    ],
)
def test_view_writes_the_page(graph_file, tmp_path, args, nodes):
    out = tmp_path / "v.html"
    result = _run("--graph", graph_file, "--out", str(out), *args)
    assert result.exit_code == 0, result.output
    data = _data(out)
    assert len(data["nodes"]) == nodes
    assert result.output == f"Wrote {out}: {nodes:,} nodes, {len(data['edges']):,} edges.\n"


def test_view_prints_the_note_when_nodes_are_left_out(graph_file, tmp_path):
    out = tmp_path / "v.html"
    result = _run("--graph", graph_file, "--out", str(out), "--max-nodes", "10")
    assert result.exit_code == 0
    assert result.output.splitlines()[1].startswith("Note: Showing 10 of 35 nodes (people and meetings first")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--graph", "missing.graphml"], "diplograph build"),
        (["--focus", "Blinkin"], "Antony Blinken"),
        (["--since", "yesterday"], "2024-01-12"),
        (["--topic", "Mars"], "No topic 'Mars'"),
        (["--kind", "visit"], "in_person"),
    ],
)
def test_view_errors_say_what_to_do(graph_file, tmp_path, args, message):
    base = ["--graph", graph_file, "--out", str(tmp_path / "v.html")]
    result = _run(*base, *args)
    assert result.exit_code != 0
    assert message in result.output
    assert not (tmp_path / "v.html").exists()


def test_view_has_help_with_an_example():
    result = _run("--help")
    assert result.exit_code == 0 and "diplograph view --graph" in result.output


@pytest.mark.parametrize(
    "make, says",
    [("nx.path_graph(4)", "This graph was not written by diplograph"),
     ("nx.MultiDiGraph()", "The graph is empty")],
)
def test_view_of_a_foreign_or_empty_graph_says_what_happened(tmp_path, make, says):
    import subprocess
    import sys
    from pathlib import Path

    import networkx as nx

    nx.write_graphml(eval(make, {"nx": nx}), tmp_path / "g.graphml")
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-m", "diplograph_cli", "view", "--graph",
                           str(tmp_path / "g.graphml"), "--out", str(tmp_path / "v.html")],
                          cwd=root, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert proc.stdout.splitlines()[0] == f"Wrote {tmp_path / 'v.html'}: 0 nodes, 0 edges."
    assert says in proc.stdout and "diplograph build" in proc.stdout
    assert says in _data(tmp_path / "v.html")["note"]
