"""An incremental build as a user sees it: what is rewritten, what is skipped, where queries read the graph.

The graph's equality with a full build is tested in tests/graph/test_incremental.py; here
the outputs on disk and the command line.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from graph.corpus import build_corpus
from tests.test_corpus import report, write_corpus

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diplograph_cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


@pytest.fixture()
def built(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(4))
    out = tmp_path / "out"
    build_corpus([corpus], out, view=False)
    return corpus, out


def stamps(out: Path) -> dict:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.suffix in (".graphml", ".jsonl", ".state")}


def test_build_with_nothing_new_rewrites_no_output(built):
    corpus, out = built
    before = stamps(out)
    summary = build_corpus([corpus], out, view=False)
    assert stamps(out) == before
    assert summary.timings["graphml"] is None and summary.timings["records.jsonl"] is None
    assert "graphml unchanged" in "\n".join(summary.lines())
    assert not summary.graph_update.changed


def test_build_rewrites_an_output_that_is_not_the_one_it_wrote(built):
    corpus, out = built
    (out / "graph.graphml").write_text("<graphml/>", encoding="utf-8")
    build_corpus([corpus], out, view=False)
    assert "person:" in (out / "graph.graphml").read_text(encoding="utf-8")


def test_build_does_not_parse_an_unchanged_file_again(built, monkeypatch):
    import extract.sources

    corpus, out = built
    (corpus / "r009.txt").write_text(report(9), encoding="utf-8")
    read = []
    original = extract.sources.read_source
    monkeypatch.setattr(extract.sources, "read_source", lambda path, *a, **k: read.append(path.name) or
                        original(path, *a, **k))
    summary = build_corpus([corpus], out, view=False)
    assert read == ["r009.txt"]
    assert (summary.new, summary.unchanged, summary.extracted) == (1, 4, 1)
    assert summary.graph_update.added == 1


def test_build_summary_says_what_each_step_took(built):
    corpus, out = built
    (corpus / "r001.txt").unlink()
    summary = build_corpus([corpus], out, view=False)
    lines = "\n".join(summary.lines())
    assert "steps: read " in lines and "graphml " in lines
    assert "graph update: 0 documents in, 1 out" in lines


def test_cli_query_reads_the_state_and_falls_back_to_graphml(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(3))
    out = tmp_path / "out"
    assert cli("build", corpus, "--out", out, "--no-view", "-q").returncode == 0
    graphml = out / "graph.graphml"
    name = "Ana Ruiz"
    first = cli("query", "who-met", name, "--graph", graphml, "--json")
    assert first.returncode == 0, first.stderr
    # without the state the GraphML is parsed: same answer
    (out / "graph.state").rename(tmp_path / "kept.state")
    second = cli("query", "who-met", name, "--graph", graphml, "--json")
    assert second.returncode == 0 and json.loads(second.stdout) == json.loads(first.stdout)
    # a GraphML the build did not write is read, not the state beside it
    (tmp_path / "kept.state").rename(out / "graph.state")
    graphml.write_text(graphml.read_text(encoding="utf-8").replace("Ana Ruiz", "Ana Ruiz-Otra"), encoding="utf-8")
    third = cli("query", "who-met", "Ruiz-Otra", "--graph", graphml, "--json")
    assert third.returncode == 0, third.stderr


def test_cli_build_no_graphml_removes_a_stale_graphml_and_queries_still_answer(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(3))
    out = tmp_path / "out"
    assert cli("build", corpus, "--out", out, "--no-view", "-q").returncode == 0
    (corpus / "r005.txt").write_text(report(5), encoding="utf-8")
    proc = cli("build", corpus, "--out", out, "--no-view", "--no-graphml", "-q")
    assert proc.returncode == 0, proc.stderr
    assert "removed (out of date; --no-graphml)" in proc.stdout
    assert not (out / "graph.graphml").exists()
    asked = cli("query", "meetings", "--graph", out / "graph.graphml", "--csv")
    assert asked.returncode == 0, asked.stderr
    assert len(asked.stdout.strip().splitlines()) == 1 + 4  # header and four meetings
    exported = cli("export", "--graph", out / "graph.graphml", "--format", "graphml", "--out", out / "graph.graphml")
    assert exported.returncode == 0, exported.stderr
    assert (out / "graph.graphml").is_file()


def test_build_with_a_damaged_state_builds_in_full_and_says_so(built, tmp_path):
    corpus, out = built
    (out / "graph.state").write_bytes(b"garbage")
    summary = build_corpus([corpus], out, view=False)
    assert "graph.state could not be used" in summary.warnings[0]
    build_corpus([corpus], tmp_path / "fresh", view=False)
    assert (out / "graph.graphml").read_bytes() == (tmp_path / "fresh" / "graph.graphml").read_bytes()
    assert build_corpus([corpus], out, view=False).warnings[:1] != summary.warnings[:1]  # replaced: used again
