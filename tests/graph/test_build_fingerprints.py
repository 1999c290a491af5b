"""The graph the builder makes stays the same, byte for byte, on fixed corpora.

`tools/graph_fingerprints.py` recorded, with the builder before its speed and memory work
(issue 15), the SHA-256 of the GraphML written from each corpus (in insertion order and
sorted), of the warnings, and of the incremental state's full build. Any change that is meant
to keep the graph must keep these; a change of the graph's rules regenerates the file with
``python tools/graph_fingerprints.py --write`` and says so in its commit.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import tempfile
from pathlib import Path

import pytest

from graph.build import build_graph
from graph.export import write_graphml

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("graph_fingerprints", ROOT / "tools" / "graph_fingerprints.py")
fingerprints = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fingerprints)

EXPECTED = json.loads((ROOT / "tests" / "graph" / "build_fingerprints.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", [n for n in fingerprints.CORPORA if n != "history"])
def test_build_fingerprints_unchanged(name):
    assert fingerprints.fingerprint(name) == EXPECTED[name]


def test_build_fingerprints_unchanged_on_the_historical_corpus(shared_corpora, monkeypatch):
    monkeypatch.setattr(fingerprints, "HISTORY", shared_corpora / "historyatstate")
    assert fingerprints.fingerprint("history") == EXPECTED["history"]


def test_build_fingerprints_notice_a_changed_graph():
    """The check has teeth: one attribute changed in one record changes the fingerprint."""
    records, _ = fingerprints.corpus("samples")
    records[0]["meetings"][0]["participants"][0]["title"] = "Deputy Secretary of State"
    with tempfile.TemporaryDirectory() as tmp:
        path = write_graphml(build_graph(records, warnings=[]), Path(tmp) / "g.graphml")
        assert hashlib.sha256(path.read_bytes()).hexdigest() != EXPECTED["samples"]["inserted"]
