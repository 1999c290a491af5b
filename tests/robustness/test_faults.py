"""Faults while writing outputs: failed writes, a full disk, a read-only folder, a failed build.

What issue 7 adds to tests/test_corpus.py (which already kills a build with SIGKILL mid-
extraction and checks the previous outputs and the resumed build): writes that fail part-way
(an exception after part of the file is out, ENOSPC, EACCES) leave the earlier file as it
was, no temporary file behind, and an error naming the file; a build whose writing phase
fails leaves the previous outputs as a consistent set, and the next build equals a fresh one.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import networkx as nx
import pytest
from robust_inputs import GOOD_1, GOOD_2, runs_as_root

import graph.export as export
from graph.build import build_graph
from graph.corpus import build_corpus, write_records
from graph.errors import GraphFileError
from graph.synthetic import sample_records

OUTPUTS = ("records.jsonl", "graph.graphml")


def _partial_then(exc: BaseException):
    """A stand-in for the GraphML writer: writes half a file, then raises `exc`."""

    def write(graph, path, *args, **kwargs):
        Path(path).write_text('<?xml version="1.0"?>\n<graphml><graph><node id="half')
        raise exc

    return write


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or p.suffix == ".tmp")


@pytest.fixture
def old_graph(tmp_path):
    path = export.write_graphml(build_graph(sample_records()), tmp_path / "graph.graphml")
    return path, path.read_bytes()


@pytest.mark.parametrize("exc, error, words", [
    (RuntimeError("writer bug"), RuntimeError, "writer bug"),
    (OSError(errno.ENOSPC, "No space left on device"), GraphFileError, "No space left on device"),
    (OSError(errno.EDQUOT, "Disk quota exceeded"), GraphFileError, "Disk quota exceeded"),
], ids=["crash", "disk-full", "quota"])
def test_write_graphml_failing_part_way_keeps_the_old_file(old_graph, monkeypatch, exc, error, words):
    path, before = old_graph
    monkeypatch.setattr(export, "_stream_graphml", _partial_then(exc))
    with pytest.raises(error) as info:
        export.write_graphml(nx.MultiDiGraph([("a", "b")]), path)
    assert words in str(info.value)
    if error is GraphFileError:
        assert str(path) in str(info.value) and "earlier file there is unchanged" in str(info.value)
    assert path.read_bytes() == before
    assert _leftovers(path.parent) == []


def test_write_records_disk_full_keeps_the_old_file(tmp_path):
    path = write_records([{"doc_id": "old"}], tmp_path / "records.jsonl")
    before = path.read_bytes()

    def records():
        yield {"doc_id": "new-1"}
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(GraphFileError, match="No space left on device"):
        write_records(records(), path)
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_write_into_a_folder_that_refuses_files_says_so(tmp_path, monkeypatch):
    """EACCES when the temporary file is created (what a read-only folder gives a normal user)."""

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(export.tempfile, "mkstemp", refuse)
    with pytest.raises(GraphFileError) as info:
        export.write_graphml(nx.MultiDiGraph([("a", "b")]), tmp_path / "g.graphml")
    assert "Permission denied" in str(info.value) and "Check the folder exists and is writable" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_write_into_a_read_only_folder(tmp_path):
    """chmod 555: a clear error for a normal user; root (CI) may write anyway, and the write is whole."""
    folder = tmp_path / "ro"
    folder.mkdir()
    os.chmod(folder, 0o555)
    try:
        if runs_as_root():
            path = export.write_graphml(nx.MultiDiGraph([("a", "b")]), folder / "g.graphml")
            assert sorted(export.read_graphml(path).nodes) == ["a", "b"]
        else:
            with pytest.raises(GraphFileError, match="writable"):
                export.write_graphml(nx.MultiDiGraph([("a", "b")]), folder / "g.graphml")
            assert list(folder.iterdir()) == []
    finally:
        os.chmod(folder, 0o755)


def _corpus(folder: Path, texts: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"r{i}.txt").write_text(text)
    return folder


def test_build_failing_while_writing_leaves_the_previous_outputs(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "corpus", [GOOD_1])
    out = tmp_path / "out"
    build_corpus([corpus], out, view=False)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}
    _corpus(corpus, [GOOD_1, GOOD_2])
    monkeypatch.setattr(export, "_stream_graphml", _partial_then(OSError(errno.ENOSPC, "No space left on device")))
    with pytest.raises(GraphFileError, match="No space left on device"):
        build_corpus([corpus], out, view=False)
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before


def test_build_after_a_failed_write_equals_a_fresh_build(tmp_path, monkeypatch):
    corpus = _corpus(tmp_path / "corpus", [GOOD_1])
    out = tmp_path / "out"
    build_corpus([corpus], out, view=False)
    _corpus(corpus, [GOOD_1, GOOD_2])
    with monkeypatch.context() as m:
        m.setattr(export, "_stream_graphml", _partial_then(OSError(errno.ENOSPC, "No space left on device")))
        with pytest.raises(GraphFileError):
            build_corpus([corpus], out, view=False)
    assert _leftovers(out) == []
    again = build_corpus([corpus], out, view=False)
    assert (again.new, again.unchanged, again.extracted) == (1, 1, 0)  # the failed build's extraction was kept
    build_corpus([corpus], tmp_path / "fresh", view=False)
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name


def test_outputs_are_written_with_the_usual_permissions(tmp_path):
    path = export.write_graphml(nx.MultiDiGraph([("a", "b")]), tmp_path / "g.graphml")
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
