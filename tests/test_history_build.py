"""The Office of the Historian corpus built end to end, as a user would: thousands of real meetings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diplograph_cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=900)


@pytest.fixture(scope="module")
def history_graph(shared_corpora, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("history")
    proc = cli("build", str(shared_corpora / "historyatstate"), "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out / "graph.graphml"


def test_history_build_has_thousands_of_meetings(history_graph):
    g = nx.read_graphml(history_graph)
    types = [d.get("type") for _, d in g.nodes(data=True)]
    assert types.count("meeting") > 5000
    assert types.count("person") > 2000
    assert types.count("document") > 7000


def test_history_who_met_returns_real_counterparts(history_graph):
    proc = cli("query", "who-met", "Angela Merkel", "--graph", str(history_graph), "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    names = [r.get("name") or r.get("counterpart") for r in rows]
    assert "Barack Obama" in names[:3] and "George W. Bush" in names[:3]


def test_history_one_person_under_every_spelling(history_graph):
    g = nx.read_graphml(history_graph)
    labels = [d.get("label") for _, d in g.nodes(data=True) if d.get("type") == "person"]
    assert labels.count("Angela Merkel") == 1
    assert "Abdullah Ii" not in labels and "Abdullah II" in labels


def test_history_path_between_two_leaders(history_graph):
    proc = cli("query", "path", "Angela Merkel", "Shinzo Abe", "--graph", str(history_graph), "--json")
    assert proc.returncode == 0, proc.stderr
    hops = json.loads(proc.stdout)
    assert 1 <= len(hops) <= 3
