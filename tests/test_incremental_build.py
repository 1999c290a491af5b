"""An incremental build as a user sees it: what is rewritten, what is skipped, where queries read the graph.

The graph's equality with a full build is tested in tests/graph/test_incremental.py; here the
outputs on disk, the build summary and the command line (as a subprocess).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
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


def canonical(g: nx.MultiDiGraph) -> tuple:
    """Nodes and edges with every attribute, in a stable order."""
    return (sorted((n, sorted(d.items())) for n, d in g.nodes(data=True)),
            sorted((u, v, k, sorted(d.items())) for u, v, k, d in g.edges(keys=True, data=True)))


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


def test_build_does_not_read_an_unchanged_file_again(built, monkeypatch):
    import extract.sources

    corpus, out = built
    (corpus / "r009.txt").write_text(report(9), encoding="utf-8")
    read = []
    original = extract.sources.read_path
    monkeypatch.setattr(extract.sources, "read_path", lambda path, *a, **k: read.append(Path(path).name) or
                        original(path, *a, **k))
    summary = build_corpus([corpus], out, view=False)
    assert read == ["r009.txt"]
    assert (summary.new, summary.unchanged, summary.extracted) == (1, 4, 1)
    assert summary.graph_update.added == 1 and not summary.graph_update.full


def test_build_reads_a_changed_file_and_drops_a_removed_one(built):
    corpus, out = built
    (corpus / "r002.txt").write_text(report(2, extra=" They also met Foreign Minister Omar Farouk."), encoding="utf-8")
    (corpus / "r001.txt").unlink()
    summary = build_corpus([corpus], out, view=False)
    assert (summary.changed, summary.removed) == (1, 1)
    assert summary.graph_update.added == 1 and summary.graph_update.removed == 2
    fresh = out.parent / "fresh"
    build_corpus([corpus], fresh, view=False)
    assert (out / "graph.graphml").read_bytes() == (fresh / "graph.graphml").read_bytes()
    assert (out / "records.jsonl").read_bytes() == (fresh / "records.jsonl").read_bytes()


@pytest.mark.parametrize("names", [("r900.txt", "r901.txt"), ("a000.txt", "r0015.txt")],
                         ids=["after-the-others", "among-them"])
def test_build_of_new_documents_patches_the_records_file(built, monkeypatch, names):
    """New reports get their lines put into records.jsonl among the old ones, which are copied as
    bytes, not read from the store again; the file is the one a fresh build writes, byte for byte."""
    from graph.store import RecordStore

    corpus, out = built
    whole = []
    real = RecordStore.iter_record_lines
    monkeypatch.setattr(RecordStore, "iter_record_lines", lambda self, *a, **k: whole.append(1) or real(self, *a, **k))
    for i, name in enumerate(names):  # twice in a row: the build before wrote the file each time
        (corpus / name).write_text(report(9 + i), encoding="utf-8")
        build_corpus([corpus], out, view=False)
        assert not whole
        fresh = out.parent / f"fresh{i}"
        monkeypatch.undo()
        build_corpus([corpus], fresh, view=False)
        monkeypatch.setattr(RecordStore, "iter_record_lines",
                            lambda self, *a, **k: whole.append(1) or real(self, *a, **k))
        assert (out / "records.jsonl").read_bytes() == (fresh / "records.jsonl").read_bytes()


def test_build_removing_a_document_rewrites_the_records_file(built, monkeypatch):
    """A build that removed a document writes every line of records.jsonl from the store."""
    from graph.store import RecordStore

    corpus, out = built
    whole = []
    real = RecordStore.iter_record_lines
    monkeypatch.setattr(RecordStore, "iter_record_lines", lambda self, *a, **k: whole.append(1) or real(self, *a, **k))
    (corpus / "r001.txt").unlink()
    build_corpus([corpus], out, view=False)
    assert whole
    assert len((out / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_build_after_an_unfinished_one_rewrites_the_records_file(built, monkeypatch):
    """records.jsonl grows only from the lines of the last finished build: after a build that
    wrote its outputs but did not finish, the next one writes every line."""
    from graph.store import RecordStore

    corpus, out = built
    (corpus / "r900.txt").write_text(report(9), encoding="utf-8")
    monkeypatch.setattr(RecordStore, "finish_build", lambda self, build_id: None)
    build_corpus([corpus], out, view=False)  # its outputs and cache written, the build never marked finished
    monkeypatch.undo()
    (corpus / "r901.txt").write_text(report(11), encoding="utf-8")
    build_corpus([corpus], out, view=False)
    fresh = out.parent / "fresh"
    build_corpus([corpus], fresh, view=False)
    assert (out / "records.jsonl").read_bytes() == (fresh / "records.jsonl").read_bytes()


def test_build_summary_says_what_each_step_took(built):
    corpus, out = built
    (corpus / "r001.txt").unlink()
    summary = build_corpus([corpus], out, view=False)
    lines = "\n".join(summary.lines())
    assert "steps: setup " in lines and "read " in lines and "graph " in lines and "graphml " in lines
    assert "view skipped" in lines
    assert "graph update: 0 documents in, 1 out" in lines
    assert all(isinstance(t, float) for k, t in summary.timings.items() if k in ("read", "graph", "graphml"))


def test_cli_query_reads_the_cache_and_falls_back_to_graphml(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(3))
    out = tmp_path / "out"
    assert cli("build", corpus, "--out", out, "--no-view", "-q").returncode == 0
    graphml = out / "graph.graphml"
    first = cli("query", "who-met", "Ana Ruiz", "--graph", graphml, "--json")
    assert first.returncode == 0, first.stderr
    # without the cache the GraphML is parsed: same answer
    (out / "graph.state").rename(tmp_path / "kept.state")
    second = cli("query", "who-met", "Ana Ruiz", "--graph", graphml, "--json")
    assert second.returncode == 0 and json.loads(second.stdout) == json.loads(first.stdout)
    # a GraphML changed after the build is read, never the cache beside it
    (tmp_path / "kept.state").rename(out / "graph.state")
    graphml.write_text(graphml.read_text(encoding="utf-8").replace("Ana Ruiz", "Ana Ruiz-Otra"), encoding="utf-8")
    third = cli("query", "who-met", "Ruiz-Otra", "--graph", graphml, "--json")
    assert third.returncode == 0, third.stderr
    assert "Ana Ruiz-Otra of Peru" in third.stdout and "Ana Ruiz-Otra" not in first.stdout


def test_load_uses_the_cache_only_when_it_matches_the_graphml(built, monkeypatch):
    from graph import MeetingGraph
    import graph.model

    corpus, out = built
    parsed = []
    original = graph.model.read_graphml
    monkeypatch.setattr(graph.model, "read_graphml", lambda p: parsed.append(p) or original(p))
    cached = MeetingGraph.load(out / "graph.graphml")
    assert parsed == []
    (out / "graph.graphml").touch()  # same bytes, new time: the cache no longer vouches for it
    reread = MeetingGraph.load(out / "graph.graphml")
    assert len(parsed) == 1
    assert canonical(cached.nx) == canonical(reread.nx)


def test_cli_build_no_graphml_defers_the_graphml(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", range(3))
    out = tmp_path / "out"
    assert cli("build", corpus, "--out", out, "--no-view", "-q").returncode == 0
    old = (out / "graph.graphml").read_bytes()
    (corpus / "r005.txt").write_text(report(5), encoding="utf-8")
    proc = cli("build", corpus, "--out", out, "--no-view", "--no-graphml", "-q")
    assert proc.returncode == 0, proc.stderr
    assert "left as it was (out of date; written by the next build without --no-graphml)" in proc.stdout
    assert (out / "graph.graphml").read_bytes() == old
    asked = cli("query", "meetings", "--graph", out / "graph.graphml", "--csv")  # the cache has the new graph
    assert asked.returncode == 0, asked.stderr
    assert len(asked.stdout.strip().splitlines()) == 1 + 4  # header and four meetings
    again = cli("build", corpus, "--out", out, "--no-view", "-q")  # nothing new, but the GraphML is out of date
    assert again.returncode == 0, again.stderr
    assert "graphml unchanged" not in again.stdout
    assert len([n for n, d in nx.read_graphml(out / "graph.graphml").nodes(data=True)
                if d.get("type") == "meeting"]) == 4


def test_build_with_a_damaged_cache_builds_in_full_and_says_so(built, tmp_path):
    corpus, out = built
    (out / "graph.state").write_bytes(b"garbage")
    summary = build_corpus([corpus], out, view=False)
    assert "graph.state could not be used" in summary.warnings[0]
    build_corpus([corpus], tmp_path / "fresh", view=False)
    assert (out / "graph.graphml").read_bytes() == (tmp_path / "fresh" / "graph.graphml").read_bytes()
    assert build_corpus([corpus], out, view=False).warnings[:1] != summary.warnings[:1]  # replaced: used again


def test_build_with_other_corrections_builds_in_full(built, tmp_path):
    corpus, out = built
    fixes = tmp_path / "fixes.csv"
    fixes.write_text("name_a,name_b,relation\nAna Ruiz,Lena Berg,same\n", encoding="utf-8")
    summary = build_corpus([corpus], out, view=False, corrections=fixes)
    assert summary.graph_update.full
    fresh = build_corpus([corpus], tmp_path / "fresh", view=False, corrections=fixes)
    assert fresh.officials == summary.officials
    assert (out / "graph.graphml").read_bytes() == (tmp_path / "fresh" / "graph.graphml").read_bytes()


def test_query_errors_name_the_file_and_the_fix(tmp_path):
    missing = cli("query", "top", "--graph", tmp_path / "none.graphml")
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert "none.graphml" in missing.stderr and "diplograph build" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    bad = tmp_path / "bad.graphml"
    bad.write_text("not xml", encoding="utf-8")
    broken = cli("query", "top", "--graph", bad)
    assert broken.returncode == 1 and "Traceback" not in broken.stderr and "bad.graphml" in broken.stderr


def test_build_rewrites_the_records_when_only_duplicates_leave(tmp_path):
    """Copies of one report are one document in the graph but one record each in records.jsonl."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"copy{i}.txt").write_text(report(1), encoding="utf-8")
    out = tmp_path / "out"
    build_corpus([corpus], out, view=False)
    assert len((out / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 3
    for i in (1, 2):
        (corpus / f"copy{i}.txt").unlink()
    again = build_corpus([corpus], out, view=False)
    assert not again.graph_update.changed and again.warnings == []
    assert len((out / "records.jsonl").read_text(encoding="utf-8").splitlines()) == 1


def test_build_reuses_the_alias_table_only_for_the_same_actor_files_and_code(tmp_path):
    """The stored alias table is reused when its key (a hash of the actor files and the code reading them)
    is today's, whatever the extractor version; an edited actor file gives another key and a fresh table."""
    from extract.actors import alias_table_key
    from graph.corpus import _aliases

    table, key = _aliases((), None)
    assert key == alias_table_key() and "Anita Ruizova" not in table
    assert _aliases((), {"aliases_key": key, "aliases": {"Stored": "Table"}}) == ({"Stored": "Table"}, key)
    assert _aliases((), {"aliases_key": "other", "aliases": {"Stored": "Table"}, "extractor": "same"}) == (table, key)
    mine = tmp_path / "actors.csv"
    mine.write_text("name,aliases,country,title,from,to\nAna Ruizova,Anita Ruizova,CHL,Foreign Minister,2021,2025\n",
                    encoding="utf-8")
    table2, key2 = _aliases((str(mine),), {"aliases_key": key, "aliases": {"Stored": "Table"}})
    assert key2 != key and table2.get("Anita Ruizova") == "Ana Ruizova"
    mine.write_text(mine.read_text(encoding="utf-8").replace("Anita", "Anite"), encoding="utf-8")  # same size
    assert alias_table_key([str(mine)]) != key2


def test_build_whose_cache_save_fails_keeps_the_last_cache_and_says_why(built, monkeypatch):
    """A cache that cannot be written (a full disk) fails the build with a message naming the file;
    the last cache stays, and the next build goes on from it."""
    import sqlite3

    from graph import state_file

    corpus, out = built
    before = (out / "graph.state").read_bytes()
    write_corpus(corpus, range(4, 6))

    def full_disk(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(state_file, "_write_changes", full_disk)
    from graph.errors import GraphFileError

    with pytest.raises(GraphFileError, match="graph.state.*disk is full.*previous cache is unchanged"):
        build_corpus([corpus], out, view=False)
    assert (out / "graph.state").read_bytes() == before
    monkeypatch.undo()
    summary = build_corpus([corpus], out, view=False)
    assert not summary.graph_update.full and summary.graph_update.added == 2
    fresh = tmp_path_fresh = out.parent / "fresh"
    build_corpus([corpus], tmp_path_fresh, view=False)
    assert (out / "graph.graphml").read_bytes() == (fresh / "graph.graphml").read_bytes()


def test_build_reading_plan_takes_the_files_the_reader_takes(tmp_path):
    """The plan that skips unchanged files lists a folder's reports by the reader's own rule: hidden files,
    gold files, unknown suffixes and excluded folders are left out by both, in the same order."""
    from extract import Document, iter_sources
    from graph.corpus import _reading_plan

    corpus = write_corpus(tmp_path / "corpus", range(3))
    (corpus / "sub").mkdir()
    (corpus / "sub" / "r9.md").write_text(report(9), encoding="utf-8")
    for name in (".hidden.txt", "x.gold.json", "picture.png", "notes.TXT"):
        (corpus / name).write_text(report(5), encoding="utf-8")
    (corpus / "out").mkdir()
    (corpus / "out" / "records.jsonl").write_text("{}\n", encoding="utf-8")
    exclude = [corpus / "out"]
    plan = [target for target, digest in _reading_plan([str(corpus)], exclude, 10**7, False) if digest]
    read = [d.source for d in iter_sources([corpus], exclude=exclude) if isinstance(d, Document)]
    assert [Path(p).name for p in plan] == ["notes.TXT", "r000.txt", "r001.txt", "r002.txt", "r9.md"]
    assert [Path(p).name for p in plan] == [Path(s).name for s in read]
    (corpus / "report.pdf").write_bytes(b"%PDF-1.4")  # the reader reports it: the folder is read as one target
    assert list(_reading_plan([str(corpus)], exclude, 10**7, False)) == [(str(corpus), "")]
